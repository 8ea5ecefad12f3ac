//! RFC 1350's netascii, as tftpd-hpa translates it on Unix: on the wire every
//! line ends with CR LF and a bare CR is CR NUL; in the file a line ends with
//! LF. [`Encode`] reads a file as netascii, [`Decode`] writes netascii into a
//! file. Both keep their state across blocks, so a CR at the end of one block
//! and its LF at the start of the next are one line end.

use std::io::{self, Read, Write};

/// Reads `inner` as netascii: LF becomes CR LF, CR becomes CR NUL.
pub struct Encode<R> {
    inner: R,
    raw: Vec<u8>,
    at: usize,
    /// The second byte of a translated pair that did not fit the last read.
    pending: Option<u8>,
}

impl<R: Read> Encode<R> {
    pub fn new(inner: R) -> Encode<R> {
        Encode {
            inner,
            raw: Vec::new(),
            at: 0,
            pending: None,
        }
    }
}

impl<R: Read> Read for Encode<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let mut n = 0;
        while n < out.len() {
            if let Some(b) = self.pending.take() {
                out[n] = b;
                n += 1;
                continue;
            }
            if self.at == self.raw.len() {
                if n > 0 {
                    break;
                }
                self.raw.resize(4096, 0);
                let got = self.inner.read(&mut self.raw)?;
                self.raw.truncate(got);
                self.at = 0;
                if got == 0 {
                    break;
                }
            }
            let b = self.raw[self.at];
            self.at += 1;
            let (first, second) = match b {
                b'\n' => (b'\r', Some(b'\n')),
                b'\r' => (b'\r', Some(0)),
                other => (other, None),
            };
            out[n] = first;
            n += 1;
            self.pending = second;
        }
        Ok(n)
    }
}

/// Writes netascii into `inner` as the file's bytes: CR LF becomes LF, CR NUL
/// becomes CR, and a CR before any other byte stays as it is.
pub struct Decode<W> {
    inner: W,
    /// The last byte written was a CR, not yet translated.
    cr: bool,
}

impl<W: Write> Decode<W> {
    pub fn new(inner: W) -> Decode<W> {
        Decode { inner, cr: false }
    }

    /// Writes a CR left at the end, and gives back the file.
    pub fn finish(mut self) -> io::Result<W> {
        if self.cr {
            self.inner.write_all(b"\r")?;
        }
        Ok(self.inner)
    }
}

impl<W: Write> Write for Decode<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut out = Vec::with_capacity(buf.len() + 1);
        for &b in buf {
            if std::mem::take(&mut self.cr) {
                match b {
                    b'\n' => {
                        out.push(b'\n');
                        continue;
                    }
                    0 => {
                        out.push(b'\r');
                        continue;
                    }
                    _ => out.push(b'\r'),
                }
            }
            if b == b'\r' {
                self.cr = true;
            } else {
                out.push(b);
            }
        }
        self.inner.write_all(&out)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bytes tftpd-hpa 5.2 sends for, and stores from, the same input.
    #[test]
    fn as_tftpd_hpa_translates() {
        let mut wire = Vec::new();
        Encode::new(&b"a\nb\r\nc\rd\n"[..])
            .read_to_end(&mut wire)
            .unwrap();
        assert_eq!(wire, b"a\r\nb\r\0\r\nc\r\0d\r\n");
        let mut file = Decode::new(Vec::new());
        file.write_all(b"a\r\nb\r\0c\r\nd\rx\ny").unwrap();
        assert_eq!(file.finish().unwrap(), b"a\nb\rc\nd\rx\ny");
    }

    #[test]
    fn pairs_cut_by_reads_and_writes() {
        let text = b"\r\n\r\r\n\n\rx\r";
        let mut wire = Vec::new();
        let mut encode = Encode::new(&text[..]);
        let mut one = [0u8; 1];
        while encode.read(&mut one).unwrap() == 1 {
            wire.push(one[0]);
        }
        let mut whole = Vec::new();
        Encode::new(&text[..]).read_to_end(&mut whole).unwrap();
        assert_eq!(wire, whole);
        let mut file = Decode::new(Vec::new());
        for b in &wire {
            file.write_all(std::slice::from_ref(b)).unwrap();
        }
        assert_eq!(file.finish().unwrap(), text);
    }
}
