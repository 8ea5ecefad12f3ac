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
    type __O = ::netpack::__private::LittleEndian;
    const __R_0_SHAPE: __np::Shape = __np::Shape::Seq(
        &[<[u8; 4] as ::netpack::NetPack>::__SHAPE, <u32 as ::netpack::NetPack>::__SHAPE],
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
        "struct.pack(\"",
        __R_0_FORMAT,
        "\", ",
        __np::star(<[u8; 4] as ::netpack::NetPack>::__VALUES),
        "id",
        ", ",
        __np::star(<u32 as ::netpack::NetPack>::__VALUES),
        "size",
        ")",
        " + ",
        "data",
        " + ",
        "b\"\\0\" * (-len(<bytes so far>) % 2)",
    ];
    const __PARTS_TEXT: __np::ConstVec<u8, { __np::text_len(__PIECES) }> = __np::ConstVec::joined(
        __PIECES,
    );
    const __PARTS: &str = __PARTS_TEXT.as_str();
    #[automatically_derived]
    impl ::netpack::Capped for Chunk {}
    #[automatically_derived]
    impl<'__a> ::netpack::Message<'__a> for Chunk {
        const PARTS: &'static str = __PARTS;
        const MAX_SIZE: ::core::option::Option<usize> = __np::sum_bounds(
            &[
                ::core::option::Option::Some(__R_0_SIZE),
                __np::field_bound(
                    ::core::option::Option::Some(1024),
                    ::core::option::Option::None,
                    <Vec<u8> as __np::Variable<'__a>>::ELEMENT,
                    0,
                ),
                ::core::option::Option::Some(2 - 1),
            ],
        );
        const __DELIMITED: bool = true;
        const __NAME: &'static str = "Chunk";
        #[inline]
        fn encoded_len(&self) -> usize {
            let Self { id: __f_id, size: __f_size, data: __f_data } = self;
            0 + __R_0_SIZE
                + <Vec<u8> as __np::Variable<'__a>>::count(__f_data)
                    * <Vec<u8> as __np::Variable<'__a>>::ELEMENT + 0
                + __np::pad_len(
                    0 + __R_0_SIZE
                        + <Vec<u8> as __np::Variable<'__a>>::count(__f_data)
                            * <Vec<u8> as __np::Variable<'__a>>::ELEMENT + 0,
                    2,
                )
        }
        #[inline]
        fn encode_into(
            &self,
            __out: &mut ::netpack::__private::Vec<u8>,
        ) -> ::core::result::Result<(), ::netpack::Error> {
            let __base = __out.len();
            Self::__encode_at(self, __out, __base)
        }
        #[inline]
        fn decode_prefix(
            __buf: &'__a [u8],
        ) -> ::core::result::Result<(Self, usize), ::netpack::Error> {
            Self::__decode_at(__buf, 0)
        }
        #[inline]
        fn __encode_at(
            &self,
            __out: &mut ::netpack::__private::Vec<u8>,
            __base: usize,
        ) -> ::core::result::Result<(), ::netpack::Error> {
            ::netpack::__private::encode_atomic(
                __out,
                |__out| {
                    let __begin = __out.len();
                    let Self { id: __f_id, size: __f_size, data: __f_data } = self;
                    let __n_data: usize = <Vec<
                        u8,
                    > as __np::Variable<'__a>>::count(__f_data);
                    __np::check_cap(__n_data, 1024)
                        .map_err(|e| __np::in_field_encoding(e, "Chunk.data"))?;
                    __np::check_length(__f_size, "size", __n_data)
                        .map_err(|e| __np::in_field_encoding(e, "Chunk.data"))?;
                    {
                        let __p = __np::part(__out, __R_0_SIZE);
                        <[u8; 4] as ::netpack::NetPack>::__encode::<
                            __O,
                        >(__f_id, __p, &__R_0_OFFSETS[0..])
                            .map_err(|e| __np::in_field_encoding(e, "Chunk.id"))?;
                        <u32 as ::netpack::NetPack>::__encode::<
                            __O,
                        >(
                                __f_size,
                                __p,
                                &__R_0_OFFSETS[0
                                    + <[u8; 4] as ::netpack::NetPack>::__VALUES..],
                            )
                            .map_err(|e| __np::in_field_encoding(e, "Chunk.size"))?;
                    }
                    <Vec<u8> as __np::Variable<'__a>>::encode::<__O>(__f_data, __out)
                        .map_err(|e| __np::in_field_encoding(e, "Chunk.data"))?;
                    __np::align_out(__out, __begin, 2);
                    ::core::result::Result::Ok(())
                },
            )
        }
        #[inline]
        fn __decode_at(
            __buf: &'__a [u8],
            __start: usize,
        ) -> ::core::result::Result<(Self, usize), ::netpack::Error> {
            let mut __pos: usize = __start;
            let __p = __np::fixed(__buf, __pos, __R_0_SIZE)
                .map_err(|e| __np::in_field(e, "Chunk.id", __pos))?;
            <[u8; 4] as ::netpack::NetPack>::__check::<__O>(__p, &__R_0_OFFSETS[0..])
                .map_err(|e| {
                    let at = match __R_0_OFFSETS.get(0) {
                        ::core::option::Option::Some(at) => *at,
                        ::core::option::Option::None => 0,
                    };
                    __np::in_field(__np::shifted(e, __pos), "Chunk.id", __pos + at)
                })?;
            let __f_id: [u8; 4] = <[u8; 4] as ::netpack::NetPack>::__decode::<
                __O,
            >(__p, &__R_0_OFFSETS[0..]);
            <u32 as ::netpack::NetPack>::__check::<
                __O,
            >(__p, &__R_0_OFFSETS[0 + <[u8; 4] as ::netpack::NetPack>::__VALUES..])
                .map_err(|e| {
                    let at = match __R_0_OFFSETS
                        .get(0 + <[u8; 4] as ::netpack::NetPack>::__VALUES)
                    {
                        ::core::option::Option::Some(at) => *at,
                        ::core::option::Option::None => 0,
                    };
                    __np::in_field(__np::shifted(e, __pos), "Chunk.size", __pos + at)
                })?;
            let __f_size: u32 = <u32 as ::netpack::NetPack>::__decode::<
                __O,
            >(__p, &__R_0_OFFSETS[0 + <[u8; 4] as ::netpack::NetPack>::__VALUES..]);
            __pos += __R_0_SIZE;
            let __n_data: usize = __np::length_of(&__f_size)
                .map_err(|e| __np::in_field(e, "Chunk.data", __pos))?;
            let (__f_data, __used): (Vec<u8>, usize) = __np::decode_counted::<
                __O,
                Vec<u8>,
            >(__buf, __pos, __n_data, ::core::option::Option::Some(1024))
                .map_err(|e| __np::in_field(e, "Chunk.data", __pos))?;
            __pos += __used;
            __pos = __np::align_skip(__buf, __start, __pos, 2)
                .map_err(|e| __np::in_field(e, "Chunk.data", __pos))?;
            ::core::result::Result::Ok((
                Self {
                    id: __f_id,
                    size: __f_size,
                    data: __f_data,
                },
                __pos - __start,
            ))
        }
    }
};
