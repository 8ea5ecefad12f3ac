//! Prints a classic pcap capture file (the format of `tcpdump -w`, either byte
//! order) as `tcpdump -nn -tt -r` prints it, reading records as derived
//! messages borrowed from a bounded read buffer and every header as a derived
//! type, bit fields included.
//!
//! ```text
//! cargo run -p netpack-examples --bin pcap_dump -- capture.pcap
//! tcpdump -w - -c 20 | cargo run -p netpack-examples --bin pcap_dump -- -
//! ```
//!
//! ```text
//! 1796705126.580894 IP 127.0.0.1.48725 > 127.0.0.1.45999: UDP, length 2
//! 1796705128.540716 IP 127.0.0.1.40000 > 127.0.0.1.5555: Flags [S], seq 1268039028, win 65495, options [mss 65495,sackOK,TS val 1 ecr 0,nop,wscale 7], length 0
//! ```
//!
//! The Python a programmer writes for the same file:
//!
//! ```python
//! data = open("capture.pcap", "rb").read()
//! order = ">" if data[:4] in (b"\xa1\xb2\xc3\xd4", b"\xa1\xb2\x3c\x4d") else "<"
//! _, major, minor, zone, sigfigs, snaplen, linktype = struct.unpack_from(order + "4sHHiIII", data)
//! off = 24
//! while off < len(data):
//!     ts_sec, ts_frac, incl_len, orig_len = struct.unpack_from(order + "IIII", data, off)
//!     packet = data[off + 16 : off + 16 + incl_len]
//!     off += 16 + incl_len
//!     ip = packet[14:]
//!     version, ihl, dscp, ecn = bitstruct.unpack("u4u4u6u2", ip)
//!     reserved, df, mf, fragment_offset = bitstruct.unpack_from("b1b1b1u13", ip, 6 * 8)
//!     tcp = ip[ihl * 4:]
//!     data_offset, _, cwr, ece, urg, ack, psh, rst, syn, fin = bitstruct.unpack_from(
//!         "u4u4b1b1b1b1b1b1b1b1", tcp, 12 * 8)
//! ```
//!
//! which reads the whole file into memory, trusts `incl_len`, `ihl` and
//! `data_offset`, and raises on a packet the capture cut. Here:
//!
//! - the global header is one derived message whose magic selects its byte
//!   order (`order_by`), and a record one derived message of either order
//!   (`order = "runtime"`): `order + "IIII"` and `incl_len` bytes borrowed from
//!   the read buffer, `incl_len` capped by the derive's `max` (the largest
//!   snaplen any tool writes) before anything is sliced or read, and by the
//!   file's own snaplen;
//! - the IPv4 header is [`Ipv4`], its nibbles and flags bit fields and its
//!   options `len = "ihl * 4 - 20"`; its checksum is declared in
//!   [`Ipv4Checked`] (`checksum = "internet"` over the whole header), checked
//!   under [`Options::verify`]; TCP is [`Tcp`] with its flags as `bool` bit
//!   fields; UDP, IPv6, ARP, ICMP and the Linux cooked headers are derived too;
//! - [`Printer`] words each packet as tcpdump 4.99 does, including its markers
//!   for a packet the capture cut (`[|tcp]`), the sequence numbers of a TCP
//!   connection relative to its first ones, and its hex dump of what it does
//!   not decode. `examples/README.md` lists what is tcpdump's word for word and
//!   what is not (application protocols on well-known ports, IPv6 extension
//!   headers, …).
//!
//! A truncated or hostile file ends with an error naming the record and its
//! offset, never a panic; a closed pipe (`| head`) ends the program quietly.

use netpack::{ByteOrder, Error, ErrorKind, Message, NetPack, OrderedMessage};
use std::fmt;
use std::io::{self, BufWriter, Read, Write};

mod headers;
mod print;
mod tcp_options;

pub use headers::{
    Arp, Ethernet, Icmp, IpVersion, Ipv4, Ipv4Checked, Ipv6, Ipv6Fragment, Sll, Sll2, Tcp, Udp,
    VlanTag,
};
pub use print::{Options, Printer};

/// The largest `incl_len` read, whatever the file's snaplen says: 256 KiB, the
/// largest snaplen libpcap and Wireshark write.
pub const MAX_PACKET: usize = 262_144;

/// The magic numbers as a big-endian file starts with them (a little-endian
/// file has the bytes reversed).
const MAGIC_MICROS: [u8; 4] = [0xa1, 0xb2, 0xc3, 0xd4];
const MAGIC_NANOS: [u8; 4] = [0xa1, 0xb2, 0x3c, 0x4d];
const MAGIC_PCAPNG: [u8; 4] = [0x0a, 0x0d, 0x0d, 0x0a];

/// The byte order a file's magic selects, or `None` for no pcap magic.
/// Python: `">" if magic in (b"\xa1\xb2\xc3\xd4", b"\xa1\xb2\x3c\x4d") else "<"`.
pub fn pcap_order(magic: &[u8; 4]) -> Option<ByteOrder> {
    let mut reversed = *magic;
    reversed.reverse();
    if [MAGIC_MICROS, MAGIC_NANOS].contains(magic) {
        Some(ByteOrder::Big)
    } else if [MAGIC_MICROS, MAGIC_NANOS].contains(&reversed) {
        Some(ByteOrder::Little)
    } else {
        None
    }
}

/// The global header, read in the order its magic selects. Python:
/// `struct.unpack_from(order + "4sHHiIII", data)`, `order` from the magic.
#[derive(NetPack, Debug, Clone, Copy, PartialEq, Eq)]
pub struct GlobalHeader {
    #[netpack(order_by = "pcap_order")]
    pub magic: [u8; 4],
    pub version_major: u16,
    pub version_minor: u16,
    pub thiszone: i32,
    pub sigfigs: u32,
    pub snaplen: u32,
    pub linktype: u32,
}

/// A record, in the file's byte order (one type for both). Python:
/// `struct.pack(order + "IIII", ts_sec, ts_frac, len(packet), orig_len) + packet`.
#[derive(NetPack, Debug, Clone, Copy, PartialEq, Eq)]
#[netpack(order = "runtime")]
pub struct Record<'a> {
    pub ts_sec: u32,
    /// Microseconds or nanoseconds, as the file's magic says.
    pub ts_frac: u32,
    pub incl_len: u32,
    pub orig_len: u32,
    #[netpack(len = "incl_len", max = 262_144)]
    pub packet: &'a [u8],
}

/// What the magic number says about the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Kind {
    /// The byte order of the headers.
    pub order: ByteOrder,
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

/// Reads the 24-byte global header.
pub fn file_header(bytes: &[u8; 24]) -> Result<FileHeader, DumpError> {
    let h = match GlobalHeader::decode(bytes) {
        Ok(h) => h,
        Err(_) if bytes[..4] == MAGIC_PCAPNG => {
            return Err(DumpError::NotPcap("a pcapng file (not supported)".into()))
        }
        Err(e) if e.kind() == ErrorKind::BadMagic => {
            return Err(DumpError::NotPcap(format!(
                "its first bytes are {:02x?}, no pcap magic number",
                &bytes[..4]
            )))
        }
        Err(e) => return Err(DumpError::NotPcap(e.to_string())),
    };
    // The decode succeeded, so the magic selects an order.
    let order = pcap_order(&h.magic).unwrap_or(ByteOrder::Big);
    let nanos = h.magic == MAGIC_NANOS || h.magic == [0x4d, 0x3c, 0xb2, 0xa1];
    Ok(FileHeader {
        kind: Kind { order, nanos },
        version: (h.version_major, h.version_minor),
        snaplen: h.snaplen,
        linktype: h.linktype,
    })
}

/// Decodes one record from the start of `buf`, in the file's order, borrowing
/// its packet.
pub fn record(kind: Kind, buf: &[u8]) -> Result<(Record<'_>, usize), Error> {
    Record::decode_prefix_with(buf, kind.order)
}

/// The line of packet `index`: [`Printer::line`] with a fresh printer (no TCP
/// connection seen before) and the default [`Options`].
pub fn line(header: &FileHeader, r: &Record<'_>) -> String {
    Printer::new(Options::default()).line(header, r)
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

/// Writes one line per packet of the pcap file `input` to `out`, as
/// `tcpdump -nn -tt -r` prints them; returns the number of packets. Stops
/// quietly (`Ok`) when `out` is a closed pipe.
///
/// ```
/// use netpack_examples::pcap::{dump, dump_with, Options};
///
/// // Python: struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1)
/// let mut file = b"\xd4\xc3\xb2\xa1\x02\x00\x04\x00".to_vec();
/// file.extend_from_slice(&[0; 8]);
/// file.extend_from_slice(&65535u32.to_le_bytes());
/// file.extend_from_slice(&1u32.to_le_bytes());
/// // Ethernet, IPv4 (its checksum left 0), UDP from port 48725 to 45999, "hi".
/// let packet = b"\x02\0\0\0\0\x02\x02\0\0\0\0\x01\x08\x00\
///     \x45\x00\x00\x1e\x00\x01\x40\x00\x40\x11\x00\x00\x7f\0\0\x01\x7f\0\0\x01\
///     \xbe\x55\xb3\xaf\x00\x0a\x00\x00hi";
/// // Python: struct.pack("<IIII", ts_sec, ts_usec, len(packet), len(packet)) + packet
/// for x in [1_796_705_126u32, 580_894, packet.len() as u32, packet.len() as u32] {
///     file.extend_from_slice(&x.to_le_bytes());
/// }
/// file.extend_from_slice(packet);
///
/// let mut out = Vec::new();
/// assert_eq!(dump(file.as_slice(), &mut out).unwrap(), 1);
/// assert_eq!(
///     String::from_utf8(out).unwrap(),
///     "1796705126.580894 IP 127.0.0.1.48725 > 127.0.0.1.45999: UDP, length 2\n"
/// );
///
/// let mut out = Vec::new();
/// dump_with(file.as_slice(), &mut out, Options { nano: true, verify: true }).unwrap();
/// let line = String::from_utf8(out).unwrap();
/// assert!(line.starts_with("1796705126.580894000 IP 127.0.0.1.48725 > "));
/// assert!(line.contains("UDP, length 2 [bad IPv4 header checksum: "));
/// ```
pub fn dump(input: impl Read, out: impl Write) -> Result<u64, DumpError> {
    dump_with(input, out, Options::default())
}

/// [`dump`] with `options`.
pub fn dump_with(
    mut input: impl Read,
    out: impl Write,
    options: Options,
) -> Result<u64, DumpError> {
    let mut printer = Printer::new(options);
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
                let text = printer.line(&header, &r);
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
