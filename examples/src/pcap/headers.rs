//! The headers of a packet as derived types: Ethernet, VLAN, IPv4 (bit fields,
//! options, the declared checksum), IPv6, UDP, TCP, ARP, ICMP and the Linux
//! cooked headers.

use netpack::{Checksum, NetPack};

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
/// refuses a mismatch with [`ErrorKind::BadChecksum`](netpack::ErrorKind::BadChecksum). Python:
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
