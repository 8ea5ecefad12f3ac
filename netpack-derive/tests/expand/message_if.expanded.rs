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
        "flags",
        ")",
        " + ",
        "(ext if flags & 1 != 0 and (not (flags == 3)) or flags > 7 else b\"\")",
    ];
    const __PARTS_TEXT: __np::ConstVec<u8, { __np::text_len(__PIECES) }> = __np::ConstVec::joined(
        __PIECES,
    );
    const __PARTS: &str = __PARTS_TEXT.as_str();
    #[automatically_derived]
    #[diagnostic::do_not_recommend]
    impl ::netpack::Capped for Flagged
    where
        for<'__x> u16: ::netpack::__private::CappedVia<'__x>,
    {}
    #[automatically_derived]
    impl<'__a> ::netpack::Message<'__a> for Flagged {
        const PARTS: &'static str = __PARTS;
        const MAX_SIZE: ::core::option::Option<usize> = __np::sum_bounds(
            &[
                ::core::option::Option::Some(__R_0_SIZE),
                <u16 as ::netpack::Message<'__a>>::MAX_SIZE,
            ],
        );
        const __DELIMITED: bool = true && <u16 as ::netpack::Message<'__a>>::__DELIMITED;
        const __NAME: &'static str = "Flagged";
        #[inline]
        fn encoded_len(&self) -> usize {
            let Self { flags: __f_flags, ext: __f_ext } = self;
            0 + __R_0_SIZE
                + match __f_ext {
                    ::core::option::Option::Some(__v) => {
                        <u16 as ::netpack::Message<'__a>>::encoded_len(__v)
                    }
                    ::core::option::Option::None => 0,
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
                    let Self { flags: __f_flags, ext: __f_ext } = self;
                    {
                        let __p = __np::part(__out, __R_0_SIZE);
                        <u8 as ::netpack::NetPack>::__encode::<
                            __O,
                        >(__f_flags, __p, &__R_0_OFFSETS[0..])
                            .map_err(|e| __np::in_field_encoding(e, "Flagged.flags"))?;
                    }
                    __np::check_condition(
                            __np::or(
                                __np::and(
                                    __np::binary(
                                        __np::Op::Ne,
                                        __np::binary(
                                            __np::Op::BitAnd,
                                            __np::operand(&__f_flags),
                                            ::core::result::Result::Ok(1i128),
                                        ),
                                        ::core::result::Result::Ok(0i128),
                                    ),
                                    || __np::not(
                                        __np::binary(
                                            __np::Op::Eq,
                                            __np::operand(&__f_flags),
                                            ::core::result::Result::Ok(3i128),
                                        ),
                                    ),
                                ),
                                || __np::binary(
                                    __np::Op::Gt,
                                    __np::operand(&__f_flags),
                                    ::core::result::Result::Ok(7i128),
                                ),
                            ),
                            "flags & 1 != 0 && !(flags == 3) || flags > 7",
                            __f_ext.is_some(),
                        )
                        .map_err(|e| __np::in_field_encoding(e, "Flagged.ext"))?;
                    if let ::core::option::Option::Some(__v) = __f_ext {
                        <u16 as ::netpack::Message<
                            '__a,
                        >>::__encode_at(__v, __out, __base)
                            .map_err(|e| __np::in_field_encoding(e, "Flagged.ext"))?;
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
            let mut __pos: usize = __start;
            let __p = __np::fixed(__buf, __pos, __R_0_SIZE)
                .map_err(|e| __np::in_field(e, "Flagged.flags", __pos))?;
            <u8 as ::netpack::NetPack>::__check::<__O>(__p, &__R_0_OFFSETS[0..])
                .map_err(|e| {
                    let at = match __R_0_OFFSETS.get(0) {
                        ::core::option::Option::Some(at) => *at,
                        ::core::option::Option::None => 0,
                    };
                    __np::in_field(__np::shifted(e, __pos), "Flagged.flags", __pos + at)
                })?;
            let __f_flags: u8 = <u8 as ::netpack::NetPack>::__decode::<
                __O,
            >(__p, &__R_0_OFFSETS[0..]);
            __pos += __R_0_SIZE;
            let __f_ext: Option<u16> = if __np::condition(
                    __np::or(
                        __np::and(
                            __np::binary(
                                __np::Op::Ne,
                                __np::binary(
                                    __np::Op::BitAnd,
                                    __np::operand(&__f_flags),
                                    ::core::result::Result::Ok(1i128),
                                ),
                                ::core::result::Result::Ok(0i128),
                            ),
                            || __np::not(
                                __np::binary(
                                    __np::Op::Eq,
                                    __np::operand(&__f_flags),
                                    ::core::result::Result::Ok(3i128),
                                ),
                            ),
                        ),
                        || __np::binary(
                            __np::Op::Gt,
                            __np::operand(&__f_flags),
                            ::core::result::Result::Ok(7i128),
                        ),
                    ),
                    "flags & 1 != 0 && !(flags == 3) || flags > 7",
                )
                .map_err(|e| __np::in_field(e, "Flagged.ext", __pos))?
            {
                let (__v, __used) = <u16 as ::netpack::Message<
                    '__a,
                >>::__decode_at(__buf, __pos)
                    .map_err(|e| __np::in_field(e, "Flagged.ext", __pos))?;
                __pos += __used;
                ::core::option::Option::Some(__v)
            } else {
                ::core::option::Option::None
            };
            ::core::result::Result::Ok((
                Self {
                    flags: __f_flags,
                    ext: __f_ext,
                },
                __pos - __start,
            ))
        }
    }
};
