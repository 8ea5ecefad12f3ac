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
    const __L_name: __np::LengthCode = __np::LengthCode::new(b'!', b'H');
    const __R_0_SHAPE: __np::Shape = __np::Shape::Seq(
        &[__np::Shape::one(b'H', __L_name.size())],
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
    const __R_2_SHAPE: __np::Shape = __np::Shape::Seq(
        &[<u8 as ::netpack::NetPack>::__SHAPE],
    );
    const __R_2_LEN: usize = __R_2_SHAPE.format_len() + 1;
    const __R_2_TEXT: __np::ConstVec<u8, __R_2_LEN> = __R_2_SHAPE.render(b'!');
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
        "struct.pack(\"",
        __R_0_FORMAT,
        "\", ",
        "len(name)",
        ")",
        " + ",
        "name.encode()",
        " + ",
        "struct.pack(\"",
        __R_2_FORMAT,
        "\", ",
        __np::star(<u8 as ::netpack::NetPack>::__VALUES),
        "count",
        ")",
        " + ",
        "b\"\".join(struct.pack(\"!",
        __np::format_body(<Point as ::netpack::NetPack>::FORMAT),
        "\", ",
        __np::star(<Point as ::netpack::NetPack>::__VALUES),
        "e) for e in points)",
        " + ",
        "mode.encode()",
        " + b\"\\0\"",
        " + ",
        "data",
    ];
    const __PARTS_TEXT: __np::ConstVec<u8, { __np::text_len(__PIECES) }> = __np::ConstVec::joined(
        __PIECES,
    );
    const __PARTS: &str = __PARTS_TEXT.as_str();
    #[automatically_derived]
    impl<'a> ::netpack::Message<'a> for Upload<'a> {
        const PARTS: &'static str = __PARTS;
        const MAX_SIZE: ::core::option::Option<usize> = __np::sum_bounds(
            &[
                ::core::option::Option::Some(__R_0_SIZE),
                __np::field_bound(
                    ::core::option::Option::Some(255),
                    __np::code_bound(b'H'),
                    <&'a str as __np::Variable<'a>>::ELEMENT,
                    0,
                ),
                ::core::option::Option::Some(__R_2_SIZE),
                __np::field_bound(
                    ::core::option::Option::None,
                    ::core::option::Option::Some(255),
                    <Vec<Point> as __np::Variable<'a>>::ELEMENT,
                    0,
                ),
                __np::field_bound(
                    ::core::option::Option::Some(8),
                    ::core::option::Option::None,
                    1,
                    1,
                ),
                __np::field_bound(
                    ::core::option::Option::None,
                    ::core::option::Option::None,
                    <&'a [u8] as __np::Variable<'a>>::ELEMENT,
                    0,
                ),
            ],
        );
        const __DELIMITED: bool = true && false;
        const __NAME: &'static str = "Upload";
        #[inline]
        fn encoded_len(&self) -> usize {
            let Self {
                name: __f_name,
                count: __f_count,
                points: __f_points,
                mode: __f_mode,
                data: __f_data,
            } = self;
            0 + __R_0_SIZE
                + <&'a str as __np::Variable<'a>>::count(__f_name)
                    * <&'a str as __np::Variable<'a>>::ELEMENT + 0 + __R_2_SIZE
                + <Vec<Point> as __np::Variable<'a>>::count(__f_points)
                    * <Vec<Point> as __np::Variable<'a>>::ELEMENT + 0
                + <String as __np::Variable<'a>>::count(__f_mode)
                    * <String as __np::Variable<'a>>::ELEMENT + 1
                + <&'a [u8] as __np::Variable<'a>>::count(__f_data)
                    * <&'a [u8] as __np::Variable<'a>>::ELEMENT + 0
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
                    let Self {
                        name: __f_name,
                        count: __f_count,
                        points: __f_points,
                        mode: __f_mode,
                        data: __f_data,
                    } = self;
                    let __n_name: usize = <&'a str as __np::Variable<
                        'a,
                    >>::count(__f_name);
                    __np::check_cap(__n_name, 255)
                        .map_err(|e| __np::in_field_encoding(e, "Upload.name"))?;
                    let __n_points: usize = <Vec<
                        Point,
                    > as __np::Variable<'a>>::count(__f_points);
                    __np::check_length(__f_count, "count", __n_points)
                        .map_err(|e| __np::in_field_encoding(e, "Upload.points"))?;
                    let __n_mode: usize = <String as __np::Variable<
                        'a,
                    >>::count(__f_mode);
                    __np::check_cap(__n_mode, 8)
                        .map_err(|e| __np::in_field_encoding(e, "Upload.mode"))?;
                    let __n_data: usize = <&'a [u8] as __np::Variable<
                        'a,
                    >>::count(__f_data);
                    {
                        let __p = __np::part(__out, __R_0_SIZE);
                        __np::write_length::<
                            __O,
                        >(__p, __R_0_OFFSETS[0], &__L_name, __n_name)
                            .map_err(|e| __np::in_field_encoding(e, "Upload.name"))?;
                    }
                    <&'a str as __np::Variable<'a>>::encode::<__O>(__f_name, __out)
                        .map_err(|e| __np::in_field_encoding(e, "Upload.name"))?;
                    {
                        let __p = __np::part(__out, __R_2_SIZE);
                        <u8 as ::netpack::NetPack>::__encode::<
                            __O,
                        >(__f_count, __p, &__R_2_OFFSETS[0..])
                            .map_err(|e| __np::in_field_encoding(e, "Upload.count"))?;
                    }
                    <Vec<Point> as __np::Variable<'a>>::encode::<__O>(__f_points, __out)
                        .map_err(|e| __np::in_field_encoding(e, "Upload.points"))?;
                    __np::encode_nul(__f_mode, __out)
                        .map_err(|e| __np::in_field_encoding(e, "Upload.mode"))?;
                    <&'a [u8] as __np::Variable<'a>>::encode::<__O>(__f_data, __out)
                        .map_err(|e| __np::in_field_encoding(e, "Upload.data"))?;
                    ::core::result::Result::Ok(())
                },
            )
        }
        #[inline]
        fn __decode_at(
            __buf: &'a [u8],
            __start: usize,
        ) -> ::core::result::Result<(Self, usize), ::netpack::Error> {
            let mut __pos: usize = __start;
            let __p = __np::fixed(__buf, __pos, __R_0_SIZE)
                .map_err(|e| __np::in_field(e, "Upload.name", __pos))?;
            let __n_name: usize = __np::read_length::<
                __O,
            >(__p, __R_0_OFFSETS[0], &__L_name)
                .map_err(|e| __np::in_field(
                    e,
                    "Upload.name",
                    __pos + __R_0_OFFSETS[0],
                ))?;
            __pos += __R_0_SIZE;
            let (__f_name, __used): (&'a str, usize) = __np::decode_counted::<
                __O,
                &'a str,
            >(__buf, __pos, __n_name, ::core::option::Option::Some(255))
                .map_err(|e| __np::in_field(e, "Upload.name", __pos))?;
            __pos += __used;
            let __p = __np::fixed(__buf, __pos, __R_2_SIZE)
                .map_err(|e| __np::in_field(e, "Upload.count", __pos))?;
            <u8 as ::netpack::NetPack>::__check::<__O>(__p, &__R_2_OFFSETS[0..])
                .map_err(|e| {
                    let at = match __R_2_OFFSETS.get(0) {
                        ::core::option::Option::Some(at) => *at,
                        ::core::option::Option::None => 0,
                    };
                    __np::in_field(__np::shifted(e, __pos), "Upload.count", __pos + at)
                })?;
            let __f_count: u8 = <u8 as ::netpack::NetPack>::__decode::<
                __O,
            >(__p, &__R_2_OFFSETS[0..]);
            __pos += __R_2_SIZE;
            let __n_points: usize = __np::length_of(&__f_count)
                .map_err(|e| __np::in_field(e, "Upload.points", __pos))?;
            let (__f_points, __used): (Vec<Point>, usize) = __np::decode_counted::<
                __O,
                Vec<Point>,
            >(__buf, __pos, __n_points, ::core::option::Option::None)
                .map_err(|e| __np::in_field(e, "Upload.points", __pos))?;
            __pos += __used;
            let (__f_mode, __used): (String, usize) = __np::decode_nul::<
                String,
            >(__buf, __pos, ::core::option::Option::Some(8))
                .map_err(|e| __np::in_field(e, "Upload.mode", __pos))?;
            __pos += __used;
            let (__f_data, __used): (&'a [u8], usize) = __np::decode_rest::<
                __O,
                &'a [u8],
            >(__buf, __pos, ::core::option::Option::None)
                .map_err(|e| __np::in_field(e, "Upload.data", __pos))?;
            __pos += __used;
            ::core::result::Result::Ok((
                Self {
                    name: __f_name,
                    count: __f_count,
                    points: __f_points,
                    mode: __f_mode,
                    data: __f_data,
                },
                __pos - __start,
            ))
        }
    }
};
