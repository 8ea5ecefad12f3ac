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
    const _: () = if <[u8; 4] as ::netpack::NetPack>::__EXPLICIT_ORDER.is_some() {
        ::core::panic!(
            "netpack: field `magic` has a byte order of its own, but the order of `Header` is chosen at run time: remove the field's order (`Le`, `Be`, `Ne`, `order = ...`) so that it takes the message's"
        )
    };
    const __R_0_SHAPE: __np::Shape = __np::Shape::Seq(
        &[<[u8; 4] as ::netpack::NetPack>::__SHAPE],
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
    const _: () = if <u32 as ::netpack::NetPack>::__EXPLICIT_ORDER.is_some() {
        ::core::panic!(
            "netpack: field `snaplen` has a byte order of its own, but the order of `Header` is chosen at run time: remove the field's order (`Le`, `Be`, `Ne`, `order = ...`) so that it takes the message's"
        )
    };
    const __R_2_SHAPE: __np::Shape = __np::Shape::Seq(
        &[<u32 as ::netpack::NetPack>::__SHAPE],
    );
    const __R_2_LEN: usize = __R_2_SHAPE.format_len() + 1;
    const __R_2_TEXT: __np::ConstVec<u8, __R_2_LEN> = __R_2_SHAPE.render(b'<');
    const __R_2_FORMAT: &str = __np::checked_format(
        __R_2_TEXT.as_str(),
        "netpack: a message cannot use native-only codes",
    );
    const __R_2_VALUES: usize = __np::values_of_format(__R_2_FORMAT);
    const __R_2_OFFSET_LIST: __np::ConstVec<usize, __R_2_VALUES> = __np::value_offsets(
        __R_2_FORMAT,
    );
    const __R_2_OFFSETS: &[usize] = __R_2_OFFSET_LIST.as_slice();
    const __R_2_SIZE: usize = __np::size_of_format(__R_2_FORMAT);
    const __PIECES: &[&str] = &[
        "struct.pack(order + \"",
        __np::format_body(__R_0_FORMAT),
        "\", ",
        __np::star(<[u8; 4] as ::netpack::NetPack>::__VALUES),
        "magic",
        ")",
        " + ",
        "struct.pack(order + \"",
        __np::format_body(__R_2_FORMAT),
        "\", ",
        __np::star(<u32 as ::netpack::NetPack>::__VALUES),
        "snaplen",
        ")",
    ];
    const __PARTS_TEXT: __np::ConstVec<u8, { __np::text_len(__PIECES) }> = __np::ConstVec::joined(
        __PIECES,
    );
    const __PARTS: &str = __PARTS_TEXT.as_str();
    #[automatically_derived]
    impl ::netpack::Capped for Header {}
    #[automatically_derived]
    impl Header {
        #[doc(hidden)]
        #[inline]
        fn __np_encode_in<'__a, __O: __np::Endian>(
            &self,
            __out: &mut __np::Vec<u8>,
        ) -> ::core::result::Result<(), ::netpack::Error> {
            __np::encode_atomic(
                __out,
                |__out| {
                    let Self { magic: __f_magic, snaplen: __f_snaplen } = self;
                    {
                        let __p = __np::part(__out, __R_0_SIZE);
                        <[u8; 4] as ::netpack::NetPack>::__encode::<
                            __O,
                        >(__f_magic, __p, &__R_0_OFFSETS[0..])
                            .map_err(|e| __np::in_field_encoding(e, "Header.magic"))?;
                    }
                    {
                        let __p = __np::part(__out, __R_2_SIZE);
                        <u32 as ::netpack::NetPack>::__encode::<
                            __O,
                        >(__f_snaplen, __p, &__R_2_OFFSETS[0..])
                            .map_err(|e| __np::in_field_encoding(e, "Header.snaplen"))?;
                    }
                    ::core::result::Result::Ok(())
                },
            )
        }
        #[doc(hidden)]
        #[inline]
        fn __np_decode_in<'__a, __O: __np::Endian>(
            __buf: &'__a [u8],
        ) -> ::core::result::Result<(Self, usize), ::netpack::Error> {
            let mut __pos: usize = 0;
            let __p = __np::fixed(__buf, __pos, __R_0_SIZE)
                .map_err(|e| __np::in_field(e, "Header.magic", __pos))?;
            <[u8; 4] as ::netpack::NetPack>::__check::<__O>(__p, &__R_0_OFFSETS[0..])
                .map_err(|e| {
                    let at = match __R_0_OFFSETS.get(0) {
                        ::core::option::Option::Some(at) => *at,
                        ::core::option::Option::None => 0,
                    };
                    __np::in_field(__np::shifted(e, __pos), "Header.magic", __pos + at)
                })?;
            let __f_magic: [u8; 4] = <[u8; 4] as ::netpack::NetPack>::__decode::<
                __O,
            >(__p, &__R_0_OFFSETS[0..]);
            __pos += __R_0_SIZE;
            let __order: ::netpack::ByteOrder = __np::selected_order(
                    pcap_order(&__f_magic),
                )
                .map_err(|e| {
                    __np::in_field(
                        e,
                        "Header.magic",
                        __pos - 0 - <[u8; 4] as ::netpack::NetPack>::SIZE,
                    )
                })?;
            __np::check_order::<__O>(__order)?;
            let __p = __np::fixed(__buf, __pos, __R_2_SIZE)
                .map_err(|e| __np::in_field(e, "Header.snaplen", __pos))?;
            <u32 as ::netpack::NetPack>::__check::<__O>(__p, &__R_2_OFFSETS[0..])
                .map_err(|e| {
                    let at = match __R_2_OFFSETS.get(0) {
                        ::core::option::Option::Some(at) => *at,
                        ::core::option::Option::None => 0,
                    };
                    __np::in_field(__np::shifted(e, __pos), "Header.snaplen", __pos + at)
                })?;
            let __f_snaplen: u32 = <u32 as ::netpack::NetPack>::__decode::<
                __O,
            >(__p, &__R_2_OFFSETS[0..]);
            __pos += __R_2_SIZE;
            ::core::result::Result::Ok((
                Self {
                    magic: __f_magic,
                    snaplen: __f_snaplen,
                },
                __pos,
            ))
        }
    }
    #[automatically_derived]
    impl<'__a> ::netpack::Message<'__a> for Header {
        const PARTS: &'static str = __PARTS;
        const MAX_SIZE: ::core::option::Option<usize> = __np::sum_bounds(
            &[
                ::core::option::Option::Some(__R_0_SIZE),
                ::core::option::Option::Some(0),
                ::core::option::Option::Some(__R_2_SIZE),
            ],
        );
        const __DELIMITED: bool = true;
        const __NAME: &'static str = "Header";
        #[inline]
        fn encoded_len(&self) -> usize {
            let Self { magic: __f_magic, snaplen: __f_snaplen } = self;
            0 + __R_0_SIZE + 0 + __R_2_SIZE
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
                    let __order = __np::selected_order(pcap_order(&self.magic))
                        .map_err(|e| __np::in_field_encoding(e, "Header.magic"))?;
                    match __order {
                        ::netpack::ByteOrder::Little => {
                            self.__np_encode_in::<__np::LittleEndian>(__out)?
                        }
                        ::netpack::ByteOrder::Big => {
                            self.__np_encode_in::<__np::BigEndian>(__out)?
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
            match Self::__np_decode_in::<__np::BigEndian>(__buf) {
                ::core::result::Result::Err(e) if __np::is_reorder(&e) => {
                    Self::__np_decode_in::<__np::LittleEndian>(__buf)
                }
                result => result,
            }
        }
    }
};
