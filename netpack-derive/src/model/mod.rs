//! The attributes added for whole file formats and protocols, each parsed and
//! checked in its own file: [`checksum`] (`checksum = "crc32"`),
//! [`computed`] (`Len<u32>`), [`magic`] (`magic = b"RIFF"`) and [`order`] (the
//! byte order given at run time, `order = "runtime"`, or selected by a field,
//! `order_by = "path"`).

pub(crate) mod checksum;
pub(crate) mod computed;
pub(crate) mod magic;
pub(crate) mod order;
