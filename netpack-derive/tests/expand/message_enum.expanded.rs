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
    const __TAG_FORMAT: &str = "!H";
    const __TAG_SIZE: usize = __np::size_of_format(__TAG_FORMAT);
    const __RV1_0_SHAPE: __np::Shape = __np::Shape::Seq(
        &[<u16 as ::netpack::NetPack>::__SHAPE],
    );
    const __RV1_0_LEN: usize = __RV1_0_SHAPE.format_len() + 1;
    const __RV1_0_TEXT: __np::ConstVec<u8, __RV1_0_LEN> = __RV1_0_SHAPE.render(b'!');
    const __RV1_0_FORMAT: &str = __np::checked_format(
        __RV1_0_TEXT.as_str(),
        "netpack: a message cannot use native-only codes",
    );
    const __RV1_0_VALUES: usize = __np::values_of_format(__RV1_0_FORMAT);
    const __RV1_0_OFFSET_LIST: __np::ConstVec<usize, __RV1_0_VALUES> = __np::value_offsets(
        __RV1_0_FORMAT,
    );
    const __RV1_0_OFFSETS: &[usize] = __RV1_0_OFFSET_LIST.as_slice();
    const __RV1_0_SIZE: usize = __np::size_of_format(__RV1_0_FORMAT);
    const __RV2_0_SHAPE: __np::Shape = __np::Shape::Seq(
        &[<u16 as ::netpack::NetPack>::__SHAPE],
    );
    const __RV2_0_LEN: usize = __RV2_0_SHAPE.format_len() + 1;
    const __RV2_0_TEXT: __np::ConstVec<u8, __RV2_0_LEN> = __RV2_0_SHAPE.render(b'!');
    const __RV2_0_FORMAT: &str = __np::checked_format(
        __RV2_0_TEXT.as_str(),
        "netpack: a message cannot use native-only codes",
    );
    const __RV2_0_VALUES: usize = __np::values_of_format(__RV2_0_FORMAT);
    const __RV2_0_OFFSET_LIST: __np::ConstVec<usize, __RV2_0_VALUES> = __np::value_offsets(
        __RV2_0_FORMAT,
    );
    const __RV2_0_OFFSETS: &[usize] = __RV2_0_OFFSET_LIST.as_slice();
    const __RV2_0_SIZE: usize = __np::size_of_format(__RV2_0_FORMAT);
    const __PIECES: &[&str] = &[
        "struct.pack(\"",
        __TAG_FORMAT,
        "\", ",
        "1",
        ")",
        " + ",
        "request",
        " | ",
        "struct.pack(\"",
        __TAG_FORMAT,
        "\", ",
        "3",
        ")",
        " + ",
        "struct.pack(\"",
        __RV1_0_FORMAT,
        "\", ",
        __np::star(<u16 as ::netpack::NetPack>::__VALUES),
        "block",
        ")",
        " + ",
        "data",
        " | ",
        "struct.pack(\"",
        __TAG_FORMAT,
        "\", ",
        "4",
        ")",
        " + ",
        "struct.pack(\"",
        __RV2_0_FORMAT,
        "\", ",
        __np::star(<u16 as ::netpack::NetPack>::__VALUES),
        "_0",
        ")",
        " | ",
        "struct.pack(\"",
        __TAG_FORMAT,
        "\", ",
        "5",
        ")",
        " | ",
        "struct.pack(\"",
        __TAG_FORMAT,
        "\", tag) + rest",
    ];
    const __PARTS_TEXT: __np::ConstVec<u8, { __np::text_len(__PIECES) }> = __np::ConstVec::joined(
        __PIECES,
    );
    const __PARTS: &str = __PARTS_TEXT.as_str();
    #[automatically_derived]
    impl<'a> ::netpack::Message<'a> for Packet<'a> {
        const PARTS: &'static str = __PARTS;
        const MAX_SIZE: ::core::option::Option<usize> = __np::sum_bounds(
            &[
                ::core::option::Option::Some(__TAG_SIZE),
                __np::max_bounds(
                    &[
                        <Request<'a> as ::netpack::Message<'a>>::MAX_SIZE,
                        __np::sum_bounds(
                            &[
                                ::core::option::Option::Some(__RV1_0_SIZE),
                                __np::field_bound(
                                    ::core::option::Option::Some(512),
                                    ::core::option::Option::None,
                                    <&'a [u8] as __np::Variable<'a>>::ELEMENT,
                                    0,
                                ),
                            ],
                        ),
                        __np::sum_bounds(&[::core::option::Option::Some(__RV2_0_SIZE)]),
                        ::core::option::Option::Some(0),
                        __np::field_bound(
                            ::core::option::Option::None,
                            ::core::option::Option::None,
                            <Vec<u8> as __np::Variable<'a>>::ELEMENT,
                            0,
                        ),
                    ],
                ),
            ],
        );
        const __DELIMITED: bool = true
            && <Request<'a> as ::netpack::Message<'a>>::__DELIMITED && true && false
            && true && false;
        const __NAME: &'static str = "Packet";
        #[inline]
        fn encoded_len(&self) -> usize {
            match self {
                Packet::Read(__f_0) => {
                    __TAG_SIZE
                        + <Request<'a> as ::netpack::Message<'a>>::encoded_len(__f_0)
                }
                Packet::Data { block: __f_block, data: __f_data } => {
                    __TAG_SIZE + 0 + __RV1_0_SIZE
                        + <&'a [u8] as __np::Variable<'a>>::count(__f_data)
                            * <&'a [u8] as __np::Variable<'a>>::ELEMENT + 0
                }
                Packet::Ack { 0: __f_0 } => __TAG_SIZE + 0 + __RV2_0_SIZE,
                Packet::Quit => __TAG_SIZE,
                Packet::Unknown(_, __f_1) => {
                    __TAG_SIZE
                        + <Vec<u8> as __np::Variable<'a>>::count(__f_1)
                            * <Vec<u8> as __np::Variable<'a>>::ELEMENT
                }
            }
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
            __buf: &'a [u8],
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
                    match self {
                        Packet::Read(__f_0) => {
                            {
                                let __t: u16 = 1;
                                let __p = __np::part(__out, __TAG_SIZE);
                                <u16 as ::netpack::NetPack>::__encode::<
                                    __O,
                                >(&__t, __p, &[0])?;
                            }
                            <Request<
                                'a,
                            > as ::netpack::Message<
                                'a,
                            >>::__encode_at(__f_0, __out, __base)
                                .map_err(|e| __np::in_field_encoding(e, "Packet::Read"))?;
                        }
                        Packet::Data { block: __f_block, data: __f_data } => {
                            {
                                let __t: u16 = 3;
                                let __p = __np::part(__out, __TAG_SIZE);
                                <u16 as ::netpack::NetPack>::__encode::<
                                    __O,
                                >(&__t, __p, &[0])?;
                            }
                            let __n_data: usize = <&'a [u8] as __np::Variable<
                                'a,
                            >>::count(__f_data);
                            __np::check_cap(__n_data, 512)
                                .map_err(|e| __np::in_field_encoding(
                                    e,
                                    "Packet::Data.data",
                                ))?;
                            {
                                let __p = __np::part(__out, __RV1_0_SIZE);
                                <u16 as ::netpack::NetPack>::__encode::<
                                    __O,
                                >(__f_block, __p, &__RV1_0_OFFSETS[0..])
                                    .map_err(|e| __np::in_field_encoding(
                                        e,
                                        "Packet::Data.block",
                                    ))?;
                            }
                            <&'a [u8] as __np::Variable<
                                'a,
                            >>::encode::<__O>(__f_data, __out)
                                .map_err(|e| __np::in_field_encoding(
                                    e,
                                    "Packet::Data.data",
                                ))?;
                        }
                        Packet::Ack { 0: __f_0 } => {
                            {
                                let __t: u16 = 4;
                                let __p = __np::part(__out, __TAG_SIZE);
                                <u16 as ::netpack::NetPack>::__encode::<
                                    __O,
                                >(&__t, __p, &[0])?;
                            }
                            {
                                let __p = __np::part(__out, __RV2_0_SIZE);
                                <u16 as ::netpack::NetPack>::__encode::<
                                    __O,
                                >(__f_0, __p, &__RV2_0_OFFSETS[0..])
                                    .map_err(|e| __np::in_field_encoding(e, "Packet::Ack.0"))?;
                            }
                        }
                        Packet::Quit => {
                            let __t: u16 = 5;
                            let __p = __np::part(__out, __TAG_SIZE);
                            <u16 as ::netpack::NetPack>::__encode::<
                                __O,
                            >(&__t, __p, &[0])?;
                        }
                        Packet::Unknown(__f_0, __f_1) => {
                            {
                                let __t: u16 = *__f_0;
                                let __p = __np::part(__out, __TAG_SIZE);
                                <u16 as ::netpack::NetPack>::__encode::<
                                    __O,
                                >(&__t, __p, &[0])?;
                            }
                            <Vec<u8> as __np::Variable<'a>>::encode::<__O>(__f_1, __out)
                                .map_err(|e| __np::in_field_encoding(
                                    e,
                                    "Packet::Unknown.1",
                                ))?;
                        }
                    }
                    ::core::result::Result::Ok(())
                },
            )
        }
        #[inline]
        fn __decode_at(
            __buf: &'a [u8],
            __start: usize,
        ) -> ::core::result::Result<(Self, usize), ::netpack::Error> {
            let __t = __np::fixed(__buf, __start, __TAG_SIZE)
                .map_err(|e| __np::in_field(e, "Packet", __start))?;
            let __tag: u16 = <u16 as ::netpack::NetPack>::__decode::<__O>(__t, &[0]);
            let mut __pos: usize = __start + __TAG_SIZE;
            match __tag {
                1 => {
                    let (__v, __used) = <Request<
                        'a,
                    > as ::netpack::Message<'a>>::__decode_at(__buf, __pos)
                        .map_err(|e| __np::in_field(e, "Packet::Read", __pos))?;
                    ::core::result::Result::Ok((
                        Packet::Read(__v),
                        __pos + __used - __start,
                    ))
                }
                3 => {
                    let __p = __np::fixed(__buf, __pos, __RV1_0_SIZE)
                        .map_err(|e| __np::in_field(e, "Packet::Data.block", __pos))?;
                    <u16 as ::netpack::NetPack>::__check::<
                        __O,
                    >(__p, &__RV1_0_OFFSETS[0..])
                        .map_err(|e| {
                            let at = match __RV1_0_OFFSETS.get(0) {
                                ::core::option::Option::Some(at) => *at,
                                ::core::option::Option::None => 0,
                            };
                            __np::in_field(
                                __np::shifted(e, __pos),
                                "Packet::Data.block",
                                __pos + at,
                            )
                        })?;
                    let __f_block: u16 = <u16 as ::netpack::NetPack>::__decode::<
                        __O,
                    >(__p, &__RV1_0_OFFSETS[0..]);
                    __pos += __RV1_0_SIZE;
                    let (__f_data, __used): (&'a [u8], usize) = __np::decode_rest::<
                        __O,
                        &'a [u8],
                    >(__buf, __pos, ::core::option::Option::Some(512))
                        .map_err(|e| __np::in_field(e, "Packet::Data.data", __pos))?;
                    __pos += __used;
                    ::core::result::Result::Ok((
                        Packet::Data {
                            block: __f_block,
                            data: __f_data,
                        },
                        __pos - __start,
                    ))
                }
                4 => {
                    let __p = __np::fixed(__buf, __pos, __RV2_0_SIZE)
                        .map_err(|e| __np::in_field(e, "Packet::Ack.0", __pos))?;
                    <u16 as ::netpack::NetPack>::__check::<
                        __O,
                    >(__p, &__RV2_0_OFFSETS[0..])
                        .map_err(|e| {
                            let at = match __RV2_0_OFFSETS.get(0) {
                                ::core::option::Option::Some(at) => *at,
                                ::core::option::Option::None => 0,
                            };
                            __np::in_field(
                                __np::shifted(e, __pos),
                                "Packet::Ack.0",
                                __pos + at,
                            )
                        })?;
                    let __f_0: u16 = <u16 as ::netpack::NetPack>::__decode::<
                        __O,
                    >(__p, &__RV2_0_OFFSETS[0..]);
                    __pos += __RV2_0_SIZE;
                    ::core::result::Result::Ok((
                        Packet::Ack { 0: __f_0 },
                        __pos - __start,
                    ))
                }
                5 => ::core::result::Result::Ok((Packet::Quit, __pos - __start)),
                _ => {
                    let (__f_1, __used): (Vec<u8>, usize) = __np::decode_rest::<
                        __O,
                        Vec<u8>,
                    >(__buf, __pos, ::core::option::Option::None)
                        .map_err(|e| __np::in_field(e, "Packet::Unknown.1", __pos))?;
                    ::core::result::Result::Ok((
                        Packet::Unknown(__tag, __f_1),
                        __pos + __used - __start,
                    ))
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
    type __O = ::netpack::__private::BigEndian;
    #[automatically_derived]
    impl ::netpack::Capped for Command {}
    const __TAG_FORMAT: &str = "!B";
    const __TAG_SIZE: usize = __np::size_of_format(__TAG_FORMAT);
    const __RV0_0_SHAPE: __np::Shape = __np::Shape::Seq(
        &[<u16 as ::netpack::NetPack>::__SHAPE],
    );
    const __RV0_0_LEN: usize = __RV0_0_SHAPE.format_len() + 1;
    const __RV0_0_TEXT: __np::ConstVec<u8, __RV0_0_LEN> = __RV0_0_SHAPE.render(b'!');
    const __RV0_0_FORMAT: &str = __np::checked_format(
        __RV0_0_TEXT.as_str(),
        "netpack: a message cannot use native-only codes",
    );
    const __RV0_0_VALUES: usize = __np::values_of_format(__RV0_0_FORMAT);
    const __RV0_0_OFFSET_LIST: __np::ConstVec<usize, __RV0_0_VALUES> = __np::value_offsets(
        __RV0_0_FORMAT,
    );
    const __RV0_0_OFFSETS: &[usize] = __RV0_0_OFFSET_LIST.as_slice();
    const __RV0_0_SIZE: usize = __np::size_of_format(__RV0_0_FORMAT);
    const __PIECES: &[&str] = &[
        "struct.pack(\"",
        __TAG_FORMAT,
        "\", ",
        "1",
        ")",
        " + ",
        "struct.pack(\"",
        __RV0_0_FORMAT,
        "\", ",
        __np::star(<u16 as ::netpack::NetPack>::__VALUES),
        "port",
        ")",
    ];
    const __PARTS_TEXT: __np::ConstVec<u8, { __np::text_len(__PIECES) }> = __np::ConstVec::joined(
        __PIECES,
    );
    const __PARTS: &str = __PARTS_TEXT.as_str();
    #[automatically_derived]
    impl<'__a> ::netpack::Message<'__a> for Command {
        const PARTS: &'static str = __PARTS;
        const MAX_SIZE: ::core::option::Option<usize> = __np::sum_bounds(
            &[
                ::core::option::Option::Some(__TAG_SIZE),
                __np::max_bounds(
                    &[__np::sum_bounds(&[::core::option::Option::Some(__RV0_0_SIZE)])],
                ),
            ],
        );
        const __DELIMITED: bool = true && true;
        const __NAME: &'static str = "Command";
        #[inline]
        fn encoded_len(&self) -> usize {
            match self {
                Command::Open { port: __f_port } => __TAG_SIZE + 0 + __RV0_0_SIZE,
            }
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
                    match self {
                        Command::Open { port: __f_port } => {
                            {
                                let __t: u8 = 1;
                                let __p = __np::part(__out, __TAG_SIZE);
                                <u8 as ::netpack::NetPack>::__encode::<
                                    __O,
                                >(&__t, __p, &[0])?;
                            }
                            {
                                let __p = __np::part(__out, __RV0_0_SIZE);
                                <u16 as ::netpack::NetPack>::__encode::<
                                    __O,
                                >(__f_port, __p, &__RV0_0_OFFSETS[0..])
                                    .map_err(|e| __np::in_field_encoding(
                                        e,
                                        "Command::Open.port",
                                    ))?;
                            }
                        }
                    }
                    ::core::result::Result::Ok(())
                },
            )
        }
        #[inline]
        fn __decode_at(
            __buf: &'__a [u8],
            __start: usize,
        ) -> ::core::result::Result<(Self, usize), ::netpack::Error> {
            let __t = __np::fixed(__buf, __start, __TAG_SIZE)
                .map_err(|e| __np::in_field(e, "Command", __start))?;
            let __tag: u8 = <u8 as ::netpack::NetPack>::__decode::<__O>(__t, &[0]);
            let mut __pos: usize = __start + __TAG_SIZE;
            match __tag {
                1 => {
                    let __p = __np::fixed(__buf, __pos, __RV0_0_SIZE)
                        .map_err(|e| __np::in_field(e, "Command::Open.port", __pos))?;
                    <u16 as ::netpack::NetPack>::__check::<
                        __O,
                    >(__p, &__RV0_0_OFFSETS[0..])
                        .map_err(|e| {
                            let at = match __RV0_0_OFFSETS.get(0) {
                                ::core::option::Option::Some(at) => *at,
                                ::core::option::Option::None => 0,
                            };
                            __np::in_field(
                                __np::shifted(e, __pos),
                                "Command::Open.port",
                                __pos + at,
                            )
                        })?;
                    let __f_port: u16 = <u16 as ::netpack::NetPack>::__decode::<
                        __O,
                    >(__p, &__RV0_0_OFFSETS[0..]);
                    __pos += __RV0_0_SIZE;
                    ::core::result::Result::Ok((
                        Command::Open { port: __f_port },
                        __pos - __start,
                    ))
                }
                _ => {
                    ::core::result::Result::Err(
                        __np::in_field(
                            __np::unknown_tag(__tag as i128),
                            "Command",
                            __start,
                        ),
                    )
                }
            }
        }
    }
};
