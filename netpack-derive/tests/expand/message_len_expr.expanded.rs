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
    const __R_0_SHAPE: __np::Shape = __np::Shape::Seq(
        &[<u8 as ::netpack::NetPack>::__SHAPE],
    );
    const __R_0_LEN: usize = __R_0_SHAPE.format_len() + 1;
    const __R_0_TEXT: __np::ConstVec<u8, __R_0_LEN> = __R_0_SHAPE.render(b'!');
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
        __np::star(<u8 as ::netpack::NetPack>::__VALUES),
        "ihl",
        ")",
        " + ",
        "options",
        " + ",
        "odd",
    ];
    const __PARTS_TEXT: __np::ConstVec<u8, { __np::text_len(__PIECES) }> = __np::ConstVec::joined(
        __PIECES,
    );
    const __PARTS: &str = __PARTS_TEXT.as_str();
    #[automatically_derived]
    impl ::netpack::Capped for Ip {}
    #[automatically_derived]
    impl<'__a> ::netpack::Message<'__a> for Ip {
        const PARTS: &'static str = __PARTS;
        const MAX_SIZE: ::core::option::Option<usize> = __np::sum_bounds(
            &[
                ::core::option::Option::Some(__R_0_SIZE),
                __np::field_bound(
                    ::core::option::Option::Some(40),
                    ::core::option::Option::None,
                    <Vec<u8> as __np::Variable<'__a>>::ELEMENT,
                    0,
                ),
                __np::field_bound(
                    ::core::option::Option::Some(4),
                    ::core::option::Option::None,
                    <Vec<u8> as __np::Variable<'__a>>::ELEMENT,
                    0,
                ),
            ],
        );
        const __DELIMITED: bool = true;
        const __NAME: &'static str = "Ip";
        #[inline]
        fn encoded_len(&self) -> usize {
            let Self { ihl: __f_ihl, options: __f_options, odd: __f_odd } = self;
            0 + __R_0_SIZE
                + <Vec<u8> as __np::Variable<'__a>>::count(__f_options)
                    * <Vec<u8> as __np::Variable<'__a>>::ELEMENT + 0
                + <Vec<u8> as __np::Variable<'__a>>::count(__f_odd)
                    * <Vec<u8> as __np::Variable<'__a>>::ELEMENT + 0
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
                    let Self { ihl: __f_ihl, options: __f_options, odd: __f_odd } = self;
                    let __n_options: usize = <Vec<
                        u8,
                    > as __np::Variable<'__a>>::count(__f_options);
                    __np::check_cap(__n_options, 40)
                        .map_err(|e| __np::in_field_encoding(e, "Ip.options"))?;
                    __np::check_expr_length(
                            __np::binary(
                                __np::Op::Sub,
                                __np::binary(
                                    __np::Op::Mul,
                                    __np::operand(&__f_ihl),
                                    ::core::result::Result::Ok(4i128),
                                ),
                                ::core::result::Result::Ok(20i128),
                            ),
                            "ihl * 4 - 20",
                            __n_options,
                        )
                        .map_err(|e| __np::in_field_encoding(e, "Ip.options"))?;
                    let __n_odd: usize = <Vec<
                        u8,
                    > as __np::Variable<'__a>>::count(__f_odd);
                    __np::check_cap(__n_odd, 4)
                        .map_err(|e| __np::in_field_encoding(e, "Ip.odd"))?;
                    __np::check_expr_length(
                            __np::binary(
                                __np::Op::BitOr,
                                __np::binary(
                                    __np::Op::BitAnd,
                                    __np::binary(
                                        __np::Op::Shr,
                                        __np::binary(
                                            __np::Op::Shl,
                                            __np::binary(
                                                __np::Op::Rem,
                                                __np::neg(
                                                    __np::binary(
                                                        __np::Op::Div,
                                                        __np::operand(&__f_ihl),
                                                        ::core::result::Result::Ok(2i128),
                                                    ),
                                                ),
                                                ::core::result::Result::Ok(3i128),
                                            ),
                                            ::core::result::Result::Ok(1i128),
                                        ),
                                        ::core::result::Result::Ok(1i128),
                                    ),
                                    ::core::result::Result::Ok(7i128),
                                ),
                                __np::binary(
                                    __np::Op::BitXor,
                                    ::core::result::Result::Ok(1i128),
                                    ::core::result::Result::Ok(2i128),
                                ),
                            ),
                            "-(ihl / 2) % 3 << 1 >> 1 & 7 | 1 ^ 2",
                            __n_odd,
                        )
                        .map_err(|e| __np::in_field_encoding(e, "Ip.odd"))?;
                    {
                        let __p = __np::part(__out, __R_0_SIZE);
                        <u8 as ::netpack::NetPack>::__encode::<
                            __O,
                        >(__f_ihl, __p, &__R_0_OFFSETS[0..])
                            .map_err(|e| __np::in_field_encoding(e, "Ip.ihl"))?;
                    }
                    <Vec<u8> as __np::Variable<'__a>>::encode::<__O>(__f_options, __out)
                        .map_err(|e| __np::in_field_encoding(e, "Ip.options"))?;
                    <Vec<u8> as __np::Variable<'__a>>::encode::<__O>(__f_odd, __out)
                        .map_err(|e| __np::in_field_encoding(e, "Ip.odd"))?;
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
                .map_err(|e| __np::in_field(e, "Ip.ihl", __pos))?;
            <u8 as ::netpack::NetPack>::__check::<__O>(__p, &__R_0_OFFSETS[0..])
                .map_err(|e| {
                    let at = match __R_0_OFFSETS.get(0) {
                        ::core::option::Option::Some(at) => *at,
                        ::core::option::Option::None => 0,
                    };
                    __np::in_field(__np::shifted(e, __pos), "Ip.ihl", __pos + at)
                })?;
            let __f_ihl: u8 = <u8 as ::netpack::NetPack>::__decode::<
                __O,
            >(__p, &__R_0_OFFSETS[0..]);
            __pos += __R_0_SIZE;
            let __n_options: usize = __np::expr_length(
                    __np::binary(
                        __np::Op::Sub,
                        __np::binary(
                            __np::Op::Mul,
                            __np::operand(&__f_ihl),
                            ::core::result::Result::Ok(4i128),
                        ),
                        ::core::result::Result::Ok(20i128),
                    ),
                    "ihl * 4 - 20",
                )
                .map_err(|e| __np::in_field(e, "Ip.options", __pos))?;
            let (__f_options, __used): (Vec<u8>, usize) = __np::decode_counted::<
                __O,
                Vec<u8>,
            >(__buf, __pos, __n_options, ::core::option::Option::Some(40))
                .map_err(|e| __np::in_field(e, "Ip.options", __pos))?;
            __pos += __used;
            let __n_odd: usize = __np::expr_length(
                    __np::binary(
                        __np::Op::BitOr,
                        __np::binary(
                            __np::Op::BitAnd,
                            __np::binary(
                                __np::Op::Shr,
                                __np::binary(
                                    __np::Op::Shl,
                                    __np::binary(
                                        __np::Op::Rem,
                                        __np::neg(
                                            __np::binary(
                                                __np::Op::Div,
                                                __np::operand(&__f_ihl),
                                                ::core::result::Result::Ok(2i128),
                                            ),
                                        ),
                                        ::core::result::Result::Ok(3i128),
                                    ),
                                    ::core::result::Result::Ok(1i128),
                                ),
                                ::core::result::Result::Ok(1i128),
                            ),
                            ::core::result::Result::Ok(7i128),
                        ),
                        __np::binary(
                            __np::Op::BitXor,
                            ::core::result::Result::Ok(1i128),
                            ::core::result::Result::Ok(2i128),
                        ),
                    ),
                    "-(ihl / 2) % 3 << 1 >> 1 & 7 | 1 ^ 2",
                )
                .map_err(|e| __np::in_field(e, "Ip.odd", __pos))?;
            let (__f_odd, __used): (Vec<u8>, usize) = __np::decode_counted::<
                __O,
                Vec<u8>,
            >(__buf, __pos, __n_odd, ::core::option::Option::Some(4))
                .map_err(|e| __np::in_field(e, "Ip.odd", __pos))?;
            __pos += __used;
            ::core::result::Result::Ok((
                Self {
                    ihl: __f_ihl,
                    options: __f_options,
                    odd: __f_odd,
                },
                __pos - __start,
            ))
        }
    }
};
