//! W3 `"@?HIhqfd"`: native sizes and alignment, 40 bytes of which 11 are implicit
//! padding (x86-64 Linux: the CPython bytes below are this target's).

use crate::harness::{pack_column, unpack_column, Cell};
use crate::message::{self, Workload};
use crate::names;
use binrw::{BinRead, BinWrite};
use deku::{DekuRead, DekuWrite};
use netpack::{NetPack, Value};

/// The format.
pub const FORMAT: &str = "@?HIhqfd";
/// `struct.calcsize(FORMAT)`.
pub const SIZE: usize = 40;
/// Python 3.11 on x86-64 Linux: `struct.pack("@?HIhqfd", True, 0x1234,
/// 0xdeadbeef, -2, -1234567890123, 1.5, 2.25)`.
pub const CPYTHON: &[u8; SIZE] = b"\x01\x00\x34\x12\xef\xbe\xad\xde\xfe\xff\x00\x00\x00\x00\x00\x00\x35\xfb\x04\x8e\xe0\xfe\xff\xff\x00\x00\xc0\x3f\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x40";

/// The message as a Rust type, with the peers' derives (explicit padding: neither
/// peer knows C alignment).
#[derive(Clone, Copy, Debug, PartialEq, NetPack, BinRead, BinWrite, DekuRead, DekuWrite)]
#[netpack(order = "@")]
#[brw(little)]
#[deku(endian = "little")]
pub struct Native {
    /// `?` at 0
    #[br(map = |x: u8| x != 0)]
    #[bw(map = |x: &bool| u8::from(*x))]
    pub flag: bool,
    /// `H` at 2
    #[brw(pad_before = 1)]
    #[deku(pad_bytes_before = "1")]
    pub port: u16,
    /// `I` at 4
    pub id: u32,
    /// `h` at 8
    pub delta: i16,
    /// `q` at 16
    #[brw(pad_before = 6)]
    #[deku(pad_bytes_before = "6")]
    pub stamp: i64,
    /// `f` at 24
    pub ratio: f32,
    /// `d` at 32
    #[brw(pad_before = 4)]
    #[deku(pad_bytes_before = "4")]
    pub value: f64,
}

/// The benchmarked message.
pub const MESSAGE: Native = Native {
    flag: true,
    port: 0x1234,
    id: 0xdead_beef,
    delta: -2,
    stamp: -1_234_567_890_123,
    ratio: 1.5,
    value: 2.25,
};

/// The message as `struct.pack` arguments.
pub fn values(m: &Native) -> Vec<Value> {
    vec![
        m.flag.into(),
        m.port.into(),
        m.id.into(),
        m.delta.into(),
        m.stamp.into(),
        m.ratio.into(),
        m.value.into(),
    ]
}

/// What a person writes: `to_ne_bytes` at the C offsets, zeros in the gaps.
pub mod hand {
    use super::{Native, SIZE};

    /// Packs into `buf[..40]`.
    #[inline]
    pub fn pack(m: &Native, buf: &mut [u8]) {
        let b: &mut [u8; SIZE] = (&mut buf[..SIZE]).try_into().unwrap();
        b[0] = u8::from(m.flag);
        b[1] = 0;
        b[2..4].copy_from_slice(&m.port.to_ne_bytes());
        b[4..8].copy_from_slice(&m.id.to_ne_bytes());
        b[8..10].copy_from_slice(&m.delta.to_ne_bytes());
        b[10..16].fill(0);
        b[16..24].copy_from_slice(&m.stamp.to_ne_bytes());
        b[24..28].copy_from_slice(&m.ratio.to_ne_bytes());
        b[28..32].fill(0);
        b[32..40].copy_from_slice(&m.value.to_ne_bytes());
    }

    /// Unpacks `buf[..40]`.
    #[inline]
    pub fn unpack(buf: &[u8]) -> Native {
        let b: &[u8; SIZE] = buf[..SIZE].try_into().unwrap();
        Native {
            flag: b[0] != 0,
            port: u16::from_ne_bytes([b[2], b[3]]),
            id: u32::from_ne_bytes([b[4], b[5], b[6], b[7]]),
            delta: i16::from_ne_bytes([b[8], b[9]]),
            stamp: i64::from_ne_bytes([b[16], b[17], b[18], b[19], b[20], b[21], b[22], b[23]]),
            ratio: f32::from_ne_bytes([b[24], b[25], b[26], b[27]]),
            value: f64::from_ne_bytes([b[32], b[33], b[34], b[35], b[36], b[37], b[38], b[39]]),
        }
    }
}

/// `byteorder` on slices.
pub mod byteorder {
    use super::{Native, SIZE};
    use ::byteorder::{ByteOrder, NativeEndian as NE};

    /// Packs into `buf[..40]`.
    #[inline]
    pub fn pack(m: &Native, buf: &mut [u8]) {
        let b = &mut buf[..SIZE];
        b[0] = u8::from(m.flag);
        b[1] = 0;
        NE::write_u16(&mut b[2..4], m.port);
        NE::write_u32(&mut b[4..8], m.id);
        NE::write_i16(&mut b[8..10], m.delta);
        b[10..16].fill(0);
        NE::write_i64(&mut b[16..24], m.stamp);
        NE::write_f32(&mut b[24..28], m.ratio);
        b[28..32].fill(0);
        NE::write_f64(&mut b[32..40], m.value);
    }

    /// Unpacks `buf[..40]`.
    #[inline]
    pub fn unpack(buf: &[u8]) -> Native {
        let b = &buf[..SIZE];
        Native {
            flag: b[0] != 0,
            port: NE::read_u16(&b[2..4]),
            id: NE::read_u32(&b[4..8]),
            delta: NE::read_i16(&b[8..10]),
            stamp: NE::read_i64(&b[16..24]),
            ratio: NE::read_f32(&b[24..28]),
            value: NE::read_f64(&b[32..40]),
        }
    }
}

/// `netpack::pack!` / `netpack::unpack!`.
pub mod macros {
    use super::{Native, SIZE};

    /// Packs into `buf[..40]`.
    #[inline]
    pub fn pack(m: &Native, buf: &mut [u8]) {
        buf[..SIZE].copy_from_slice(&netpack::pack!(
            "@?HIhqfd", m.flag, m.port, m.id, m.delta, m.stamp, m.ratio, m.value
        ));
    }

    /// Unpacks `buf[..40]`.
    #[inline]
    pub fn unpack(buf: &[u8]) -> Native {
        let (flag, port, id, delta, stamp, ratio, value) =
            netpack::unpack!("@?HIhqfd", &buf[..SIZE]).unwrap();
        Native {
            flag,
            port,
            id,
            delta,
            stamp,
            ratio,
            value,
        }
    }
}

/// The cells of W3.
pub fn cells() -> Vec<Cell> {
    let workload = Workload {
        name: "W3",
        format: FORMAT,
        cpython: CPYTHON,
        message: MESSAGE,
        values: values(&MESSAGE),
    };
    let pack = vec![
        pack_column(names::HAND, hand::pack, MESSAGE, CPYTHON),
        pack_column(names::BYTEORDER, byteorder::pack, MESSAGE, CPYTHON),
        pack_column(names::MACROS, macros::pack, MESSAGE, CPYTHON),
    ];
    let unpack = vec![
        unpack_column(names::HAND, hand::unpack, CPYTHON, MESSAGE),
        unpack_column(names::BYTEORDER, byteorder::unpack, CPYTHON, MESSAGE),
        unpack_column(names::MACROS, macros::unpack, CPYTHON, MESSAGE),
    ];
    message::cells(workload, pack, unpack)
}
