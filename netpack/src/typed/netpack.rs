//! The [`NetPack`] trait: a Rust type with a fixed Python `struct` layout, and its
//! implementations for the primitives and arrays.

use crate::error::{Detail, Error};
use crate::runtime::args::{float_arg, float_overflow, int_arg};
use crate::runtime::value::Value;
use crate::typed::const_vec::ConstVec;
use crate::typed::message::Message;
use crate::typed::shape::{self, Shape};
use crate::wire::endian::{BigEndian, Endian, NativeEndian};
use crate::wire::float;
use crate::wire::primitive::{self, IntRule};
use alloc::vec::Vec;
use byteorder::ByteOrder as _;
use core::iter::FusedIterator;
use core::marker::PhantomData;
use core::slice::ChunksExact;
use netpack_format::{Code, Order};

/// A type whose bytes are a Python `struct` layout: `FORMAT` says which, and
/// its [`Message`] methods ([`encode`](Message::encode),
/// [`decode`](Message::decode), …) give exactly the bytes and values of
/// `struct.pack(FORMAT, …)`/`struct.unpack(FORMAT, …)`.
///
/// Implemented for `u8`…`u64` (`B H I Q`), `i8`…`i64` (`b h i q`), `bool` (`?`),
/// `f32` (`f`), `f64` (`d`), `[u8; N]` (`Ns`), `[T; N]` (N times `T`),
/// [`PascalString`](crate::PascalString) (`p`), and by `#[derive(NetPack)]` for
/// structs and field-less enums. A primitive or array on its own uses network
/// order (`!`): `<[i16; 2]>::FORMAT` is `"!2h"`; as a field it takes the order of
/// the struct around it. [`Le`](crate::Le), [`Be`](crate::Be) and
/// [`Ne`](crate::Ne) choose another order without declaring a struct:
/// `<Le<[i16; 2]>>::FORMAT` is `"<2h"`.
///
/// ```
/// use netpack::{Message, NetPack};
///
/// assert_eq!(<u16 as NetPack>::FORMAT, "!H");
/// assert_eq!(<[u16; 3] as NetPack>::FORMAT, "!3H");
/// assert_eq!(<[u8; 8] as NetPack>::SIZE, 8);
/// assert_eq!(0x0102u16.encode()?, [1, 2]);
/// assert_eq!(u16::decode(&[1, 2])?, 0x0102);
/// # Ok::<(), netpack::Error>(())
/// ```
///
/// # Nested types and byte order
///
/// A derived struct inlines the layout of each field's type, so a nested struct's
/// fields become items of the one format of the struct around it. A Python
/// format has a single byte order: a nested type takes the order of the struct
/// around it, unless an order is written on it (`#[netpack(order = "<")]`, or
/// the prefix of `#[netpack(format = "<…")]`); then the two orders must give the
/// same bytes (equal, or `>` and `!`), and anything else is a compile error that
/// names both types and both orders. For a bare primitive or array in a chosen
/// order, see [`Le`](crate::Le) and its siblings.
///
/// In native mode (`@`), inlining means what it means in one CPython format:
/// every item is aligned relative to the start of the outermost struct, and a
/// nested struct adds no padding of its own: it is not aligned as a whole and not
/// padded at its end, as a C struct member would be. Write pad bytes
/// (`pad_before`/`pad_after`) where a C layout needs them.
///
#[cfg_attr(feature = "derive", doc = "```")]
#[cfg_attr(not(feature = "derive"), doc = "```ignore")]
/// use netpack::NetPack;
///
/// #[derive(NetPack)]
/// struct Inner { a: i8, b: i16 } // no order written: takes the outer one
///
/// #[derive(NetPack)]
/// #[netpack(order = "@")]
/// struct Outer { c: i8, inner: Inner, d: i8 }
///
/// // C would place `inner` at 2 (size 4, padded) and `d` at 6: size 8.
/// // CPython's "@bbhb", and netpack: `b` at 1, `h` at 2, `d` at 4, size 5.
/// assert_eq!(Outer::FORMAT, "@bbhb");
/// assert_eq!(Outer::SIZE, 5);
/// ```
///
#[cfg_attr(feature = "derive", doc = "```compile_fail,E0080")]
#[cfg_attr(not(feature = "derive"), doc = "```ignore")]
/// use netpack::NetPack;
///
/// #[derive(NetPack)]
/// #[netpack(order = "<")]
/// struct Le { a: u16, b: u32 }
///
/// #[derive(NetPack)]
/// struct Outer { le: Le } // `Le` has byte order `<` but is a field of `Outer`, which has `!`
/// ```
///
/// The items named `__…` are used by the derive's generated code; they are not
/// part of the public API.
#[diagnostic::on_unimplemented(
    message = "`{Self}` has no Python `struct` layout: it does not implement `NetPack`",
    label = "no wire layout for `{Self}`",
    note = "fields can be integers (u8..u64, i8..i64), bool, f32, f64, arrays, `netpack::PascalString<N>`, `Le<T>`, `Be<T>` or `Ne<T>` of one of these, or types with `#[derive(NetPack)]` whose fields are all fixed",
    note = "a message with variable-length fields has no `struct` layout: nest it with #[netpack(message)]; it chooses its byte order with #[netpack(order = \"<\")] or #[netpack(order = \"runtime\")] (`decode_with`), not with `Le`, `Be` or `Ne`"
)]
pub trait NetPack: Sized {
    /// A complete Python `struct` format, order prefix included, describing exactly
    /// these bytes.
    const FORMAT: &'static str;

    /// The packed size in bytes: `calcsize(FORMAT)`, computed at compile time by
    /// the same format parser as the runtime.
    const SIZE: usize = shape::size_of_format(Self::FORMAT);

    /// The values `netpack::pack(Self::FORMAT, _)` takes to give the same bytes.
    ///
    /// ```
    /// use netpack::{NetPack, Value};
    /// assert_eq!([1u16, 2].to_values(), [Value::Int(1), Value::Int(2)]);
    /// assert_eq!(*b"ab".to_values(), [Value::Bytes(b"ab".to_vec())]);
    /// ```
    fn to_values(&self) -> Vec<Value> {
        let mut out = Vec::with_capacity(Self::__VALUES);
        self.__to_values(&mut out);
        out
    }

    /// Builds a value from what `netpack::unpack(Self::FORMAT, _)` gives, with the
    /// checks `netpack::pack(Self::FORMAT, values)` would make.
    ///
    /// # Errors
    ///
    /// [`ArgCount`](crate::ErrorKind::ArgCount), [`ArgType`](crate::ErrorKind::ArgType)
    /// or [`ArgRange`](crate::ErrorKind::ArgRange), as `pack` would report them.
    ///
    /// ```
    /// use netpack::{NetPack, Value};
    /// assert_eq!(<[u8; 2]>::from_values(&[Value::Bytes(b"ab".to_vec())])?, *b"ab");
    /// assert!(u8::from_values(&[Value::Int(256)]).is_err());
    /// # Ok::<(), netpack::Error>(())
    /// ```
    fn from_values(values: &[Value]) -> Result<Self, Error> {
        if values.len() != Self::__VALUES {
            return Err(Error::new(Detail::ArgCount {
                expected: Self::__VALUES,
                got: values.len(),
                into: false,
            }));
        }
        Self::__from_values(values, 0, shape::order_of_format(Self::FORMAT))
    }

    /// Iterates over the values packed one after another in `buf`, as Python's
    /// `struct.iter_unpack(FORMAT, buf)`: the typed, allocation-free way to decode
    /// a bulk buffer.
    ///
    /// # Errors
    ///
    /// [`ZeroSizeIter`](crate::ErrorKind::ZeroSizeIter) for a type of size 0 and
    /// [`BufferSize`](crate::ErrorKind::BufferSize) when `buf.len()` is not a
    /// multiple of `SIZE`; each item is `Err` for bytes no value encodes (an
    /// unknown enum discriminant).
    ///
    /// ```
    /// use netpack::NetPack;
    ///
    /// // Python: [x for (x,) in struct.iter_unpack("!H", b"\x00\x01\x00\x02")]
    /// let ports: Vec<u16> = u16::decode_iter(b"\x00\x01\x00\x02")?.collect::<Result<_, _>>()?;
    /// assert_eq!(ports, [1, 2]);
    /// assert!(u16::decode_iter(b"\x00\x01\x00").is_err());
    /// # Ok::<(), netpack::Error>(())
    /// ```
    fn decode_iter(buf: &[u8]) -> Result<DecodeIter<'_, Self>, Error> {
        if Self::SIZE == 0 {
            return Err(Error::new(Detail::ZeroSizeIter));
        }
        if !buf.len().is_multiple_of(Self::SIZE) {
            return Err(Error::new(Detail::IterMultiple { size: Self::SIZE }));
        }
        Ok(DecodeIter {
            chunks: buf.chunks_exact(Self::SIZE),
            marker: PhantomData,
        })
    }

    #[doc(hidden)]
    const __SHAPE: Shape;
    #[doc(hidden)]
    const __VALUES: usize = Self::__SHAPE.values();
    #[doc(hidden)]
    const __OFFSETS: &'static [usize];
    #[doc(hidden)]
    const __DENSE: bool = shape::is_dense(Self::FORMAT);
    /// The type's `PARTS` text where `struct.pack` of `FORMAT` does not show
    /// it as Python writes it (bit fields: `bitstruct.pack("u4u4", a, b) +
    /// struct.pack("!H", c)`); empty for `struct.pack("<FORMAT>", …)`.
    #[doc(hidden)]
    const __PARTS: &'static str = "";
    #[doc(hidden)]
    type __Order: Endian;
    /// The byte order written on the type, if any, and its name: a struct that
    /// nests the type refuses another order at compile time.
    #[doc(hidden)]
    const __EXPLICIT_ORDER: shape::ExplicitOrder = None;
    /// Whether `[Self; N]` is a byte string (`Ns`): only for `u8`.
    #[doc(hidden)]
    const __BYTE: bool = false;
    /// A run of `Self`s as bytes: `Some` only for `u8`, so that `[u8; N]`
    /// and `Vec<u8>` are copied as one slice, not a byte at a time.
    #[doc(hidden)]
    fn __as_bytes(items: &[Self]) -> Option<&[u8]> {
        let _ = items;
        None
    }
    #[doc(hidden)]
    fn __from_byte(byte: u8) -> Self {
        let _ = byte;
        unreachable!("netpack: only u8 is a byte")
    }
    #[doc(hidden)]
    fn __encode<O: Endian>(&self, buf: &mut [u8], offsets: &[usize]) -> Result<(), Error>;
    #[doc(hidden)]
    fn __check<O: Endian>(buf: &[u8], offsets: &[usize]) -> Result<(), Error> {
        let _ = (buf, offsets);
        Ok(())
    }
    #[doc(hidden)]
    fn __decode<O: Endian>(buf: &[u8], offsets: &[usize]) -> Self;
    #[doc(hidden)]
    fn __to_values(&self, out: &mut Vec<Value>);
    /// Builds the value from `values` (its own, the first being argument
    /// `first`), with `pack`'s checks under `order`.
    #[doc(hidden)]
    fn __from_values(values: &[Value], first: usize, order: Order) -> Result<Self, Error>;
}

/// The values packed one after another in a buffer: returned by
/// [`NetPack::decode_iter`].
#[derive(Clone, Debug)]
pub struct DecodeIter<'a, T> {
    chunks: ChunksExact<'a, u8>,
    marker: PhantomData<fn() -> T>,
}

impl<T: NetPack> Iterator for DecodeIter<'_, T> {
    type Item = Result<T, Error>;

    #[inline]
    fn next(&mut self) -> Option<Result<T, Error>> {
        self.chunks.next().map(T::decode)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.chunks.size_hint()
    }
}

impl<T: NetPack> DoubleEndedIterator for DecodeIter<'_, T> {
    fn next_back(&mut self) -> Option<Result<T, Error>> {
        self.chunks.next_back().map(T::decode)
    }
}

impl<T: NetPack> ExactSizeIterator for DecodeIter<'_, T> {}

impl<T: NetPack> FusedIterator for DecodeIter<'_, T> {}

/// The `N` bytes at `offset`, as an array reference (one bounds check, which
/// constant offsets let the compiler remove).
#[inline(always)]
fn at<const N: usize>(buf: &[u8], offset: usize) -> &[u8; N] {
    match buf[offset..offset + N].try_into() {
        Ok(bytes) => bytes,
        Err(_) => unreachable!("netpack: a slice of N bytes is an [u8; N]"),
    }
}

#[inline(always)]
fn at_mut<const N: usize>(buf: &mut [u8], offset: usize) -> &mut [u8; N] {
    match (&mut buf[offset..offset + N]).try_into() {
        Ok(bytes) => bytes,
        Err(_) => unreachable!("netpack: a slice of N bytes is an [u8; N]"),
    }
}

/// `values[0]` as an integer of `code` of `size` bytes under `order`, with the
/// checks and errors of `pack`.
fn int_value(
    values: &[Value],
    first: usize,
    code: Code,
    order: Order,
    size: usize,
) -> Result<i128, Error> {
    let x = int_arg(&values[0]).map_err(|d| Error::new(d).at_argument(first))?;
    IntRule::new(code, order, size)
        .check(x)
        .map_err(|d| Error::new(d).at_argument(first))?;
    Ok(x)
}

macro_rules! integer {
    ($($t:ident => $code:ident, $format:literal, $n:literal, $write:ident, $read:ident;)*) => {$(
        #[doc = concat!("On its own, `", stringify!($t), "` is network order (`!`, big-endian); as a field it")]
        #[doc = concat!("takes the order of its struct. For another order wrap it: [`Le<", stringify!($t), ">`](crate::Le),")]
        #[doc = concat!("[`Be<", stringify!($t), ">`](crate::Be), [`Ne<", stringify!($t), ">`](crate::Ne).")]
        impl NetPack for $t {
            const FORMAT: &'static str = $format;
            const __SHAPE: Shape = Shape::one(Code::$code.as_char(), $n);
            const __OFFSETS: &'static [usize] = &[0];
            type __Order = BigEndian;

            #[inline(always)]
            fn __encode<O: Endian>(&self, buf: &mut [u8], offsets: &[usize]) -> Result<(), Error> {
                integer!(@write O, $write, at_mut::<$n>(buf, offsets[0]), *self);
                Ok(())
            }
            #[inline(always)]
            fn __decode<O: Endian>(buf: &[u8], offsets: &[usize]) -> $t {
                integer!(@read O, $read, $t, at::<$n>(buf, offsets[0]))
            }
            fn __to_values(&self, out: &mut Vec<Value>) {
                out.push(Value::Int(*self as i128));
            }
            fn __from_values(values: &[Value], first: usize, order: Order) -> Result<$t, Error> {
                // Every integer code has a size of $n bytes in the orders a
                // `FORMAT` with this type can have.
                int_value(values, first, Code::$code, order, $n).map(|x| x as $t)
            }
            integer!(@byte $t);
        }
    )*};
    (@write $o:ident, byte, $dst:expr, $v:expr) => { $dst[0] = $v as u8 };
    (@write $o:ident, $write:ident, $dst:expr, $v:expr) => { $o::Bytes::$write($dst, $v as _) };
    (@read $o:ident, byte, $t:ty, $src:expr) => { $src[0] as $t };
    (@read $o:ident, $read:ident, $t:ty, $src:expr) => { $o::Bytes::$read($src) as $t };
    (@byte u8) => {
        const __BYTE: bool = true;
        #[inline(always)]
        fn __as_bytes(items: &[u8]) -> Option<&[u8]> { Some(items) }
        #[inline(always)]
        fn __from_byte(byte: u8) -> u8 { byte }
    };
    (@byte $t:ident) => {};
}

integer! {
    u8 => UChar, "!B", 1, byte, byte;
    i8 => SChar, "!b", 1, byte, byte;
    u16 => UShort, "!H", 2, write_u16, read_u16;
    i16 => Short, "!h", 2, write_i16, read_i16;
    u32 => UInt, "!I", 4, write_u32, read_u32;
    i32 => Int, "!i", 4, write_i32, read_i32;
    u64 => ULongLong, "!Q", 8, write_u64, read_u64;
    i64 => LongLong, "!q", 8, write_i64, read_i64;
}

/// `isize` and `usize` are C's `ssize_t` and `size_t` (`n`, `N`): native mode only,
/// so on their own they use `@`, and a struct holding one must be native too.
macro_rules! native_size {
    ($($t:ident => $code:ident, $format:literal;)*) => {$(
        impl NetPack for $t {
            const FORMAT: &'static str = $format;
            const __SHAPE: Shape = Shape::one(Code::$code.as_char(), core::mem::size_of::<$t>());
            const __OFFSETS: &'static [usize] = &[0];
            type __Order = NativeEndian;

            #[inline(always)]
            fn __encode<O: Endian>(&self, buf: &mut [u8], offsets: &[usize]) -> Result<(), Error> {
                let n = core::mem::size_of::<$t>();
                primitive::write_int::<O::Bytes>(&mut buf[offsets[0]..offsets[0] + n], *self as i128);
                Ok(())
            }
            #[inline(always)]
            fn __decode<O: Endian>(buf: &[u8], offsets: &[usize]) -> $t {
                let n = core::mem::size_of::<$t>();
                primitive::read_int::<O::Bytes>(&buf[offsets[0]..offsets[0] + n], $t::MIN != 0) as $t
            }
            fn __to_values(&self, out: &mut Vec<Value>) {
                out.push(Value::Int(*self as i128));
            }
            fn __from_values(values: &[Value], first: usize, order: Order) -> Result<$t, Error> {
                let size = core::mem::size_of::<$t>();
                int_value(values, first, Code::$code, order, size).map(|x| x as $t)
            }
        }
    )*};
}

native_size! {
    isize => SSize, "@n";
    usize => Size, "@N";
}

/// On its own, `bool` is network order (`!`, big-endian); as a field it takes
/// the order of its struct. For another order wrap it: [`Le<bool>`](crate::Le),
/// [`Be<bool>`](crate::Be), [`Ne<bool>`](crate::Ne).
impl NetPack for bool {
    const FORMAT: &'static str = "!?";
    const __SHAPE: Shape = Shape::one(b'?', 1);
    const __OFFSETS: &'static [usize] = &[0];
    type __Order = BigEndian;

    #[inline(always)]
    fn __encode<O: Endian>(&self, buf: &mut [u8], offsets: &[usize]) -> Result<(), Error> {
        buf[offsets[0]] = u8::from(*self);
        Ok(())
    }
    #[inline(always)]
    fn __decode<O: Endian>(buf: &[u8], offsets: &[usize]) -> bool {
        buf[offsets[0]] != 0
    }
    fn __to_values(&self, out: &mut Vec<Value>) {
        out.push(Value::Bool(*self));
    }
    fn __from_values(values: &[Value], _: usize, _: Order) -> Result<bool, Error> {
        Ok(values[0].is_truthy())
    }
}

/// The `f32` a float value packs to with code `f` under `order`: rounded, and an
/// error for a finite value beyond `f32` in standard mode.
fn f32_value(v: &Value, first: usize, order: Order) -> Result<f32, Error> {
    let x = float_arg(v).map_err(|d| Error::new(d).at_argument(first))?;
    if order.is_native() {
        Ok(float::f64_to_f32(x))
    } else {
        float::f64_to_f32_checked(x)
            .ok_or_else(|| Error::new(float_overflow(v, b'f')).at_argument(first))
    }
}

/// On its own, `f32` is network order (`!`, big-endian); as a field it takes
/// the order of its struct. For another order wrap it: [`Le<f32>`](crate::Le),
/// [`Be<f32>`](crate::Be), [`Ne<f32>`](crate::Ne).
impl NetPack for f32 {
    const FORMAT: &'static str = "!f";
    const __SHAPE: Shape = Shape::one(b'f', 4);
    const __OFFSETS: &'static [usize] = &[0];
    type __Order = BigEndian;

    #[inline(always)]
    fn __encode<O: Endian>(&self, buf: &mut [u8], offsets: &[usize]) -> Result<(), Error> {
        O::Bytes::write_u32(at_mut::<4>(buf, offsets[0]), self.to_bits());
        Ok(())
    }
    #[inline(always)]
    fn __decode<O: Endian>(buf: &[u8], offsets: &[usize]) -> f32 {
        f32::from_bits(O::Bytes::read_u32(at::<4>(buf, offsets[0])))
    }
    fn __to_values(&self, out: &mut Vec<Value>) {
        out.push(Value::Float(float::f32_to_f64(*self)));
    }
    fn __from_values(values: &[Value], first: usize, order: Order) -> Result<f32, Error> {
        f32_value(&values[0], first, order)
    }
}

/// On its own, `f64` is network order (`!`, big-endian); as a field it takes
/// the order of its struct. For another order wrap it: [`Le<f64>`](crate::Le),
/// [`Be<f64>`](crate::Be), [`Ne<f64>`](crate::Ne).
impl NetPack for f64 {
    const FORMAT: &'static str = "!d";
    const __SHAPE: Shape = Shape::one(b'd', 8);
    const __OFFSETS: &'static [usize] = &[0];
    type __Order = BigEndian;

    #[inline(always)]
    fn __encode<O: Endian>(&self, buf: &mut [u8], offsets: &[usize]) -> Result<(), Error> {
        O::Bytes::write_u64(at_mut::<8>(buf, offsets[0]), self.to_bits());
        Ok(())
    }
    #[inline(always)]
    fn __decode<O: Endian>(buf: &[u8], offsets: &[usize]) -> f64 {
        f64::from_bits(O::Bytes::read_u64(at::<8>(buf, offsets[0])))
    }
    fn __to_values(&self, out: &mut Vec<Value>) {
        out.push(Value::Float(*self));
    }
    fn __from_values(values: &[Value], first: usize, _: Order) -> Result<f64, Error> {
        float_arg(&values[0]).map_err(|d| Error::new(d).at_argument(first))
    }
}

/// Arrays: `[u8; N]` is one byte string `Ns`; `[T; N]` of a one-code `T` is `NT`
/// (`[u16; 3]` is `3H`); other element types repeat their format N times. On its
/// own an array has its element's order, network (`!`) for primitives:
/// `[i16; 2]` is `"!2h"`; wrap it as [`Le<[i16; 2]>`](crate::Le) for `"<2h"`.
impl<T: NetPack, const N: usize> NetPack for [T; N] {
    const FORMAT: &'static str = <Self as GenericLayout>::FORMAT_TEXT.as_str();
    const __SHAPE: Shape = Shape::array(&T::__SHAPE, N, T::__BYTE);
    const __OFFSETS: &'static [usize] = <Self as GenericLayout>::OFFSETS.as_slice();
    type __Order = T::__Order;
    const __EXPLICIT_ORDER: shape::ExplicitOrder = T::__EXPLICIT_ORDER;

    #[inline(always)]
    fn __encode<O: Endian>(&self, buf: &mut [u8], offsets: &[usize]) -> Result<(), Error> {
        if let Some(bytes) = T::__as_bytes(self) {
            let start = offsets[0];
            buf[start..start + N].copy_from_slice(bytes);
        } else {
            let per = T::__VALUES;
            for (i, x) in self.iter().enumerate() {
                x.__encode::<O>(buf, &offsets[i * per..])?;
            }
        }
        Ok(())
    }
    fn __check<O: Endian>(buf: &[u8], offsets: &[usize]) -> Result<(), Error> {
        if !T::__BYTE {
            let per = T::__VALUES;
            for i in 0..N {
                T::__check::<O>(buf, &offsets[i * per..])
                    .map_err(|e| e.element(i, offsets.get(i * per).copied()))?;
            }
        }
        Ok(())
    }
    #[inline(always)]
    fn __decode<O: Endian>(buf: &[u8], offsets: &[usize]) -> [T; N] {
        if T::__BYTE {
            let start = offsets[0];
            let src = &buf[start..start + N];
            core::array::from_fn(|i| T::__from_byte(src[i]))
        } else {
            let per = T::__VALUES;
            core::array::from_fn(|i| T::__decode::<O>(buf, &offsets[i * per..]))
        }
    }
    fn __to_values(&self, out: &mut Vec<Value>) {
        if let Some(bytes) = T::__as_bytes(self) {
            out.push(Value::Bytes(bytes.to_vec()));
        } else {
            for x in self {
                x.__to_values(out);
            }
        }
    }
    fn __from_values(values: &[Value], first: usize, order: Order) -> Result<[T; N], Error> {
        if T::__BYTE {
            // `s` pads with zeros and truncates, as `pack` does.
            let Value::Bytes(bytes) = &values[0] else {
                return Err(Error::new(Detail::NotBytes(b's')).at_argument(first));
            };
            let byte = |i: usize| bytes.get(i).map_or(0, |&b| b);
            return Ok(core::array::from_fn(|i| T::__from_byte(byte(i))));
        }
        let per = T::__VALUES;
        let elements: [Result<T, Error>; N] =
            core::array::from_fn(|i| T::__from_values(&values[i * per..], first + i * per, order));
        if let Some(Err(e)) = elements.iter().find(|e| e.is_err()) {
            return Err(*e);
        }
        Ok(elements.map(|e| match e {
            Ok(x) => x,
            Err(_) => unreachable!("netpack: the errors were returned above"),
        }))
    }
}

/// The rendered format and value offsets of a generic type (an array, a
/// wrapper), kept in associated consts so that `FORMAT` and `__OFFSETS` can
/// borrow them for `'static`.
pub(crate) trait GenericLayout {
    /// The format.
    const FORMAT_TEXT: ConstVec<u8, 1024>;
    /// The offset of each value.
    const OFFSETS: ConstVec<usize, 512>;
}

impl<T: NetPack, const N: usize> GenericLayout for [T; N] {
    const FORMAT_TEXT: ConstVec<u8, 1024> =
        <[T; N]>::__SHAPE.render(shape::order_of_format(T::FORMAT).prefix());
    const OFFSETS: ConstVec<usize, 512> = shape::value_offsets(<[T; N]>::FORMAT);
}
