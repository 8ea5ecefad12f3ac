//! netpack's benchmarks (see `README.md`): the workloads W1–W6, each implemented
//! once per column (hand-written code, byteorder, the netpack derive, `pack!`/
//! `unpack!`, the runtime `Struct`, the module-level functions, binrw, deku), the
//! checks that every implementation gives CPython's bytes and values, and the
//! interleaved timing harness.

pub mod harness;
pub mod message;
pub mod w1;
pub mod w2;
pub mod w3;
pub mod w4;
pub mod w5;
pub mod w6;
pub mod w7;
pub mod w8;
pub mod w9;

/// Column names, the same in every cell.
pub mod names {
    /// `to_be_bytes`/`from_le_bytes` at constant offsets: the limit.
    pub const HAND: &str = "hand-written";
    /// `byteorder::ByteOrder` on slices.
    pub const BYTEORDER: &str = "byteorder";
    /// `#[derive(NetPack)]`: `T::pack_into`, `T::unpack_from`.
    pub const DERIVE: &str = "netpack derive";
    /// `netpack::pack!` / `netpack::unpack!`.
    pub const MACROS: &str = "netpack pack!/unpack!";
    /// A precompiled `netpack::Struct`: `pack_into`, `unpack_from`.
    pub const STRUCT: &str = "netpack Struct";
    /// `Struct::unpack_into` with one reused `Vec<Value>`.
    pub const STRUCT_INTO: &str = "netpack Struct::unpack_into";
    /// `Struct::unpack_ref_into` with one reused `Vec<ValueRef>` (W1–W3).
    pub const STRUCT_REF: &str = "netpack Struct::unpack_ref_into";
    /// `IterUnpackRef::next_ref`: borrowed values, one vector for all records (W4).
    pub const ITER_REF: &str = "netpack iter_unpack_ref+next_ref";
    /// `Struct::unpack_columns` into reused columns, then a sum per column; and
    /// `Struct::pack_columns_into` from columns (W4).
    pub const COLUMNS: &str = "netpack Struct columns";
    /// `IterUnpack::next_into` with one reused `Vec<Value>` (W4).
    pub const ITER_INTO: &str = "netpack iter_unpack+next_into";
    /// `IterUnpack` as an `Iterator`: one `Vec<Value>` per record (W4).
    pub const ITER_VEC: &str = "netpack iter_unpack (Vec/record)";
    /// `netpack::pack_into(fmt, …)`, `netpack::unpack_from(fmt, …)`: the format
    /// cache.
    pub const MODULE: &str = "netpack module fn (cache)";
    /// binrw.
    pub const BINRW: &str = "binrw";
    /// deku.
    pub const DEKU: &str = "deku";
    /// Hand-written code that copies each variable field into a `Vec`/`String`
    /// (W5, W6).
    pub const HAND_OWNED: &str = "hand-written (owned)";
    /// A derived message with `&[u8]`/`&str` fields, borrowed from the input (W5,
    /// W6).
    pub const BORROWED: &str = "netpack borrowed";
    /// A derived message with `Vec<u8>`/`String` fields (W5, W6).
    pub const OWNED: &str = "netpack owned";
}

/// Every cell of the benchmark, W1 to W4.
pub fn cells() -> Vec<harness::Cell> {
    let mut cells = Vec::new();
    cells.extend(w1::cells());
    cells.extend(w2::cells());
    cells.extend(w3::cells());
    cells.extend(w4::cells());
    cells.extend(w5::cells());
    cells.extend(w6::cells());
    cells.extend(w7::cells());
    cells.extend(w8::cells());
    cells.extend(w9::cells());
    cells
}
