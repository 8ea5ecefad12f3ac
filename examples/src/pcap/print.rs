//! [`Printer`]: each packet worded as tcpdump 4.99 words it (`-nn -tt`).

use super::headers::{
    Arp, Ethernet, Icmp, IpVersion, Ipv4, Ipv4Checked, Ipv6, Ipv6Fragment, Sll, Sll2, Tcp, Udp,
    VlanTag,
};
use super::tcp_options::{tcp_options, OptionsEnd};
use super::{FileHeader, Record};
use netpack::{ErrorKind, Message, NetPack};
use std::collections::HashMap;
use std::fmt::{self, Write as _};
use std::net::{Ipv4Addr, Ipv6Addr};

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
