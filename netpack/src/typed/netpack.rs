//! The [`NetPack`] trait: a Rust type with a fixed Python `struct` layout, and its
//! implementations for the primitives and arrays.

use crate::error::{Detail, Error};
use crate::typed::shape::{self, FormatBuf, OffsetBuf, Shape};
use crate::wire::codec::{self, IntRule};
use crate::wire::float;
use crate::Value;
use alloc::vec::Vec;
use byteorder::{BigEndian, ByteOrder};
use core::iter::FusedIterator;
use core::marker::PhantomData;
use core::slice::ChunksExact;
use netpack_format::{Code, Order};

/// A type whose bytes are a Python `struct` layout: `FORMAT` says which, and
/// `pack`/`unpack` give exactly the bytes and values of
/// `struct.pack(FORMAT, …)`/`struct.unpack(FORMAT, …)`.
///
/// Implemented for `u8`…`u64` (`B H I Q`), `i8`…`i64` (`b h i q`), `bool` (`?`),
/// `f32` (`f`), `f64` (`d`), `[u8; N]` (`Ns`), `[T; N]` (N times `T`),
/// [`PascalString`](crate::PascalString) (`p`), and by `#[derive(NetPack)]` for
/// structs and field-less enums. A primitive on its own uses network order (`!`);
/// as a field it takes the order of the struct around it.
///
/// ```
/// use netpack::NetPack;
///
/// assert_eq!(<u16 as NetPack>::FORMAT, "!H");
/// assert_eq!(<[u16; 3] as NetPack>::FORMAT, "!3H");
/// assert_eq!(<[u8; 8] as NetPack>::SIZE, 8);
/// assert_eq!(0x0102u16.pack(), [1, 2]);
/// assert_eq!(u16::unpack(&[1, 2])?, 0x0102);
/// # Ok::<(), netpack::Error>(())
/// ```
///
/// The items named `__…` are used by the derive's generated code; they are not
/// part of the public API.
#[diagnostic::on_unimplemented(
    message = "`{Self}` has no Python `struct` layout: it does not implement `NetPack`",
    label = "no wire layout for `{Self}`",
    note = "fields can be integers (u8..u64, i8..i64), bool, f32, f64, arrays, `netpack::PascalString<N>`, or types with `#[derive(NetPack)]`"
)]
pub trait NetPack: Sized {
    /// A complete Python `struct` format, order prefix included, describing exactly
    /// these bytes.
    const FORMAT: &'static str;

    /// The packed size in bytes: `calcsize(FORMAT)`, computed at compile time by
    /// the same format parser as the runtime.
    const SIZE: usize = shape::size_of_format(Self::FORMAT);

    /// Writes the `SIZE` bytes of `self` at `buf[..SIZE]`; bytes after them are
    /// left alone.
    ///
    /// # Errors
    ///
    /// [`BufferSize`](crate::ErrorKind::BufferSize) when `buf` is shorter than
    /// `SIZE`; [`ArgRange`](crate::ErrorKind::ArgRange) when a field's value has
    /// no encoding (an `f32` too large for a half-float field).
    ///
    /// ```
    /// use netpack::NetPack;
    /// let mut buf = [0xff; 4];
    /// 0x0102u16.pack_into(&mut buf)?;
    /// assert_eq!(buf, [1, 2, 0xff, 0xff]);
    /// # Ok::<(), netpack::Error>(())
    /// ```
    fn pack_into(&self, buf: &mut [u8]) -> Result<(), Error> {
        let len = buf.len();
        let buf = match buf.get_mut(..Self::SIZE) {
            Some(buf) => buf,
            None => return Err(Error::pack_into_size(Self::SIZE, len)),
        };
        if !Self::__DENSE {
            buf.fill(0);
        }
        self.__encode::<Self::__Order>(buf, Self::__OFFSETS)
    }

    /// Reads a value from `buf[..SIZE]`; bytes after them are ignored.
    ///
    /// # Errors
    ///
    /// [`BufferSize`](crate::ErrorKind::BufferSize) when `buf` is shorter than
    /// `SIZE`; [`InvalidValue`](crate::ErrorKind::InvalidValue) for bytes no value
    /// encodes (an unknown enum discriminant).
    ///
    /// ```
    /// use netpack::NetPack;
    /// assert_eq!(u16::unpack_from(&[1, 2, 3])?, 0x0102);
    /// # Ok::<(), netpack::Error>(())
    /// ```
    fn unpack_from(buf: &[u8]) -> Result<Self, Error> {
        let buf = match buf.get(..Self::SIZE) {
            Some(buf) => buf,
            None => return Err(Error::unpack_from_size(Self::SIZE, buf.len())),
        };
        Self::__check::<Self::__Order>(buf, Self::__OFFSETS)?;
        Ok(Self::__decode::<Self::__Order>(buf, Self::__OFFSETS))
    }

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
        let order = shape::order_of_format(Self::FORMAT);
        Self::__check_values(values, 0, order)?;
        Ok(Self::__from_values(values, order))
    }

    /// The `SIZE` bytes of `self` in a new vector.
    ///
    /// # Panics
    ///
    /// When a field has no encoding for its value, which only a half-float field
    /// (`#[netpack(e)]`) holding an `f32` above 65504 can have; use
    /// [`try_pack`](NetPack::try_pack) for such types.
    ///
    /// ```
    /// use netpack::NetPack;
    /// assert_eq!((-2i16).pack(), [0xff, 0xfe]);
    /// ```
    fn pack(&self) -> Vec<u8> {
        match self.try_pack() {
            Ok(bytes) => bytes,
            Err(e) => panic!("netpack: cannot pack: {e}"),
        }
    }

    /// The `SIZE` bytes of `self` in a new vector, or the reason a field has no
    /// encoding.
    ///
    /// # Errors
    ///
    /// As [`pack_into`](NetPack::pack_into).
    ///
    /// ```
    /// use netpack::NetPack;
    /// assert_eq!(true.try_pack()?, [1]);
    /// # Ok::<(), netpack::Error>(())
    /// ```
    fn try_pack(&self) -> Result<Vec<u8>, Error> {
        let mut buf = alloc::vec![0u8; Self::SIZE];
        self.pack_into(&mut buf)?;
        Ok(buf)
    }

    /// Reads a value from exactly `SIZE` bytes, as Python's `unpack`.
    ///
    /// # Errors
    ///
    /// [`BufferSize`](crate::ErrorKind::BufferSize) unless `buf.len() == SIZE`,
    /// and as [`unpack_from`](NetPack::unpack_from).
    ///
    /// ```
    /// use netpack::NetPack;
    /// assert_eq!(i16::unpack(&[0xff, 0xfe])?, -2);
    /// assert!(i16::unpack(&[0xff, 0xfe, 0]).is_err());
    /// # Ok::<(), netpack::Error>(())
    /// ```
    fn unpack(buf: &[u8]) -> Result<Self, Error> {
        if buf.len() != Self::SIZE {
            return Err(Error::unpack_size(Self::SIZE));
        }
        Self::unpack_from(buf)
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
    /// let ports: Vec<u16> = u16::iter_unpack(b"\x00\x01\x00\x02")?.collect::<Result<_, _>>()?;
    /// assert_eq!(ports, [1, 2]);
    /// assert!(u16::iter_unpack(b"\x00\x01\x00").is_err());
    /// # Ok::<(), netpack::Error>(())
    /// ```
    fn iter_unpack(buf: &[u8]) -> Result<Records<'_, Self>, Error> {
        if Self::SIZE == 0 {
            return Err(Error::new(Detail::ZeroSizeIter));
        }
        if !buf.len().is_multiple_of(Self::SIZE) {
            return Err(Error::new(Detail::IterMultiple { size: Self::SIZE }));
        }
        Ok(Records {
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
    #[doc(hidden)]
    type __Order: ByteOrder;
    /// Whether `[Self; N]` is a byte string (`Ns`): only for `u8`.
    #[doc(hidden)]
    const __BYTE: bool = false;
    #[doc(hidden)]
    fn __byte(&self) -> u8 {
        0
    }
    #[doc(hidden)]
    fn __from_byte(byte: u8) -> Self {
        let _ = byte;
        unreachable!("netpack: only u8 is a byte")
    }
    #[doc(hidden)]
    fn __encode<O: ByteOrder>(&self, buf: &mut [u8], offsets: &[usize]) -> Result<(), Error>;
    #[doc(hidden)]
    fn __check<O: ByteOrder>(buf: &[u8], offsets: &[usize]) -> Result<(), Error> {
        let _ = (buf, offsets);
        Ok(())
    }
    #[doc(hidden)]
    fn __decode<O: ByteOrder>(buf: &[u8], offsets: &[usize]) -> Self;
    #[doc(hidden)]
    fn __to_values(&self, out: &mut Vec<Value>);
    #[doc(hidden)]
    fn __check_values(values: &[Value], first: usize, order: Order) -> Result<(), Error>;
    #[doc(hidden)]
    fn __from_values(values: &[Value], order: Order) -> Self;
}

/// The values packed one after another in a buffer: returned by
/// [`NetPack::iter_unpack`].
#[derive(Clone, Debug)]
pub struct Records<'a, T> {
    chunks: ChunksExact<'a, u8>,
    marker: PhantomData<fn() -> T>,
}

impl<T: NetPack> Iterator for Records<'_, T> {
    type Item = Result<T, Error>;

    #[inline]
    fn next(&mut self) -> Option<Result<T, Error>> {
        self.chunks.next().map(T::unpack_from)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.chunks.size_hint()
    }
}

impl<T: NetPack> DoubleEndedIterator for Records<'_, T> {
    fn next_back(&mut self) -> Option<Result<T, Error>> {
        self.chunks.next_back().map(T::unpack_from)
    }
}

impl<T: NetPack> ExactSizeIterator for Records<'_, T> {}

impl<T: NetPack> FusedIterator for Records<'_, T> {}

/// The `N` bytes at `offset`, as an array reference (one bounds check, which
/// constant offsets let the compiler remove).
#[inline(always)]
fn at<const N: usize>(buf: &[u8], offset: usize) -> &[u8; N] {
    match buf[offset..offset + N].try_into() {
        Ok(bytes) => bytes,
        Err(_) => unreachable!(),
    }
}

#[inline(always)]
fn at_mut<const N: usize>(buf: &mut [u8], offset: usize) -> &mut [u8; N] {
    match (&mut buf[offset..offset + N]).try_into() {
        Ok(bytes) => bytes,
        Err(_) => unreachable!(),
    }
}

/// Checks `values[0]` for an integer code as `pack` would.
fn check_int(values: &[Value], first: usize, code: Code, order: Order) -> Result<(), Error> {
    let x = codec::int_arg(&values[0]).map_err(|d| Error::new(d).at_argument(first))?;
    IntRule::new(code, order, code.size(order).unwrap_or(0))
        .check(x)
        .map_err(|d| Error::new(d).at_argument(first))
}

macro_rules! integer {
    ($($t:ident => $code:ident, $n:literal, $write:ident, $read:ident;)*) => {$(
        impl NetPack for $t {
            const FORMAT: &'static str = shape::as_str(&[b'!', Code::$code.as_char()]);
            const __SHAPE: Shape = Shape::one(Code::$code.as_char(), $n);
            const __OFFSETS: &'static [usize] = &[0];
            type __Order = BigEndian;

            #[inline(always)]
            fn __encode<O: ByteOrder>(&self, buf: &mut [u8], offsets: &[usize]) -> Result<(), Error> {
                integer!(@write O, $write, at_mut::<$n>(buf, offsets[0]), *self);
                Ok(())
            }
            #[inline(always)]
            fn __decode<O: ByteOrder>(buf: &[u8], offsets: &[usize]) -> $t {
                integer!(@read O, $read, $t, at::<$n>(buf, offsets[0]))
            }
            fn __to_values(&self, out: &mut Vec<Value>) {
                out.push(Value::Int(*self as i128));
            }
            fn __check_values(values: &[Value], first: usize, order: Order) -> Result<(), Error> {
                check_int(values, first, Code::$code, order)
            }
            fn __from_values(values: &[Value], _order: Order) -> $t {
                values[0].as_int().unwrap_or(0) as $t
            }
            integer!(@byte $t);
        }
    )*};
    (@write $o:ident, byte, $dst:expr, $v:expr) => { $dst[0] = $v as u8 };
    (@write $o:ident, $write:ident, $dst:expr, $v:expr) => { $o::$write($dst, $v as _) };
    (@read $o:ident, byte, $t:ty, $src:expr) => { $src[0] as $t };
    (@read $o:ident, $read:ident, $t:ty, $src:expr) => { $o::$read($src) as $t };
    (@byte u8) => {
        const __BYTE: bool = true;
        #[inline(always)]
        fn __byte(&self) -> u8 { *self }
        #[inline(always)]
        fn __from_byte(byte: u8) -> u8 { byte }
    };
    (@byte $t:ident) => {};
}

integer! {
    u8 => UChar, 1, byte, byte;
    i8 => SChar, 1, byte, byte;
    u16 => UShort, 2, write_u16, read_u16;
    i16 => Short, 2, write_i16, read_i16;
    u32 => UInt, 4, write_u32, read_u32;
    i32 => Int, 4, write_i32, read_i32;
    u64 => ULongLong, 8, write_u64, read_u64;
    i64 => LongLong, 8, write_i64, read_i64;
}

/// `isize` and `usize` are C's `ssize_t` and `size_t` (`n`, `N`): native mode only,
/// so on their own they use `@`, and a struct holding one must be native too.
macro_rules! native_size {
    ($($t:ident => $code:literal,)*) => {$(
        impl NetPack for $t {
            const FORMAT: &'static str = shape::as_str(&[b'@', $code]);
            const __SHAPE: Shape = Shape::one($code, core::mem::size_of::<$t>());
            const __OFFSETS: &'static [usize] = &[0];
            type __Order = byteorder::NativeEndian;

            #[inline(always)]
            fn __encode<O: ByteOrder>(&self, buf: &mut [u8], offsets: &[usize]) -> Result<(), Error> {
                let n = core::mem::size_of::<$t>();
                codec::write_int::<O>(&mut buf[offsets[0]..offsets[0] + n], *self as i128);
                Ok(())
            }
            #[inline(always)]
            fn __decode<O: ByteOrder>(buf: &[u8], offsets: &[usize]) -> $t {
                let n = core::mem::size_of::<$t>();
                codec::read_int::<O>(&buf[offsets[0]..offsets[0] + n], $t::MIN != 0) as $t
            }
            fn __to_values(&self, out: &mut Vec<Value>) {
                out.push(Value::Int(*self as i128));
            }
            fn __check_values(values: &[Value], first: usize, order: Order) -> Result<(), Error> {
                check_int(values, first, Code::from_char($code).unwrap_or(Code::SSize), order)
            }
            fn __from_values(values: &[Value], _order: Order) -> $t {
                values[0].as_int().unwrap_or(0) as $t
            }
        }
    )*};
}

native_size! {
    isize => b'n',
    usize => b'N',
}

impl NetPack for bool {
    const FORMAT: &'static str = "!?";
    const __SHAPE: Shape = Shape::one(b'?', 1);
    const __OFFSETS: &'static [usize] = &[0];
    type __Order = BigEndian;

    #[inline(always)]
    fn __encode<O: ByteOrder>(&self, buf: &mut [u8], offsets: &[usize]) -> Result<(), Error> {
        buf[offsets[0]] = u8::from(*self);
        Ok(())
    }
    #[inline(always)]
    fn __decode<O: ByteOrder>(buf: &[u8], offsets: &[usize]) -> bool {
        buf[offsets[0]] != 0
    }
    fn __to_values(&self, out: &mut Vec<Value>) {
        out.push(Value::Bool(*self));
    }
    fn __check_values(_: &[Value], _: usize, _: Order) -> Result<(), Error> {
        Ok(())
    }
    fn __from_values(values: &[Value], _order: Order) -> bool {
        values[0].is_truthy()
    }
}

/// The `f32` a float value packs to with code `f` under `order`: rounded, and an
/// error for a finite value beyond `f32` in standard mode.
fn f32_value(v: &Value, first: usize, order: Order) -> Result<f32, Error> {
    let x = codec::float_arg(v).map_err(|d| Error::new(d).at_argument(first))?;
    if order.is_native() {
        Ok(float::f64_to_f32(x))
    } else {
        float::f64_to_f32_checked(x)
            .ok_or_else(|| Error::new(codec::float_overflow(v, b'f')).at_argument(first))
    }
}

impl NetPack for f32 {
    const FORMAT: &'static str = "!f";
    const __SHAPE: Shape = Shape::one(b'f', 4);
    const __OFFSETS: &'static [usize] = &[0];
    type __Order = BigEndian;

    #[inline(always)]
    fn __encode<O: ByteOrder>(&self, buf: &mut [u8], offsets: &[usize]) -> Result<(), Error> {
        O::write_u32(at_mut::<4>(buf, offsets[0]), self.to_bits());
        Ok(())
    }
    #[inline(always)]
    fn __decode<O: ByteOrder>(buf: &[u8], offsets: &[usize]) -> f32 {
        f32::from_bits(O::read_u32(at::<4>(buf, offsets[0])))
    }
    fn __to_values(&self, out: &mut Vec<Value>) {
        out.push(Value::Float(float::f32_to_f64(*self)));
    }
    fn __check_values(values: &[Value], first: usize, order: Order) -> Result<(), Error> {
        f32_value(&values[0], first, order).map(|_| ())
    }
    fn __from_values(values: &[Value], order: Order) -> f32 {
        f32_value(&values[0], 0, order).unwrap_or(0.0)
    }
}

impl NetPack for f64 {
    const FORMAT: &'static str = "!d";
    const __SHAPE: Shape = Shape::one(b'd', 8);
    const __OFFSETS: &'static [usize] = &[0];
    type __Order = BigEndian;

    #[inline(always)]
    fn __encode<O: ByteOrder>(&self, buf: &mut [u8], offsets: &[usize]) -> Result<(), Error> {
        O::write_u64(at_mut::<8>(buf, offsets[0]), self.to_bits());
        Ok(())
    }
    #[inline(always)]
    fn __decode<O: ByteOrder>(buf: &[u8], offsets: &[usize]) -> f64 {
        f64::from_bits(O::read_u64(at::<8>(buf, offsets[0])))
    }
    fn __to_values(&self, out: &mut Vec<Value>) {
        out.push(Value::Float(*self));
    }
    fn __check_values(values: &[Value], first: usize, _: Order) -> Result<(), Error> {
        codec::float_arg(&values[0])
            .map(|_| ())
            .map_err(|d| Error::new(d).at_argument(first))
    }
    fn __from_values(values: &[Value], _order: Order) -> f64 {
        values[0].as_float().unwrap_or(0.0)
    }
}

/// Arrays: `[u8; N]` is one byte string `Ns`; `[T; N]` of a one-code `T` is `NT`
/// (`[u16; 3]` is `3H`); other element types repeat their format N times.
impl<T: NetPack, const N: usize> NetPack for [T; N] {
    const FORMAT: &'static str = FormatBuf::as_str(&Self::__FORMAT_BUF);
    const __SHAPE: Shape = Shape::array(&T::__SHAPE, N, T::__BYTE);
    const __OFFSETS: &'static [usize] = OffsetBuf::as_slice(&Self::__OFFSET_BUF);
    type __Order = T::__Order;

    #[inline(always)]
    fn __encode<O: ByteOrder>(&self, buf: &mut [u8], offsets: &[usize]) -> Result<(), Error> {
        if T::__BYTE {
            let start = offsets[0];
            for (dst, x) in buf[start..start + N].iter_mut().zip(self) {
                *dst = x.__byte();
            }
        } else {
            let per = T::__VALUES;
            for (i, x) in self.iter().enumerate() {
                x.__encode::<O>(buf, &offsets[i * per..])?;
            }
        }
        Ok(())
    }
    fn __check<O: ByteOrder>(buf: &[u8], offsets: &[usize]) -> Result<(), Error> {
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
    fn __decode<O: ByteOrder>(buf: &[u8], offsets: &[usize]) -> [T; N] {
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
        if T::__BYTE {
            out.push(Value::Bytes(self.iter().map(NetPack::__byte).collect()));
        } else {
            for x in self {
                x.__to_values(out);
            }
        }
    }
    fn __check_values(values: &[Value], first: usize, order: Order) -> Result<(), Error> {
        if T::__BYTE {
            return match &values[0] {
                Value::Bytes(_) => Ok(()),
                _ => Err(Error::new(Detail::NotBytes(b's')).at_argument(first)),
            };
        }
        let per = T::__VALUES;
        for i in 0..N {
            T::__check_values(&values[i * per..], first + i * per, order)?;
        }
        Ok(())
    }
    fn __from_values(values: &[Value], order: Order) -> [T; N] {
        if T::__BYTE {
            // `s` pads with zeros and truncates, as `pack` does.
            let bytes = values[0].as_bytes().unwrap_or(&[]);
            core::array::from_fn(|i| T::__from_byte(bytes.get(i).copied().unwrap_or(0)))
        } else {
            let per = T::__VALUES;
            core::array::from_fn(|i| T::__from_values(&values[i * per..], order))
        }
    }
}

/// The hidden associated consts of arrays, kept apart so `FORMAT` and `__OFFSETS`
/// can borrow them for `'static`.
trait ArrayLayout {
    const __FORMAT_BUF: FormatBuf;
    const __OFFSET_BUF: OffsetBuf;
}

impl<T: NetPack, const N: usize> ArrayLayout for [T; N] {
    const __FORMAT_BUF: FormatBuf = FormatBuf::new(
        shape::order_of_format(T::FORMAT).prefix(),
        &<[T; N]>::__SHAPE,
    );
    const __OFFSET_BUF: OffsetBuf = OffsetBuf::new(<[T; N]>::FORMAT);
}
