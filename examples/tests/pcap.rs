//! The `pcap_dump` example: capture files written by Python's `struct` in both
//! byte orders (microsecond and nanosecond magic) print the lines Python
//! expects, and hostile files (truncated anywhere, lying lengths, wrong magic)
//! end in an error naming the record, never a panic or a large allocation.

use netpack_examples::pcap::{dump, DumpError};
use std::io::{self, Read, Write};
use std::process::Command;

/// Writes `<dir>/{le,be,le_ns,be_ns}.pcap` with `struct.pack`, and prints the
/// lines `pcap_dump` must print for each (the same for all four files but for
/// the fraction's digits), as `name<TAB>line`.
const WRITER: &str = r#"
import struct, sys
out = sys.argv[1]

def packets():
    for i in range(1, 25):
        eth = struct.pack("!6s6sH", bytes([2, 0, 0, 0, 0, i]), bytes([2, 0, 0, 0, 1, i]),
                          0x0800 if i % 3 else 0x86DD)
        ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + i, i, 0, 64, 6 if i % 2 else 17, 0,
                         bytes([10, 0, 0, i]), bytes([192, 168, 1, i]))
        packet = eth + ip + bytes(range(i * 7 % 50))
        if i % 4 == 0:
            captured = packet[:30]          # the capture cut it: incl_len < orig_len
        elif i == 5:
            captured = packet[:10]          # not even an Ethernet header
        else:
            captured = packet
        yield 1_700_000_000 + i, i * 1000 + 7, captured, len(packet)
    yield 1_700_000_100, 999_999, b"", 0    # an empty record

def line(index, ts, frac, nanos, data, orig):
    s = "%d %d.%0*d %d bytes" % (index, ts, 9 if nanos else 6, frac, len(data))
    if orig != len(data):
        s += " (of %d)" % orig
    if len(data) >= 14:
        dst, src, ethertype = struct.unpack_from("!6s6sH", data)
        s += " %s > %s type 0x%04x" % (src.hex(":"), dst.hex(":"), ethertype)
        if ethertype == 0x0800 and len(data) >= 34:
            fields = struct.unpack_from("!BBHHHBBH4s4s", data, 14)
            s += " IPv4 %s > %s proto %d" % (".".join(map(str, fields[8])),
                                              ".".join(map(str, fields[9])), fields[6])
    return s

for name, order, magic in [("le", "<", 0xA1B2C3D4), ("be", ">", 0xA1B2C3D4),
                           ("le_ns", "<", 0xA1B23C4D), ("be_ns", ">", 0xA1B23C4D)]:
    nanos = name.endswith("_ns")
    with open("%s/%s.pcap" % (out, name), "wb") as f:
        f.write(struct.pack(order + "IHHiIII", magic, 2, 4, 0, 0, 65535, 1))
        for i, (ts, frac, data, orig) in enumerate(packets(), 1):
            f.write(struct.pack(order + "IIII", ts, frac, len(data), orig) + data)
            print("%s\t%s" % (name, line(i, ts, frac, nanos, data, orig)))
"#;

/// A folder of its own under the system's temporary folder, removed on drop.
struct Folder(std::path::PathBuf);

impl Folder {
    fn new(test: &str) -> Folder {
        let path = std::env::temp_dir().join(format!("netpack-pcap-{}-{test}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).unwrap();
        Folder(path)
    }
}

impl Drop for Folder {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A capture file: its name, its bytes, and the lines `pcap_dump` must print.
type Capture = (String, Vec<u8>, Vec<String>);

/// The Python-written files and their expected lines, or `None` (with a note)
/// where `python3` does not run.
fn python_files(folder: &Folder) -> Option<Vec<Capture>> {
    let output = match Command::new("python3")
        .arg("-c")
        .arg(WRITER)
        .arg(&folder.0)
        .output()
    {
        Ok(o) => o,
        Err(e) => {
            eprintln!("note: python3 not found ({e}); skipping the Python-written captures");
            return None;
        }
    };
    assert!(
        output.status.success(),
        "the Python writer failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let mut files: Vec<Capture> = Vec::new();
    for row in String::from_utf8(output.stdout).unwrap().lines() {
        let (name, line) = row.split_once('\t').expect("name<TAB>line");
        if files.last().is_none_or(|f| f.0 != name) {
            let bytes = std::fs::read(folder.0.join(format!("{name}.pcap"))).unwrap();
            files.push((name.to_string(), bytes, Vec::new()));
        }
        files.last_mut().unwrap().2.push(line.to_string());
    }
    Some(files)
}

/// `dump` of `bytes` into a string.
fn run(bytes: &[u8]) -> (Result<u64, DumpError>, String) {
    let mut out = Vec::new();
    let result = dump(bytes, &mut out);
    (result, String::from_utf8(out).expect("UTF-8 output"))
}

#[test]
fn python_written_captures_print_what_python_expects() {
    let folder = Folder::new("python");
    let Some(files) = python_files(&folder) else {
        return;
    };
    assert_eq!(files.len(), 4);
    for (name, bytes, lines) in &files {
        let (result, text) = run(bytes);
        assert_eq!(
            result.unwrap_or_else(|e| panic!("{name}.pcap: {e}")),
            lines.len() as u64,
            "{name}.pcap"
        );
        let got: Vec<&str> = text.lines().collect();
        assert_eq!(got, *lines, "{name}.pcap");
    }
    // The orders differ on the wire and agree in the output (but for the
    // fraction's digits).
    assert_ne!(files[0].1, files[1].1);
    assert_eq!(run(&files[0].1).1, run(&files[1].1).1);
}

/// A little-endian capture of `packets` (timestamp, packet) with snaplen 65535.
fn capture(packets: &[(u32, &[u8])]) -> Vec<u8> {
    let mut f = Vec::new();
    f.extend_from_slice(&0xa1b2_c3d4u32.to_le_bytes());
    f.extend_from_slice(&2u16.to_le_bytes());
    f.extend_from_slice(&4u16.to_le_bytes());
    for x in [0u32, 0, 65535, 1] {
        f.extend_from_slice(&x.to_le_bytes());
    }
    for (ts, p) in packets {
        for x in [*ts, 0, p.len() as u32, p.len() as u32] {
            f.extend_from_slice(&x.to_le_bytes());
        }
        f.extend_from_slice(p);
    }
    f
}

#[test]
fn every_truncation_is_a_clean_end_or_an_error() {
    let packets: Vec<Vec<u8>> = (0..6u8).map(|i| vec![i; 10 + usize::from(i) * 9]).collect();
    let list: Vec<(u32, &[u8])> = packets.iter().map(|p| (7, p.as_slice())).collect();
    let file = capture(&list);
    let boundaries: Vec<usize> = std::iter::once(24)
        .chain(packets.iter().scan(24, |end, p| {
            *end += 16 + p.len();
            Some(*end)
        }))
        .collect();
    for k in 0..file.len() {
        let (result, text) = run(&file[..k]);
        let whole = text.lines().count();
        match result {
            Ok(n) => {
                assert!(
                    boundaries.contains(&k),
                    "cut at {k}: Ok({n}) inside a record"
                );
                assert_eq!(n as usize, whole);
            }
            Err(DumpError::NotPcap(_)) => assert!(k < 24, "cut at {k}"),
            Err(DumpError::Record { index, offset, why }) => {
                assert!(!boundaries.contains(&k), "cut at {k}: {why}");
                assert_eq!(index as usize, whole + 1, "cut at {k}");
                assert_eq!(offset as usize, boundaries[whole], "cut at {k}");
                assert!(why.contains("the file ends"), "cut at {k}: {why}");
            }
            Err(e) => panic!("cut at {k}: {e}"),
        }
    }
}

/// A plain `Read` over bytes: the stream a pipe gives, whose length `dump`
/// cannot know in advance.
struct Stream<'a> {
    bytes: &'a [u8],
}

impl Read for Stream<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.bytes.read(buf)
    }
}

#[test]
fn lying_lengths_are_refused_before_reading_the_packet() {
    let mut file = capture(&[(1, b"abc")]);
    // Record 2 claims 4 GiB.
    for x in [2u32, 0, u32::MAX, u32::MAX] {
        file.extend_from_slice(&x.to_le_bytes());
    }
    let mut out = Vec::new();
    let e = dump(Stream { bytes: &file }, &mut out).unwrap_err();
    let text = e.to_string();
    assert!(
        matches!(
            e,
            DumpError::Record {
                index: 2,
                offset: 43,
                ..
            }
        ),
        "{text}"
    );
    assert!(text.contains("cap"), "{text}");
    assert_eq!(String::from_utf8(out).unwrap().lines().count(), 1);

    // Under the hard cap, over the file's snaplen.
    let mut file = capture(&[]);
    file[16..20].copy_from_slice(&100u32.to_le_bytes());
    for x in [1u32, 0, 101, 101] {
        file.extend_from_slice(&x.to_le_bytes());
    }
    file.extend_from_slice(&[0; 101]);
    let e = run(&file).0.unwrap_err();
    assert!(e.to_string().contains("snaplen of 100"), "{e}");

    // Over the snaplen and only the header sent: refused before the packet is
    // read (the reader is asked for no more than the header).
    let mut file = capture(&[]);
    for x in [1u32, 0, 200_000, 200_000] {
        file.extend_from_slice(&x.to_le_bytes());
    }
    let mut out = Vec::new();
    let e = dump(Stream { bytes: &file }, &mut out).unwrap_err();
    assert!(
        matches!(
            e,
            DumpError::Record {
                index: 1,
                offset: 24,
                ..
            }
        ),
        "{e}"
    );
    assert!(
        e.to_string()
            .contains("200000 bytes captured, over the file's snaplen of 65535"),
        "{e}"
    );
}

#[test]
fn not_a_pcap_file() {
    for (bytes, says) in [
        (&b""[..], "shorter than"),
        (&b"\xd4\xc3\xb2\xa1\x02\x00"[..], "shorter than"),
        (
            &b"\n\r\r\n\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0"[..],
            "pcapng",
        ),
        (
            &b"GIF89a\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0"[..],
            "[47, 49, 46, 38], no pcap magic",
        ),
    ] {
        let e = run(bytes).0.unwrap_err();
        assert!(matches!(e, DumpError::NotPcap(_)), "{e}");
        assert!(e.to_string().contains(says), "{e}");
    }
}

/// A writer whose reader has gone, as `pcap_dump file | head -1` gives.
struct ClosedPipe;

impl Write for ClosedPipe {
    fn write(&mut self, _: &[u8]) -> io::Result<usize> {
        Err(io::Error::from(io::ErrorKind::BrokenPipe))
    }
    fn flush(&mut self) -> io::Result<()> {
        Err(io::Error::from(io::ErrorKind::BrokenPipe))
    }
}

/// A writer that fails otherwise.
struct FullDisk;

impl Write for FullDisk {
    fn write(&mut self, _: &[u8]) -> io::Result<usize> {
        Err(io::Error::other("disk full"))
    }
    fn flush(&mut self) -> io::Result<()> {
        Err(io::Error::other("disk full"))
    }
}

#[test]
fn a_closed_pipe_ends_quietly_and_other_write_errors_do_not() {
    let big = vec![0u8; 200];
    let packets: Vec<(u32, &[u8])> = (0..2000).map(|i| (i, big.as_slice())).collect();
    let file = capture(&packets);
    assert!(dump(file.as_slice(), ClosedPipe).is_ok());
    assert!(matches!(
        dump(file.as_slice(), FullDisk),
        Err(DumpError::Write(_))
    ));
}

/// Random bytes after a valid header (and random headers): an answer every
/// time, never a panic, and the lines printed are whole.
#[test]
fn random_files_never_panic() {
    let mut x = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    for round in 0..2000 {
        let mut file = if round % 2 == 0 {
            capture(&[])
        } else {
            capture(&[]).iter().map(|_| next() as u8).collect()
        };
        if round % 4 == 1 {
            // A big-endian header.
            file[..4].copy_from_slice(&0xa1b2_c3d4u32.to_be_bytes());
        }
        let len = (next() % 300) as usize;
        for _ in 0..len {
            // Small numbers often, so that lengths and records line up.
            let b = next();
            file.push(if b % 3 == 0 {
                (b >> 8) as u8 % 8
            } else {
                (b >> 8) as u8
            });
        }
        let (result, text) = run(&file);
        match result {
            Ok(n) => assert_eq!(n as usize, text.lines().count()),
            Err(DumpError::Record { index, .. }) => {
                assert_eq!(index as usize, text.lines().count() + 1)
            }
            Err(DumpError::NotPcap(_)) => assert!(text.is_empty()),
            Err(e) => panic!("round {round}: {e}"),
        }
    }
}
