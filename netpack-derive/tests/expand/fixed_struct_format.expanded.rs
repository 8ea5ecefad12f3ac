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
        &[<u16 as ::netpack::NetPack>::__SHAPE, <i8 as ::netpack::NetPack>::__SHAPE],
    );
    const __SHAPE: __np::Shape = __np::Shape::Seq(
        &[
            __np::Shape::Item {
                count: 1,
                code: b'H',
                size: __np::size_of_format("@H"),
            },
            __np::Shape::Item {
                count: 2,
                code: b'x',
                size: 0,
            },
            __np::Shape::Item {
                count: 1,
                code: b'b',
                size: __np::size_of_format("@b"),
            },
        ],
    );
    const __FORMAT: &str = "@H2xb";
    const _: () = if let ::core::option::Option::Some(m) = __np::nested_order_conflict(
        "Explicit",
        b'@',
        <u16 as ::netpack::NetPack>::__EXPLICIT_ORDER,
    ) {
        ::core::panic!("{}", m.as_str())
    };
    const _: () = if let ::core::option::Option::Some(m) = __np::nested_order_conflict(
        "Explicit",
        b'@',
        <i8 as ::netpack::NetPack>::__EXPLICIT_ORDER,
    ) {
        ::core::panic!("{}", m.as_str())
    };
    const __V0: usize = 0;
    const __V1: usize = __V0 + <u16 as ::netpack::NetPack>::__VALUES;
    const __V2: usize = __V1 + <i8 as ::netpack::NetPack>::__VALUES;
    const __CHECKED: &str = match __np::check_layout(__FORMAT, &__FIELDS) {
        ::core::result::Result::Ok(()) => __FORMAT,
        ::core::result::Result::Err(m) => {
            if m.value < __V1 {
                ::core::panic!("netpack: field `0` does not match the format");
            }
            if m.value < __V2 {
                ::core::panic!("netpack: field `1` does not match the format");
            }
            ::core::panic!(
                "netpack: the format has more values than the fields of `Explicit`"
            )
        }
    };
    const __VALUES: usize = __np::values_of_format(__CHECKED);
    const __OFFSET_LIST: __np::ConstVec<usize, __VALUES> = __np::value_offsets(
        __CHECKED,
    );
    #[automatically_derived]
    impl ::netpack::NetPack for Explicit {
        const FORMAT: &'static str = __CHECKED;
        const __SHAPE: ::netpack::__private::Shape = __SHAPE;
        const __OFFSETS: &'static [usize] = __OFFSET_LIST.as_slice();
        type __Order = ::netpack::__private::NativeEndian;
        const __EXPLICIT_ORDER: ::netpack::__private::ExplicitOrder = ::core::option::Option::Some((
            b'@',
            "Explicit",
        ));
        #[inline]
        fn __encode<__O: ::netpack::__private::Endian>(
            &self,
            __buf: &mut [u8],
            __offsets: &[usize],
        ) -> ::core::result::Result<(), ::netpack::Error> {
            <u16 as ::netpack::NetPack>::__encode::<
                __O,
            >(&self.0, __buf, &__offsets[__V0..])?;
            <i8 as ::netpack::NetPack>::__encode::<
                __O,
            >(&self.1, __buf, &__offsets[__V1..])?;
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
                    __np::in_field(e, "Explicit.0", at)
                })?;
            <i8 as ::netpack::NetPack>::__check::<__O>(__buf, &__offsets[__V1..])
                .map_err(|e| {
                    let at = match __offsets.get(__V1) {
                        ::core::option::Option::Some(at) => *at,
                        ::core::option::Option::None => 0,
                    };
                    __np::in_field(e, "Explicit.1", at)
                })?;
            ::core::result::Result::Ok(())
        }
        #[inline]
        fn __decode<__O: ::netpack::__private::Endian>(
            __buf: &[u8],
            __offsets: &[usize],
        ) -> Self {
            Self {
                0: <u16 as ::netpack::NetPack>::__decode::<
                    __O,
                >(__buf, &__offsets[__V0..]),
                1: <i8 as ::netpack::NetPack>::__decode::<__O>(__buf, &__offsets[__V1..]),
            }
        }
        fn __to_values(&self, __out: &mut ::netpack::__private::Vec<::netpack::Value>) {
            <u16 as ::netpack::NetPack>::__to_values(&self.0, __out);
            <i8 as ::netpack::NetPack>::__to_values(&self.1, __out);
        }
        fn __from_values(
            __values: &[::netpack::Value],
            __first: usize,
            __order: ::netpack::Order,
        ) -> ::core::result::Result<Self, ::netpack::Error> {
            ::core::result::Result::Ok(Self {
                0: <u16 as ::netpack::NetPack>::__from_values(
                    &__values[__V0..],
                    __first + __V0,
                    __order,
                )?,
                1: <i8 as ::netpack::NetPack>::__from_values(
                    &__values[__V1..],
                    __first + __V1,
                    __order,
                )?,
            })
        }
    }
};
