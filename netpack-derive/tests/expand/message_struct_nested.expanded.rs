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
        &[<u8 as ::netpack::NetPack>::__SHAPE],
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
        __np::star(<u8 as ::netpack::NetPack>::__VALUES),
        "kind",
        ")",
        " + ",
        "name",
    ];
    const __PARTS_TEXT: __np::ConstVec<u8, { __np::text_len(__PIECES) }> = __np::ConstVec::joined(
        __PIECES,
    );
    const __PARTS: &str = __PARTS_TEXT.as_str();
    #[automatically_derived]
    #[diagnostic::do_not_recommend]
    impl ::netpack::Capped for Greeting
    where
        for<'__x> Name: ::netpack::__private::CappedVia<'__x>,
    {}
    #[automatically_derived]
    impl<'__a> ::netpack::Message<'__a> for Greeting {
        const PARTS: &'static str = __PARTS;
        const MAX_SIZE: ::core::option::Option<usize> = __np::sum_bounds(
            &[
                ::core::option::Option::Some(__R_0_SIZE),
                <Name as ::netpack::Message<'__a>>::MAX_SIZE,
            ],
        );
        const __DELIMITED: bool = true
            && <Name as ::netpack::Message<'__a>>::__DELIMITED;
        const __NAME: &'static str = "Greeting";
        #[inline]
        fn encoded_len(&self) -> usize {
            let Self { kind: __f_kind, name: __f_name } = self;
            0 + __R_0_SIZE + <Name as ::netpack::Message<'__a>>::encoded_len(__f_name)
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
                    let Self { kind: __f_kind, name: __f_name } = self;
                    {
                        let __p = __np::part(__out, __R_0_SIZE);
                        <u8 as ::netpack::NetPack>::__encode::<
                            __O,
                        >(__f_kind, __p, &__R_0_OFFSETS[0..])
                            .map_err(|e| __np::in_field_encoding(e, "Greeting.kind"))?;
                    }
                    <Name as ::netpack::Message<
                        '__a,
                    >>::__encode_at(__f_name, __out, __base)
                        .map_err(|e| __np::in_field_encoding(e, "Greeting.name"))?;
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
                .map_err(|e| __np::in_field(e, "Greeting.kind", __pos))?;
            <u8 as ::netpack::NetPack>::__check::<__O>(__p, &__R_0_OFFSETS[0..])
                .map_err(|e| {
                    let at = match __R_0_OFFSETS.get(0) {
                        ::core::option::Option::Some(at) => *at,
                        ::core::option::Option::None => 0,
                    };
                    __np::in_field(__np::shifted(e, __pos), "Greeting.kind", __pos + at)
                })?;
            let __f_kind: u8 = <u8 as ::netpack::NetPack>::__decode::<
                __O,
            >(__p, &__R_0_OFFSETS[0..]);
            __pos += __R_0_SIZE;
            let (__f_name, __used): (Name, usize) = <Name as ::netpack::Message<
                '__a,
            >>::__decode_at(__buf, __pos)
                .map_err(|e| __np::in_field(e, "Greeting.name", __pos))?;
            __pos += __used;
            ::core::result::Result::Ok((
                Self {
                    kind: __f_kind,
                    name: __f_name,
                },
                __pos - __start,
            ))
        }
    }
};
