//! Order-tagged wrappers: a primitive, an array or any other [`NetPack`] type in
//! a chosen byte order without declaring a struct. A bare `u16` is `"!H"`;
//! `Le<u16>` is `"<H"`, `Be<u16>` `">H"`, `Ne<u16>` `"=H"`.

use crate::error::Error;
use crate::runtime::value::Value;
use crate::typed::const_vec::ConstVec;
use crate::typed::netpack::{GenericLayout, NetPack};
use crate::typed::shape::{self, ExplicitOrder, Shape};
use crate::wire::endian::{BigEndian, Endian, LittleEndian, NativeEndian};
use alloc::vec::Vec;
use netpack_format::Order;

/// What `Le`, `Be` and `Ne` wrap: a fixed layout ([`NetPack`]), whose one
/// format they render in their own byte order. A message with variable-length
/// fields has no such format; it chooses its byte order on the type
/// (`#[netpack(order = "<")]`) or when it is encoded and decoded
/// (`#[netpack(order = "runtime")]`, [`OrderedMessage`](crate::OrderedMessage)).
///
/// ```
/// use netpack::{Le, NetPack};
/// assert_eq!(<Le<[u16; 2]>>::FORMAT, "<2H");
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` has no fixed layout, so `Le`, `Be` and `Ne` cannot put it in another byte order",
    label = "not a `NetPack` type",
    note = "`Le<T>`, `Be<T>` and `Ne<T>` take a fixed layout: a primitive, an array, a `PascalString<N>` or a type with #[derive(NetPack)] and only fixed fields",
    note = "a message with variable-length fields chooses its own byte order: #[netpack(order = \"<\")] on the type, or #[netpack(order = \"runtime\")] and `T::decode_with(bytes, ByteOrder::Little)`, `value.encode_with(ByteOrder::Little)`"
)]
pub trait Reorderable: NetPack {}

// Not recommended: a failing `T: Reorderable` is reported as itself, with the
// notes above, not as the `T: NetPack` it comes down to.
#[diagnostic::do_not_recommend]
impl<T: NetPack> Reorderable for T {}

macro_rules! ordered {
    ($(
        $(#[$doc:meta])*
        $name:ident, $prefix:literal, $order:ty;
    )*) => {$(
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name<T>(pub T);

        impl<T> $name<T> {
            /// The wrapped value.
            ///
            /// ```
            #[doc = concat!("assert_eq!(netpack::", stringify!($name), "(7u16).into_inner(), 7);")]
            /// ```
            pub fn into_inner(self) -> T {
                self.0
            }
        }

        impl<T> From<T> for $name<T> {
            fn from(value: T) -> $name<T> {
                $name(value)
            }
        }

        impl<T: Reorderable> GenericLayout for $name<T> {
            const FORMAT_TEXT: ConstVec<u8, 1024> = {
                // `T` written in another order cannot be re-ordered: one format,
                // one byte order.
                if let Some(m) = shape::nested_order_conflict(stringify!($name), $prefix, T::__EXPLICIT_ORDER) {
                    panic!("{}", m.as_str());
                }
                T::__SHAPE.render($prefix)
            };
            const OFFSETS: ConstVec<usize, 512> = shape::value_offsets(Self::FORMAT_TEXT.as_str());
        }

        impl<T: Reorderable> NetPack for $name<T> {
            const FORMAT: &'static str = <Self as GenericLayout>::FORMAT_TEXT.as_str();
            const __SHAPE: Shape = T::__SHAPE;
            const __OFFSETS: &'static [usize] = <Self as GenericLayout>::OFFSETS.as_slice();
            type __Order = $order;
            const __EXPLICIT_ORDER: ExplicitOrder = Some(($prefix, stringify!($name)));

            #[inline(always)]
            fn __encode<O: Endian>(&self, buf: &mut [u8], offsets: &[usize]) -> Result<(), Error> {
                self.0.__encode::<O>(buf, offsets)
            }
            #[inline(always)]
            fn __check<O: Endian>(buf: &[u8], offsets: &[usize]) -> Result<(), Error> {
                T::__check::<O>(buf, offsets)
            }
            #[inline(always)]
            fn __decode<O: Endian>(buf: &[u8], offsets: &[usize]) -> Self {
                $name(T::__decode::<O>(buf, offsets))
            }
            fn __to_values(&self, out: &mut Vec<Value>) {
                self.0.__to_values(out)
            }
            fn __from_values(values: &[Value], first: usize, order: Order) -> Result<Self, Error> {
                T::__from_values(values, first, order).map($name)
            }
        }
    )*};
}

ordered! {
    /// `T` in little-endian order (`<`): `Le<u16>` is Python's `"<H"`,
    /// `Le<[i16; 2]>` is `"<2h"`.
    ///
    /// A bare primitive or array is network order (`!`); wrap it to read or
    /// write it in another order without declaring a struct. As a field of a
    /// derived struct it must agree with the struct's order (a compile error
    /// otherwise: a Python format has one byte order).
    ///
    /// ```
    /// use netpack::{Le, Message, NetPack};
    ///
    /// // Python: struct.iter_unpack("<2h", wav_samples): stereo 16-bit samples.
    /// let wav_samples = b"\x01\x00\xff\xff\x00\x80\xff\x7f";
    /// let frames: Vec<[i16; 2]> = <Le<[i16; 2]>>::decode_iter(wav_samples)?
    ///     .map(|frame| frame.map(Le::into_inner))
    ///     .collect::<Result<_, _>>()?;
    /// assert_eq!(frames, [[1, -1], [-32768, 32767]]);
    ///
    /// assert_eq!(<Le<[i16; 2]>>::FORMAT, "<2h");
    /// assert_eq!(Le(0x0102u16).encode()?, [2, 1]);
    /// assert_eq!(<[i16; 2]>::FORMAT, "!2h"); // bare: network order
    /// # Ok::<(), netpack::Error>(())
    /// ```
    ///
    /// A type with an order of its own (a derived struct with `order = ">"`, or
    /// another wrapper) cannot be re-ordered; using `FORMAT` of such a wrapper
    /// is a compile error:
    ///
    /// ```compile_fail,E0080
    /// let _ = <netpack::Le<netpack::Be<u16>>>::FORMAT; // `Be` has byte order `>` but is a field of `Le`
    /// ```
    Le, b'<', LittleEndian;

    /// `T` in big-endian order (`>`): `Be<u32>` is Python's `">I"`. The same bytes
    /// as a bare `u32` (`"!I"`), with the format Python code spells `>`.
    ///
    /// ```
    /// use netpack::{Be, Message, NetPack};
    ///
    /// assert_eq!(<Be<u32>>::FORMAT, ">I");
    /// assert_eq!(Be(1u32).encode()?, [0, 0, 0, 1]);
    /// assert_eq!(<Be<[u16; 2]>>::decode(b"\x00\x01\x00\x02")?, Be([1, 2]));
    /// # Ok::<(), netpack::Error>(())
    /// ```
    Be, b'>', BigEndian;

    /// `T` in the host's byte order with standard sizes (`=`): `Ne<u16>` is
    /// Python's `"=H"`, for files and shared memory written by the same machine.
    ///
    /// ```
    /// use netpack::{Message, NetPack, Ne};
    ///
    /// assert_eq!(<Ne<u16>>::FORMAT, "=H");
    /// assert_eq!(Ne(0x0102u16).encode()?, 0x0102u16.to_ne_bytes());
    /// # Ok::<(), netpack::Error>(())
    /// ```
    Ne, b'=', NativeEndian;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::structure::Struct;
    use crate::typed::message::Message;
    use alloc::string::ToString;
    use alloc::vec;

    #[test]
    fn wrappers_agree_with_the_runtime() {
        let v = Le([-2i16, 3]);
        assert_eq!(
            v.encode().unwrap(),
            Struct::new("<2h").unwrap().pack(&v.to_values()).unwrap()
        );
        assert_eq!(<Le<[i16; 2]>>::SIZE, 4);
        assert_eq!(<Le<[i16; 2]>>::decode(&[0xfe, 0xff, 3, 0]), Ok(v));
        assert_eq!(<Le<[u8; 3]>>::FORMAT, "<3s");
        assert_eq!(<Be<bool>>::FORMAT, ">?");
        assert_eq!(<Le<f64>>::decode(&1.5f64.to_le_bytes()), Ok(Le(1.5)));
        // Range errors are the ones `pack` gives in that order.
        let err = <Le<u8>>::from_values(&[Value::Int(256)])
            .unwrap_err()
            .to_string();
        let want = crate::pack("<B", &[Value::Int(256)])
            .unwrap_err()
            .to_string();
        let message = |s: &str| s.split(" (").next().unwrap_or_default().to_string();
        assert_eq!(message(&err), message(&want));
        assert_eq!(<Ne<[u32; 2]>>::FORMAT, "=2I");
        assert_eq!(
            Ne([1u32, 2]).to_values(),
            vec![Value::Int(1), Value::Int(2)]
        );
    }

    #[test]
    fn a_wrapper_holding_its_own_order_agrees() {
        // `Le<Le<T>>` is `Le<T>`; `Be<Le<T>>` would not compile.
        assert_eq!(<Le<Le<u16>>>::FORMAT, "<H");
        assert_eq!(Le(Le(1u16)).encode().unwrap(), [1, 0]);
    }
}
