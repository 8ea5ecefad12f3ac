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
        &[<u16 as ::netpack::NetPack>::__SHAPE],
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
    const __PIECES: &[&str] = &[
        "b\"\".join(labels)",
        " + ",
        "struct.pack(\"",
        __R_1_FORMAT,
        "\", ",
        __np::star(<u16 as ::netpack::NetPack>::__VALUES),
        "ancount",
        ")",
        " + ",
        "b\"\".join(answers)",
        " + ",
        "b\"\".join(extra)",
    ];
    const __PARTS_TEXT: __np::ConstVec<u8, { __np::text_len(__PIECES) }> = __np::ConstVec::joined(
        __PIECES,
    );
    const __PARTS: &str = __PARTS_TEXT.as_str();
    #[automatically_derived]
    impl<'__a> ::netpack::Message<'__a> for Names {
        const PARTS: &'static str = __PARTS;
        const MAX_SIZE: ::core::option::Option<usize> = __np::sum_bounds(
            &[
                __np::repeat_bound(128, <Label as ::netpack::Message<'__a>>::MAX_SIZE),
                ::core::option::Option::Some(__R_1_SIZE),
                __np::repeat_bound(64, <Answer as ::netpack::Message<'__a>>::MAX_SIZE),
                __np::repeat_bound(16, <u32 as ::netpack::Message<'__a>>::MAX_SIZE),
            ],
        );
        const __DELIMITED: bool = true
            && <Label as ::netpack::Message<'__a>>::__DELIMITED
            && <Answer as ::netpack::Message<'__a>>::__DELIMITED && false;
        const __NAME: &'static str = "Names";
        #[inline]
        fn encoded_len(&self) -> usize {
            let Self {
                labels: __f_labels,
                ancount: __f_ancount,
                answers: __f_answers,
                extra: __f_extra,
            } = self;
            0 + __np::encoded_len_each::<Label>(__f_labels) + __R_1_SIZE
                + __np::encoded_len_each::<Answer>(__f_answers)
                + __np::encoded_len_each::<u32>(__f_extra)
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
                        labels: __f_labels,
                        ancount: __f_ancount,
                        answers: __f_answers,
                        extra: __f_extra,
                    } = self;
                    __np::check_cap(__f_labels.len(), 128)
                        .map_err(|e| __np::in_field_encoding(e, "Names.labels"))?;
                    __np::check_until(__f_labels, Label::is_root)
                        .map_err(|e| __np::in_field_encoding(e, "Names.labels"))?;
                    __np::encode_each::<Label>(__f_labels, __out, __base)
                        .map_err(|e| __np::in_field_encoding(e, "Names.labels"))?;
                    {
                        let __p = __np::part(__out, __R_1_SIZE);
                        <u16 as ::netpack::NetPack>::__encode::<
                            __O,
                        >(__f_ancount, __p, &__R_1_OFFSETS[0..])
                            .map_err(|e| __np::in_field_encoding(e, "Names.ancount"))?;
                    }
                    __np::check_cap(__f_answers.len(), 64)
                        .map_err(|e| __np::in_field_encoding(e, "Names.answers"))?;
                    __np::check_expr_length(
                            __np::operand(&__f_ancount),
                            "ancount",
                            __f_answers.len(),
                        )
                        .map_err(|e| __np::in_field_encoding(e, "Names.answers"))?;
                    __np::encode_each::<Answer>(__f_answers, __out, __base)
                        .map_err(|e| __np::in_field_encoding(e, "Names.answers"))?;
                    __np::check_cap(__f_extra.len(), 16)
                        .map_err(|e| __np::in_field_encoding(e, "Names.extra"))?;
                    __np::encode_each::<u32>(__f_extra, __out, __base)
                        .map_err(|e| __np::in_field_encoding(e, "Names.extra"))?;
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
            let (__f_labels, __used): (Vec<Label>, usize) = __np::decode_until::<
                Label,
            >(__buf, __pos, 128, Label::is_root)
                .map_err(|e| __np::in_field(e, "Names.labels", __pos))?;
            __pos += __used;
            let __p = __np::fixed(__buf, __pos, __R_1_SIZE)
                .map_err(|e| __np::in_field(e, "Names.ancount", __pos))?;
            <u16 as ::netpack::NetPack>::__check::<__O>(__p, &__R_1_OFFSETS[0..])
                .map_err(|e| {
                    let at = match __R_1_OFFSETS.get(0) {
                        ::core::option::Option::Some(at) => *at,
                        ::core::option::Option::None => 0,
                    };
                    __np::in_field(__np::shifted(e, __pos), "Names.ancount", __pos + at)
                })?;
            let __f_ancount: u16 = <u16 as ::netpack::NetPack>::__decode::<
                __O,
            >(__p, &__R_1_OFFSETS[0..]);
            __pos += __R_1_SIZE;
            let (__f_answers, __used): (Vec<Answer>, usize) = {
                let __n: usize = __np::expr_length(
                        __np::operand(&__f_ancount),
                        "ancount",
                    )
                    .map_err(|e| __np::in_field(e, "Names.answers", __pos))?;
                __np::decode_count::<Answer>(__buf, __pos, __n, 64)
            }
                .map_err(|e| __np::in_field(e, "Names.answers", __pos))?;
            __pos += __used;
            let (__f_extra, __used): (Vec<u32>, usize) = __np::decode_to_end::<
                u32,
            >(__buf, __pos, 16)
                .map_err(|e| __np::in_field(e, "Names.extra", __pos))?;
            __pos += __used;
            ::core::result::Result::Ok((
                Self {
                    labels: __f_labels,
                    ancount: __f_ancount,
                    answers: __f_answers,
                    extra: __f_extra,
                },
                __pos - __start,
            ))
        }
    }
};
