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
    const __L_body: __np::LengthCode = __np::LengthCode::new(b'!', b'I');
    const __R_0_SHAPE: __np::Shape = __np::Shape::Seq(
        &[__np::Shape::one(b'I', __L_body.size()), <u8 as ::netpack::NetPack>::__SHAPE],
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
        "len(body)",
        ", ",
        __np::star(<u8 as ::netpack::NetPack>::__VALUES),
        "kind",
        ")",
        " + ",
        "body",
    ];
    const __PARTS_TEXT: __np::ConstVec<u8, { __np::text_len(__PIECES) }> = __np::ConstVec::joined(
        __PIECES,
    );
    const __PARTS: &str = __PARTS_TEXT.as_str();
    #[automatically_derived]
    impl ::netpack::Capped for Frame {}
    #[automatically_derived]
    impl<'__a> ::netpack::Message<'__a> for Frame {
        const PARTS: &'static str = __PARTS;
        const MAX_SIZE: ::core::option::Option<usize> = __np::sum_bounds(
            &[
                ::core::option::Option::Some(__R_0_SIZE),
                __np::field_bound(
                    ::core::option::Option::Some(1024),
                    __np::code_bound(b'I'),
                    <Vec<u8> as __np::Variable<'__a>>::ELEMENT,
                    0,
                ),
            ],
        );
        const __DELIMITED: bool = true;
        const __NAME: &'static str = "Frame";
        #[inline]
        fn encoded_len(&self) -> usize {
            let Self { length: __f_length, kind: __f_kind, body: __f_body } = self;
            0 + __R_0_SIZE
                + <Vec<u8> as __np::Variable<'__a>>::count(__f_body)
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
                    let Self { length: __f_length, kind: __f_kind, body: __f_body } = self;
                    let __n_body: usize = <Vec<
                        u8,
                    > as __np::Variable<'__a>>::count(__f_body);
                    __np::check_cap(__n_body, 1024)
                        .map_err(|e| __np::in_field_encoding(e, "Frame.body"))?;
                    {
                        let __p = __np::part(__out, __R_0_SIZE);
                        __np::write_length::<
                            __O,
                        >(__p, __R_0_OFFSETS[0], &__L_body, __n_body)
                            .map_err(|e| __np::in_field_encoding(e, "Frame.length"))?;
                        <u8 as ::netpack::NetPack>::__encode::<
                            __O,
                        >(__f_kind, __p, &__R_0_OFFSETS[0 + 1..])
                            .map_err(|e| __np::in_field_encoding(e, "Frame.kind"))?;
                    }
                    <Vec<u8> as __np::Variable<'__a>>::encode::<__O>(__f_body, __out)
                        .map_err(|e| __np::in_field_encoding(e, "Frame.body"))?;
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
                .map_err(|e| __np::in_field(e, "Frame.length", __pos))?;
            let __f_length: Len<u32> = ::netpack::Len::new();
            let __n_body: usize = __np::read_length::<
                __O,
            >(__p, __R_0_OFFSETS[0], &__L_body)
                .map_err(|e| __np::in_field(
                    e,
                    "Frame.length",
                    __pos + __R_0_OFFSETS[0],
                ))?;
            <u8 as ::netpack::NetPack>::__check::<__O>(__p, &__R_0_OFFSETS[0 + 1..])
                .map_err(|e| {
                    let at = match __R_0_OFFSETS.get(0 + 1) {
                        ::core::option::Option::Some(at) => *at,
                        ::core::option::Option::None => 0,
                    };
                    __np::in_field(__np::shifted(e, __pos), "Frame.kind", __pos + at)
                })?;
            let __f_kind: u8 = <u8 as ::netpack::NetPack>::__decode::<
                __O,
            >(__p, &__R_0_OFFSETS[0 + 1..]);
            __pos += __R_0_SIZE;
            let (__f_body, __used): (Vec<u8>, usize) = __np::decode_counted::<
                __O,
                Vec<u8>,
            >(__buf, __pos, __n_body, ::core::option::Option::Some(1024))
                .map_err(|e| __np::in_field(e, "Frame.body", __pos))?;
            __pos += __used;
            ::core::result::Result::Ok((
                Self {
                    length: __f_length,
                    kind: __f_kind,
                    body: __f_body,
                },
                __pos - __start,
            ))
        }
    }
};
