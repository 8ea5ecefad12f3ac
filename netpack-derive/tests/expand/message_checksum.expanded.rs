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
    type __O = ::netpack::__private::BigEndian;
    const __R_1_SHAPE: __np::Shape = __np::Shape::Seq(
        &[<u8 as ::netpack::NetPack>::__SHAPE],
    );
    const __R_1_LEN: usize = __R_1_SHAPE.format_len() + 1;
    const __R_1_TEXT: __np::ConstVec<u8, __R_1_LEN> = __R_1_SHAPE.render(b'!');
    const __R_1_FORMAT: &str = __np::checked_format(
        __R_1_TEXT.as_str(),
        "netpack: a message cannot use native-only codes",
    );
    const __R_1_VALUES: usize = __np::values_of_format(__R_1_FORMAT);
    const __R_1_OFFSET_LIST: __np::ConstVec<usize, __R_1_VALUES> = __np::value_offsets(
        __R_1_FORMAT,
    );
    const __R_1_OFFSETS: &[usize] = __R_1_OFFSET_LIST.as_slice();
    const __R_1_SIZE: usize = __np::size_of_format(__R_1_FORMAT);
    const __R_3_SHAPE: __np::Shape = __np::Shape::Seq(
        &[<u16 as ::netpack::NetPack>::__SHAPE],
    );
    const __R_3_LEN: usize = __R_3_SHAPE.format_len() + 1;
    const __R_3_TEXT: __np::ConstVec<u8, __R_3_LEN> = __R_3_SHAPE.render(b'!');
    const __R_3_FORMAT: &str = __np::checked_format(
        __R_3_TEXT.as_str(),
        "netpack: a message cannot use native-only codes",
    );
    const __R_3_VALUES: usize = __np::values_of_format(__R_3_FORMAT);
    const __R_3_OFFSET_LIST: __np::ConstVec<usize, __R_3_VALUES> = __np::value_offsets(
        __R_3_FORMAT,
    );
    const __R_3_OFFSETS: &[usize] = __R_3_OFFSET_LIST.as_slice();
    const __R_3_SIZE: usize = __np::size_of_format(__R_3_FORMAT);
    const __L_options: __np::LengthCode = __np::LengthCode::new(b'!', b'B');
    const __R_5_SHAPE: __np::Shape = __np::Shape::Seq(
        &[__np::Shape::one(b'B', __L_options.size())],
    );
    const __R_5_LEN: usize = __R_5_SHAPE.format_len() + 1;
    const __R_5_TEXT: __np::ConstVec<u8, __R_5_LEN> = __R_5_SHAPE.render(b'!');
    const __R_5_FORMAT: &str = __np::checked_format(
        __R_5_TEXT.as_str(),
        "netpack: a message cannot use native-only codes",
    );
    const __R_5_VALUES: usize = __np::values_of_format(__R_5_FORMAT);
    const __R_5_OFFSET_LIST: __np::ConstVec<usize, __R_5_VALUES> = __np::value_offsets(
        __R_5_FORMAT,
    );
    const __R_5_OFFSETS: &[usize] = __R_5_OFFSET_LIST.as_slice();
    const __R_5_SIZE: usize = __np::size_of_format(__R_5_FORMAT);
    const __PIECES: &[&str] = &[
        "struct.pack(\"",
        __R_1_FORMAT,
        "\", ",
        __np::star(<u8 as ::netpack::NetPack>::__VALUES),
        "version",
        ")",
        " + ",
        "struct.pack(\"!H\", internet_checksum(",
        "struct.pack(\"",
        __R_1_FORMAT,
        "\", ",
        __np::star(<u8 as ::netpack::NetPack>::__VALUES),
        "version",
        ")",
        " + ",
        "b\"\\0\\0\"",
        " + ",
        "struct.pack(\"",
        __R_3_FORMAT,
        "\", ",
        __np::star(<u16 as ::netpack::NetPack>::__VALUES),
        "id",
        ")",
        "))",
        " + ",
        "struct.pack(\"",
        __R_3_FORMAT,
        "\", ",
        __np::star(<u16 as ::netpack::NetPack>::__VALUES),
        "id",
        ")",
        " + ",
        "struct.pack(\"",
        __R_5_FORMAT,
        "\", ",
        "len(options)",
        ")",
        " + ",
        "options",
        " + ",
        "struct.pack(\"!I\", zlib.crc32(",
        "struct.pack(\"",
        __R_1_FORMAT,
        "\", ",
        __np::star(<u8 as ::netpack::NetPack>::__VALUES),
        "version",
        ")",
        " + ",
        "struct.pack(\"!H\", internet_checksum(",
        "struct.pack(\"",
        __R_1_FORMAT,
        "\", ",
        __np::star(<u8 as ::netpack::NetPack>::__VALUES),
        "version",
        ")",
        " + ",
        "b\"\\0\\0\"",
        " + ",
        "struct.pack(\"",
        __R_3_FORMAT,
        "\", ",
        __np::star(<u16 as ::netpack::NetPack>::__VALUES),
        "id",
        ")",
        "))",
        " + ",
        "struct.pack(\"",
        __R_3_FORMAT,
        "\", ",
        __np::star(<u16 as ::netpack::NetPack>::__VALUES),
        "id",
        ")",
        " + ",
        "struct.pack(\"",
        __R_5_FORMAT,
        "\", ",
        "len(options)",
        ")",
        " + ",
        "options",
        "))",
        " + ",
        "struct.pack(\"!B\", xor(",
        "struct.pack(\"",
        __R_1_FORMAT,
        "\", ",
        __np::star(<u8 as ::netpack::NetPack>::__VALUES),
        "version",
        ")",
        " + ",
        "struct.pack(\"!H\", internet_checksum(",
        "struct.pack(\"",
        __R_1_FORMAT,
        "\", ",
        __np::star(<u8 as ::netpack::NetPack>::__VALUES),
        "version",
        ")",
        " + ",
        "b\"\\0\\0\"",
        " + ",
        "struct.pack(\"",
        __R_3_FORMAT,
        "\", ",
        __np::star(<u16 as ::netpack::NetPack>::__VALUES),
        "id",
        ")",
        "))",
        " + ",
        "struct.pack(\"",
        __R_3_FORMAT,
        "\", ",
        __np::star(<u16 as ::netpack::NetPack>::__VALUES),
        "id",
        ")",
        " + ",
        "struct.pack(\"",
        __R_5_FORMAT,
        "\", ",
        "len(options)",
        ")",
        " + ",
        "options",
        " + ",
        "struct.pack(\"!I\", zlib.crc32(",
        "struct.pack(\"",
        __R_1_FORMAT,
        "\", ",
        __np::star(<u8 as ::netpack::NetPack>::__VALUES),
        "version",
        ")",
        " + ",
        "struct.pack(\"!H\", internet_checksum(",
        "struct.pack(\"",
        __R_1_FORMAT,
        "\", ",
        __np::star(<u8 as ::netpack::NetPack>::__VALUES),
        "version",
        ")",
        " + ",
        "b\"\\0\\0\"",
        " + ",
        "struct.pack(\"",
        __R_3_FORMAT,
        "\", ",
        __np::star(<u16 as ::netpack::NetPack>::__VALUES),
        "id",
        ")",
        "))",
        " + ",
        "struct.pack(\"",
        __R_3_FORMAT,
        "\", ",
        __np::star(<u16 as ::netpack::NetPack>::__VALUES),
        "id",
        ")",
        " + ",
        "struct.pack(\"",
        __R_5_FORMAT,
        "\", ",
        "len(options)",
        ")",
        " + ",
        "options",
        "))",
        "))",
    ];
    const __PARTS_TEXT: __np::ConstVec<u8, { __np::text_len(__PIECES) }> = __np::ConstVec::joined(
        __PIECES,
    );
    const __PARTS: &str = __PARTS_TEXT.as_str();
    #[automatically_derived]
    impl ::netpack::Capped for Header {}
    #[automatically_derived]
    impl<'__a> ::netpack::Message<'__a> for Header {
        const PARTS: &'static str = __PARTS;
        const MAX_SIZE: ::core::option::Option<usize> = __np::sum_bounds(
            &[
                ::core::option::Option::Some(0),
                ::core::option::Option::Some(__R_1_SIZE),
                ::core::option::Option::Some(<u16 as ::netpack::NetPack>::SIZE),
                ::core::option::Option::Some(__R_3_SIZE),
                ::core::option::Option::Some(0),
                ::core::option::Option::Some(__R_5_SIZE),
                __np::field_bound(
                    ::core::option::Option::Some(8),
                    __np::code_bound(b'B'),
                    <Vec<u8> as __np::Variable<'__a>>::ELEMENT,
                    0,
                ),
                ::core::option::Option::Some(<u32 as ::netpack::NetPack>::SIZE),
                ::core::option::Option::Some(<u8 as ::netpack::NetPack>::SIZE),
            ],
        );
        const __DELIMITED: bool = true;
        const __NAME: &'static str = "Header";
        #[inline]
        fn encoded_len(&self) -> usize {
            let Self {
                version: __f_version,
                checksum: __f_checksum,
                id: __f_id,
                options: __f_options,
                crc: __f_crc,
                check: __f_check,
            } = self;
            0 + 0 + __R_1_SIZE + <u16 as ::netpack::NetPack>::SIZE + __R_3_SIZE + 0
                + __R_5_SIZE
                + <Vec<u8> as __np::Variable<'__a>>::count(__f_options)
                    * <Vec<u8> as __np::Variable<'__a>>::ELEMENT + 0
                + <u32 as ::netpack::NetPack>::SIZE + <u8 as ::netpack::NetPack>::SIZE
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
                    let Self {
                        version: __f_version,
                        checksum: __f_checksum,
                        id: __f_id,
                        options: __f_options,
                        crc: __f_crc,
                        check: __f_check,
                    } = self;
                    let __n_options: usize = <Vec<
                        u8,
                    > as __np::Variable<'__a>>::count(__f_options);
                    __np::check_cap(__n_options, 8)
                        .map_err(|e| __np::in_field_encoding(e, "Header.options"))?;
                    let __start: usize = __out.len();
                    let __from_checksum: usize = __out.len();
                    {
                        let __p = __np::part(__out, __R_1_SIZE);
                        <u8 as ::netpack::NetPack>::__encode::<
                            __O,
                        >(__f_version, __p, &__R_1_OFFSETS[0..])
                            .map_err(|e| __np::in_field_encoding(e, "Header.version"))?;
                    }
                    let __ck_checksum: usize = __out.len();
                    __out.resize(__ck_checksum + <u16 as ::netpack::NetPack>::SIZE, 0);
                    {
                        let __p = __np::part(__out, __R_3_SIZE);
                        <u16 as ::netpack::NetPack>::__encode::<
                            __O,
                        >(__f_id, __p, &__R_3_OFFSETS[0..])
                            .map_err(|e| __np::in_field_encoding(e, "Header.id"))?;
                    }
                    let __to_checksum: usize = __out.len();
                    {
                        let __p = __np::part(__out, __R_5_SIZE);
                        __np::write_length::<
                            __O,
                        >(__p, __R_5_OFFSETS[0], &__L_options, __n_options)
                            .map_err(|e| __np::in_field_encoding(e, "Header.options"))?;
                    }
                    <Vec<u8> as __np::Variable<'__a>>::encode::<__O>(__f_options, __out)
                        .map_err(|e| __np::in_field_encoding(e, "Header.options"))?;
                    let __ck_crc: usize = __out.len();
                    __out.resize(__ck_crc + <u32 as ::netpack::NetPack>::SIZE, 0);
                    let __ck_check: usize = __out.len();
                    __out.resize(__ck_check + <u8 as ::netpack::NetPack>::SIZE, 0);
                    let __sum: u16 = __np::checksum(
                            &__np::Internet,
                            __out,
                            __from_checksum,
                            __to_checksum,
                            __ck_checksum,
                            <u16 as ::netpack::NetPack>::SIZE,
                        )
                        .map_err(|e| __np::in_field_encoding(e, "Header.checksum"))?;
                    <u16 as ::netpack::NetPack>::__encode::<
                        __O,
                    >(
                            &__sum,
                            &mut __out[__ck_checksum..__ck_checksum
                                + <u16 as ::netpack::NetPack>::SIZE],
                            <u16 as ::netpack::NetPack>::__OFFSETS,
                        )
                        .map_err(|e| __np::in_field_encoding(e, "Header.checksum"))?;
                    let __sum: u32 = __np::checksum(
                            &__np::Crc32,
                            __out,
                            __start,
                            __ck_crc,
                            __ck_crc,
                            <u32 as ::netpack::NetPack>::SIZE,
                        )
                        .map_err(|e| __np::in_field_encoding(e, "Header.crc"))?;
                    <u32 as ::netpack::NetPack>::__encode::<
                        __O,
                    >(
                            &__sum,
                            &mut __out[__ck_crc..__ck_crc
                                + <u32 as ::netpack::NetPack>::SIZE],
                            <u32 as ::netpack::NetPack>::__OFFSETS,
                        )
                        .map_err(|e| __np::in_field_encoding(e, "Header.crc"))?;
                    let __sum: u8 = __np::checksum(
                            &__np::ByFunction::<u8>(xor),
                            __out,
                            __start,
                            __ck_check,
                            __ck_check,
                            <u8 as ::netpack::NetPack>::SIZE,
                        )
                        .map_err(|e| __np::in_field_encoding(e, "Header.check"))?;
                    <u8 as ::netpack::NetPack>::__encode::<
                        __O,
                    >(
                            &__sum,
                            &mut __out[__ck_check..__ck_check
                                + <u8 as ::netpack::NetPack>::SIZE],
                            <u8 as ::netpack::NetPack>::__OFFSETS,
                        )
                        .map_err(|e| __np::in_field_encoding(e, "Header.check"))?;
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
            let __start: usize = __pos;
            let __from_checksum: usize = __pos;
            let __p = __np::fixed(__buf, __pos, __R_1_SIZE)
                .map_err(|e| __np::in_field(e, "Header.version", __pos))?;
            <u8 as ::netpack::NetPack>::__check::<__O>(__p, &__R_1_OFFSETS[0..])
                .map_err(|e| {
                    let at = match __R_1_OFFSETS.get(0) {
                        ::core::option::Option::Some(at) => *at,
                        ::core::option::Option::None => 0,
                    };
                    __np::in_field(__np::shifted(e, __pos), "Header.version", __pos + at)
                })?;
            let __f_version: u8 = <u8 as ::netpack::NetPack>::__decode::<
                __O,
            >(__p, &__R_1_OFFSETS[0..]);
            __pos += __R_1_SIZE;
            let __ck_checksum: usize = __pos;
            let __p = __np::fixed(__buf, __pos, <u16 as ::netpack::NetPack>::SIZE)
                .map_err(|e| __np::in_field(e, "Header.checksum", __pos))?;
            let __found_checksum: u16 = <u16 as ::netpack::NetPack>::__decode::<
                __O,
            >(__p, <u16 as ::netpack::NetPack>::__OFFSETS);
            let __f_checksum: Checksum<u16> = ::netpack::Checksum::new();
            __pos += <u16 as ::netpack::NetPack>::SIZE;
            let __p = __np::fixed(__buf, __pos, __R_3_SIZE)
                .map_err(|e| __np::in_field(e, "Header.id", __pos))?;
            <u16 as ::netpack::NetPack>::__check::<__O>(__p, &__R_3_OFFSETS[0..])
                .map_err(|e| {
                    let at = match __R_3_OFFSETS.get(0) {
                        ::core::option::Option::Some(at) => *at,
                        ::core::option::Option::None => 0,
                    };
                    __np::in_field(__np::shifted(e, __pos), "Header.id", __pos + at)
                })?;
            let __f_id: u16 = <u16 as ::netpack::NetPack>::__decode::<
                __O,
            >(__p, &__R_3_OFFSETS[0..]);
            __pos += __R_3_SIZE;
            let __to_checksum: usize = __pos;
            let __p = __np::fixed(__buf, __pos, __R_5_SIZE)
                .map_err(|e| __np::in_field(e, "Header.options", __pos))?;
            let __n_options: usize = __np::read_length::<
                __O,
            >(__p, __R_5_OFFSETS[0], &__L_options)
                .map_err(|e| __np::in_field(
                    e,
                    "Header.options",
                    __pos + __R_5_OFFSETS[0],
                ))?;
            __pos += __R_5_SIZE;
            let (__f_options, __used): (Vec<u8>, usize) = __np::decode_counted::<
                __O,
                Vec<u8>,
            >(__buf, __pos, __n_options, ::core::option::Option::Some(8))
                .map_err(|e| __np::in_field(e, "Header.options", __pos))?;
            __pos += __used;
            let __ck_crc: usize = __pos;
            let __p = __np::fixed(__buf, __pos, <u32 as ::netpack::NetPack>::SIZE)
                .map_err(|e| __np::in_field(e, "Header.crc", __pos))?;
            let __found_crc: u32 = <u32 as ::netpack::NetPack>::__decode::<
                __O,
            >(__p, <u32 as ::netpack::NetPack>::__OFFSETS);
            let __f_crc: Checksum<u32> = ::netpack::Checksum::new();
            __pos += <u32 as ::netpack::NetPack>::SIZE;
            let __ck_check: usize = __pos;
            let __p = __np::fixed(__buf, __pos, <u8 as ::netpack::NetPack>::SIZE)
                .map_err(|e| __np::in_field(e, "Header.check", __pos))?;
            let __found_check: u8 = <u8 as ::netpack::NetPack>::__decode::<
                __O,
            >(__p, <u8 as ::netpack::NetPack>::__OFFSETS);
            let __f_check: Checksum<u8> = ::netpack::Checksum::new();
            __pos += <u8 as ::netpack::NetPack>::SIZE;
            let __sum: u16 = __np::checksum(
                    &__np::Internet,
                    __buf,
                    __from_checksum,
                    __to_checksum,
                    __ck_checksum,
                    <u16 as ::netpack::NetPack>::SIZE,
                )
                .map_err(|e| __np::in_field(e, "Header.checksum", __ck_checksum))?;
            __np::verify(__sum, __found_checksum)
                .map_err(|e| __np::in_field(e, "Header.checksum", __ck_checksum))?;
            let __sum: u32 = __np::checksum(
                    &__np::Crc32,
                    __buf,
                    __start,
                    __ck_crc,
                    __ck_crc,
                    <u32 as ::netpack::NetPack>::SIZE,
                )
                .map_err(|e| __np::in_field(e, "Header.crc", __ck_crc))?;
            __np::verify(__sum, __found_crc)
                .map_err(|e| __np::in_field(e, "Header.crc", __ck_crc))?;
            let __sum: u8 = __np::checksum(
                    &__np::ByFunction::<u8>(xor),
                    __buf,
                    __start,
                    __ck_check,
                    __ck_check,
                    <u8 as ::netpack::NetPack>::SIZE,
                )
                .map_err(|e| __np::in_field(e, "Header.check", __ck_check))?;
            __np::verify(__sum, __found_check)
                .map_err(|e| __np::in_field(e, "Header.check", __ck_check))?;
            ::core::result::Result::Ok((
                Self {
                    version: __f_version,
                    checksum: __f_checksum,
                    id: __f_id,
                    options: __f_options,
                    crc: __f_crc,
                    check: __f_check,
                },
                __pos - __start,
            ))
        }
    }
};
