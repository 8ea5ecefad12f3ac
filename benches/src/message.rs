//! The columns of W1–W3 that do not depend on the workload's Rust code: the
//! runtime `Struct`, the module-level functions, binrw and deku, all driven from
//! the message type's derives and the format string.

use crate::harness::{pack_column, unpack_column, unpack_into_column, Cell, Column};
use crate::names;
use binrw::meta::{ReadEndian, WriteEndian};
use binrw::{BinRead, BinWrite};
use deku::{DekuContainerRead, DekuContainerWrite};
use netpack::Message;
use netpack::{NetPack, Struct, Value, ValueRef};
use std::fmt::Debug;
use std::io::Cursor;

/// One of W1–W3.
pub struct Workload<M> {
    /// `W1` …
    pub name: &'static str,
    /// The format string.
    pub format: &'static str,
    /// CPython's `struct.pack(format, *message)`.
    pub cpython: &'static [u8],
    /// The message.
    pub message: M,
    /// The message as `struct.pack` arguments, which are also what
    /// `struct.unpack` gives back.
    pub values: Vec<Value>,
}

/// The pack and unpack cells of `w`: `pack` and `unpack` hold the workload's own
/// columns (hand-written first: it is the baseline), the rest are added here.
pub fn cells<M>(w: Workload<M>, mut pack: Vec<Column>, mut unpack: Vec<Column>) -> Vec<Cell>
where
    M: Clone + PartialEq + Debug + 'static,
    for<'a> M: BinRead<Args<'a> = ()> + ReadEndian + BinWrite<Args<'a> = ()> + WriteEndian,
    for<'a> M: DekuContainerRead<'a> + DekuContainerWrite,
    M: NetPack,
{
    let Workload {
        name,
        format,
        cpython,
        message,
        values,
    } = w;
    let size = cpython.len();
    let s = Struct::new(format).unwrap();
    assert_eq!(s.size(), size, "{name}: calcsize");
    assert_eq!(M::FORMAT, format, "{name}: the derived type's FORMAT");

    // The derive goes right after the workload's own columns (hand-written,
    // byteorder, pack!/unpack!).
    let at = pack.len().min(2);
    pack.insert(
        at,
        pack_column(
            names::DERIVE,
            |m: &M, buf: &mut [u8]| {
                m.encode_to_slice(buf).unwrap();
            },
            message.clone(),
            cpython,
        ),
    );
    let at = unpack.len().min(2);
    unpack.insert(
        at,
        unpack_column(
            names::DERIVE,
            |buf: &[u8]| M::decode_prefix(buf).unwrap().0,
            cpython,
            message.clone(),
        ),
    );

    pack.push(pack_column(
        names::STRUCT,
        {
            let s = s.clone();
            move |v: &Vec<Value>, buf: &mut [u8]| s.pack_into(buf, 0, v).unwrap()
        },
        values.clone(),
        cpython,
    ));
    pack.push(pack_column(
        names::MODULE,
        move |v: &Vec<Value>, buf: &mut [u8]| netpack::pack_into(format, buf, 0, v).unwrap(),
        values.clone(),
        cpython,
    ));
    pack.push(pack_column(
        names::BINRW,
        |m: &M, buf: &mut [u8]| m.write(&mut Cursor::new(buf)).unwrap(),
        message.clone(),
        cpython,
    ));
    pack.push(pack_column(
        names::DEKU,
        |m: &M, buf: &mut [u8]| {
            m.to_slice(buf).unwrap();
        },
        message.clone(),
        cpython,
    ));

    unpack.push(unpack_column(
        names::STRUCT,
        {
            let s = s.clone();
            move |buf: &[u8]| s.unpack_from(buf, 0).unwrap()
        },
        cpython,
        values.clone(),
    ));
    unpack.push(unpack_into_column(
        names::STRUCT_INTO,
        {
            let s = s.clone();
            move |buf: &[u8], out: &mut Vec<Value>| s.unpack_into(&buf[..size], out).unwrap()
        },
        cpython,
        values.clone(),
    ));
    let borrowed: &'static [Value] = values.clone().leak();
    unpack.push(unpack_into_column(
        names::STRUCT_REF,
        {
            let s = s.clone();
            move |buf: &'static [u8], out: &mut Vec<ValueRef<'static>>| {
                s.unpack_ref_into(&buf[..size], out).unwrap()
            }
        },
        cpython,
        borrowed.iter().map(ValueRef::from).collect::<Vec<_>>(),
    ));
    unpack.push(unpack_column(
        names::MODULE,
        move |buf: &[u8]| netpack::unpack_from(format, buf, 0).unwrap(),
        cpython,
        values,
    ));
    unpack.push(unpack_column(
        names::BINRW,
        |buf: &[u8]| M::read(&mut Cursor::new(buf)).unwrap(),
        cpython,
        message.clone(),
    ));
    unpack.push(unpack_column(
        names::DEKU,
        |buf: &[u8]| M::from_bytes((buf, 0)).unwrap().1,
        cpython,
        message,
    ));

    let cell = |op, columns| Cell {
        workload: name,
        op,
        format,
        bytes: size,
        records: 1,
        columns,
    };
    vec![cell("pack", pack), cell("unpack", unpack)]
}
