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

use netpack::{ByteOrder, Checksum, Error, ErrorKind, Message, NetPack, OrderedMessage};
use std::collections::HashMap;
use std::fmt::{self, Write as _};
use std::io::{self, BufWriter, Read, Write};
use std::net::{Ipv4Addr, Ipv6Addr};

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

/// An Ethernet header. Python: `struct.unpack_from("!6s6sH", packet)`.
#[derive(NetPack, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ethernet {
    pub destination: [u8; 6],
    pub source: [u8; 6],
    pub ethertype: u16,
}

/// An 802.1Q VLAN tag, after an Ethernet header of type 0x8100 (or 0x88a8).
/// Python: `priority, dei, vlan = bitstruct.unpack("u3b1u12", tag)` and
/// `struct.unpack_from("!H", tag, 2)`.
///
/// ```
/// use netpack::Message;
/// use netpack_examples::pcap::VlanTag;
///
/// let tag = VlanTag::decode(b"\xa0\x64\x08\x00")?;
/// assert_eq!((tag.priority, tag.drop_eligible, tag.vlan), (5, false, 100));
/// assert_eq!(tag.ethertype, 0x0800);
/// # Ok::<(), netpack::Error>(())
/// ```
#[derive(NetPack, Debug, Clone, Copy, PartialEq, Eq)]
pub struct VlanTag {
    #[netpack(bits = 3)]
    pub priority: u8,
    #[netpack(bits = 1)]
    pub drop_eligible: bool,
    #[netpack(bits = 12)]
    pub vlan: u16,
    /// The type of what follows.
    pub ethertype: u16,
}

/// The first byte of an IP header: enough to tell IPv4 from IPv6 and to find
/// the IPv4 header's length before anything else is trusted. Python:
/// `version, ihl = bitstruct.unpack("u4u4", packet)`.
#[derive(NetPack, Debug, Clone, Copy, PartialEq, Eq)]
pub struct IpVersion {
    #[netpack(bits = 4)]
    pub version: u8,
    #[netpack(bits = 4)]
    pub ihl: u8,
}

/// An IPv4 header with its options (RFC 791), as printed. Python:
///
/// ```python
/// version, ihl, dscp, ecn = bitstruct.unpack("u4u4u6u2", packet)
/// total_length, ident = struct.unpack_from("!HH", packet, 2)
/// reserved, df, mf, fragment_offset = bitstruct.unpack_from("b1b1b1u13", packet, 6 * 8)
/// ttl, protocol, checksum, source, destination = struct.unpack_from("!BBH4s4s", packet, 8)
/// options = packet[20 : ihl * 4]
/// ```
///
/// The checksum is read as it is here (tcpdump prints a packet whatever its
/// checksum); [`Ipv4Checked`] declares it.
///
/// ```
/// use netpack::Message;
/// use netpack_examples::pcap::Ipv4;
///
/// // ihl 6: one word of options (a router alert), then the payload.
/// let packet = b"\x46\x00\x00\x20\x03\x09\x20\x05\x40\x11\x00\x00\
///     \x0a\0\0\x01\x0a\0\0\x02\x94\x04\x00\x00payload.";
/// let (ip, used) = Ipv4::decode_prefix(packet)?;
/// assert_eq!((ip.version, ip.ihl, ip.total_length), (4, 6, 32));
/// assert!(ip.more_fragments && !ip.dont_fragment);
/// assert_eq!(ip.fragment_offset, 5);
/// assert_eq!(ip.options, b"\x94\x04\x00\x00");
/// assert_eq!(&packet[used..], b"payload.");
/// # Ok::<(), netpack::Error>(())
/// ```
#[derive(NetPack, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ipv4<'a> {
    #[netpack(bits = 4)]
    pub version: u8,
    #[netpack(bits = 4)]
    pub ihl: u8,
    #[netpack(bits = 6)]
    pub dscp: u8,
    #[netpack(bits = 2)]
    pub ecn: u8,
    pub total_length: u16,
    pub id: u16,
    /// The reserved ("evil") bit.
    #[netpack(bits = 1)]
    pub reserved: bool,
    #[netpack(bits = 1)]
    pub dont_fragment: bool,
    #[netpack(bits = 1)]
    pub more_fragments: bool,
    /// In units of 8 bytes.
    #[netpack(bits = 13)]
    pub fragment_offset: u16,
    pub ttl: u8,
    pub protocol: u8,
    pub checksum: u16,
    pub source: [u8; 4],
    pub destination: [u8; 4],
    #[netpack(len = "ihl * 4 - 20", max = 40)]
    pub options: &'a [u8],
}

/// The IPv4 header checksum, declared: decoding computes RFC 1071's sum over
/// the whole header (options included, the checksum counting as zero) and
/// refuses a mismatch with [`ErrorKind::BadChecksum`]. Python:
///
/// ```python
/// ihl = packet[0] & 15
/// header = packet[:10] + b"\0\0" + packet[12 : ihl * 4]
/// ok = internet_checksum(header) == struct.unpack_from("!H", packet, 10)[0]
/// ```
///
/// ```
/// use netpack::{ErrorKind, Message};
/// use netpack_examples::pcap::Ipv4Checked;
///
/// let header = b"\x45\x00\x00\x1c\x00\x01\x00\x00\x40\x11\x66\xce\x0a\x00\x00\x01\x0a\x00\x00\x02";
/// assert!(Ipv4Checked::decode(header).is_ok());
/// let mut bad = *header;
/// bad[8] = 63; // the TTL, one hop later, without a new checksum
/// assert_eq!(Ipv4Checked::decode(&bad).unwrap_err().kind(), ErrorKind::BadChecksum);
/// ```
#[derive(NetPack, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ipv4Checked<'a> {
    #[netpack(bits = 4)]
    pub version: u8,
    #[netpack(bits = 4)]
    pub ihl: u8,
    /// From the type of service to the protocol.
    pub middle: [u8; 9],
    #[netpack(checksum = "internet", over = "version..=options")]
    pub checksum: Checksum<u16>,
    pub addresses: [u8; 8],
    #[netpack(len = "ihl * 4 - 20", max = 40)]
    pub options: &'a [u8],
}

/// An IPv6 header (RFC 8200). Python:
/// `bitstruct.unpack("u4u8u20", packet)` and
/// `struct.unpack_from("!HBB16s16s", packet, 4)`.
#[derive(NetPack, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ipv6 {
    #[netpack(bits = 4)]
    pub version: u8,
    #[netpack(bits = 8)]
    pub traffic_class: u8,
    #[netpack(bits = 20)]
    pub flow_label: u32,
    pub payload_length: u16,
    pub next_header: u8,
    pub hop_limit: u8,
    pub source: [u8; 16],
    pub destination: [u8; 16],
}

/// An IPv6 fragment header (RFC 8200). Python:
/// `struct.unpack_from("!BB", h)`, `bitstruct.unpack_from("u13u2b1", h, 16)`,
/// `struct.unpack_from("!I", h, 4)`.
#[derive(NetPack, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ipv6Fragment {
    pub next_header: u8,
    pub reserved: u8,
    /// In units of 8 bytes.
    #[netpack(bits = 13)]
    pub offset: u16,
    #[netpack(bits = 2)]
    pub reserved_bits: u8,
    #[netpack(bits = 1)]
    pub more_fragments: bool,
    pub id: u32,
}

/// A UDP header. Python: `struct.unpack_from("!HHHH", segment)`.
#[derive(NetPack, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Udp {
    pub source_port: u16,
    pub destination_port: u16,
    pub length: u16,
    pub checksum: u16,
}

/// A TCP header without its options (RFC 9293). Python:
///
/// ```python
/// sport, dport, seq, ack = struct.unpack_from("!HHII", segment)
/// (data_offset, reserved, cwr, ece, urg, ack_flag, psh, rst, syn, fin
/// ) = bitstruct.unpack_from("u4u4b1b1b1b1b1b1b1b1", segment, 12 * 8)
/// window, checksum, urgent = struct.unpack_from("!HHH", segment, 14)
/// options = segment[20 : data_offset * 4]
/// ```
///
/// The options are sliced by [`Tcp::options`] rather than declared with
/// `len = "data_offset * 4 - 20"`: tcpdump prints the fixed fields of a header
/// whose data offset lies or whose options the capture cut, and a message
/// decodes whole or not at all.
///
/// ```
/// use netpack::{Message, NetPack};
/// use netpack_examples::pcap::Tcp;
///
/// // A SYN with one option, mss 1460.
/// let segment = b"\x9c\x40\x15\xb3\0\0\0\x07\0\0\0\0\x60\x02\xff\xff\0\0\0\0\x02\x04\x05\xb4";
/// let tcp = Tcp::decode(&segment[..Tcp::SIZE])?;
/// assert_eq!((tcp.source_port, tcp.destination_port, tcp.seq), (40000, 5555, 7));
/// assert_eq!(tcp.data_offset, 6);
/// assert!(tcp.syn && !tcp.ack_flag);
/// assert_eq!(tcp.flags(), "S");
/// assert_eq!(tcp.options(segment), b"\x02\x04\x05\xb4");
/// assert_eq!(tcp.options(&segment[..22]), b"\x02\x04"); // cut by the capture
/// # Ok::<(), netpack::Error>(())
/// ```
#[derive(NetPack, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tcp {
    pub source_port: u16,
    pub destination_port: u16,
    pub seq: u32,
    pub ack: u32,
    /// The header's length in 32-bit words.
    #[netpack(bits = 4)]
    pub data_offset: u8,
    #[netpack(bits = 4)]
    pub reserved: u8,
    #[netpack(bits = 1)]
    pub cwr: bool,
    #[netpack(bits = 1)]
    pub ece: bool,
    #[netpack(bits = 1)]
    pub urg: bool,
    #[netpack(bits = 1)]
    pub ack_flag: bool,
    #[netpack(bits = 1)]
    pub psh: bool,
    #[netpack(bits = 1)]
    pub rst: bool,
    #[netpack(bits = 1)]
    pub syn: bool,
    #[netpack(bits = 1)]
    pub fin: bool,
    pub window: u16,
    pub checksum: u16,
    pub urgent: u16,
}

impl Tcp {
    /// The captured option bytes of `segment` (which starts with this
    /// header): at most `data_offset * 4 - 20`, fewer when the capture cut them.
    /// (tcpdump's walk may read past them: see `tcp_options`.)
    pub fn options<'a>(&self, segment: &'a [u8]) -> &'a [u8] {
        let end = (usize::from(self.data_offset) * 4).min(segment.len());
        segment.get(Tcp::SIZE..end).unwrap_or_default()
    }

    /// tcpdump's flag letters in its order (`F S R P . U E W`), `none` for none.
    pub fn flags(&self) -> String {
        let letters = [
            (self.fin, 'F'),
            (self.syn, 'S'),
            (self.rst, 'R'),
            (self.psh, 'P'),
            (self.ack_flag, '.'),
            (self.urg, 'U'),
            (self.ece, 'E'),
            (self.cwr, 'W'),
        ];
        let s: String = letters.iter().filter(|f| f.0).map(|f| f.1).collect();
        if s.is_empty() {
            "none".into()
        } else {
            s
        }
    }
}

/// An ARP packet (RFC 826), its addresses as long as its header says.
/// Python:
///
/// ```python
/// hardware, protocol, hln, pln, operation = struct.unpack_from("!HHBBH", packet)
/// sha, spa, tha, tpa = struct.unpack_from("!%ds%ds%ds%ds" % (hln, pln, hln, pln), packet, 8)
/// ```
#[derive(NetPack, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Arp<'a> {
    pub hardware: u16,
    pub protocol: u16,
    pub hardware_len: u8,
    pub protocol_len: u8,
    pub operation: u16,
    #[netpack(len = "hardware_len")]
    pub sender_hardware: &'a [u8],
    #[netpack(len = "protocol_len")]
    pub sender_protocol: &'a [u8],
    #[netpack(len = "hardware_len")]
    pub target_hardware: &'a [u8],
    #[netpack(len = "protocol_len")]
    pub target_protocol: &'a [u8],
}

/// The start of an ICMP message. Python: `struct.unpack_from("!BBHHH", packet)`.
#[derive(NetPack, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Icmp {
    pub kind: u8,
    pub code: u8,
    pub checksum: u16,
    pub id: u16,
    pub seq: u16,
}

/// Linux "cooked" capture header, link type 113. Python:
/// `struct.unpack_from("!HHH8sH", packet)`.
#[derive(NetPack, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sll {
    pub packet_type: u16,
    pub arphrd: u16,
    pub address_len: u16,
    pub address: [u8; 8],
    pub protocol: u16,
}

/// Linux "cooked" capture header, version 2, link type 276. Python:
/// `struct.unpack_from("!HHIHBB8s", packet)`.
#[derive(NetPack, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sll2 {
    pub protocol: u16,
    pub reserved: u16,
    pub interface: u32,
    pub arphrd: u16,
    pub packet_type: u8,
    pub address_len: u8,
    pub address: [u8; 8],
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

/// What `pcap_dump` prints beyond `tcpdump -nn -tt`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// Nine fraction digits, as `tcpdump --nano` prints them (a microsecond
    /// file's times end in `000`); otherwise six, as `tcpdump -tt` prints
    /// them, a nanosecond file's times cut (not rounded) to microseconds.
    pub nano: bool,
    /// Check every IPv4 header checksum ([`Ipv4Checked`]) and append
    /// ` [bad IPv4 header checksum: …]` to the line of a packet whose checksum
    /// is wrong. tcpdump -nn prints nothing about checksums, so without it the
    /// lines are tcpdump's.
    pub verify: bool,
}

/// The two addresses of an IP packet, as tcpdump prints them.
#[derive(Clone, Copy)]
struct Addresses {
    /// IPv4 addresses take the first 4 bytes.
    source: [u8; 16],
    destination: [u8; 16],
    v6: bool,
    /// Printed already, before an IPv6 extension header: the transport then
    /// prints its ports alone.
    printed: bool,
}

impl Addresses {
    fn v4(source: [u8; 4], destination: [u8; 4]) -> Addresses {
        let mut a = Addresses {
            source: [0; 16],
            destination: [0; 16],
            v6: false,
            printed: false,
        };
        a.source[..4].copy_from_slice(&source);
        a.destination[..4].copy_from_slice(&destination);
        a
    }

    fn v6(source: [u8; 16], destination: [u8; 16]) -> Addresses {
        Addresses {
            source,
            destination,
            v6: true,
            printed: false,
        }
    }

    fn show(&self, address: &[u8; 16]) -> String {
        if self.v6 {
            Ipv6Addr::from(*address).to_string()
        } else {
            Ipv4Addr::new(address[0], address[1], address[2], address[3]).to_string()
        }
    }

    fn source(&self) -> String {
        self.show(&self.source)
    }

    fn destination(&self) -> String {
        self.show(&self.destination)
    }

    /// `src.sport > dst.dport: `, or `sport > dport: ` after an IPv6
    /// extension header.
    fn with_ports(&self, sport: u16, dport: u16) -> String {
        if self.printed {
            format!("{sport} > {dport}: ")
        } else {
            format!(
                "{}.{sport} > {}.{dport}: ",
                self.source(),
                self.destination()
            )
        }
    }

    /// `src > dst: `, unless printed already.
    fn prefix(&self) -> String {
        if self.printed {
            String::new()
        } else {
            format!("{} > {}: ", self.source(), self.destination())
        }
    }

    /// The flow's key in tcpdump's table of initial sequence numbers: the
    /// addresses and the ports, the lower port first (`rev` when swapped).
    fn flow(&self, sport: u16, dport: u16) -> (Flow, bool) {
        let (s, d) = (self.source, self.destination);
        let rev = sport > dport || (sport == dport && s > d);
        if rev {
            (
                (self.v6, d, s, u32::from(dport) << 16 | u32::from(sport)),
                true,
            )
        } else {
            (
                (self.v6, s, d, u32::from(sport) << 16 | u32::from(dport)),
                false,
            )
        }
    }
}

/// IPv6 or not, the two addresses, the ports (as tcpdump orders them).
type Flow = (bool, [u8; 16], [u8; 16], u32);

/// Turns records into tcpdump's lines, remembering what tcpdump remembers
/// between packets: each TCP connection's initial sequence numbers, so that
/// `seq` and `ack` print relative to them after the handshake as tcpdump
/// prints them without `-S`.
///
/// ```
/// use netpack_examples::pcap::{file_header, Options, Printer, Record};
///
/// // Python: struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 0)
/// let mut bytes = [0u8; 24];
/// bytes[..8].copy_from_slice(b"\xd4\xc3\xb2\xa1\x02\x00\x04\x00");
/// bytes[16..20].copy_from_slice(&65535u32.to_le_bytes()); // snaplen; link type 0, BSD loopback
/// let header = file_header(&bytes).unwrap();
///
/// // AF_INET, then IPv4 to 10.0.0.2 with an unassigned protocol, 253.
/// let packet = b"\x02\0\0\0\x45\0\0\x18\0\x01\0\0\x40\xfd\0\0\x0a\0\0\x01\x0a\0\0\x02abcd";
/// let len = packet.len() as u32;
/// let r = Record { ts_sec: 1, ts_frac: 5, incl_len: len, orig_len: len, packet };
/// let mut printer = Printer::new(Options::default());
/// assert_eq!(printer.line(&header, &r), "1.000005 IP 10.0.0.1 > 10.0.0.2:  ip-proto-253 4");
/// ```
#[derive(Debug, Default)]
pub struct Printer {
    options: Options,
    /// Per flow: the initial sequence numbers (`th->seq`, `th->ack` in tcpdump).
    flows: HashMap<Flow, (u32, u32)>,
    /// Interface names by index, for link type 276.
    interfaces: Option<HashMap<u32, String>>,
}

/// How much of a header tcpdump's printers may read: the captured bytes, and
/// the length the headers before it give (on the wire).
#[derive(Clone, Copy)]
struct Part<'a> {
    captured: &'a [u8],
    length: u32,
}

impl Printer {
    /// A printer with `options`.
    pub fn new(options: Options) -> Printer {
        Printer {
            options,
            ..Printer::default()
        }
    }

    /// The line (or, for a packet tcpdump dumps in hex, the lines) of one
    /// record, without the final newline.
    pub fn line(&mut self, header: &FileHeader, r: &Record<'_>) -> String {
        let mut s = String::new();
        let (micros, nanos) = if header.kind.nanos {
            (r.ts_frac / 1000, r.ts_frac)
        } else {
            (r.ts_frac, r.ts_frac.wrapping_mul(1000))
        };
        if self.options.nano {
            let _ = write!(s, "{}.{nanos:09} ", r.ts_sec);
        } else {
            let _ = write!(s, "{}.{micros:06} ", r.ts_sec);
        }
        let p = Part {
            captured: r.packet,
            length: r.orig_len,
        };
        match header.linktype {
            1 => self.ethernet(&mut s, p),
            0 => self.null(&mut s, p),
            113 => self.sll(&mut s, p),
            276 => self.sll2(&mut s, p),
            other => {
                let _ = write!(s, "link type {other}, length {}", r.orig_len);
            }
        }
        s
    }

    fn ethernet(&mut self, s: &mut String, p: Part<'_>) {
        let Ok((eth, used)) = Ethernet::decode_prefix(p.captured) else {
            s.push_str(" [|ether]");
            return;
        };
        let mut rest = p.skip(used);
        let mut ethertype = eth.ethertype;
        // VLAN tags (802.1Q, 802.1ad and the older QinQ types), which
        // tcpdump prints only with -e.
        while matches!(ethertype, 0x8100 | 0x88a8 | 0x9100 | 0x9200) {
            let Ok((tag, used)) = VlanTag::decode_prefix(rest.captured) else {
                s.push_str(" [|vlan]");
                return;
            };
            ethertype = tag.ethertype;
            rest = rest.skip(used);
        }
        if ethertype <= 1500 {
            // A length: an 802.3 frame, whose LLC header tcpdump decodes
            // (this line is not tcpdump's).
            let _ = write!(
                s,
                "{} > {}, 802.3, length {}: ",
                Mac(eth.source),
                Mac(eth.destination),
                p.length
            );
            hex_dump(s, rest.captured);
        } else if !self.ethertype(s, ethertype, rest) {
            let _ = write!(
                s,
                "{} > {}, ethertype Unknown ({ethertype:#06x}), length {}: ",
                Mac(eth.source),
                Mac(eth.destination),
                p.length
            );
            hex_dump(s, rest.captured);
        }
    }

    /// Prints a packet of a known ethertype; `false` for another.
    fn ethertype(&mut self, s: &mut String, ethertype: u16, p: Part<'_>) -> bool {
        match ethertype {
            0x0800 => self.ipv4(s, p),
            0x86dd => self.ipv6(s, p),
            0x0806 => arp(s, p),
            _ => return false,
        }
        true
    }

    /// Link type 0: the address family, in the byte order of the machine
    /// that wrote it.
    fn null(&mut self, s: &mut String, p: Part<'_>) {
        let Some(family) = p.captured.first_chunk::<4>() else {
            s.push_str(" [|null]");
            return;
        };
        let mut family = u32::from_le_bytes(*family);
        if family & 0xffff_0000 != 0 {
            family = family.swap_bytes();
        }
        let rest = p.skip(4);
        match family {
            2 => self.ipv4(s, rest),
            24 | 28 | 30 => self.ipv6(s, rest),
            _ => {
                let _ = write!(s, "AF Unknown ({family}), length {}: ", p.length);
                hex_dump(s, rest.captured);
            }
        }
    }

    fn sll(&mut self, s: &mut String, p: Part<'_>) {
        let Ok((sll, used)) = Sll::decode_prefix(p.captured) else {
            s.push_str("[|sll]");
            return;
        };
        if !self.ethertype(s, sll.protocol, p.skip(used)) {
            let _ = write!(
                s,
                "ethertype Unknown ({:#06x}), length {}",
                sll.protocol, p.length
            );
        }
    }

    fn sll2(&mut self, s: &mut String, p: Part<'_>) {
        let Ok((sll, used)) = Sll2::decode_prefix(p.captured) else {
            s.push_str("[|sll2]");
            return;
        };
        let name = self
            .interface_name(sll.interface)
            .unwrap_or_else(|| "?".into());
        let direction = match sll.packet_type {
            0 => "In",
            1 => "B",
            2 => "M",
            3 => "P",
            4 => "Out",
            _ => "?",
        };
        let _ = write!(s, "{name:<5} {direction:<3} ");
        if !self.ethertype(s, sll.protocol, p.skip(used)) {
            let _ = write!(
                s,
                "ethertype Unknown ({:#06x}), length {}",
                sll.protocol, p.length
            );
        }
    }

    /// The name of interface `index` on this machine, as tcpdump looks it up
    /// (`if_indextoname`) when it prints a cooked v2 capture.
    fn interface_name(&mut self, index: u32) -> Option<String> {
        let names = self.interfaces.get_or_insert_with(|| {
            let mut names = HashMap::new();
            if let Ok(dir) = std::fs::read_dir("/sys/class/net") {
                for entry in dir.flatten() {
                    let index = std::fs::read_to_string(entry.path().join("ifindex"));
                    if let Ok(Ok(index)) = index.map(|i| i.trim().parse::<u32>()) {
                        names.insert(index, entry.file_name().to_string_lossy().into_owned());
                    }
                }
            }
            names
        });
        names.get(&index).cloned()
    }

    /// tcpdump's `ip_print`; `length` is what the link layer says is left on
    /// the wire.
    fn ipv4(&mut self, s: &mut String, p: Part<'_>) {
        let Ok((first, _)) = IpVersion::decode_prefix(p.captured) else {
            s.push_str(" [|ip]");
            return;
        };
        match first.version {
            4 => {}
            6 => {
                s.push_str("IP6, wrong link-layer encapsulation (invalid)");
                return;
            }
            v => {
                let _ = write!(s, "IP{v} (invalid)");
                return;
            }
        }
        s.push_str("IP ");
        if p.captured.len() < 20 {
            s.push_str(" [|ip]");
            return;
        }
        if p.length < 20 {
            let _ = write!(s, "truncated-ip {}", p.length);
            return;
        }
        let hlen = u32::from(first.ihl) * 4;
        if hlen < 20 {
            let _ = write!(s, "bad-hlen {hlen}");
            return;
        }
        let total = u32::from(u16::from_be_bytes([p.captured[2], p.captured[3]]));
        if p.length < total {
            let _ = write!(s, "truncated-ip - {} bytes missing! ", total - p.length);
        }
        if total < hlen {
            let _ = write!(s, "bad-len {total}");
            return;
        }
        // When the capture cut the options, tcpdump still prints a later
        // fragment's addresses: the fixed fields, read as if there were none.
        let mut fixed = [0u8; 20];
        fixed.copy_from_slice(&p.captured[..20]);
        fixed[0] = 0x45;
        let (ip, whole) = match Ipv4::decode_prefix(p.captured) {
            Ok((ip, _)) => (ip, true),
            Err(_) => match Ipv4::decode_prefix(&fixed) {
                Ok((ip, _)) => (ip, false),
                Err(e) => {
                    let _ = write!(s, " [|ip] ({e})");
                    return;
                }
            },
        };
        // The IP packet ends at its total length (an Ethernet frame's padding
        // is not the transport's).
        let end = (total as usize).min(p.captured.len());
        let payload = Part {
            captured: p.captured.get(hlen as usize..end).unwrap_or_default(),
            length: total - hlen,
        };
        let mut addresses = Addresses::v4(ip.source, ip.destination);
        if ip.fragment_offset == 0 {
            // The addresses here, unless the transport prints them with its
            // ports (TCP, UDP, and SCTP and DCCP, which pcap_dump does not
            // decode).
            if !matches!(ip.protocol, 6 | 17 | 33 | 132) {
                s.push_str(&addresses.prefix());
                addresses.printed = true;
            }
            if !whole {
                let _ = write!(
                    s,
                    " [remaining caplen({}) < header length({hlen})] [|ip]",
                    p.captured.len()
                );
                return;
            }
            self.transport(s, ip.protocol, addresses, payload, ip.more_fragments);
        } else {
            let _ = write!(
                s,
                "{} > {}: ip-proto-{}",
                addresses.source(),
                addresses.destination(),
                ip.protocol
            );
        }
        if self.options.verify {
            if let Err(e) = Ipv4Checked::decode_prefix(p.captured) {
                if e.kind() == ErrorKind::BadChecksum {
                    let _ = write!(s, " [bad IPv4 header checksum: {e}]");
                }
            }
        }
    }

    /// tcpdump's `ip6_print`: hop-by-hop and destination options and
    /// fragment headers named, other extension headers not decoded.
    fn ipv6(&mut self, s: &mut String, p: Part<'_>) {
        let Ok((ip, used)) = Ipv6::decode_prefix(p.captured) else {
            s.push_str(" [|ip6]");
            return;
        };
        s.push_str("IP6 ");
        if ip.version != 6 {
            let _ = write!(s, "version error: {} != 6", ip.version);
            return;
        }
        let total = u32::from(ip.payload_length) + 40;
        if p.length < total {
            let _ = write!(s, "truncated-ip6 - {} bytes missing!", total - p.length);
        }
        let end = (total as usize).min(p.captured.len());
        let mut rest = Part {
            captured: p.captured.get(used..end).unwrap_or_default(),
            length: u32::from(ip.payload_length),
        };
        let mut a = Addresses::v6(ip.source, ip.destination);
        let mut next = ip.next_header;
        // tcpdump prints the addresses here unless TCP or UDP follows at once
        // (they print them with the ports).
        if !matches!(next, 6 | 17) {
            s.push_str(&a.prefix());
            a.printed = true;
        }
        let mut fragmented = false;
        loop {
            match next {
                // Hop-by-hop and destination options: named, not decoded.
                0 | 60 => {
                    let (name, trunc) = if next == 0 {
                        ("HBH", " [|hbhopt]")
                    } else {
                        ("DSTOPT", " [|dstopt]")
                    };
                    let length = rest
                        .captured
                        .get(1)
                        .map(|&l| (usize::from(l) + 1) * 8)
                        .filter(|&l| l <= rest.captured.len());
                    let Some(length) = length else {
                        s.push_str(trunc);
                        return;
                    };
                    let _ = write!(s, "{name} ");
                    next = rest.captured[0];
                    rest = rest.skip(length);
                }
                44 => {
                    let Ok((frag, used)) = Ipv6Fragment::decode_prefix(rest.captured) else {
                        s.push_str(" [|frag]");
                        return;
                    };
                    let _ = write!(
                        s,
                        "frag ({}|{})",
                        u32::from(frag.offset) * 8,
                        rest.length.wrapping_sub(8)
                    );
                    // A later fragment has no transport header to decode.
                    if frag.offset != 0 || rest.captured.len() <= used {
                        return;
                    }
                    s.push(' ');
                    fragmented = true;
                    next = frag.next_header;
                    rest = rest.skip(used);
                }
                _ => {
                    self.transport(s, next, a, rest, fragmented);
                    return;
                }
            }
        }
    }

    /// The transport header of an IP packet (`fragmented`: the first part of
    /// a fragmented one).
    fn transport(
        &mut self,
        s: &mut String,
        protocol: u8,
        a: Addresses,
        p: Part<'_>,
        fragmented: bool,
    ) {
        match protocol {
            6 => self.tcp(s, a, p),
            17 => udp(s, a, p, fragmented),
            // IP in IP.
            4 | 41 => {
                s.push_str(&a.prefix());
                if protocol == 4 {
                    self.ipv4(s, p);
                } else {
                    self.ipv6(s, p);
                }
            }
            1 if !a.v6 => icmp(s, a, p),
            58 if a.v6 => icmp6(s, a, p),
            59 => {
                let _ = write!(s, "{}no next header", a.prefix());
            }
            _ => {
                let _ = write!(s, "{} ip-proto-{protocol} {}", a.prefix(), p.length);
            }
        }
    }

    /// tcpdump's `tcp_print` (without `-S`, `-v` and the application
    /// protocols of well-known ports).
    fn tcp(&mut self, s: &mut String, a: Addresses, p: Part<'_>) {
        let Some(ports) = p.captured.first_chunk::<4>() else {
            let _ = write!(s, "{} > {}: [|tcp]", a.source(), a.destination());
            return;
        };
        let sport = u16::from_be_bytes([ports[0], ports[1]]);
        let dport = u16::from_be_bytes([ports[2], ports[3]]);
        s.push_str(&a.with_ports(sport, dport));
        let Ok((tcp, _)) = Tcp::decode_prefix(p.captured) else {
            s.push_str(" [|tcp]");
            return;
        };
        let hlen = u32::from(tcp.data_offset) * 4;
        let length = p.length;
        if hlen < 20 {
            let _ = write!(
                s,
                " tcp {} [bad hdr length {hlen} - too short, < 20]",
                length.wrapping_sub(hlen)
            );
            return;
        }
        let _ = write!(s, "Flags [{}]", tcp.flags());
        let (mut seq, mut ack) = (tcp.seq, tcp.ack);
        let (mut base_seq, mut base_ack, mut rev) = (0, 0, false);
        if tcp.ack_flag {
            let (flow, r) = a.flow(sport, dport);
            rev = r;
            match self.flows.get(&flow) {
                Some(&(s0, a0)) if !tcp.syn => {
                    if rev {
                        seq = seq.wrapping_sub(a0);
                        ack = ack.wrapping_sub(s0);
                    } else {
                        seq = seq.wrapping_sub(s0);
                        ack = ack.wrapping_sub(a0);
                    }
                    (base_seq, base_ack) = (s0, a0);
                }
                _ => {
                    let bases = if rev {
                        (tcp.ack.wrapping_sub(1), tcp.seq)
                    } else {
                        (tcp.seq, tcp.ack.wrapping_sub(1))
                    };
                    self.flows.insert(flow, bases);
                    (base_seq, base_ack) = bases;
                }
            }
        }
        if hlen > length {
            let _ = write!(s, " [bad hdr length {hlen} - too long, > {length}]");
            return;
        }
        let length = length - hlen;
        if length > 0 || tcp.syn || tcp.fin || tcp.rst {
            let _ = write!(s, ", seq {seq}");
            if length > 0 {
                let _ = write!(s, ":{}", seq.wrapping_add(length));
            }
        }
        if tcp.ack_flag {
            let _ = write!(s, ", ack {ack}");
        }
        let _ = write!(s, ", win {}", tcp.window);
        if tcp.urg {
            let _ = write!(s, ", urg {}", tcp.urgent);
        }
        if hlen > 20 {
            let sack_base = if rev { base_seq } else { base_ack };
            // tcpdump reads an option's length byte where the capture has it,
            // even past the header (then finds it too long): all the bytes.
            let options = p.captured.get(Tcp::SIZE..).unwrap_or_default();
            let whole = p.captured.len() as u64 >= u64::from(p.length);
            match tcp_options(s, options, hlen as usize - 20, sack_base, whole) {
                OptionsEnd::Done => {}
                OptionsEnd::Bad => return,
                OptionsEnd::Truncated => return,
            }
        }
        let _ = write!(s, ", length {length}");
        if length > 0 && p.captured.len() < hlen as usize {
            let _ = write!(
                s,
                " [remaining caplen({}) < header length({hlen})] [|tcp]",
                p.captured.len()
            );
        }
    }
}

impl<'a> Part<'a> {
    /// What follows the first `n` bytes (of a header `n` bytes long).
    fn skip(self, n: usize) -> Part<'a> {
        Part {
            captured: self.captured.get(n..).unwrap_or_default(),
            length: self.length.saturating_sub(n as u32),
        }
    }
}

/// How tcpdump's walk through the TCP options ended.
enum OptionsEnd {
    Done,
    /// `[bad opt]`: a length that does not fit; the line ends there.
    Bad,
    /// The capture ends inside an option: ` [|tcp]`, and the line ends.
    Truncated,
}

/// tcpdump's option names, by kind.
fn option_name(kind: u8) -> Option<&'static str> {
    Some(match kind {
        0 => "eol",
        1 => "nop",
        2 => "mss",
        3 => "wscale",
        4 => "sackOK",
        5 => "sack",
        6 => "echo",
        7 => "echoreply",
        8 => "TS",
        11 => "cc",
        12 => "ccnew",
        13 => "",
        19 => "md5",
        20 => "scps",
        28 => "uto",
        29 => "tcp-ao",
        30 => "mptcp",
        34 => "tfo",
        254 => "exp",
        _ => return None,
    })
}

/// `, options [...]` as tcpdump walks them: `captured` are the option bytes
/// the capture holds, `room` the bytes the data offset gives them.
/// `sack_base` is what SACK blocks are relative to, `whole` whether the capture
/// holds the whole segment (which tcpdump needs to check an MD5 signature).
fn tcp_options(
    s: &mut String,
    captured: &[u8],
    room: usize,
    sack_base: u32,
    whole: bool,
) -> OptionsEnd {
    s.push_str(", options [");
    let byte = |i: usize| captured.get(i).copied();
    let be32 = |i: usize| {
        captured
            .get(i..i + 4)
            .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    };
    let mut hlen = room;
    let mut at = 0;
    let mut first = true;
    while hlen > 0 {
        if !first {
            s.push(',');
        }
        let Some(kind) = byte(at) else {
            s.push_str(" [|tcp]");
            return OptionsEnd::Truncated;
        };
        at += 1;
        let zero_len = kind <= 1;
        let len = if zero_len {
            1
        } else {
            let Some(len) = byte(at) else {
                s.push_str(" [|tcp]");
                return OptionsEnd::Truncated;
            };
            at += 1;
            let len = usize::from(len);
            if len < 2 || len > hlen {
                return bad_option(s, first);
            }
            hlen -= 1;
            len
        };
        hlen -= 1;
        match option_name(kind) {
            Some(name) => s.push_str(name),
            None => {
                let _ = write!(s, "unknown-{kind}");
            }
        }
        // LENCHECK: past the option's room is bad, past the capture truncated.
        let check = |l: usize| -> Result<(), OptionsEnd> {
            if l > hlen {
                Err(OptionsEnd::Bad)
            } else if at + l > captured.len() {
                Err(OptionsEnd::Truncated)
            } else {
                Ok(())
            }
        };
        let mut datalen = 0;
        let result = (|| -> Result<(), OptionsEnd> {
            match kind {
                2 => {
                    datalen = 2;
                    check(2)?;
                    let _ = write!(
                        s,
                        " {}",
                        u16::from_be_bytes([captured[at], captured[at + 1]])
                    );
                }
                3 => {
                    datalen = 1;
                    check(1)?;
                    let _ = write!(s, " {}", captured[at]);
                }
                5 => {
                    datalen = len - 2;
                    if datalen % 8 != 0 {
                        s.push_str(" invalid sack");
                    } else {
                        let _ = write!(s, " {} ", datalen / 8);
                        for i in (0..datalen).step_by(8) {
                            check(i + 8)?;
                            let (Some(a), Some(b)) = (be32(at + i), be32(at + i + 4)) else {
                                return Err(OptionsEnd::Truncated);
                            };
                            let _ = write!(
                                s,
                                "{{{}:{}}}",
                                a.wrapping_sub(sack_base),
                                b.wrapping_sub(sack_base)
                            );
                        }
                    }
                }
                6 | 7 | 11 | 12 | 13 => {
                    datalen = 4;
                    check(4)?;
                    let _ = write!(s, " {}", be32(at).unwrap_or_default());
                }
                8 => {
                    datalen = 8;
                    check(8)?;
                    let _ = write!(
                        s,
                        " val {} ecr {}",
                        be32(at).unwrap_or_default(),
                        be32(at + 4).unwrap_or_default()
                    );
                }
                0 | 1 | 4 => {}
                19 => {
                    datalen = 16;
                    check(16)?;
                    // As a tcpdump built with OpenSSL (Debian's) words it.
                    if whole {
                        s.push_str(" shared secret not supplied with -M, can't check - ");
                    } else {
                        s.push_str(" snaplen too short, can't check - ");
                    }
                    for b in &captured[at..at + 16] {
                        let _ = write!(s, "{b:02x}");
                    }
                }
                20 => {
                    datalen = 2;
                    check(2)?;
                    let _ = write!(s, " cap {:02x} id {}", captured[at], captured[at + 1]);
                }
                29 => {
                    datalen = len - 2;
                    if datalen < 2 {
                        s.push_str(" (invalid)");
                    } else {
                        check(1)?;
                        let _ = write!(s, " keyid {}", captured[at]);
                        check(2)?;
                        let _ = write!(s, " rnextkeyid {}", captured[at + 1]);
                        if datalen > 2 {
                            s.push_str(" mac 0x");
                            for i in 2..datalen {
                                check(i + 1)?;
                                let _ = write!(s, "{:02x}", captured[at + i]);
                            }
                        }
                    }
                }
                34 | 254 => {
                    datalen = len - 2;
                    check(datalen)?;
                    let mut cookie = &captured[at..at + datalen];
                    if kind == 34 {
                        s.push(' ');
                    } else {
                        // RFC 6994: a 16-bit magic; 0xf989 is Fast Open's.
                        if datalen < 2 {
                            return Err(OptionsEnd::Bad);
                        }
                        let magic = u16::from_be_bytes([cookie[0], cookie[1]]);
                        if magic != 0xf989 {
                            let _ = write!(s, "-{magic:04x}");
                            return Ok(());
                        }
                        s.push_str("-tfo");
                        cookie = &cookie[2..];
                    }
                    if cookie.is_empty() {
                        s.push_str(" cookiereq");
                    } else if !cookie.len().is_multiple_of(2) || !(4..=16).contains(&cookie.len()) {
                        s.push_str(" (invalid)");
                    } else {
                        s.push_str(" cookie ");
                        for b in cookie {
                            let _ = write!(s, "{b:02x}");
                        }
                    }
                }
                28 => {
                    datalen = 2;
                    check(2)?;
                    let v = u16::from_be_bytes([captured[at], captured[at + 1]]);
                    let minutes = v & 1 != 0;
                    let v2 = if minutes {
                        u32::from(v >> 1) * 60
                    } else {
                        u32::from(v >> 1)
                    };
                    let _ = write!(s, " {v:#x} {v2}");
                }
                _ => {
                    // Printed as tcpdump prints an option it does not know
                    // (the options it decodes further are not modelled).
                    datalen = len - 2;
                    if datalen > 0 {
                        s.push_str(" 0x");
                    }
                    for i in 0..datalen {
                        check(i + 1)?;
                        let _ = write!(s, "{:02x}", captured[at + i]);
                    }
                }
            }
            Ok(())
        })();
        match result {
            Ok(()) => {}
            Err(OptionsEnd::Bad) => return bad_option(s, first),
            Err(_) => {
                // tcpdump closes the list with `>` after the first option.
                s.push_str(if first { " [|tcp]" } else { " [|tcp]>" });
                return OptionsEnd::Truncated;
            }
        }
        at += datalen;
        hlen -= datalen;
        let mut total = datalen + 1;
        if !zero_len {
            total += 1;
        }
        if total != len {
            let _ = write!(s, "[len {len}]");
        }
        first = false;
        if kind == 0 {
            break;
        }
    }
    s.push(']');
    OptionsEnd::Done
}

fn bad_option(s: &mut String, first: bool) -> OptionsEnd {
    s.push_str("[bad opt]");
    if !first {
        s.push(']');
    }
    OptionsEnd::Bad
}

/// tcpdump's `udp_print` (without `-v` and the application protocols of
/// well-known ports).
fn udp(s: &mut String, a: Addresses, p: Part<'_>, fragmented: bool) {
    let Some(ports) = p.captured.first_chunk::<4>() else {
        let _ = write!(s, "{} [|udp]", a.prefix());
        return;
    };
    let sport = u16::from_be_bytes([ports[0], ports[1]]);
    let dport = u16::from_be_bytes([ports[2], ports[3]]);
    s.push_str(&a.with_ports(sport, dport));
    if p.length < 8 {
        let _ = write!(s, "truncated-udp {}", p.length);
        return;
    }
    let Ok((udp, _)) = Udp::decode_prefix(p.captured) else {
        s.push_str(" [|udp]");
        return;
    };
    let mut ulen = u32::from(udp.length);
    if ulen == 0 && p.length > 65535 {
        ulen = p.length;
    }
    if ulen < 8 {
        let _ = write!(s, "truncated-udplength {ulen}");
        return;
    }
    let ulen = ulen - 8;
    let length = p.length - 8;
    if ulen > length && !fragmented {
        let _ = write!(s, "UDP, bad length {ulen} > {length}");
    } else {
        let _ = write!(s, "UDP, length {ulen}");
    }
}

/// tcpdump's `icmp_print` for echo requests and replies and the types it
/// prints by name alone; the types it decodes further (unreachable, redirect,
/// time exceeded, …) as `ICMP type N, code C` (not tcpdump's words).
fn icmp(s: &mut String, a: Addresses, p: Part<'_>) {
    s.push_str(&a.prefix());
    let Some(&[kind, code]) = p.captured.first_chunk::<2>() else {
        s.push_str(" [|icmp]");
        return;
    };
    let named = match kind {
        0 | 8 => {
            let Ok((icmp, _)) = Icmp::decode_prefix(p.captured) else {
                s.push_str(" [|icmp]");
                return;
            };
            let what = if icmp.kind == 8 { "request" } else { "reply" };
            let _ = write!(
                s,
                "ICMP echo {what}, id {}, seq {}, length {}",
                icmp.id, icmp.seq, p.length
            );
            return;
        }
        3 | 5 | 9 | 11 | 12 | 13 | 14 | 18 => {
            let _ = write!(s, "ICMP type {kind}, code {code}, length {}", p.length);
            return;
        }
        4 => "source quench".to_string(),
        10 => "router solicitation".to_string(),
        15 => "information request".to_string(),
        16 => "information reply".to_string(),
        17 => "address mask request".to_string(),
        k => format!("type-#{k}"),
    };
    let _ = write!(s, "ICMP {named}, length {}", p.length);
}

/// A link-layer address as tcpdump prints one: its bytes in hex, with colons.
fn link_address(bytes: &[u8]) -> String {
    let hex: Vec<String> = bytes.iter().map(|b| format!("{b:02x}")).collect();
    hex.join(":")
}

/// tcpdump's `icmp6_print` for echo requests and replies; other types as
/// `ICMP6, type N, code C` (not tcpdump's words: it names and decodes them).
fn icmp6(s: &mut String, a: Addresses, p: Part<'_>) {
    s.push_str(&a.prefix());
    if p.length == 0 {
        s.push_str("ICMP6, length 0 (invalid)");
        return;
    }
    let Ok((icmp, _)) = Icmp::decode_prefix(p.captured) else {
        match p.captured.first() {
            Some(&kind @ (128 | 129)) => {
                let what = if kind == 128 { "request" } else { "reply" };
                let _ = write!(s, "ICMP6, echo {what} [|icmp6]");
            }
            _ => s.push_str(" [|icmp6]"),
        }
        return;
    };
    match icmp.kind {
        128 | 129 => {
            let what = if icmp.kind == 128 { "request" } else { "reply" };
            let _ = write!(
                s,
                "ICMP6, echo {what}, id {}, seq {}, length {}",
                icmp.id, icmp.seq, p.length
            );
        }
        k => {
            let _ = write!(
                s,
                "ICMP6, type {k}, code {}, length {}",
                icmp.code, p.length
            );
        }
    }
}

/// tcpdump's `arp_print` (but for ATM ARP, and naming only Ethernet among
/// the hardware types and IPv4, ARP and IPv6 among the protocols).
fn arp(s: &mut String, p: Part<'_>) {
    // An ARP packet whose addresses the capture cut is tcpdump's `[|arp]`.
    let Ok((arp, _)) = Arp::decode_prefix(p.captured) else {
        s.push_str(" [|arp]");
        return;
    };
    s.push_str("ARP, ");
    let ip = arp.protocol == 0x0800 || arp.protocol == 0x1000;
    if !ip || arp.protocol_len != 4 || arp.hardware_len == 0 {
        let hardware = match arp.hardware {
            1 => "Ethernet".to_string(),
            h => format!("Unknown Hardware ({h})"),
        };
        let protocol = match arp.protocol {
            0x0800 => "IPv4".to_string(),
            0x0806 => "ARP".to_string(),
            0x86dd => "IPv6".to_string(),
            p => format!("Unknown Protocol ({p:#06x})"),
        };
        let _ = write!(
            s,
            "{hardware} (len {}), {protocol} (len {}), length {}",
            arp.hardware_len, arp.protocol_len, p.length
        );
        return;
    }
    let ip_of = |b: &[u8]| Ipv4Addr::from([b[0], b[1], b[2], b[3]]);
    let (spa, tpa) = (ip_of(arp.sender_protocol), ip_of(arp.target_protocol));
    let (sha, tha) = (
        link_address(arp.sender_hardware),
        link_address(arp.target_hardware),
    );
    let name = match arp.operation {
        1 => "Request".to_string(),
        2 => "Reply".to_string(),
        3 => "Reverse Request".to_string(),
        4 => "Reverse Reply".to_string(),
        8 => "Inverse Request".to_string(),
        9 => "Inverse Reply".to_string(),
        10 => "NACK Reply".to_string(),
        op => format!("Unknown ({op})"),
    };
    let _ = write!(s, "{name} ");
    match arp.operation {
        1 => {
            let _ = write!(s, "who-has {tpa}");
            if arp.target_hardware.iter().any(|&b| b != 0) {
                let _ = write!(s, " ({tha})");
            }
            let _ = write!(s, " tell {spa}");
        }
        2 => {
            let _ = write!(s, "{spa} is-at {sha}");
        }
        3 | 8 => {
            let _ = write!(s, "who-is {tha} tell {sha}");
        }
        4 => {
            let _ = write!(s, "{tha} at {tpa}");
        }
        9 => {
            let _ = write!(s, "{sha} at {spa}");
        }
        _ => {
            hex_dump(s, p.captured);
            return;
        }
    }
    let _ = write!(s, ", length {}", p.length);
}

/// tcpdump's hex and ASCII dump of bytes it cannot decode: a line per 16
/// bytes, each starting with a newline and a tab.
fn hex_dump(s: &mut String, bytes: &[u8]) {
    for (n, line) in bytes.chunks(16).enumerate() {
        let mut hex = String::new();
        for pair in line.chunks(2) {
            hex.push(' ');
            for b in pair {
                let _ = write!(hex, "{b:02x}");
            }
        }
        let ascii: String = line
            .iter()
            .map(|&b| if b.is_ascii_graphic() { b as char } else { '.' })
            .collect();
        let _ = write!(s, "\n\t0x{:04x}: {hex:<40}  {ascii}", n * 16);
    }
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
