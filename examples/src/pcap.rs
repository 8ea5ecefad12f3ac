//! Prints one line per packet of a classic pcap capture file (the format of
//! `tcpdump -w`), in either byte order, reading records as derived messages
//! borrowed from a bounded read buffer.
//!
//! ```text
//! cargo run -p netpack-examples --bin pcap_dump -- capture.pcap
//! tcpdump -w - -c 20 | cargo run -p netpack-examples --bin pcap_dump -- -
//! ```
//!
//! The Python a programmer writes for the same file:
//!
//! ```python
//! data = open("capture.pcap", "rb").read()
//! magic, = struct.unpack_from("<I", data)
//! order = "<" if magic in (0xA1B2C3D4, 0xA1B23C4D) else ">"
//! _, major, minor, zone, sigfigs, snaplen, linktype = struct.unpack_from(order + "IHHiIII", data)
//! off = 24
//! while off < len(data):
//!     ts_sec, ts_frac, incl_len, orig_len = struct.unpack_from(order + "IIII", data, off)
//!     packet = data[off + 16 : off + 16 + incl_len]
//!     off += 16 + incl_len
//! ```
//!
//! which reads the whole file into memory, trusts `incl_len`, and prints a
//! shorter packet for a truncated file. Here a record is one derived message,
//! `"<IIII"` (or `">IIII"`) and `incl_len` bytes borrowed from the read buffer;
//! the buffer holds at most one record more than a read, because `incl_len` is
//! capped twice: by the derive's `max` (the largest snaplen any tool writes)
//! before anything is sliced or read, and by the file's own snaplen. A truncated
//! or hostile file ends with an error naming the record and its offset, never a
//! panic; a closed pipe (`| head`) ends the program quietly.

use netpack::{Be, Error, ErrorKind, Le, Message, NetPack};
use std::fmt;
use std::io::{self, BufWriter, Read, Write};

/// The largest `incl_len` read, whatever the file's snaplen says: 256 KiB, the
/// largest snaplen libpcap and Wireshark write.
pub const MAX_PACKET: usize = 262_144;

/// The global header. Python: `struct.unpack_from("<IHHiIII", data)` for a
/// little-endian file, `">IHHiIII"` for a big-endian one: no order is written
/// here, and the file's magic picks `Le<GlobalHeader>` or `Be<GlobalHeader>`.
#[derive(NetPack, Debug, Clone, Copy, PartialEq, Eq)]
pub struct GlobalHeader {
    pub magic: u32,
    pub version_major: u16,
    pub version_minor: u16,
    pub thiszone: i32,
    pub sigfigs: u32,
    pub snaplen: u32,
    pub linktype: u32,
}

/// Python: `struct.pack("<IIII", ts_sec, ts_frac, len(packet), orig_len) + packet`.
#[derive(NetPack, Debug, Clone, Copy, PartialEq, Eq)]
#[netpack(order = "<")]
pub struct RecordLe<'a> {
    pub ts_sec: u32,
    pub ts_frac: u32,
    pub incl_len: u32,
    pub orig_len: u32,
    #[netpack(len = "incl_len", max = 262_144)]
    pub packet: &'a [u8],
}

/// Python: `struct.pack(">IIII", ts_sec, ts_frac, len(packet), orig_len) + packet`.
#[derive(NetPack, Debug, Clone, Copy, PartialEq, Eq)]
#[netpack(order = ">")]
pub struct RecordBe<'a> {
    pub ts_sec: u32,
    pub ts_frac: u32,
    pub incl_len: u32,
    pub orig_len: u32,
    #[netpack(len = "incl_len", max = 262_144)]
    pub packet: &'a [u8],
}

/// A record of either byte order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Record<'a> {
    pub ts_sec: u32,
    /// Microseconds or nanoseconds, as the file's magic says.
    pub ts_frac: u32,
    pub orig_len: u32,
    pub packet: &'a [u8],
}

/// What the magic number says about the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Kind {
    /// Big-endian headers.
    pub big_endian: bool,
    /// Timestamps in nanoseconds rather than microseconds.
    pub nanos: bool,
}

/// The file's global header, in either order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileHeader {
    pub kind: Kind,
    pub version: (u16, u16),
    pub snaplen: u32,
    pub linktype: u32,
}

/// Why a file cannot be read to its end.
#[derive(Debug)]
pub enum DumpError {
    /// Reading the input failed.
    Read(io::Error),
    /// Writing the output failed (other than a closed pipe).
    Write(io::Error),
    /// Not a classic pcap file.
    NotPcap(String),
    /// Record `index` (from 1), at byte `offset` of the file, is broken.
    Record {
        index: u64,
        offset: u64,
        why: String,
    },
}

impl fmt::Display for DumpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DumpError::Read(e) => write!(f, "cannot read the input: {e}"),
            DumpError::Write(e) => write!(f, "cannot write: {e}"),
            DumpError::NotPcap(why) => write!(f, "not a classic pcap file: {why}"),
            DumpError::Record { index, offset, why } => {
                write!(f, "record {index} at byte {offset}: {why}")
            }
        }
    }
}

/// The magic numbers, as the first four bytes read little-endian.
const MAGIC_LE_MICROS: u32 = 0xa1b2_c3d4;
const MAGIC_LE_NANOS: u32 = 0xa1b2_3c4d;
const MAGIC_BE_MICROS: u32 = 0xd4c3_b2a1;
const MAGIC_BE_NANOS: u32 = 0x4d3c_b2a1;
const MAGIC_PCAPNG: u32 = 0x0a0d_0d0a;

/// Reads the 24-byte global header.
pub fn file_header(bytes: &[u8; 24]) -> Result<FileHeader, DumpError> {
    let magic = u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]);
    let kind = match magic {
        MAGIC_LE_MICROS => Kind {
            big_endian: false,
            nanos: false,
        },
        MAGIC_LE_NANOS => Kind {
            big_endian: false,
            nanos: true,
        },
        MAGIC_BE_MICROS => Kind {
            big_endian: true,
            nanos: false,
        },
        MAGIC_BE_NANOS => Kind {
            big_endian: true,
            nanos: true,
        },
        MAGIC_PCAPNG => return Err(DumpError::NotPcap("a pcapng file (not supported)".into())),
        _ => {
            return Err(DumpError::NotPcap(format!(
                "its first bytes are {:02x?}, no pcap magic number",
                &bytes[..4]
            )))
        }
    };
    // Neither decode can fail: 24 bytes, integers only.
    let h = if kind.big_endian {
        Be::<GlobalHeader>::decode(bytes).map(Be::into_inner)
    } else {
        Le::<GlobalHeader>::decode(bytes).map(Le::into_inner)
    }
    .map_err(|e| DumpError::NotPcap(e.to_string()))?;
    let header = FileHeader {
        kind,
        version: (h.version_major, h.version_minor),
        snaplen: h.snaplen,
        linktype: h.linktype,
    };
    Ok(header)
}

/// Decodes one record from the start of `buf`, borrowing its packet.
pub fn record(kind: Kind, buf: &[u8]) -> Result<(Record<'_>, usize), Error> {
    if kind.big_endian {
        let (r, used) = RecordBe::decode_prefix(buf)?;
        Ok((
            Record {
                ts_sec: r.ts_sec,
                ts_frac: r.ts_frac,
                orig_len: r.orig_len,
                packet: r.packet,
            },
            used,
        ))
    } else {
        let (r, used) = RecordLe::decode_prefix(buf)?;
        Ok((
            Record {
                ts_sec: r.ts_sec,
                ts_frac: r.ts_frac,
                orig_len: r.orig_len,
                packet: r.packet,
            },
            used,
        ))
    }
}

/// Python: `struct.unpack_from("!6s6sH", packet)`.
#[derive(NetPack, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ethernet {
    pub destination: [u8; 6],
    pub source: [u8; 6],
    pub ethertype: u16,
}

/// Python: `struct.unpack_from("!BBHHHBBH4s4s", packet, 14)`.
#[derive(NetPack, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ipv4 {
    pub version_ihl: u8,
    pub tos: u8,
    pub total_length: u16,
    pub id: u16,
    pub fragment: u16,
    pub ttl: u8,
    pub protocol: u8,
    pub checksum: u16,
    pub source: [u8; 4],
    pub destination: [u8; 4],
}

struct Mac([u8; 6]);

impl fmt::Display for Mac {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let m = self.0;
        write!(
            f,
            "{:02x}:{:02x}:{:02x}:{:02x}:{:02x}:{:02x}",
            m[0], m[1], m[2], m[3], m[4], m[5]
        )
    }
}

/// The line of packet `index`.
pub fn line(index: u64, header: &FileHeader, r: &Record<'_>) -> String {
    let mut s = if header.kind.nanos {
        format!("{index} {}.{:09}", r.ts_sec, r.ts_frac)
    } else {
        format!("{index} {}.{:06}", r.ts_sec, r.ts_frac)
    };
    s.push_str(&format!(" {} bytes", r.packet.len()));
    if r.orig_len as usize != r.packet.len() {
        s.push_str(&format!(" (of {})", r.orig_len));
    }
    // Link type 1: Ethernet.
    if header.linktype == 1 {
        if let Ok((eth, _)) = Ethernet::decode_prefix(r.packet) {
            s.push_str(&format!(
                " {} > {} type {:#06x}",
                Mac(eth.source),
                Mac(eth.destination),
                eth.ethertype
            ));
            if eth.ethertype == 0x0800 {
                if let Ok((ip, _)) = Ipv4::decode_prefix(&r.packet[Ethernet::SIZE..]) {
                    let [a, b, c, d] = ip.source;
                    let [e, f, g, h] = ip.destination;
                    s.push_str(&format!(
                        " IPv4 {a}.{b}.{c}.{d} > {e}.{f}.{g}.{h} proto {}",
                        ip.protocol
                    ));
                }
            }
        }
    }
    s
}

/// How much to read at a time.
const CHUNK: usize = 64 * 1024;

/// Reads into `buf` from `input` until it holds at least `want` bytes or the
/// input ends; `Ok(false)` at the end of the input.
fn fill(input: &mut impl Read, buf: &mut Vec<u8>, want: usize) -> Result<bool, DumpError> {
    while buf.len() < want {
        let start = buf.len();
        let add = CHUNK.max(want - start);
        buf.resize(start + add, 0);
        let n = loop {
            match input.read(&mut buf[start..]) {
                Ok(n) => break n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    buf.truncate(start);
                    return Err(DumpError::Read(e));
                }
            }
        };
        buf.truncate(start + n);
        if n == 0 {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Writes one line per packet of the pcap file `input` to `out`; returns the
/// number of packets. Stops quietly (`Ok`) when `out` is a closed pipe.
pub fn dump(mut input: impl Read, out: impl Write) -> Result<u64, DumpError> {
    let mut out = BufWriter::new(out);
    let mut buf = Vec::with_capacity(CHUNK);
    fill(&mut input, &mut buf, 24)?;
    let Some(first) = buf.first_chunk::<24>() else {
        return Err(DumpError::NotPcap(format!(
            "{} bytes, shorter than the 24-byte header",
            buf.len()
        )));
    };
    let header = file_header(first)?;
    let snaplen = header.snaplen as usize;
    let mut start = 24;
    let mut offset = 24u64; // of buf[start] in the file
    let mut index = 0u64;
    loop {
        let result = record(header.kind, &buf[start..]);
        match result {
            Ok((r, used)) => {
                index += 1;
                if r.packet.len() > snaplen {
                    return Err(DumpError::Record {
                        index,
                        offset,
                        why: format!(
                            "{} bytes captured, over the file's snaplen of {snaplen}",
                            r.packet.len()
                        ),
                    });
                }
                let text = line(index, &header, &r);
                if let Err(e) = writeln!(out, "{text}") {
                    return quiet_on_broken_pipe(e, index - 1);
                }
                start += used;
                offset += used as u64;
            }
            Err(e) if e.kind() == ErrorKind::BufferSize => {
                // The record is not all in the buffer: keep its start, read more.
                buf.drain(..start);
                start = 0;
                let want = e.needed().unwrap_or(buf.len() + 1).max(buf.len() + 1);
                // The header is in: refuse a packet over the snaplen before
                // reading it.
                if want > 16 + snaplen {
                    return Err(DumpError::Record {
                        index: index + 1,
                        offset,
                        why: format!(
                            "{} bytes captured, over the file's snaplen of {snaplen}",
                            want - 16
                        ),
                    });
                }
                if !fill(&mut input, &mut buf, want)? {
                    if buf.is_empty() {
                        break;
                    }
                    return Err(DumpError::Record {
                        index: index + 1,
                        offset,
                        why: format!(
                            "the file ends {} bytes into it, before the {want} it needs",
                            buf.len()
                        ),
                    });
                }
            }
            Err(e) => {
                return Err(DumpError::Record {
                    index: index + 1,
                    offset,
                    why: e.to_string(),
                })
            }
        }
    }
    match out.flush() {
        Ok(()) => Ok(index),
        Err(e) => quiet_on_broken_pipe(e, index),
    }
}

fn quiet_on_broken_pipe(e: io::Error, written: u64) -> Result<u64, DumpError> {
    if e.kind() == io::ErrorKind::BrokenPipe {
        Ok(written)
    } else {
        Err(DumpError::Write(e))
    }
}
