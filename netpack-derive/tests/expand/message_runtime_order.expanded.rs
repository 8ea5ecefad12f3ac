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
    const _: () = if <u16 as ::netpack::NetPack>::__EXPLICIT_ORDER.is_some() {
        ::core::panic!(
            "netpack: field `kind` has a byte order of its own, but the order of `Chunk` is chosen at run time: remove the field's order (`Le`, `Be`, `Ne`, `order = ...`) so that it takes the message's"
        )
    };
    const __L_data: __np::LengthCode = __np::LengthCode::new(b'<', b'I');
    const __R_0_SHAPE: __np::Shape = __np::Shape::Seq(
        &[<u16 as ::netpack::NetPack>::__SHAPE, __np::Shape::one(b'I', __L_data.size())],
    );
    const __R_0_LEN: usize = __R_0_SHAPE.format_len() + 1;
    const __R_0_TEXT: __np::ConstVec<u8, __R_0_LEN> = __R_0_SHAPE.render(b'<');
    const __R_0_FORMAT: &str = __np::checked_format(
        __R_0_TEXT.as_str(),
        "netpack: a message cannot use native-only codes",
    );
    const __R_0_VALUES: usize = __np::values_of_format(__R_0_FORMAT);
    const __R_0_OFFSET_LIST: __np::ConstVec<usize, __R_0_VALUES> = __np::value_offsets(
        __R_0_FORMAT,
    );
    const __R_0_OFFSETS: &[usize] = __R_0_OFFSET_LIST.as_slice();
    const __R_0_SIZE: usize = __np::size_of_format(__R_0_FORMAT);
    const __PIECES: &[&str] = &[
        "struct.pack(order + \"",
        __np::format_body(__R_0_FORMAT),
        "\", ",
        __np::star(<u16 as ::netpack::NetPack>::__VALUES),
        "kind",
        ", ",
        "len(data)",
        ")",
        " + ",
        "data",
    ];
    const __PARTS_TEXT: __np::ConstVec<u8, { __np::text_len(__PIECES) }> = __np::ConstVec::joined(
        __PIECES,
    );
    const __PARTS: &str = __PARTS_TEXT.as_str();
    #[automatically_derived]
    impl<'a> ::netpack::Capped for Chunk<'a> {}
    #[automatically_derived]
    impl<'a> Chunk<'a> {
        #[doc(hidden)]
        #[inline]
        fn __np_encode_in<__O: __np::Endian>(
            &self,
            __out: &mut __np::Vec<u8>,
        ) -> ::core::result::Result<(), ::netpack::Error> {
            __np::encode_atomic(
                __out,
                |__out| {
                    let Self { kind: __f_kind, data: __f_data } = self;
                    let __n_data: usize = <&'a [u8] as __np::Variable<
                        'a,
                    >>::count(__f_data);
                    __np::check_cap(__n_data, 64)
                        .map_err(|e| __np::in_field_encoding(e, "Chunk.data"))?;
                    {
                        let __p = __np::part(__out, __R_0_SIZE);
                        <u16 as ::netpack::NetPack>::__encode::<
                            __O,
                        >(__f_kind, __p, &__R_0_OFFSETS[0..])
                            .map_err(|e| __np::in_field_encoding(e, "Chunk.kind"))?;
                        __np::write_length::<
                            __O,
                        >(
                                __p,
                                __R_0_OFFSETS[0 + <u16 as ::netpack::NetPack>::__VALUES],
                                &__L_data,
                                __n_data,
                            )
                            .map_err(|e| __np::in_field_encoding(e, "Chunk.data"))?;
                    }
                    <&'a [u8] as __np::Variable<'a>>::encode::<__O>(__f_data, __out)
                        .map_err(|e| __np::in_field_encoding(e, "Chunk.data"))?;
                    ::core::result::Result::Ok(())
                },
            )
        }
        #[doc(hidden)]
        #[inline]
        fn __np_decode_in<__O: __np::Endian>(
            __buf: &'a [u8],
        ) -> ::core::result::Result<(Self, usize), ::netpack::Error> {
            let mut __pos: usize = 0;
            let __p = __np::fixed(__buf, __pos, __R_0_SIZE)
                .map_err(|e| __np::in_field(e, "Chunk.kind", __pos))?;
            <u16 as ::netpack::NetPack>::__check::<__O>(__p, &__R_0_OFFSETS[0..])
                .map_err(|e| {
                    let at = match __R_0_OFFSETS.get(0) {
                        ::core::option::Option::Some(at) => *at,
                        ::core::option::Option::None => 0,
                    };
                    __np::in_field(__np::shifted(e, __pos), "Chunk.kind", __pos + at)
                })?;
            let __f_kind: u16 = <u16 as ::netpack::NetPack>::__decode::<
                __O,
            >(__p, &__R_0_OFFSETS[0..]);
            let __n_data: usize = __np::read_length::<
                __O,
            >(__p, __R_0_OFFSETS[0 + <u16 as ::netpack::NetPack>::__VALUES], &__L_data)
                .map_err(|e| __np::in_field(
                    e,
                    "Chunk.data",
                    __pos + __R_0_OFFSETS[0 + <u16 as ::netpack::NetPack>::__VALUES],
                ))?;
            __pos += __R_0_SIZE;
            let (__f_data, __used): (&'a [u8], usize) = __np::decode_counted::<
                __O,
                &'a [u8],
            >(__buf, __pos, __n_data, ::core::option::Option::Some(64))
                .map_err(|e| __np::in_field(e, "Chunk.data", __pos))?;
            __pos += __used;
            ::core::result::Result::Ok((
                Self {
                    kind: __f_kind,
                    data: __f_data,
                },
                __pos,
            ))
        }
    }
    #[automatically_derived]
    impl<'a> ::netpack::OrderedMessage<'a> for Chunk<'a> {
        const PARTS: &'static str = __PARTS;
        const MAX_SIZE: ::core::option::Option<usize> = __np::sum_bounds(
            &[
                ::core::option::Option::Some(__R_0_SIZE),
                __np::field_bound(
                    ::core::option::Option::Some(64),
                    __np::code_bound(b'I'),
                    <&'a [u8] as __np::Variable<'a>>::ELEMENT,
                    0,
                ),
            ],
        );
        const __DELIMITED: bool = true;
        const __NAME: &'static str = "Chunk";
        #[inline]
        fn encoded_len(&self) -> usize {
            let Self { kind: __f_kind, data: __f_data } = self;
            0 + __R_0_SIZE
                + <&'a [u8] as __np::Variable<'a>>::count(__f_data)
                    * <&'a [u8] as __np::Variable<'a>>::ELEMENT + 0
        }
        #[inline]
        fn __encode_in<__O: __np::Endian>(
            &self,
            __out: &mut __np::Vec<u8>,
        ) -> ::core::result::Result<(), ::netpack::Error> {
            self.__np_encode_in::<__O>(__out)
        }
        #[inline]
        fn __decode_in<__O: __np::Endian>(
            __buf: &'a [u8],
        ) -> ::core::result::Result<(Self, usize), ::netpack::Error> {
            Self::__np_decode_in::<__O>(__buf)
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
    const __PIECES: &[&str] = &["inner"];
    const __PARTS_TEXT: __np::ConstVec<u8, { __np::text_len(__PIECES) }> = __np::ConstVec::joined(
        __PIECES,
    );
    const __PARTS: &str = __PARTS_TEXT.as_str();
    #[automatically_derived]
    #[diagnostic::do_not_recommend]
    impl<'a> ::netpack::Capped for Outer<'a>
    where
        for<'__x> Chunk<'a>: ::netpack::__private::CappedVia<'__x>,
    {}
    #[automatically_derived]
    impl<'a> Outer<'a> {
        #[doc(hidden)]
        #[inline]
        fn __np_encode_in<__O: __np::Endian>(
            &self,
            __out: &mut __np::Vec<u8>,
        ) -> ::core::result::Result<(), ::netpack::Error> {
            __np::encode_atomic(
                __out,
                |__out| {
                    let Self { inner: __f_inner } = self;
                    <Chunk<
                        'a,
                    > as ::netpack::OrderedMessage<
                        'a,
                    >>::__encode_in::<__O>(__f_inner, __out)
                        .map_err(|e| __np::in_field_encoding(e, "Outer.inner"))?;
                    ::core::result::Result::Ok(())
                },
            )
        }
        #[doc(hidden)]
        #[inline]
        fn __np_decode_in<__O: __np::Endian>(
            __buf: &'a [u8],
        ) -> ::core::result::Result<(Self, usize), ::netpack::Error> {
            let mut __pos: usize = 0;
            let (__f_inner, __used): (Chunk<'a>, usize) = <Chunk<
                'a,
            > as ::netpack::OrderedMessage<
                'a,
            >>::__decode_in::<__O>(__np::rest_of(__buf, __pos))
                .map_err(|e| __np::in_field(
                    __np::shifted(e, __pos),
                    "Outer.inner",
                    __pos,
                ))?;
            __pos += __used;
            ::core::result::Result::Ok((Self { inner: __f_inner }, __pos))
        }
    }
    #[automatically_derived]
    impl<'a> ::netpack::OrderedMessage<'a> for Outer<'a> {
        const PARTS: &'static str = __PARTS;
        const MAX_SIZE: ::core::option::Option<usize> = __np::sum_bounds(
            &[<Chunk<'a> as ::netpack::OrderedMessage<'a>>::MAX_SIZE],
        );
        const __DELIMITED: bool = true
            && <Chunk<'a> as ::netpack::OrderedMessage<'a>>::__DELIMITED;
        const __NAME: &'static str = "Outer";
        #[inline]
        fn encoded_len(&self) -> usize {
            let Self { inner: __f_inner } = self;
            0 + <Chunk<'a> as ::netpack::OrderedMessage<'a>>::encoded_len(__f_inner)
        }
        #[inline]
        fn __encode_in<__O: __np::Endian>(
            &self,
            __out: &mut __np::Vec<u8>,
        ) -> ::core::result::Result<(), ::netpack::Error> {
            self.__np_encode_in::<__O>(__out)
        }
        #[inline]
        fn __decode_in<__O: __np::Endian>(
            __buf: &'a [u8],
        ) -> ::core::result::Result<(Self, usize), ::netpack::Error> {
            Self::__np_decode_in::<__O>(__buf)
        }
    }
};
