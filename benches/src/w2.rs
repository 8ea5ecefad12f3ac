//! W2 `"<IHhqdf?3x"`: one of every common little-endian type and 3 pad bytes,
//! 32 bytes.

use crate::harness::{pack_column, unpack_column, Cell};
use crate::message::{self, Workload};
use crate::names;
use binrw::{BinRead, BinWrite};
use deku::{DekuRead, DekuWrite};
use netpack::{NetPack, Value};

/// The format.
pub const FORMAT: &str = "<IHhqdf?3x";
/// `struct.calcsize(FORMAT)`.
pub const SIZE: usize = 32;
/// Python 3.11: `struct.pack("<IHhqdf?3x", 0xdeadbeef, 65535, -2,
/// -1234567890123456789, 3.141592653589793, 1.5, True)`.
pub const CPYTHON: &[u8; SIZE] = b"\xef\xbe\xad\xde\xff\xff\xfe\xff\xeb\x7e\x16\x82\x0b\xef\xdd\xee\x18\x2d\x44\x54\xfb\x21\x09\x40\x00\x00\xc0\x3f\x01\x00\x00\x00";

/// The message as a Rust type, with the peers' derives.
#[derive(Clone, Copy, Debug, PartialEq, NetPack, BinRead, BinWrite, DekuRead, DekuWrite)]
#[netpack(order = "<")]
#[brw(little)]
#[deku(endian = "little")]
pub struct Sample {
    /// `I`
    pub id: u32,
    /// `H`
    pub port: u16,
    /// `h`
    pub delta: i16,
    /// `q`
    pub stamp: i64,
    /// `d`
    pub value: f64,
    /// `f`
    pub ratio: f32,
    /// `?` then `3x`
    #[br(map = |x: u8| x != 0)]
    #[bw(map = |x: &bool| u8::from(*x))]
    #[netpack(pad_after = 3)]
    #[brw(pad_after = 3)]
    #[deku(pad_bytes_after = "3")]
    pub ok: bool,
}

/// The benchmarked message.
pub const MESSAGE: Sample = Sample {
    id: 0xdead_beef,
    port: 65535,
    delta: -2,
    stamp: -1_234_567_890_123_456_789,
    value: std::f64::consts::PI,
    ratio: 1.5,
    ok: true,
};

/// The message as `struct.pack` arguments.
pub fn values(m: &Sample) -> Vec<Value> {
    vec![
        m.id.into(),
        m.port.into(),
        m.delta.into(),
        m.stamp.into(),
        m.value.into(),
        m.ratio.into(),
        m.ok.into(),
    ]
}

/// What a person writes: `to_le_bytes` at constant offsets.
pub mod hand {
    use super::{Sample, SIZE};

    /// Packs into `buf[..32]`.
    #[inline]
    pub fn pack(m: &Sample, buf: &mut [u8]) {
        let b: &mut [u8; SIZE] = (&mut buf[..SIZE]).try_into().unwrap();
        b[0..4].copy_from_slice(&m.id.to_le_bytes());
        b[4..6].copy_from_slice(&m.port.to_le_bytes());
        b[6..8].copy_from_slice(&m.delta.to_le_bytes());
        b[8..16].copy_from_slice(&m.stamp.to_le_bytes());
        b[16..24].copy_from_slice(&m.value.to_le_bytes());
        b[24..28].copy_from_slice(&m.ratio.to_le_bytes());
        b[28] = u8::from(m.ok);
        b[29..32].fill(0);
    }

    /// Unpacks `buf[..32]`.
    #[inline]
    pub fn unpack(buf: &[u8]) -> Sample {
        let b: &[u8; SIZE] = buf[..SIZE].try_into().unwrap();
        Sample {
            id: u32::from_le_bytes([b[0], b[1], b[2], b[3]]),
            port: u16::from_le_bytes([b[4], b[5]]),
            delta: i16::from_le_bytes([b[6], b[7]]),
            stamp: i64::from_le_bytes([b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]]),
            value: f64::from_le_bytes([b[16], b[17], b[18], b[19], b[20], b[21], b[22], b[23]]),
            ratio: f32::from_le_bytes([b[24], b[25], b[26], b[27]]),
            ok: b[28] != 0,
        }
    }
}

/// `byteorder` on slices.
pub mod byteorder {
    use super::{Sample, SIZE};
    use ::byteorder::{ByteOrder, LittleEndian as LE};

    /// Packs into `buf[..32]`.
    #[inline]
    pub fn pack(m: &Sample, buf: &mut [u8]) {
        let b = &mut buf[..SIZE];
        LE::write_u32(&mut b[0..4], m.id);
        LE::write_u16(&mut b[4..6], m.port);
        LE::write_i16(&mut b[6..8], m.delta);
        LE::write_i64(&mut b[8..16], m.stamp);
        LE::write_f64(&mut b[16..24], m.value);
        LE::write_f32(&mut b[24..28], m.ratio);
        b[28] = u8::from(m.ok);
        b[29..32].fill(0);
    }

    /// Unpacks `buf[..32]`.
    #[inline]
    pub fn unpack(buf: &[u8]) -> Sample {
        let b = &buf[..SIZE];
        Sample {
            id: LE::read_u32(&b[0..4]),
            port: LE::read_u16(&b[4..6]),
            delta: LE::read_i16(&b[6..8]),
            stamp: LE::read_i64(&b[8..16]),
            value: LE::read_f64(&b[16..24]),
            ratio: LE::read_f32(&b[24..28]),
            ok: b[28] != 0,
        }
    }
}

/// `netpack::pack!` / `netpack::unpack!`.
pub mod macros {
    use super::{Sample, SIZE};

    /// Packs into `buf[..32]`.
    #[inline]
    pub fn pack(m: &Sample, buf: &mut [u8]) {
        buf[..SIZE].copy_from_slice(&netpack::pack!(
            "<IHhqdf?3x",
            m.id,
            m.port,
            m.delta,
            m.stamp,
            m.value,
            m.ratio,
            m.ok
        ));
    }

    /// Unpacks `buf[..32]`.
    #[inline]
    pub fn unpack(buf: &[u8]) -> Sample {
        let (id, port, delta, stamp, value, ratio, ok) =
            netpack::unpack!("<IHhqdf?3x", &buf[..SIZE]).unwrap();
        Sample {
            id,
            port,
            delta,
            stamp,
            value,
            ratio,
            ok,
        }
    }
}

/// The cells of W2.
pub fn cells() -> Vec<Cell> {
    let workload = Workload {
        name: "W2",
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
