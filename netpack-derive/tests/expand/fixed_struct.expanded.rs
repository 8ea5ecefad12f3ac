#[doc(hidden)]
#[allow(
    non_upper_case_globals,
    non_camel_case_types,
    non_snake_case,
    unused_variables,
    unused_mut,
    clippy::all
)]
const _: () = {
    use ::netpack::__private as __np;
    const __FIELDS: __np::Shape = __np::Shape::Seq(
        &[
            <u16 as ::netpack::NetPack>::__SHAPE,
            __np::Shape::Item {
                count: 1,
                code: b'x',
                size: 0,
            },
            <[u8; 8] as ::netpack::NetPack>::__SHAPE,
            __np::Shape::Item {
                count: 2,
                code: b'x',
                size: 0,
            },
            <__np::AsChar as __np::FieldEncoding<u8>>::SHAPE,
            <__np::AsHalf as __np::FieldEncoding<f32>>::SHAPE,
            match __np::coded(<i32 as ::netpack::NetPack>::__SHAPE, b'l') {
                ::core::option::Option::Some(__shape) => __shape,
                ::core::option::Option::None => {
                    ::core::panic!(
                        "netpack: `code = ...` needs an integer field and an integer code of the same signedness"
                    )
                }
            },
            <Inner as ::netpack::NetPack>::__SHAPE,
        ],
    );
    const __SHAPE: __np::Shape = __FIELDS;
    const __LEN: usize = __SHAPE.format_len() + 1;
    const __TEXT: __np::ConstVec<u8, __LEN> = __SHAPE.render(b'<');
    const __FORMAT: &str = __np::checked_format(
        __TEXT.as_str(),
        "netpack: a field of `Request` holds `isize`, `usize` or code `n`, `N` or `P`, which exist only in native order: add #[netpack(order = \"@\")]",
    );
    const _: () = if let ::core::option::Option::Some(m) = __np::nested_order_conflict(
        "Request",
        b'<',
        <u16 as ::netpack::NetPack>::__EXPLICIT_ORDER,
    ) {
        ::core::panic!("{}", m.as_str())
    };
    const _: () = if let ::core::option::Option::Some(m) = __np::nested_order_conflict(
        "Request",
        b'<',
        <[u8; 8] as ::netpack::NetPack>::__EXPLICIT_ORDER,
    ) {
        ::core::panic!("{}", m.as_str())
    };
    const _: () = if let ::core::option::Option::Some(m) = __np::nested_order_conflict(
        "Request",
        b'<',
        <__np::AsChar as __np::FieldEncoding<u8>>::EXPLICIT_ORDER,
    ) {
        ::core::panic!("{}", m.as_str())
    };
    const _: () = if let ::core::option::Option::Some(m) = __np::nested_order_conflict(
        "Request",
        b'<',
        <__np::AsHalf as __np::FieldEncoding<f32>>::EXPLICIT_ORDER,
    ) {
        ::core::panic!("{}", m.as_str())
    };
    const _: () = if let ::core::option::Option::Some(m) = __np::nested_order_conflict(
        "Request",
        b'<',
        <i32 as ::netpack::NetPack>::__EXPLICIT_ORDER,
    ) {
        ::core::panic!("{}", m.as_str())
    };
    const _: () = if let ::core::option::Option::Some(m) = __np::nested_order_conflict(
        "Request",
        b'<',
        <Inner as ::netpack::NetPack>::__EXPLICIT_ORDER,
    ) {
        ::core::panic!("{}", m.as_str())
    };
    const __V0: usize = 0;
    const __V1: usize = __V0 + <u16 as ::netpack::NetPack>::__VALUES;
    const __V2: usize = __V1 + <[u8; 8] as ::netpack::NetPack>::__VALUES;
    const __V3: usize = __V2 + <__np::AsChar as __np::FieldEncoding<u8>>::VALUES;
    const __V4: usize = __V3 + <__np::AsHalf as __np::FieldEncoding<f32>>::VALUES;
    const __V5: usize = __V4 + <i32 as ::netpack::NetPack>::__VALUES;
    const __V6: usize = __V5 + <Inner as ::netpack::NetPack>::__VALUES;
    const __CHECKED: &str = match __np::check_layout(__FORMAT, &__FIELDS) {
        ::core::result::Result::Ok(()) => __FORMAT,
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
            if m.value < __V6 {
                ::core::panic!("netpack: field `inner` does not match the format");
            }
            ::core::panic!(
                "netpack: the format has more values than the fields of `Request`"
            )
        }
    };
    const __VALUES: usize = __np::values_of_format(__CHECKED);
    const __OFFSET_LIST: __np::ConstVec<usize, __VALUES> = __np::value_offsets(
        __CHECKED,
    );
    #[automatically_derived]
    impl ::netpack::NetPack for Request {
        const FORMAT: &'static str = __CHECKED;
        const __SHAPE: ::netpack::__private::Shape = __SHAPE;
        const __OFFSETS: &'static [usize] = __OFFSET_LIST.as_slice();
        type __Order = ::netpack::__private::LittleEndian;
        const __EXPLICIT_ORDER: ::netpack::__private::ExplicitOrder = ::core::option::Option::Some((
            b'<',
            "Request",
        ));
        #[inline]
        fn __encode<__O: ::netpack::__private::Endian>(
            &self,
            __buf: &mut [u8],
            __offsets: &[usize],
        ) -> ::core::result::Result<(), ::netpack::Error> {
            <u16 as ::netpack::NetPack>::__encode::<
                __O,
            >(&self.opcode, __buf, &__offsets[__V0..])?;
            <[u8; 8] as ::netpack::NetPack>::__encode::<
                __O,
            >(&self.filename, __buf, &__offsets[__V1..])?;
            <__np::AsChar as __np::FieldEncoding<
                u8,
            >>::encode::<__O>(&self.mode, __buf, &__offsets[__V2..])?;
            <__np::AsHalf as __np::FieldEncoding<
                f32,
            >>::encode::<__O>(&self.ratio, __buf, &__offsets[__V3..])?;
            <i32 as ::netpack::NetPack>::__encode::<
                __O,
            >(&self.big, __buf, &__offsets[__V4..])?;
            <Inner as ::netpack::NetPack>::__encode::<
                __O,
            >(&self.inner, __buf, &__offsets[__V5..])?;
            ::core::result::Result::Ok(())
        }
        #[inline]
        fn __check<__O: ::netpack::__private::Endian>(
            __buf: &[u8],
            __offsets: &[usize],
        ) -> ::core::result::Result<(), ::netpack::Error> {
            <u16 as ::netpack::NetPack>::__check::<__O>(__buf, &__offsets[__V0..])
                .map_err(|e| {
                    let at = match __offsets.get(__V0) {
                        ::core::option::Option::Some(at) => *at,
                        ::core::option::Option::None => 0,
                    };
                    __np::in_field(e, "Request.opcode", at)
                })?;
            <[u8; 8] as ::netpack::NetPack>::__check::<__O>(__buf, &__offsets[__V1..])
                .map_err(|e| {
                    let at = match __offsets.get(__V1) {
                        ::core::option::Option::Some(at) => *at,
                        ::core::option::Option::None => 0,
                    };
                    __np::in_field(e, "Request.filename", at)
                })?;
            <__np::AsChar as __np::FieldEncoding<
                u8,
            >>::check::<__O>(__buf, &__offsets[__V2..])
                .map_err(|e| {
                    let at = match __offsets.get(__V2) {
                        ::core::option::Option::Some(at) => *at,
                        ::core::option::Option::None => 0,
                    };
                    __np::in_field(e, "Request.mode", at)
                })?;
            <__np::AsHalf as __np::FieldEncoding<
                f32,
            >>::check::<__O>(__buf, &__offsets[__V3..])
                .map_err(|e| {
                    let at = match __offsets.get(__V3) {
                        ::core::option::Option::Some(at) => *at,
                        ::core::option::Option::None => 0,
                    };
                    __np::in_field(e, "Request.ratio", at)
                })?;
            <i32 as ::netpack::NetPack>::__check::<__O>(__buf, &__offsets[__V4..])
                .map_err(|e| {
                    let at = match __offsets.get(__V4) {
                        ::core::option::Option::Some(at) => *at,
                        ::core::option::Option::None => 0,
                    };
                    __np::in_field(e, "Request.big", at)
                })?;
            <Inner as ::netpack::NetPack>::__check::<__O>(__buf, &__offsets[__V5..])
                .map_err(|e| {
                    let at = match __offsets.get(__V5) {
                        ::core::option::Option::Some(at) => *at,
                        ::core::option::Option::None => 0,
                    };
                    __np::in_field(e, "Request.inner", at)
                })?;
            ::core::result::Result::Ok(())
        }
        #[inline]
        fn __decode<__O: ::netpack::__private::Endian>(
            __buf: &[u8],
            __offsets: &[usize],
        ) -> Self {
            Self {
                opcode: <u16 as ::netpack::NetPack>::__decode::<
                    __O,
                >(__buf, &__offsets[__V0..]),
                filename: <[u8; 8] as ::netpack::NetPack>::__decode::<
                    __O,
                >(__buf, &__offsets[__V1..]),
                mode: <__np::AsChar as __np::FieldEncoding<
                    u8,
                >>::decode::<__O>(__buf, &__offsets[__V2..]),
                ratio: <__np::AsHalf as __np::FieldEncoding<
                    f32,
                >>::decode::<__O>(__buf, &__offsets[__V3..]),
                big: <i32 as ::netpack::NetPack>::__decode::<
                    __O,
                >(__buf, &__offsets[__V4..]),
                inner: <Inner as ::netpack::NetPack>::__decode::<
                    __O,
                >(__buf, &__offsets[__V5..]),
            }
        }
        fn __to_values(&self, __out: &mut ::netpack::__private::Vec<::netpack::Value>) {
            <u16 as ::netpack::NetPack>::__to_values(&self.opcode, __out);
            <[u8; 8] as ::netpack::NetPack>::__to_values(&self.filename, __out);
            <__np::AsChar as __np::FieldEncoding<u8>>::to_values(&self.mode, __out);
            <__np::AsHalf as __np::FieldEncoding<f32>>::to_values(&self.ratio, __out);
            <i32 as ::netpack::NetPack>::__to_values(&self.big, __out);
            <Inner as ::netpack::NetPack>::__to_values(&self.inner, __out);
        }
        fn __from_values(
            __values: &[::netpack::Value],
            __first: usize,
            __order: ::netpack::Order,
        ) -> ::core::result::Result<Self, ::netpack::Error> {
            ::core::result::Result::Ok(Self {
                opcode: <u16 as ::netpack::NetPack>::__from_values(
                    &__values[__V0..],
                    __first + __V0,
                    __order,
                )?,
                filename: <[u8; 8] as ::netpack::NetPack>::__from_values(
                    &__values[__V1..],
                    __first + __V1,
                    __order,
                )?,
                mode: <__np::AsChar as __np::FieldEncoding<
                    u8,
                >>::from_values(&__values[__V2..], __first + __V2, __order)?,
                ratio: <__np::AsHalf as __np::FieldEncoding<
                    f32,
                >>::from_values(&__values[__V3..], __first + __V3, __order)?,
                big: <i32 as ::netpack::NetPack>::__from_values(
                    &__values[__V4..],
                    __first + __V4,
                    __order,
                )?,
                inner: <Inner as ::netpack::NetPack>::__from_values(
                    &__values[__V5..],
                    __first + __V5,
                    __order,
                )?,
            })
        }
    }
};
