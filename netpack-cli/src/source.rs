//! Where the data comes from: a file (whose length is known, so it can be seeked),
//! standard input or a pipe (read once, front to back), or a hex string.

use crate::fail::{arg_bytes, Failure};
use crate::literal;
use std::ffi::OsStr;
use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::path::Path;

/// An opened input.
pub struct Source {
    /// How the input is named in messages: the path, `stdin` or `--hex`.
    pub name: String,
    /// The bytes, front to back.
    pub reader: Box<dyn Read>,
    /// The length, when the input is a regular file or a hex string.
    pub len: Option<u64>,
    /// The file again, when it can seek.
    file: Option<File>,
}

impl Source {
    /// Opens `path`; `-` (or none) is standard input.
    pub fn open(path: Option<&Path>) -> Result<Source, Failure> {
        let path = match path {
            Some(p) if p != Path::new("-") => p,
            _ => {
                return Ok(Source {
                    name: "stdin".to_string(),
                    reader: Box::new(io::stdin().lock()),
                    len: None,
                    file: None,
                })
            }
        };
        let name = path.display().to_string();
        let file = File::open(path).map_err(|e| Failure::input(&name, e))?;
        let meta = file.metadata().map_err(|e| Failure::input(&name, e))?;
        if meta.is_dir() {
            return Err(Failure::data(format!(
                "cannot read {name}: it is a directory"
            )));
        }
        let (len, seekable) = if meta.is_file() {
            (
                Some(meta.len()),
                Some(file.try_clone().map_err(|e| Failure::input(&name, e))?),
            )
        } else {
            (None, None)
        };
        Ok(Source {
            name,
            reader: Box::new(file),
            len,
            file: seekable,
        })
    }

    /// The bytes of a `--hex` string (whitespace between digits is allowed).
    pub fn hex(text: &OsStr) -> Result<Source, Failure> {
        let bytes = decode_hex(&arg_bytes(text))?;
        Ok(Source {
            name: "--hex".to_string(),
            len: Some(bytes.len() as u64),
            reader: Box::new(io::Cursor::new(bytes)),
            file: None,
        })
    }

    /// Moves to byte `offset`: a seek on a file, a read on anything else. Returns
    /// how many bytes were skipped (fewer than `offset` at the end of the input).
    pub fn skip(&mut self, offset: u64) -> Result<u64, Failure> {
        if let (Some(file), Some(len)) = (self.file.as_mut(), self.len) {
            let to = offset.min(len);
            file.seek(SeekFrom::Start(to))
                .map_err(|e| Failure::input(&self.name, e))?;
            return Ok(to);
        }
        io::copy(&mut (&mut self.reader).take(offset), &mut io::sink())
            .map_err(|e| Failure::input(&self.name, e))
    }

    /// Reads up to `n` bytes into `buf` (appending), growing it only as data arrives.
    /// Returns how many bytes were read: fewer than `n` only at the end of the input.
    pub fn read_up_to(&mut self, buf: &mut Vec<u8>, n: u64) -> Result<u64, Failure> {
        let before = buf.len();
        (&mut self.reader)
            .take(n)
            .read_to_end(buf)
            .map_err(|e| Failure::input(&self.name, e))?;
        Ok((buf.len() - before) as u64)
    }

    /// Reads the input to its end, keeping only its last `keep` bytes (fewer when
    /// it is shorter). Returns them and the input's whole length.
    pub fn read_tail(&mut self, keep: u64) -> Result<(Vec<u8>, u64), Failure> {
        const CHUNK: usize = 64 * 1024;
        let keep = usize::try_from(keep).unwrap_or(usize::MAX);
        let mut tail = Vec::new();
        let mut len = 0u64;
        let mut chunk = vec![0u8; CHUNK];
        loop {
            let n = match self.reader.read(&mut chunk) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(Failure::input(&self.name, e)),
            };
            len += n as u64;
            // A window larger than memory is an error, not an abort.
            tail.try_reserve(n).map_err(|_| {
                Failure::data(format!(
                    "cannot keep the last {keep} bytes of {}: out of memory",
                    self.name
                ))
            })?;
            tail.extend_from_slice(&chunk[..n]);
            // Dropping the front at twice the window keeps the copying linear.
            if tail.len() > keep.saturating_mul(2).max(CHUNK) {
                tail.drain(..tail.len() - keep);
            }
        }
        if tail.len() > keep {
            tail.drain(..tail.len() - keep);
        }
        Ok((tail, len))
    }
}

/// Bytes from hex digits, whitespace ignored, as Python's `bytes.fromhex`.
fn decode_hex(text: &[u8]) -> Result<Vec<u8>, Failure> {
    let mut out = Vec::with_capacity(text.len() / 2);
    let mut high: Option<(usize, u8)> = None;
    for (i, &c) in text.iter().enumerate() {
        if c.is_ascii_whitespace() {
            if let Some((at, _)) = high {
                return Err(hex_failure(text, at, "a hex byte needs two digits"));
            }
            continue;
        }
        let Some(digit) = (c as char).to_digit(16) else {
            return Err(hex_failure(text, i, "not a hex digit"));
        };
        match high.take() {
            Some((_, h)) => out.push(h << 4 | digit as u8),
            None => high = Some((i, digit as u8)),
        }
    }
    if let Some((at, _)) = high {
        return Err(hex_failure(text, at, "a hex byte needs two digits"));
    }
    Ok(out)
}

fn hex_failure(text: &[u8], at: usize, message: &str) -> Failure {
    Failure::usage(format!("--hex: {message}")).point("--hex", text, at, 1)
}

/// An offset argument as CPython takes it: an int that fits a C `ssize_t`.
pub fn offset(text: &OsStr) -> Result<i64, Failure> {
    let bytes = arg_bytes(text);
    let value = literal::parse_int(&bytes).map_err(|e| {
        Failure::usage(format!("--offset: {}", e.message))
            .point("--offset", &bytes, e.start, e.width)
    })?;
    i64::try_from(value).map_err(|_| {
        Failure::usage("Python int too large to convert to C ssize_t (--offset)").point(
            "--offset",
            &bytes,
            0,
            bytes.len(),
        )
    })
}
