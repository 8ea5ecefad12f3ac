//! What `#[derive(NetPack)]` expands to, written out by hand: the contract between
//! `netpack-derive` and the runtime's `__private` items, checked against the
//! runtime. `netpack-derive/src/expand.rs` generates code of this shape, with
//! three refinements: the layout check is folded into the `FORMAT` constant (so a
//! mismatch is reported once), a struct with an explicit `format` keeps that
//! format's pad items in its shape, and the methods' byte-order parameter is
//! named `__O` so that no field type can capture it. A field without an
//! attribute calls its type's hidden items through `NetPack` itself, so that a
//! type without a layout is reported as not `NetPack`, with no private path.
//!
//! ```ignore
//! #[derive(NetPack)]
//! #[netpack(order = "@")]
//! struct Request {
//!     opcode: u16,
//!     #[netpack(pad_before = 1)]
//!     filename: [u8; 8],
//!     #[netpack(c)]
//!     mode: u8,
//!     #[netpack(e)]
//!     ratio: f32,
//!     #[netpack(code = "l")]
//!     big: i64,
//! }
//! ```
#![no_implicit_prelude]

#[derive(Debug, PartialEq)]
struct Request {
    opcode: u16,
    filename: [u8; 8],
    mode: u8,
    ratio: f32,
    big: i64,
}

const _: () = {
    use ::netpack::__private as __np;
    const __SHAPE: __np::Shape = __np::Shape::Seq(&[
        <u16 as ::netpack::NetPack>::__SHAPE,
        __np::Shape::Item {
            count: 1,
            code: b'x',
            size: 0,
        },
        <[u8; 8] as ::netpack::NetPack>::__SHAPE,
        <__np::AsChar as __np::FieldCodec<u8>>::SHAPE,
        <__np::AsHalf as __np::FieldCodec<f32>>::SHAPE,
        match __np::coded(<i64 as ::netpack::NetPack>::__SHAPE, b'l') {
            ::core::option::Option::Some(shape) => shape,
            ::core::option::Option::None => ::core::panic!("not an integer"),
        },
    ]);
    const __LEN: usize = __SHAPE.format_len() + 1;
    const __BYTES: [u8; __LEN] = __np::render::<__LEN>(b'@', &__SHAPE);
    const __FORMAT: &str = __np::as_str(&__BYTES);
    const __VALUES: usize = __SHAPE.values();
    const __OFFSETS: [usize; __VALUES] = __np::value_offsets::<__VALUES>(__FORMAT);
    const __V0: usize = 0;
    const __V1: usize = __V0 + <u16 as ::netpack::NetPack>::__VALUES;
    const __V2: usize = __V1 + <[u8; 8] as ::netpack::NetPack>::__VALUES;
    const __V3: usize = __V2 + <__np::AsChar as __np::FieldCodec<u8>>::VALUES;
    const __V4: usize = __V3 + <__np::AsHalf as __np::FieldCodec<f32>>::VALUES;
    const __V5: usize = __V4 + <i64 as ::netpack::NetPack>::__VALUES;
    const _: () = match __np::check_layout(__FORMAT, &__SHAPE) {
        ::core::result::Result::Ok(()) => {}
        ::core::result::Result::Err(m) => {
            if m.value < __V1 {
                ::core::panic!("netpack: field `opcode` does not match the format");
            }
            if m.value < __V2 {
                ::core::panic!("netpack: field `filename` does not match the format");
            }
            if m.value < __V3 {
                ::core::panic!("netpack: field `mode` does not match the format");
            }
            if m.value < __V4 {
                ::core::panic!("netpack: field `ratio` does not match the format");
            }
            if m.value < __V5 {
                ::core::panic!("netpack: field `big` does not match the format");
            }
            ::core::panic!("netpack: the format has more values than the fields of `Request`");
        }
    };
    impl ::netpack::NetPack for Request {
        const FORMAT: &'static str = __FORMAT;
        const __SHAPE: __np::Shape = __SHAPE;
        const __OFFSETS: &'static [usize] = &__OFFSETS;
        type __Order = __np::NativeEndian;

        #[inline]
        fn __encode<O: __np::ByteOrder>(
            &self,
            buf: &mut [u8],
            offsets: &[usize],
        ) -> ::core::result::Result<(), ::netpack::Error> {
            <u16 as ::netpack::NetPack>::__encode::<O>(&self.opcode, buf, &offsets[__V0..])?;
            <[u8; 8] as ::netpack::NetPack>::__encode::<O>(&self.filename, buf, &offsets[__V1..])?;
            <__np::AsChar as __np::FieldCodec<u8>>::encode::<O>(&self.mode, buf, &offsets[__V2..])?;
            <__np::AsHalf as __np::FieldCodec<f32>>::encode::<O>(
                &self.ratio,
                buf,
                &offsets[__V3..],
            )?;
            <i64 as ::netpack::NetPack>::__encode::<O>(&self.big, buf, &offsets[__V4..])?;
            ::core::result::Result::Ok(())
        }
        #[inline]
        fn __check<O: __np::ByteOrder>(
            buf: &[u8],
            offsets: &[usize],
        ) -> ::core::result::Result<(), ::netpack::Error> {
            <u16 as ::netpack::NetPack>::__check::<O>(buf, &offsets[__V0..])?;
            <[u8; 8] as ::netpack::NetPack>::__check::<O>(buf, &offsets[__V1..])?;
            <__np::AsChar as __np::FieldCodec<u8>>::check::<O>(buf, &offsets[__V2..])?;
            <__np::AsHalf as __np::FieldCodec<f32>>::check::<O>(buf, &offsets[__V3..])?;
            <i64 as ::netpack::NetPack>::__check::<O>(buf, &offsets[__V4..])?;
            ::core::result::Result::Ok(())
        }
        #[inline]
        fn __decode<O: __np::ByteOrder>(buf: &[u8], offsets: &[usize]) -> Self {
            Request {
                opcode: <u16 as ::netpack::NetPack>::__decode::<O>(buf, &offsets[__V0..]),
                filename: <[u8; 8] as ::netpack::NetPack>::__decode::<O>(buf, &offsets[__V1..]),
                mode: <__np::AsChar as __np::FieldCodec<u8>>::decode::<O>(buf, &offsets[__V2..]),
                ratio: <__np::AsHalf as __np::FieldCodec<f32>>::decode::<O>(buf, &offsets[__V3..]),
                big: <i64 as ::netpack::NetPack>::__decode::<O>(buf, &offsets[__V4..]),
            }
        }
        fn __to_values(&self, out: &mut __np::Vec<::netpack::Value>) {
            <u16 as ::netpack::NetPack>::__to_values(&self.opcode, out);
            <[u8; 8] as ::netpack::NetPack>::__to_values(&self.filename, out);
            <__np::AsChar as __np::FieldCodec<u8>>::to_values(&self.mode, out);
            <__np::AsHalf as __np::FieldCodec<f32>>::to_values(&self.ratio, out);
            <i64 as ::netpack::NetPack>::__to_values(&self.big, out);
        }
        fn __check_values(
            values: &[::netpack::Value],
            first: usize,
            order: ::netpack::Order,
        ) -> ::core::result::Result<(), ::netpack::Error> {
            <u16 as ::netpack::NetPack>::__check_values(&values[__V0..], first + __V0, order)?;
            <[u8; 8] as ::netpack::NetPack>::__check_values(&values[__V1..], first + __V1, order)?;
            <__np::AsChar as __np::FieldCodec<u8>>::check_values(
                &values[__V2..],
                first + __V2,
                order,
            )?;
            <__np::AsHalf as __np::FieldCodec<f32>>::check_values(
                &values[__V3..],
                first + __V3,
                order,
            )?;
            <i64 as ::netpack::NetPack>::__check_values(&values[__V4..], first + __V4, order)?;
            ::core::result::Result::Ok(())
        }
        fn __from_values(values: &[::netpack::Value], order: ::netpack::Order) -> Self {
            Request {
                opcode: <u16 as ::netpack::NetPack>::__from_values(&values[__V0..], order),
                filename: <[u8; 8] as ::netpack::NetPack>::__from_values(&values[__V1..], order),
                mode: <__np::AsChar as __np::FieldCodec<u8>>::from_values(&values[__V2..], order),
                ratio: <__np::AsHalf as __np::FieldCodec<f32>>::from_values(&values[__V3..], order),
                big: <i64 as ::netpack::NetPack>::__from_values(&values[__V4..], order),
            }
        }
    }
};

#[cfg(all(target_pointer_width = "64", target_endian = "little", not(windows)))]
#[test]
fn handwritten_expansion_agrees_with_the_runtime() {
    use ::netpack::NetPack;
    use ::std::assert_eq;
    let request = Request {
        opcode: 1,
        filename: *b"test.jpg",
        mode: b'r',
        ratio: 0.5,
        big: -2,
    };
    assert_eq!(Request::FORMAT, "@Hx8scel");
    assert_eq!(Request::SIZE, 24);
    let bytes = request.pack();
    let runtime = ::netpack::pack(Request::FORMAT, &request.to_values()).unwrap();
    assert_eq!(bytes, runtime);
    // Python: struct.pack('@Hx8scel', 1, b'test.jpg', b'r', 0.5, -2)
    assert_eq!(
        bytes,
        b"\x01\x00\x00test.jpgr\x00\x38\x00\x00\xfe\xff\xff\xff\xff\xff\xff\xff"[..]
    );
    assert_eq!(Request::unpack(&bytes).unwrap(), request);
    let values = ::netpack::unpack(Request::FORMAT, &bytes).unwrap();
    assert_eq!(Request::from_values(&values).unwrap(), request);
}
