//! The zoo: derived types covering every code, order, array, nesting, padding, enum.
//!
//! Every zoo type derives `NetPack`, `Debug`, `Clone`, `PartialEq` and
//! `arbitrary::Arbitrary`. The list of zoo types is written once, in
//! [`for_each_zoo_type!`](crate::for_each_zoo_type); the dispatchers
//! ([`visit_zoo`], [`check_zoo_bytes`], [`check_zoo_arbitrary`]) and the tests
//! (`tests/tests/derive_props.rs`, `tests/tests/derive_cpython.rs`) all use it.
//!
//! Each type's expected `FORMAT` is in a comment on the type and, independently,
//! in `tests/cpython/gen_zoo.py`; `derive_cpython.rs` asserts they agree.
//!
//! | code | where |
//! |---|---|
//! | `b B h H i I q Q` | [`AllInts`], many others |
//! | `l L` (`code = …`) | [`EqOrder`], [`Explicit`] (`L` via an explicit format) |
//! | `n N` | [`NativeSizes`] |
//! | `?` `f` `d` `e` `c` | [`Floats`], [`Halves`], [`NativeW3`], [`NativeSizes`] |
//! | `s` | [`Request`], [`Arrays`], [`NativeSizes`] |
//! | `p` | [`Pascal`] |
//! | `x` | [`Padded`], [`NativePadded`], [`Explicit`], [`ExplicitSplit`] |
//! | count 0 (`0I`, `0s`) | [`NativeEdges`] |
//!
//! Orders: `!` (default) [`Request`] and others, `<` [`AllInts`], `>` [`Floats`],
//! `=` [`EqOrder`], `@` [`NativeW3`], [`NativeSizes`], [`NativeNested`],
//! [`NativePadded`], [`NativeEnums`], [`NativeEdges`]. Explicit formats:
//! [`Explicit`], [`ExplicitSplit`] (with whitespace).

use crate::derive_checks::{check_bytes, check_value};
use arbitrary::{Arbitrary, Unstructured};
use core::fmt::Debug;
use netpack::{NetPack, PascalString};

/// `arbitrary` for a [`PascalString`] (which has no `Arbitrary` impl): a length
/// in `0..=CAP`, cut to the data left, then that many bytes.
pub fn arb_pascal<const CAP: usize>(
    u: &mut Unstructured<'_>,
) -> arbitrary::Result<PascalString<CAP>> {
    let len = u.int_in_range(0..=CAP)?.min(u.len());
    Ok(PascalString::truncating(u.bytes(len)?))
}

// ---------------------------------------------------------------------------
// Enums

/// `!B`: `repr(u8)`, explicit discriminants with a gap (1, 2, 200).
#[derive(netpack::NetPack, Debug, Clone, Copy, PartialEq, Eq, Arbitrary)]
#[repr(u8)]
pub enum Color {
    /// 1
    Red = 1,
    /// 2
    Green = 2,
    /// 200
    Blue = 200,
}

/// `!h`: `repr(i16)`, explicit and implicit discriminants (-300, -299, 7, 8).
#[derive(netpack::NetPack, Debug, Clone, Copy, PartialEq, Eq, Arbitrary)]
#[repr(i16)]
pub enum Temp {
    /// -300
    Cold = -300,
    /// -299 (implicit)
    Mild,
    /// 7
    Hot = 7,
    /// 8 (implicit)
    Boiling,
}

/// `!B`: `repr(u8)`, implicit discriminants only (0, 1, 2).
#[derive(netpack::NetPack, Debug, Clone, Copy, PartialEq, Eq, Arbitrary)]
#[repr(u8)]
pub enum Op {
    /// 0
    Read,
    /// 1
    Write,
    /// 2
    Ack,
}

/// `!q`: `repr(i64)` with the extreme discriminants.
#[derive(netpack::NetPack, Debug, Clone, Copy, PartialEq, Eq, Arbitrary)]
#[repr(i64)]
pub enum Big {
    /// `i64::MIN`
    Min = i64::MIN,
    /// 0
    Zero = 0,
    /// `i64::MAX`
    Max = i64::MAX,
}

/// `!b`: `repr(i8)`, a negative discriminant (-1, 0, 1).
#[derive(netpack::NetPack, Debug, Clone, Copy, PartialEq, Eq, Arbitrary)]
#[repr(i8)]
pub enum Sign {
    /// -1
    Neg = -1,
    /// 0
    Zero = 0,
    /// 1
    Pos = 1,
}

// ---------------------------------------------------------------------------
// Structs in standard orders

/// `!H8sb`: the classic request (default order `!`).
#[derive(netpack::NetPack, Debug, Clone, PartialEq, Arbitrary)]
pub struct Request {
    /// `H`
    pub opcode: u16,
    /// `8s`
    pub filename: [u8; 8],
    /// `b`
    pub mode: i8,
}

/// `<bBhHiIqQ`: every fixed-size integer code, little-endian.
#[derive(netpack::NetPack, Debug, Clone, PartialEq, Arbitrary)]
#[netpack(order = "<")]
pub struct AllInts {
    /// `b`
    pub a: i8,
    /// `B`
    pub b: u8,
    /// `h`
    pub c: i16,
    /// `H`
    pub d: u16,
    /// `i`
    pub e: i32,
    /// `I`
    pub f: u32,
    /// `q`
    pub g: i64,
    /// `Q`
    pub h: u64,
}

/// `>efd?c`: floats of every width, a bool and a char, big-endian.
#[derive(netpack::NetPack, Debug, Clone, PartialEq, Arbitrary)]
#[netpack(order = ">")]
pub struct Floats {
    /// `e`
    #[netpack(e)]
    pub half: f32,
    /// `f`
    pub single: f32,
    /// `d`
    pub double: f64,
    /// `?`
    pub flag: bool,
    /// `c`
    #[netpack(c)]
    pub letter: u8,
}

/// `<eef`: a tuple struct with two half floats and a float.
#[derive(netpack::NetPack, Debug, Clone, PartialEq, Arbitrary)]
#[netpack(order = "<")]
pub struct Halves(#[netpack(e)] pub f32, #[netpack(e)] pub f32, pub f32);

/// `=lLd2H`: standard sizes in native byte order; `l`/`L` through `code`.
#[derive(netpack::NetPack, Debug, Clone, PartialEq, Arbitrary)]
#[netpack(order = "=")]
pub struct EqOrder {
    /// `l` (4 bytes in standard mode)
    #[netpack(code = "l")]
    pub long: i32,
    /// `L`
    #[netpack(code = "L")]
    pub ulong: u32,
    /// `d`
    pub x: f64,
    /// `2H`
    pub pair: [u16; 2],
}

/// `!Bh`: the innermost nested struct.
#[derive(netpack::NetPack, Debug, Clone, PartialEq, Arbitrary)]
pub struct Inner {
    /// `B`
    pub x: u8,
    /// `h`
    pub y: i16,
}

/// `!BBh2b`: one level of nesting.
#[derive(netpack::NetPack, Debug, Clone, PartialEq, Arbitrary)]
pub struct Middle {
    /// `B`
    pub tag: u8,
    /// `Bh` (inlined)
    pub inner: Inner,
    /// `2b`
    pub tail: [i8; 2],
}

/// `>IBBh2bBBh2bBBh2bBh`: two levels of nesting, arrays of nested structs, all
/// inlined under the outer order `>`.
#[derive(netpack::NetPack, Debug, Clone, PartialEq, Arbitrary)]
#[netpack(order = ">")]
pub struct Outer {
    /// `I`
    pub head: u32,
    /// `BBh2b`
    pub mid: Middle,
    /// `BBh2bBBh2b`
    pub mids: [Middle; 2],
    /// `Bh`
    pub last: Inner,
}

/// `<3H8s2s2s2sBhBh2H2H`: arrays of integers, bytes, byte arrays, structs and
/// integer arrays.
#[derive(netpack::NetPack, Debug, Clone, PartialEq, Arbitrary)]
#[netpack(order = "<")]
pub struct Arrays {
    /// `3H`
    pub words: [u16; 3],
    /// `8s`
    pub name: [u8; 8],
    /// `2s2s2s`
    pub grid: [[u8; 2]; 3],
    /// `BhBh`
    pub inners: [Inner; 2],
    /// `2H2H`
    pub square: [[u16; 2]; 2],
}

/// `<3xHBx2xIx`: padding before and after fields, adjacent pads kept apart.
#[derive(netpack::NetPack, Debug, Clone, PartialEq, Arbitrary)]
#[netpack(order = "<")]
pub struct Padded {
    /// `3xH`
    #[netpack(pad_before = 3)]
    pub a: u16,
    /// `Bx`
    #[netpack(pad_after = 1)]
    pub b: u8,
    /// `2xIx`
    #[netpack(pad_before = 2, pad_after = 1)]
    pub c: u32,
}

/// `!6pp256pB`: Pascal strings of capacity 5, 0 (`p`, the count 1 left out) and
/// 255.
#[derive(netpack::NetPack, Debug, Clone, PartialEq, Arbitrary)]
pub struct Pascal {
    /// `6p`
    #[arbitrary(with = arb_pascal)]
    pub name: PascalString<5>,
    /// `p` (`1p`)
    #[arbitrary(with = arb_pascal)]
    pub empty: PascalString<0>,
    /// `256p`
    #[arbitrary(with = arb_pascal)]
    pub long: PascalString<255>,
    /// `B`
    pub n: u8,
}

/// `<Bh2BHb`: enums as fields, and an array of enums.
#[derive(netpack::NetPack, Debug, Clone, PartialEq, Arbitrary)]
#[netpack(order = "<")]
pub struct Tagged {
    /// `B`
    pub color: Color,
    /// `h`
    pub temp: Temp,
    /// `2B`
    pub ops: [Op; 2],
    /// `H`
    pub v: u16,
    /// `b`
    pub sign: Sign,
}

/// `<Hi`: a tuple struct.
#[derive(netpack::NetPack, Debug, Clone, PartialEq, Arbitrary)]
#[netpack(order = "<")]
pub struct Pair(pub u16, pub i32);

/// `!H8sbcB`: a tuple struct holding a struct, a char and an enum.
#[derive(netpack::NetPack, Debug, Clone, PartialEq, Arbitrary)]
pub struct Wrapped(pub Request, #[netpack(c)] pub u8, pub Color);

/// `!`: a unit struct, zero bytes and no values.
#[derive(netpack::NetPack, Debug, Clone, PartialEq, Arbitrary)]
pub struct Unit;

/// `>H2x8sLb`: an explicit format with padding and `L` for a `u32`.
#[derive(netpack::NetPack, Debug, Clone, PartialEq, Arbitrary)]
#[netpack(format = ">H2x8sLb")]
pub struct Explicit {
    /// `H`
    pub opcode: u16,
    /// `2x8s`
    pub filename: [u8; 8],
    /// `L`
    pub count: u32,
    /// `b`
    pub mode: i8,
}

/// `<HH 2s2s x?`: an explicit format with whitespace, an array split into
/// single codes (`HH` for `[u16; 2]`), and a pad.
#[derive(netpack::NetPack, Debug, Clone, PartialEq, Arbitrary)]
#[netpack(format = "<HH 2s2s x?")]
pub struct ExplicitSplit {
    /// `HH`
    pub words: [u16; 2],
    /// `2s2s`
    pub pairs: [[u8; 2]; 2],
    /// `x?`
    pub flag: bool,
}

// ---------------------------------------------------------------------------
// Native structs (`@`): sizes and alignment of the target's C types

/// `@?HIhqfd`: the W3 benchmark shape, with implicit alignment padding (40 bytes
/// on x86_64).
#[derive(netpack::NetPack, Debug, Clone, PartialEq, Arbitrary)]
#[netpack(order = "@")]
pub struct NativeW3 {
    /// `?`
    pub flag: bool,
    /// `H`
    pub a: u16,
    /// `I`
    pub b: u32,
    /// `h`
    pub c: i16,
    /// `q`
    pub d: i64,
    /// `f`
    pub e: f32,
    /// `d`
    pub f: f64,
}

/// `@?nNhec3s`: `ssize_t`/`size_t`, a native half float and a char (32 bytes on
/// LP64).
#[derive(netpack::NetPack, Debug, Clone, PartialEq, Arbitrary)]
#[netpack(order = "@")]
pub struct NativeSizes {
    /// `?`
    pub flag: bool,
    /// `n`
    pub ssize: isize,
    /// `N`
    pub size: usize,
    /// `h`
    pub short: i16,
    /// `e`
    #[netpack(e)]
    pub half: f32,
    /// `c`
    #[netpack(c)]
    pub letter: u8,
    /// `3s`
    pub tail: [u8; 3],
}

/// `@BBhI`: a nested struct inlined under native alignment (8 bytes).
#[derive(netpack::NetPack, Debug, Clone, PartialEq, Arbitrary)]
#[netpack(order = "@")]
pub struct NativeNested {
    /// `B`
    pub a: u8,
    /// `Bh` (inlined: `h` aligns within the outer struct)
    pub inner: Inner,
    /// `I`
    pub word: u32,
}

/// `@BxHB3xI`: explicit padding mixed with alignment (12 bytes).
#[derive(netpack::NetPack, Debug, Clone, PartialEq, Arbitrary)]
#[netpack(order = "@")]
pub struct NativePadded {
    /// `B`
    pub a: u8,
    /// `xH`
    #[netpack(pad_before = 1)]
    pub b: u16,
    /// `B3x`
    #[netpack(pad_after = 3)]
    pub c: u8,
    /// `I`
    pub d: u32,
}

/// `@BqBhb`: enums of every width under native alignment (21 bytes).
#[derive(netpack::NetPack, Debug, Clone, PartialEq, Arbitrary)]
#[netpack(order = "@")]
pub struct NativeEnums {
    /// `B`
    pub op: Op,
    /// `q`
    pub big: Big,
    /// `B`
    pub color: Color,
    /// `h`
    pub temp: Temp,
    /// `b`
    pub sign: Sign,
}

/// `@B0I3?2f4p4p0s`: empty arrays (a zero count still aligns), arrays of bools,
/// floats and Pascal strings (24 bytes).
#[derive(netpack::NetPack, Debug, Clone, PartialEq, Arbitrary)]
#[netpack(order = "@")]
pub struct NativeEdges {
    /// `B`
    pub a: u8,
    /// `0I`: no bytes, but aligns the next item to 4
    pub nothing: [u32; 0],
    /// `3?`
    pub flags: [bool; 3],
    /// `2f`
    pub pair: [f32; 2],
    /// `4p4p`
    #[arbitrary(with = arb_pascals)]
    pub names: [PascalString<3>; 2],
    /// `0s`
    pub none: [u8; 0],
}

/// `arbitrary` for an array of [`PascalString`]s.
pub fn arb_pascals<const CAP: usize, const N: usize>(
    u: &mut Unstructured<'_>,
) -> arbitrary::Result<[PascalString<CAP>; N]> {
    let mut out = [PascalString::default(); N];
    for s in &mut out {
        *s = arb_pascal(u)?;
    }
    Ok(out)
}

// ---------------------------------------------------------------------------
// The list

/// What every zoo type implements.
pub trait ZooType: NetPack + Debug + Clone + PartialEq + for<'a> Arbitrary<'a> + 'static {}

impl<T: NetPack + Debug + Clone + PartialEq + for<'a> Arbitrary<'a> + 'static> ZooType for T {}

/// Calls `$m! { name: Type, … }` with every zoo type, `name` a snake-case
/// identifier (for test module names) and `Type` a full path.
///
/// ```
/// macro_rules! count { ($($name:ident: $ty:ty,)*) => { [$(stringify!($name)),*].len() } }
/// let n = netpack_tests::for_each_zoo_type!(count);
/// assert_eq!(n, netpack_tests::zoo::zoo_len());
/// ```
#[macro_export]
macro_rules! for_each_zoo_type {
    ($m:ident) => {
        $m! {
            color: $crate::zoo::Color,
            temp: $crate::zoo::Temp,
            op: $crate::zoo::Op,
            big: $crate::zoo::Big,
            sign: $crate::zoo::Sign,
            request: $crate::zoo::Request,
            all_ints: $crate::zoo::AllInts,
            floats: $crate::zoo::Floats,
            halves: $crate::zoo::Halves,
            eq_order: $crate::zoo::EqOrder,
            inner: $crate::zoo::Inner,
            middle: $crate::zoo::Middle,
            outer: $crate::zoo::Outer,
            arrays: $crate::zoo::Arrays,
            padded: $crate::zoo::Padded,
            pascal: $crate::zoo::Pascal,
            tagged: $crate::zoo::Tagged,
            pair: $crate::zoo::Pair,
            wrapped: $crate::zoo::Wrapped,
            unit: $crate::zoo::Unit,
            explicit: $crate::zoo::Explicit,
            explicit_split: $crate::zoo::ExplicitSplit,
            native_w3: $crate::zoo::NativeW3,
            native_sizes: $crate::zoo::NativeSizes,
            native_nested: $crate::zoo::NativeNested,
            native_padded: $crate::zoo::NativePadded,
            native_enums: $crate::zoo::NativeEnums,
            native_edges: $crate::zoo::NativeEdges,
        }
    };
}

/// Something to run on one zoo type, chosen at run time.
pub trait ZooVisitor {
    /// Runs on zoo type `T`, whose Rust name is `name` (`"Request"`).
    fn visit<T: ZooType>(&mut self, name: &'static str);
}

macro_rules! zoo_table {
    ($($name:ident: $ty:ty,)*) => {
        /// The Rust names of the zoo types (`"Request"`), in list order.
        pub const ZOO_NAMES: &[&str] = &[$(short_name(stringify!($ty))),*];

        /// Runs `visitor` on zoo type number `index`; `false` when there is none.
        fn visit_index<V: ZooVisitor>(index: usize, visitor: &mut V) -> bool {
            let mut i = 0usize;
            $(
                if i == index {
                    visitor.visit::<$ty>(short_name(stringify!($ty)));
                    return true;
                }
                i += 1;
            )*
            let _ = i;
            false
        }
    };
}

/// `"Request"` from `"$crate :: zoo :: Request"` (as `stringify!` prints a path).
const fn short_name(path: &'static str) -> &'static str {
    let bytes = path.as_bytes();
    let mut start = bytes.len();
    while start > 0 && bytes[start - 1] != b' ' && bytes[start - 1] != b':' {
        start -= 1;
    }
    match core::str::from_utf8(bytes.split_at(start).1) {
        Ok(s) => s,
        Err(_) => panic!("zoo: type name is not UTF-8"),
    }
}

for_each_zoo_type!(zoo_table);

/// The number of zoo types.
pub fn zoo_len() -> usize {
    ZOO_NAMES.len()
}

/// Runs `visitor` on zoo type `selector % zoo_len()`.
pub fn visit_zoo<V: ZooVisitor>(selector: usize, visitor: &mut V) {
    let found = visit_index(selector % zoo_len(), visitor);
    assert!(found, "zoo: no type number {}", selector % zoo_len());
}

/// Runs `visitor` on the zoo type named `name` (`"Request"`); `false` when no
/// zoo type has that name.
pub fn visit_zoo_named<V: ZooVisitor>(name: &str, visitor: &mut V) -> bool {
    match ZOO_NAMES.iter().position(|n| *n == name) {
        Some(i) => visit_index(i, visitor),
        None => false,
    }
}

/// Runs [`check_bytes`] for zoo type `selector % zoo_len()` on `bytes`.
pub fn check_zoo_bytes(selector: usize, bytes: &[u8]) {
    struct Bytes<'a>(&'a [u8]);
    impl ZooVisitor for Bytes<'_> {
        fn visit<T: ZooType>(&mut self, _: &'static str) {
            check_bytes::<T>(self.0);
        }
    }
    visit_zoo(selector, &mut Bytes(bytes));
}

/// Builds an arbitrary value of zoo type `selector % zoo_len()` from
/// `Unstructured::new(data)` and runs [`check_value`] on it; returns quietly
/// when `data` cannot make a value.
pub fn check_zoo_arbitrary(selector: usize, data: &[u8]) {
    struct Value<'a>(&'a [u8]);
    impl ZooVisitor for Value<'_> {
        fn visit<T: ZooType>(&mut self, _: &'static str) {
            if let Some(t) = arbitrary_value::<T>(self.0) {
                check_value(&t);
            }
        }
    }
    visit_zoo(selector, &mut Value(data));
}

/// A value of `T` built by `arbitrary` from `data`, or `None` when `data` cannot
/// make one. The one generation method shared by the property tests and the fuzz
/// targets.
pub fn arbitrary_value<T: ZooType>(data: &[u8]) -> Option<T> {
    T::arbitrary(&mut Unstructured::new(data)).ok()
}
