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
    const __SHAPE: __np::Shape = <u8 as ::netpack::NetPack>::__SHAPE;
    const __LEN: usize = __SHAPE.format_len() + 1;
    const __TEXT: __np::ConstVec<u8, __LEN> = __SHAPE.render(b'!');
    const __FORMAT: &str = __TEXT.as_str();
    const __OFFSET_LIST: __np::ConstVec<usize, 1> = __np::value_offsets(__FORMAT);
    const __D_Read: u8 = Kind::Read as u8;
    const __D_Write: u8 = Kind::Write as u8;
    const __D_Ack: u8 = Kind::Ack as u8;
    #[inline]
    fn __variant(v: u8) -> ::core::option::Option<Kind> {
        match v {
            __D_Read => ::core::option::Option::Some(Kind::Read),
            __D_Write => ::core::option::Option::Some(Kind::Write),
            __D_Ack => ::core::option::Option::Some(Kind::Ack),
            _ => ::core::option::Option::None,
        }
    }
    #[inline]
    fn __value(k: &Kind) -> u8 {
        match k {
            Kind::Read => __D_Read,
            Kind::Write => __D_Write,
            Kind::Ack => __D_Ack,
        }
    }
    #[automatically_derived]
    impl ::netpack::NetPack for Kind {
        const FORMAT: &'static str = __FORMAT;
        const __SHAPE: ::netpack::__private::Shape = __SHAPE;
        const __OFFSETS: &'static [usize] = __OFFSET_LIST.as_slice();
        type __Order = ::netpack::__private::BigEndian;
        #[inline]
        fn __encode<__O: ::netpack::__private::Endian>(
            &self,
            __buf: &mut [u8],
            __offsets: &[usize],
        ) -> ::core::result::Result<(), ::netpack::Error> {
            <u8 as ::netpack::NetPack>::__encode::<__O>(&__value(self), __buf, __offsets)
        }
        #[inline]
        fn __check<__O: ::netpack::__private::Endian>(
            __buf: &[u8],
            __offsets: &[usize],
        ) -> ::core::result::Result<(), ::netpack::Error> {
            let v = <u8 as ::netpack::NetPack>::__decode::<__O>(__buf, __offsets);
            match __variant(v) {
                ::core::option::Option::Some(_) => ::core::result::Result::Ok(()),
                ::core::option::Option::None => {
                    ::core::result::Result::Err(
                        ::netpack::Error::invalid_value("Kind", v as i128),
                    )
                }
            }
        }
        #[inline]
        fn __decode<__O: ::netpack::__private::Endian>(
            __buf: &[u8],
            __offsets: &[usize],
        ) -> Self {
            match __variant(
                <u8 as ::netpack::NetPack>::__decode::<__O>(__buf, __offsets),
            ) {
                ::core::option::Option::Some(k) => k,
                ::core::option::Option::None => {
                    ::core::unreachable!("netpack: `__check` refused this value")
                }
            }
        }
        fn __to_values(&self, __out: &mut ::netpack::__private::Vec<::netpack::Value>) {
            <u8 as ::netpack::NetPack>::__to_values(&__value(self), __out)
        }
        fn __from_values(
            __values: &[::netpack::Value],
            __first: usize,
            __order: ::netpack::Order,
        ) -> ::core::result::Result<Self, ::netpack::Error> {
            let v = <u8 as ::netpack::NetPack>::__from_values(
                __values,
                __first,
                __order,
            )?;
            match __variant(v) {
                ::core::option::Option::Some(k) => ::core::result::Result::Ok(k),
                ::core::option::Option::None => {
                    ::core::result::Result::Err(
                        ::netpack::Error::invalid_value("Kind", v as i128),
                    )
                }
            }
        }
    }
};
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
    const __SHAPE: __np::Shape = <u16 as ::netpack::NetPack>::__SHAPE;
    const __LEN: usize = __SHAPE.format_len() + 1;
    const __TEXT: __np::ConstVec<u8, __LEN> = __SHAPE.render(b'<');
    const __FORMAT: &str = __TEXT.as_str();
    const __OFFSET_LIST: __np::ConstVec<usize, 1> = __np::value_offsets(__FORMAT);
    const __D_A: u16 = 1;
    const __D_Aaaa: u16 = 28;
    const __D_Other: u16 = __D_Aaaa + 1;
    #[inline]
    fn __variant(v: u16) -> ::core::option::Option<QType> {
        match v {
            __D_A => ::core::option::Option::Some(QType::A),
            __D_Aaaa => ::core::option::Option::Some(QType::Aaaa),
            _ => ::core::option::Option::Some(QType::Other(v)),
        }
    }
    #[inline]
    fn __value(k: &QType) -> u16 {
        match k {
            QType::A => __D_A,
            QType::Aaaa => __D_Aaaa,
            QType::Other(v) => *v,
        }
    }
    #[automatically_derived]
    impl ::netpack::NetPack for QType {
        const FORMAT: &'static str = __FORMAT;
        const __SHAPE: ::netpack::__private::Shape = __SHAPE;
        const __OFFSETS: &'static [usize] = __OFFSET_LIST.as_slice();
        type __Order = ::netpack::__private::LittleEndian;
        const __EXPLICIT_ORDER: ::netpack::__private::ExplicitOrder = ::core::option::Option::Some((
            b'<',
            "QType",
        ));
        #[inline]
        fn __encode<__O: ::netpack::__private::Endian>(
            &self,
            __buf: &mut [u8],
            __offsets: &[usize],
        ) -> ::core::result::Result<(), ::netpack::Error> {
            <u16 as ::netpack::NetPack>::__encode::<
                __O,
            >(&__value(self), __buf, __offsets)
        }
        #[inline]
        fn __check<__O: ::netpack::__private::Endian>(
            __buf: &[u8],
            __offsets: &[usize],
        ) -> ::core::result::Result<(), ::netpack::Error> {
            let v = <u16 as ::netpack::NetPack>::__decode::<__O>(__buf, __offsets);
            match __variant(v) {
                ::core::option::Option::Some(_) => ::core::result::Result::Ok(()),
                ::core::option::Option::None => {
                    ::core::result::Result::Err(
                        ::netpack::Error::invalid_value("QType", v as i128),
                    )
                }
            }
        }
        #[inline]
        fn __decode<__O: ::netpack::__private::Endian>(
            __buf: &[u8],
            __offsets: &[usize],
        ) -> Self {
            match __variant(
                <u16 as ::netpack::NetPack>::__decode::<__O>(__buf, __offsets),
            ) {
                ::core::option::Option::Some(k) => k,
                ::core::option::Option::None => {
                    ::core::unreachable!("netpack: `__check` refused this value")
                }
            }
        }
        fn __to_values(&self, __out: &mut ::netpack::__private::Vec<::netpack::Value>) {
            <u16 as ::netpack::NetPack>::__to_values(&__value(self), __out)
        }
        fn __from_values(
            __values: &[::netpack::Value],
            __first: usize,
            __order: ::netpack::Order,
        ) -> ::core::result::Result<Self, ::netpack::Error> {
            let v = <u16 as ::netpack::NetPack>::__from_values(
                __values,
                __first,
                __order,
            )?;
            match __variant(v) {
                ::core::option::Option::Some(k) => ::core::result::Result::Ok(k),
                ::core::option::Option::None => {
                    ::core::result::Result::Err(
                        ::netpack::Error::invalid_value("QType", v as i128),
                    )
                }
            }
        }
    }
};
