//! The bit-field zoo: real protocol headers written with `#[netpack(bits = N)]`
//! as their RFCs draw them, and LSB-first C structs, each with its runtime
//! model: the same layout as a list of Python `struct` and `bitstruct` formats,
//! run through `netpack::pack`/`netpack::bits::pack`.
//!
//! The expected bytes are written by `tests/bits_zoo/gen_zoo.py` (bitstruct and
//! struct; ctypes' `LittleEndianStructure` for the LSB-first types), which
//! spells each layout on its own; `tests/tests/bits_zoo.rs` replays them, and
//! checks the derive against the runtime model by proptest; the `bits_zoo` fuzz
//! target decodes arbitrary bytes as each type and checks it against the model.
//!
//! | type | what | bit runs |
//! |---|---|---|
//! | [`Ipv4Header`] | RFC 791, no options | `u4u4u6u2`, `b1b1b1u13` |
//! | [`TcpHeader`] | RFC 793/3168, no options | `u4p3b1b1b1b1b1b1b1b1b1` |
//! | [`UdpHeader`] | RFC 768 | none: four `u16` |
//! | [`DnsHeader`] | RFC 1035/2535, an opcode enum with a catch-all | `b1u4b1b1b1b1b1b1b1u4` |
//! | [`NtpPacket`] | RFC 5905, a mode enum without one | `u2u3u3` |
//! | [`MqttFixedHeader`] | MQTT 3.1.1 §2.2, a packet type enum (0 is no type) | `u4b1u2b1` |
//! | [`VlanTag`] | IEEE 802.1Q | `u3b1u12` |
//! | [`Widths`] | signed fields up to 40 bits in one 64-bit run | `s3s21s40` |
//! | [`CanId`] | Linux `can_id`, LSB first, little-endian | `b1b1b1u29` (swapped) |
//! | [`UsbSetup`] | USB 2.0 §9.3 setup packet, LSB first | `b1u2u5` |
//! | [`LsbSigned`] | a C struct of signed fields, LSB first | `u8s7p1u4s12` (swapped) |
//! | [`Tlv`] | a message whose `len` is a bit field | `u4u4` |

use netpack::{Error, NetPack, Value};

/// A DNS opcode (RFC 6895 §2.2), with a catch-all.
#[derive(NetPack, Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Opcode {
    /// 0
    Query = 0,
    /// 1 (obsolete)
    IQuery = 1,
    /// 2
    Status = 2,
    /// 4
    Notify = 4,
    /// 5
    Update = 5,
    /// Any other.
    #[netpack(other)]
    Other(u8),
}

/// An NTP association mode: all eight values of its three bits.
#[derive(NetPack, Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum NtpMode {
    /// 0
    Reserved = 0,
    /// 1
    SymmetricActive = 1,
    /// 2
    SymmetricPassive = 2,
    /// 3
    Client = 3,
    /// 4
    Server = 4,
    /// 5
    Broadcast = 5,
    /// 6
    Control = 6,
    /// 7
    Private = 7,
}

/// An MQTT control packet type: 1 to 15; 0 is reserved, so no variant.
#[derive(NetPack, Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
#[allow(missing_docs)]
pub enum MqttType {
    Connect = 1,
    Connack = 2,
    Publish = 3,
    Puback = 4,
    Pubrec = 5,
    Pubrel = 6,
    Pubcomp = 7,
    Subscribe = 8,
    Suback = 9,
    Unsubscribe = 10,
    Unsuback = 11,
    Pingreq = 12,
    Pingresp = 13,
    Disconnect = 14,
    Auth = 15,
}

/// An IPv4 header without options (20 bytes).
#[derive(NetPack, Debug, Clone, Copy, PartialEq, Eq)]
#[allow(missing_docs)]
pub struct Ipv4Header {
    #[netpack(bits = 4)]
    pub version: u8,
    #[netpack(bits = 4)]
    pub ihl: u8,
    #[netpack(bits = 6)]
    pub dscp: u8,
    #[netpack(bits = 2)]
    pub ecn: u8,
    pub total_len: u16,
    pub id: u16,
    #[netpack(bits = 1)]
    pub evil: bool,
    #[netpack(bits = 1)]
    pub dont_fragment: bool,
    #[netpack(bits = 1)]
    pub more_fragments: bool,
    #[netpack(bits = 13)]
    pub fragment_offset: u16,
    pub ttl: u8,
    pub protocol: u8,
    pub checksum: u16,
    pub src: [u8; 4],
    pub dst: [u8; 4],
}

/// A TCP header without options (20 bytes): the reserved bits are padding.
#[derive(NetPack, Debug, Clone, Copy, PartialEq, Eq)]
#[allow(missing_docs)]
pub struct TcpHeader {
    pub src_port: u16,
    pub dst_port: u16,
    pub seq: u32,
    pub ack: u32,
    #[netpack(bits = 4, pad_bits_after = 3)]
    pub data_offset: u8,
    #[netpack(bits = 1)]
    pub ns: bool,
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

/// A UDP header (8 bytes): no bit fields, here as the zoo's plain neighbour.
#[derive(NetPack, Debug, Clone, Copy, PartialEq, Eq)]
#[allow(missing_docs)]
pub struct UdpHeader {
    pub src_port: u16,
    pub dst_port: u16,
    pub len: u16,
    pub checksum: u16,
}

/// A DNS header (12 bytes).
#[derive(NetPack, Debug, Clone, Copy, PartialEq, Eq)]
#[allow(missing_docs)]
pub struct DnsHeader {
    pub id: u16,
    #[netpack(bits = 1)]
    pub qr: bool,
    #[netpack(bits = 4)]
    pub opcode: Opcode,
    #[netpack(bits = 1)]
    pub aa: bool,
    #[netpack(bits = 1)]
    pub tc: bool,
    #[netpack(bits = 1)]
    pub rd: bool,
    #[netpack(bits = 1)]
    pub ra: bool,
    #[netpack(bits = 1)]
    pub z: bool,
    #[netpack(bits = 1)]
    pub ad: bool,
    #[netpack(bits = 1)]
    pub cd: bool,
    #[netpack(bits = 4)]
    pub rcode: u8,
    pub qdcount: u16,
    pub ancount: u16,
    pub nscount: u16,
    pub arcount: u16,
}

/// An NTP packet without extensions (48 bytes).
#[derive(NetPack, Debug, Clone, Copy, PartialEq, Eq)]
#[allow(missing_docs)]
pub struct NtpPacket {
    #[netpack(bits = 2)]
    pub leap: u8,
    #[netpack(bits = 3)]
    pub version: u8,
    #[netpack(bits = 3)]
    pub mode: NtpMode,
    pub stratum: u8,
    pub poll: i8,
    pub precision: i8,
    pub root_delay: u32,
    pub root_dispersion: u32,
    pub reference_id: [u8; 4],
    pub reference_ts: u64,
    pub origin_ts: u64,
    pub receive_ts: u64,
    pub transmit_ts: u64,
}

/// An MQTT fixed header with a one-byte remaining length (2 bytes).
#[derive(NetPack, Debug, Clone, Copy, PartialEq, Eq)]
#[allow(missing_docs)]
pub struct MqttFixedHeader {
    #[netpack(bits = 4)]
    pub packet_type: MqttType,
    #[netpack(bits = 1)]
    pub dup: bool,
    #[netpack(bits = 2)]
    pub qos: u8,
    #[netpack(bits = 1)]
    pub retain: bool,
    pub remaining_len: u8,
}

/// An IEEE 802.1Q tag (4 bytes).
#[derive(NetPack, Debug, Clone, Copy, PartialEq, Eq)]
#[allow(missing_docs)]
pub struct VlanTag {
    pub tpid: u16,
    #[netpack(bits = 3)]
    pub pcp: u8,
    #[netpack(bits = 1)]
    pub dei: bool,
    #[netpack(bits = 12)]
    pub vid: u16,
}

/// Signed fields of odd widths filling one 64-bit run, between bytes.
#[derive(NetPack, Debug, Clone, Copy, PartialEq, Eq)]
#[allow(missing_docs)]
pub struct Widths {
    pub head: u8,
    #[netpack(bits = 3)]
    pub a: i8,
    #[netpack(bits = 21)]
    pub b: i32,
    #[netpack(bits = 40)]
    pub c: i64,
    pub tail: i16,
}

/// Linux's `can_id` as a C struct of bit fields on a little-endian machine:
/// the identifier in bits 0..29, then the error, remote and extended flags.
#[derive(NetPack, Debug, Clone, Copy, PartialEq, Eq)]
#[netpack(order = "<", bit_order = "lsb")]
#[allow(missing_docs)]
pub struct CanId {
    #[netpack(bits = 29)]
    pub id: u32,
    #[netpack(bits = 1)]
    pub err: bool,
    #[netpack(bits = 1)]
    pub rtr: bool,
    #[netpack(bits = 1)]
    pub eff: bool,
}

/// A USB setup packet (8 bytes, little-endian), its `bmRequestType` as C bit
/// fields, least significant bit first.
#[derive(NetPack, Debug, Clone, Copy, PartialEq, Eq)]
#[netpack(order = "<", bit_order = "lsb")]
#[allow(missing_docs)]
pub struct UsbSetup {
    #[netpack(bits = 5)]
    pub recipient: u8,
    #[netpack(bits = 2)]
    pub kind: u8,
    #[netpack(bits = 1)]
    pub device_to_host: bool,
    pub request: u8,
    pub value: u16,
    pub index: u16,
    pub length: u16,
}

/// Signed C bit fields in one 32-bit storage unit, least significant bit
/// first, with a padding bit.
#[derive(NetPack, Debug, Clone, Copy, PartialEq, Eq)]
#[netpack(order = "<", bit_order = "lsb")]
#[allow(missing_docs)]
pub struct LsbSigned {
    #[netpack(bits = 12)]
    pub temperature: i16,
    #[netpack(bits = 4)]
    pub status: u8,
    #[netpack(bits = 7, pad_bits_before = 1)]
    pub level: i8,
    #[netpack(bits = 8)]
    pub flags: u8,
    pub count: u32,
}

/// A type-length-value message: the length is a bit field.
#[derive(NetPack, Debug, Clone, PartialEq, Eq)]
#[allow(missing_docs)]
pub struct Tlv {
    #[netpack(bits = 4)]
    pub kind: u8,
    #[netpack(bits = 4)]
    pub len: u8,
    #[netpack(len = "len")]
    pub value: Vec<u8>,
    pub check: u16,
}

/// One piece of a zoo type's runtime model.
#[derive(Clone, Copy, Debug)]
pub enum Piece {
    /// A Python `struct` format.
    Struct(&'static str),
    /// A bitstruct format, most significant bit first.
    Bits(&'static str),
    /// A bitstruct format of the fields in reverse order, byte-swapped: an
    /// LSB-first C storage unit (`bitstruct.byteswap("N", ...)`).
    BitsLsb(&'static str),
}

/// A zoo type: its field values in declaration order (as `NetPack` gives each
/// field's values), and its runtime model.
pub trait ZooType: NetPack + core::fmt::Debug + PartialEq {
    /// The type's name, as the generator writes it.
    const NAME: &'static str;
    /// The runtime model.
    const MODEL: &'static [Piece];
    /// The fields' values, in declaration order.
    fn field_values(&self) -> Vec<Value>;
    /// The type from its fields' values.
    fn from_field_values(values: &[Value]) -> Result<Self, Error>;
}

macro_rules! zoo_type {
    ($ty:ident, [$($piece:expr),* $(,)?], { $($field:ident),* $(,)? }) => {
        impl ZooType for $ty {
            const NAME: &'static str = stringify!($ty);
            const MODEL: &'static [Piece] = &[$($piece),*];
            fn field_values(&self) -> Vec<Value> {
                let mut out = Vec::new();
                $(out.extend(NetPack::to_values(&self.$field));)*
                out
            }
            fn from_field_values(values: &[Value]) -> Result<Self, Error> {
                let mut values = values.iter();
                Ok($ty {
                    $($field: NetPack::from_values(values.next().map(core::slice::from_ref).unwrap_or(&[]))?,)*
                })
            }
        }
    };
}

use Piece::{Bits, BitsLsb, Struct};

zoo_type!(Ipv4Header, [Bits("u4u4u6u2"), Struct("!HH"), Bits("b1b1b1u13"), Struct("!BBH4s4s")],
    { version, ihl, dscp, ecn, total_len, id, evil, dont_fragment, more_fragments, fragment_offset, ttl, protocol, checksum, src, dst });
zoo_type!(TcpHeader, [Struct("!HHII"), Bits("u4p3b1b1b1b1b1b1b1b1b1"), Struct("!HHH")],
    { src_port, dst_port, seq, ack, data_offset, ns, cwr, ece, urg, ack_flag, psh, rst, syn, fin, window, checksum, urgent });
zoo_type!(UdpHeader, [Struct("!HHHH")], { src_port, dst_port, len, checksum });
zoo_type!(DnsHeader, [Struct("!H"), Bits("b1u4b1b1b1b1b1b1b1u4"), Struct("!HHHH")],
    { id, qr, opcode, aa, tc, rd, ra, z, ad, cd, rcode, qdcount, ancount, nscount, arcount });
zoo_type!(NtpPacket, [Bits("u2u3u3"), Struct("!Bbb"), Struct("!II4sQQQQ")],
    { leap, version, mode, stratum, poll, precision, root_delay, root_dispersion, reference_id, reference_ts, origin_ts, receive_ts, transmit_ts });
zoo_type!(MqttFixedHeader, [Bits("u4b1u2b1"), Struct("!B")], { packet_type, dup, qos, retain, remaining_len });
zoo_type!(VlanTag, [Struct("!H"), Bits("u3b1u12")], { tpid, pcp, dei, vid });
zoo_type!(Widths, [Struct("!B"), Bits("s3s21s40"), Struct("!h")], { head, a, b, c, tail });
zoo_type!(CanId, [BitsLsb("b1b1b1u29")], { id, err, rtr, eff });
zoo_type!(UsbSetup, [BitsLsb("b1u2u5"), Struct("<BHHH")], { recipient, kind, device_to_host, request, value, index, length });
zoo_type!(LsbSigned, [BitsLsb("u8s7p1u4s12"), Struct("<I")], { temperature, status, level, flags, count });

/// Calls `$m!(Type)` for each fixed zoo type.
#[macro_export]
macro_rules! for_each_bits_zoo_type {
    ($m:ident) => {
        $m!(Ipv4Header);
        $m!(TcpHeader);
        $m!(UdpHeader);
        $m!(DnsHeader);
        $m!(NtpPacket);
        $m!(MqttFixedHeader);
        $m!(VlanTag);
        $m!(Widths);
        $m!(CanId);
        $m!(UsbSetup);
        $m!(LsbSigned);
    };
}

/// The bytes of `values` (fields in declaration order) by the runtime model, or
/// the runtime's error.
pub fn model_pack(model: &[Piece], values: &[Value]) -> Result<Vec<u8>, Error> {
    let mut out = Vec::new();
    let mut rest = values;
    for piece in model {
        let (n, bytes) = match *piece {
            Struct(fmt) => {
                let n = netpack::Struct::new(fmt)?.values();
                (n, netpack::pack(fmt, rest.get(..n).unwrap_or(rest))?)
            }
            Bits(fmt) => {
                let n = netpack::bits::compile(fmt)?.values();
                (n, netpack::bits::pack(fmt, rest.get(..n).unwrap_or(rest))?)
            }
            BitsLsb(fmt) => {
                let n = netpack::bits::compile(fmt)?.values();
                let mut reversed = rest.get(..n).unwrap_or(rest).to_vec();
                reversed.reverse();
                let packed = netpack::bits::pack(fmt, &reversed)?;
                (n, swap_all(&packed)?)
            }
        };
        out.extend(bytes);
        rest = rest.get(n..).unwrap_or(&[]);
    }
    Ok(out)
}

/// The field values of `data` by the runtime model (every byte of it used).
pub fn model_unpack(model: &[Piece], data: &[u8]) -> Result<Vec<Value>, Error> {
    let mut out = Vec::new();
    let mut at = 0;
    for piece in model {
        let rest = data.get(at..).unwrap_or(&[]);
        match *piece {
            Struct(fmt) => {
                let s = netpack::Struct::new(fmt)?;
                out.extend(s.unpack_from(rest, 0)?);
                at += s.size();
            }
            Bits(fmt) => {
                let c = netpack::bits::compile(fmt)?;
                out.extend(c.unpack(rest)?);
                at += c.calcsize().div_ceil(8);
            }
            BitsLsb(fmt) => {
                let c = netpack::bits::compile(fmt)?;
                let n = c.calcsize().div_ceil(8);
                let swapped = swap_all(rest.get(..n).unwrap_or(rest))?;
                let mut values = c.unpack(&swapped)?;
                values.reverse();
                out.extend(values);
                at += n;
            }
        }
    }
    if at != data.len() {
        return Err(netpack::Error::unpack_size(at));
    }
    Ok(out)
}

/// `bitstruct.byteswap(str(len(data)), data)`: the bytes reversed.
fn swap_all(data: &[u8]) -> Result<Vec<u8>, Error> {
    netpack::bits::byteswap(&data.len().to_string(), data, 0)
}

/// Decodes `bytes` as `T` and checks it against the runtime model, panicking
/// with what disagrees: the same values; the same bytes back (padding bits
/// zero, as both write them) by `encode`, by the model and by
/// `netpack::pack(T::FORMAT, to_values)`; where the derive refuses a buffer of
/// the right size, an enum's value the model reads as a number.
pub fn agrees<T: ZooType>(bytes: &[u8]) {
    let model = model_unpack(T::MODEL, bytes);
    match <T as netpack::Message>::decode(bytes) {
        Ok(v) => {
            assert_eq!(Ok(v.field_values()), model, "{}: {bytes:02x?}", T::NAME);
            let want = model_pack(T::MODEL, &v.field_values());
            assert!(want.is_ok(), "{}: the model cannot pack {v:?}", T::NAME);
            assert_eq!(netpack::Message::encode(&v), want, "{}: {v:?}", T::NAME);
            assert_eq!(
                netpack::pack(T::FORMAT, &v.to_values()),
                want,
                "{}: {v:?}",
                T::NAME
            );
        }
        Err(e) if bytes.len() == T::SIZE => {
            assert_eq!(
                e.kind(),
                netpack::ErrorKind::InvalidValue,
                "{}: {e}",
                T::NAME
            );
            assert!(model.is_ok(), "{}: the model refused {bytes:02x?}", T::NAME);
        }
        Err(_) => assert!(model.is_err(), "{}: the model read a short buffer", T::NAME),
    }
}

/// The fuzz target's check: the first byte picks a zoo type, the rest is
/// decoded as it ([`agrees`]), whole and cut to the type's size.
pub fn check_zoo_bytes(data: &[u8]) {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let mut i = 0u8;
    macro_rules! one {
        ($t:ident) => {
            if i == pick % 11 {
                agrees::<$t>(rest);
                agrees::<$t>(rest.get(..<$t as NetPack>::SIZE).unwrap_or(rest));
            }
            i += 1;
        };
    }
    crate::for_each_bits_zoo_type!(one);
    let _ = i;
}
