//! W1 `"!H8sb"`: the TFTP-style request `(1, b"test.jpg", 2)`, 11 bytes, network
//! order.

use crate::harness::{pack_column, unpack_column, Cell};
use crate::message::{self, Workload};
use crate::names;
use binrw::{BinRead, BinWrite};
use deku::{DekuRead, DekuWrite};
use netpack::{NetPack, Value};

/// The format.
pub const FORMAT: &str = "!H8sb";
/// `struct.calcsize(FORMAT)`.
pub const SIZE: usize = 11;
/// Python 3.11: `struct.pack("!H8sb", 1, b"test.jpg", 2)`.
pub const CPYTHON: &[u8; SIZE] = b"\x00\x01test.jpg\x02";

/// The message as a Rust type, with the peers' derives.
#[derive(Clone, Copy, Debug, PartialEq, NetPack, BinRead, BinWrite, DekuRead, DekuWrite)]
#[netpack(order = "!")]
#[brw(big)]
#[deku(endian = "big")]
pub struct Request {
    /// `H`
    pub opcode: u16,
    /// `8s`
    pub filename: [u8; 8],
    /// `b`
    pub mode: i8,
}

/// The benchmarked message.
pub const MESSAGE: Request = Request {
    opcode: 1,
    filename: *b"test.jpg",
    mode: 2,
};

/// The message as `struct.pack` arguments.
pub fn values(m: &Request) -> Vec<Value> {
    vec![m.opcode.into(), m.filename.into(), m.mode.into()]
}

/// What a person writes: `to_be_bytes` at constant offsets.
pub mod hand {
    use super::{Request, SIZE};

    /// Packs into `buf[..11]`.
    #[inline]
    pub fn pack(m: &Request, buf: &mut [u8]) {
        let b: &mut [u8; SIZE] = (&mut buf[..SIZE]).try_into().unwrap();
        b[0..2].copy_from_slice(&m.opcode.to_be_bytes());
        b[2..10].copy_from_slice(&m.filename);
        b[10] = m.mode.to_be_bytes()[0];
    }

    /// Unpacks `buf[..11]`.
    #[inline]
    pub fn unpack(buf: &[u8]) -> Request {
        let b: &[u8; SIZE] = buf[..SIZE].try_into().unwrap();
        Request {
            opcode: u16::from_be_bytes([b[0], b[1]]),
            filename: [b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9]],
            mode: i8::from_be_bytes([b[10]]),
        }
    }
}

/// `byteorder` on slices.
pub mod byteorder {
    use super::{Request, SIZE};
    use ::byteorder::{BigEndian, ByteOrder};

    /// Packs into `buf[..11]`.
    #[inline]
    pub fn pack(m: &Request, buf: &mut [u8]) {
        let b = &mut buf[..SIZE];
        BigEndian::write_u16(&mut b[0..2], m.opcode);
        b[2..10].copy_from_slice(&m.filename);
        b[10] = m.mode as u8;
    }

    /// Unpacks `buf[..11]`.
    #[inline]
    pub fn unpack(buf: &[u8]) -> Request {
        let b = &buf[..SIZE];
        let mut filename = [0; 8];
        filename.copy_from_slice(&b[2..10]);
        Request {
            opcode: BigEndian::read_u16(&b[0..2]),
            filename,
            mode: b[10] as i8,
        }
    }
}

/// `netpack::pack!` / `netpack::unpack!`.
pub mod macros {
    use super::{Request, SIZE};

    /// Packs into `buf[..11]`.
    #[inline]
    pub fn pack(m: &Request, buf: &mut [u8]) {
        buf[..SIZE].copy_from_slice(&netpack::pack!("!H8sb", m.opcode, m.filename, m.mode));
    }

    /// Unpacks `buf[..11]`.
    #[inline]
    pub fn unpack(buf: &[u8]) -> Request {
        let (opcode, filename, mode) = netpack::unpack!("!H8sb", &buf[..SIZE]).unwrap();
        Request {
            opcode,
            filename,
            mode,
        }
    }
}

/// The cells of W1.
pub fn cells() -> Vec<Cell> {
    let workload = Workload {
        name: "W1",
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
