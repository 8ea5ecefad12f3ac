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
        "DnsName.encode(name)",
        " + ",
        "struct.pack(\"",
        __R_1_FORMAT,
        "\", ",
        __np::star(<u16 as ::netpack::NetPack>::__VALUES),
        "qtype",
        ")",
    ];
    const __PARTS_TEXT: __np::ConstVec<u8, { __np::text_len(__PIECES) }> = __np::ConstVec::joined(
        __PIECES,
    );
    const __PARTS: &str = __PARTS_TEXT.as_str();
    #[automatically_derived]
    impl<'__a> ::netpack::Message<'__a> for Question {
        const PARTS: &'static str = __PARTS;
        const MAX_SIZE: ::core::option::Option<usize> = __np::sum_bounds(
            &[
                <DnsName as ::netpack::FieldCodec<'__a, String>>::MAX_SIZE,
                ::core::option::Option::Some(__R_1_SIZE),
            ],
        );
        const __DELIMITED: bool = true;
        const __NAME: &'static str = "Question";
        #[inline]
        fn encoded_len(&self) -> usize {
            let Self { name: __f_name, qtype: __f_qtype } = self;
            0 + <DnsName as ::netpack::FieldCodec<'__a, String>>::encoded_len(__f_name)
                + __R_1_SIZE
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
                    let Self { name: __f_name, qtype: __f_qtype } = self;
                    <DnsName as ::netpack::FieldCodec<
                        '__a,
                        String,
                    >>::encode(__f_name, __out, __base)
                        .map_err(|e| __np::in_field_encoding(e, "Question.name"))?;
                    {
                        let __p = __np::part(__out, __R_1_SIZE);
                        <u16 as ::netpack::NetPack>::__encode::<
                            __O,
                        >(__f_qtype, __p, &__R_1_OFFSETS[0..])
                            .map_err(|e| __np::in_field_encoding(e, "Question.qtype"))?;
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
            let (__f_name, __used): (String, usize) = <DnsName as ::netpack::FieldCodec<
                '__a,
                String,
            >>::decode(__buf, __pos)
                .map_err(|e| __np::in_field(e, "Question.name", __pos))?;
            __pos += __used;
            let __p = __np::fixed(__buf, __pos, __R_1_SIZE)
                .map_err(|e| __np::in_field(e, "Question.qtype", __pos))?;
            <u16 as ::netpack::NetPack>::__check::<__O>(__p, &__R_1_OFFSETS[0..])
                .map_err(|e| {
                    let at = match __R_1_OFFSETS.get(0) {
                        ::core::option::Option::Some(at) => *at,
                        ::core::option::Option::None => 0,
                    };
                    __np::in_field(__np::shifted(e, __pos), "Question.qtype", __pos + at)
                })?;
            let __f_qtype: u16 = <u16 as ::netpack::NetPack>::__decode::<
                __O,
            >(__p, &__R_1_OFFSETS[0..]);
            __pos += __R_1_SIZE;
            ::core::result::Result::Ok((
                Self {
                    name: __f_name,
                    qtype: __f_qtype,
                },
                __pos - __start,
            ))
        }
    }
};
