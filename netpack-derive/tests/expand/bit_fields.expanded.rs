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
    const __B0_CODE_version: &str = __np::bit_code(
        <u8 as ::netpack::NetPack>::__SHAPE,
        4,
    );
    const __B0_CODE_ihl: &str = __np::bit_code(<u8 as ::netpack::NetPack>::__SHAPE, 4);
    const __B0_PIECES: &[&str] = &[__B0_CODE_version, "4", __B0_CODE_ihl, "4"];
    const __B0_TEXT: __np::ConstVec<u8, { __np::text_len(__B0_PIECES) }> = __np::ConstVec::joined(
        __B0_PIECES,
    );
    const __B0_FORMAT: &str = __B0_TEXT.as_str();
    const __B0_SIZE: usize = __np::bit_run_size(__B0_FORMAT);
    const __B0_SLOTS: [__np::BitSlot; 2] = __np::bit_slots::<2>(__B0_FORMAT);
    const __B1_CODE_flags: &str = __np::bit_code(<u8 as ::netpack::NetPack>::__SHAPE, 3);
    const __B1_CODE_opcode: &str = __np::bit_code(
        <Opcode as ::netpack::NetPack>::__SHAPE,
        4,
    );
    const __B1_CODE_signed: &str = __np::bit_code(
        <i16 as ::netpack::NetPack>::__SHAPE,
        8,
    );
    const __B1_PIECES: &[&str] = &[
        "p1",
        __B1_CODE_flags,
        "3",
        __B1_CODE_opcode,
        "4",
        __B1_CODE_signed,
        "8",
    ];
    const __B1_TEXT: __np::ConstVec<u8, { __np::text_len(__B1_PIECES) }> = __np::ConstVec::joined(
        __B1_PIECES,
    );
    const __B1_FORMAT: &str = __B1_TEXT.as_str();
    const __B1_SIZE: usize = __np::bit_run_size(__B1_FORMAT);
    const __B1_SLOTS: [__np::BitSlot; 3] = __np::bit_slots::<3>(__B1_FORMAT);
    const __P1_SHAPE: __np::Shape = __np::Shape::Seq(
        &[<u16 as ::netpack::NetPack>::__SHAPE],
    );
    const __P1_LEN: usize = __P1_SHAPE.format_len() + 1;
    const __P1_TEXT: __np::ConstVec<u8, __P1_LEN> = __P1_SHAPE.render(b'!');
    const __P1_FORMAT: &str = __P1_TEXT.as_str();
    const __PIECES: &[&str] = &[
        "bitstruct.pack(\"",
        __B0_FORMAT,
        "\", version, ihl)",
        " + ",
        "struct.pack(\"",
        __P1_FORMAT,
        "\", ",
        __np::star(<u16 as ::netpack::NetPack>::__VALUES),
        "total_len",
        ")",
        " + ",
        "bitstruct.pack(\"",
        __B1_FORMAT,
        "\", flags, opcode, signed)",
    ];
    const __PARTS_TEXT: __np::ConstVec<u8, { __np::text_len(__PIECES) }> = __np::ConstVec::joined(
        __PIECES,
    );
    const __PARTS: &str = __PARTS_TEXT.as_str();
    const __FIELDS: __np::Shape = __np::Shape::Seq(
        &[
            <[u8; __B0_SIZE] as ::netpack::NetPack>::__SHAPE,
            <u16 as ::netpack::NetPack>::__SHAPE,
            <[u8; __B1_SIZE] as ::netpack::NetPack>::__SHAPE,
        ],
    );
    const __SHAPE: __np::Shape = __FIELDS;
    const __LEN: usize = __SHAPE.format_len() + 1;
    const __TEXT: __np::ConstVec<u8, __LEN> = __SHAPE.render(b'!');
    const __FORMAT: &str = __np::checked_format(
        __TEXT.as_str(),
        "netpack: a field of `Header` holds `isize`, `usize` or code `n`, `N` or `P`, which exist only in native order: add #[netpack(order = \"@\")]",
    );
    const _: () = if let ::core::option::Option::Some(m) = __np::nested_order_conflict(
        "Header",
        b'!',
        <[u8; __B0_SIZE] as ::netpack::NetPack>::__EXPLICIT_ORDER,
    ) {
        ::core::panic!("{}", m.as_str())
    };
    const _: () = if let ::core::option::Option::Some(m) = __np::nested_order_conflict(
        "Header",
        b'!',
        <u16 as ::netpack::NetPack>::__EXPLICIT_ORDER,
    ) {
        ::core::panic!("{}", m.as_str())
    };
    const _: () = if let ::core::option::Option::Some(m) = __np::nested_order_conflict(
        "Header",
        b'!',
        <[u8; __B1_SIZE] as ::netpack::NetPack>::__EXPLICIT_ORDER,
    ) {
        ::core::panic!("{}", m.as_str())
    };
    const __V0: usize = 0;
    const __V1: usize = __V0 + <[u8; __B0_SIZE] as ::netpack::NetPack>::__VALUES;
    const __V2: usize = __V1 + <u16 as ::netpack::NetPack>::__VALUES;
    const __V3: usize = __V2 + <[u8; __B1_SIZE] as ::netpack::NetPack>::__VALUES;
    const __CHECKED: &str = match __np::check_layout(__FORMAT, &__FIELDS) {
        ::core::result::Result::Ok(()) => __FORMAT,
        ::core::result::Result::Err(m) => {
            if m.value < __V1 {
                ::core::panic!(
                    "netpack: the bit fields from `version` does not match the format"
                );
            }
            if m.value < __V2 {
                ::core::panic!("netpack: field `total_len` does not match the format");
            }
            if m.value < __V3 {
                ::core::panic!(
                    "netpack: the bit fields from `flags` does not match the format"
                );
            }
            ::core::panic!(
                "netpack: the format has more values than the fields of `Header`"
            )
        }
    };
    const __VALUES: usize = __np::values_of_format(__CHECKED);
    const __OFFSET_LIST: __np::ConstVec<usize, __VALUES> = __np::value_offsets(
        __CHECKED,
    );
    #[automatically_derived]
    impl ::netpack::NetPack for Header {
        const FORMAT: &'static str = __CHECKED;
        const __SHAPE: ::netpack::__private::Shape = __SHAPE;
        const __OFFSETS: &'static [usize] = __OFFSET_LIST.as_slice();
        type __Order = ::netpack::__private::BigEndian;
        const __PARTS: &'static str = __PARTS;
        #[inline]
        fn __encode<__O: ::netpack::__private::Endian>(
            &self,
            __buf: &mut [u8],
            __offsets: &[usize],
        ) -> ::core::result::Result<(), ::netpack::Error> {
            {
                let __w: u64 = 0u64
                    | __np::bit_encode::<u8>(&self.version, __B0_SLOTS[0])
                        .map_err(|e| __np::in_field_encoding(e, "Header.version"))?
                    | __np::bit_encode::<u8>(&self.ihl, __B0_SLOTS[1])
                        .map_err(|e| __np::in_field_encoding(e, "Header.ihl"))?;
                __np::write_run::<__B0_SIZE>(__buf, __offsets[__V0], __w, false);
            }
            <u16 as ::netpack::NetPack>::__encode::<
                __O,
            >(&self.total_len, __buf, &__offsets[__V1..])?;
            {
                let __w: u64 = 0u64
                    | __np::bit_encode::<u8>(&self.flags, __B1_SLOTS[0])
                        .map_err(|e| __np::in_field_encoding(e, "Header.flags"))?
                    | __np::bit_encode::<Opcode>(&self.opcode, __B1_SLOTS[1])
                        .map_err(|e| __np::in_field_encoding(e, "Header.opcode"))?
                    | __np::bit_encode::<i16>(&self.signed, __B1_SLOTS[2])
                        .map_err(|e| __np::in_field_encoding(e, "Header.signed"))?;
                __np::write_run::<__B1_SIZE>(__buf, __offsets[__V2], __w, false);
            }
            ::core::result::Result::Ok(())
        }
        #[inline]
        fn __check<__O: ::netpack::__private::Endian>(
            __buf: &[u8],
            __offsets: &[usize],
        ) -> ::core::result::Result<(), ::netpack::Error> {
            {
                let __w: u64 = __np::read_run::<
                    __B0_SIZE,
                >(__buf, __offsets[__V0], false);
                __np::bit_check::<u8>(__w, __B0_SLOTS[0])
                    .map_err(|e| {
                        let at = match __offsets.get(__V0) {
                            ::core::option::Option::Some(at) => *at,
                            ::core::option::Option::None => 0,
                        };
                        __np::in_field(e, "Header.version", at)
                    })?;
                __np::bit_check::<u8>(__w, __B0_SLOTS[1])
                    .map_err(|e| {
                        let at = match __offsets.get(__V0) {
                            ::core::option::Option::Some(at) => *at,
                            ::core::option::Option::None => 0,
                        };
                        __np::in_field(e, "Header.ihl", at)
                    })?;
            }
            <u16 as ::netpack::NetPack>::__check::<__O>(__buf, &__offsets[__V1..])
                .map_err(|e| {
                    let at = match __offsets.get(__V1) {
                        ::core::option::Option::Some(at) => *at,
                        ::core::option::Option::None => 0,
                    };
                    __np::in_field(e, "Header.total_len", at)
                })?;
            {
                let __w: u64 = __np::read_run::<
                    __B1_SIZE,
                >(__buf, __offsets[__V2], false);
                __np::bit_check::<u8>(__w, __B1_SLOTS[0])
                    .map_err(|e| {
                        let at = match __offsets.get(__V2) {
                            ::core::option::Option::Some(at) => *at,
                            ::core::option::Option::None => 0,
                        };
                        __np::in_field(e, "Header.flags", at)
                    })?;
                __np::bit_check::<Opcode>(__w, __B1_SLOTS[1])
                    .map_err(|e| {
                        let at = match __offsets.get(__V2) {
                            ::core::option::Option::Some(at) => *at,
                            ::core::option::Option::None => 0,
                        };
                        __np::in_field(e, "Header.opcode", at)
                    })?;
                __np::bit_check::<i16>(__w, __B1_SLOTS[2])
                    .map_err(|e| {
                        let at = match __offsets.get(__V2) {
                            ::core::option::Option::Some(at) => *at,
                            ::core::option::Option::None => 0,
                        };
                        __np::in_field(e, "Header.signed", at)
                    })?;
            }
            ::core::result::Result::Ok(())
        }
        #[inline]
        fn __decode<__O: ::netpack::__private::Endian>(
            __buf: &[u8],
            __offsets: &[usize],
        ) -> Self {
            {
                let __w0: u64 = __np::read_run::<
                    __B0_SIZE,
                >(__buf, __offsets[__V0], false);
                let __w2: u64 = __np::read_run::<
                    __B1_SIZE,
                >(__buf, __offsets[__V2], false);
                Self {
                    version: __np::bit_decode::<u8>(__w0, __B0_SLOTS[0]),
                    ihl: __np::bit_decode::<u8>(__w0, __B0_SLOTS[1]),
                    total_len: <u16 as ::netpack::NetPack>::__decode::<
                        __O,
                    >(__buf, &__offsets[__V1..]),
                    flags: __np::bit_decode::<u8>(__w2, __B1_SLOTS[0]),
                    opcode: __np::bit_decode::<Opcode>(__w2, __B1_SLOTS[1]),
                    signed: __np::bit_decode::<i16>(__w2, __B1_SLOTS[2]),
                }
            }
        }
        fn __to_values(&self, __out: &mut ::netpack::__private::Vec<::netpack::Value>) {
            {
                let __w: u64 = 0u64 | __np::bit_cut::<u8>(&self.version, __B0_SLOTS[0])
                    | __np::bit_cut::<u8>(&self.ihl, __B0_SLOTS[1]);
                <[u8; __B0_SIZE] as ::netpack::NetPack>::__to_values(
                    &__np::run_bytes::<__B0_SIZE>(__w, false),
                    __out,
                );
            }
            <u16 as ::netpack::NetPack>::__to_values(&self.total_len, __out);
            {
                let __w: u64 = 0u64 | __np::bit_cut::<u8>(&self.flags, __B1_SLOTS[0])
                    | __np::bit_cut::<Opcode>(&self.opcode, __B1_SLOTS[1])
                    | __np::bit_cut::<i16>(&self.signed, __B1_SLOTS[2]);
                <[u8; __B1_SIZE] as ::netpack::NetPack>::__to_values(
                    &__np::run_bytes::<__B1_SIZE>(__w, false),
                    __out,
                );
            }
        }
        fn __from_values(
            __values: &[::netpack::Value],
            __first: usize,
            __order: ::netpack::Order,
        ) -> ::core::result::Result<Self, ::netpack::Error> {
            {
                let __bytes0: [u8; __B0_SIZE] = <[u8; __B0_SIZE] as ::netpack::NetPack>::__from_values(
                    &__values[__V0..],
                    __first + __V0,
                    __order,
                )?;
                let __w0: u64 = __np::read_run::<__B0_SIZE>(&__bytes0, 0, false);
                let __bytes2: [u8; __B1_SIZE] = <[u8; __B1_SIZE] as ::netpack::NetPack>::__from_values(
                    &__values[__V2..],
                    __first + __V2,
                    __order,
                )?;
                let __w2: u64 = __np::read_run::<__B1_SIZE>(&__bytes2, 0, false);
                ::core::result::Result::Ok(Self {
                    version: __np::bit_decode_checked::<u8>(__w0, __B0_SLOTS[0])
                        .map_err(|e| __np::in_field_encoding(e, "Header.version"))?,
                    ihl: __np::bit_decode_checked::<u8>(__w0, __B0_SLOTS[1])
                        .map_err(|e| __np::in_field_encoding(e, "Header.ihl"))?,
                    total_len: <u16 as ::netpack::NetPack>::__from_values(
                        &__values[__V1..],
                        __first + __V1,
                        __order,
                    )?,
                    flags: __np::bit_decode_checked::<u8>(__w2, __B1_SLOTS[0])
                        .map_err(|e| __np::in_field_encoding(e, "Header.flags"))?,
                    opcode: __np::bit_decode_checked::<Opcode>(__w2, __B1_SLOTS[1])
                        .map_err(|e| __np::in_field_encoding(e, "Header.opcode"))?,
                    signed: __np::bit_decode_checked::<i16>(__w2, __B1_SLOTS[2])
                        .map_err(|e| __np::in_field_encoding(e, "Header.signed"))?,
                })
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
    const __B0_CODE_flags: &str = __np::bit_code(<u8 as ::netpack::NetPack>::__SHAPE, 2);
    const __B0_CODE_err: &str = __np::bit_code(<bool as ::netpack::NetPack>::__SHAPE, 1);
    const __B0_CODE_id: &str = __np::bit_code(<u32 as ::netpack::NetPack>::__SHAPE, 29);
    const __B0_PIECES: &[&str] = &[
        __B0_CODE_flags,
        "2",
        __B0_CODE_err,
        "1",
        __B0_CODE_id,
        "29",
    ];
    const __B0_TEXT: __np::ConstVec<u8, { __np::text_len(__B0_PIECES) }> = __np::ConstVec::joined(
        __B0_PIECES,
    );
    const __B0_FORMAT: &str = __B0_TEXT.as_str();
    const __B0_SIZE: usize = __np::bit_run_size(__B0_FORMAT);
    const __B0_SLOTS: [__np::BitSlot; 3] = __np::bit_slots::<3>(__B0_FORMAT);
    const __PIECES: &[&str] = &[
        "bitstruct.byteswap(\"4\", ",
        "bitstruct.pack(\"",
        __B0_FORMAT,
        "\", flags, err, id)",
        ")",
    ];
    const __PARTS_TEXT: __np::ConstVec<u8, { __np::text_len(__PIECES) }> = __np::ConstVec::joined(
        __PIECES,
    );
    const __PARTS: &str = __PARTS_TEXT.as_str();
    const __FIELDS: __np::Shape = __np::Shape::Seq(
        &[<[u8; __B0_SIZE] as ::netpack::NetPack>::__SHAPE],
    );
    const __SHAPE: __np::Shape = __FIELDS;
    const __LEN: usize = __SHAPE.format_len() + 1;
    const __TEXT: __np::ConstVec<u8, __LEN> = __SHAPE.render(b'<');
    const __FORMAT: &str = __np::checked_format(
        __TEXT.as_str(),
        "netpack: a field of `CanId` holds `isize`, `usize` or code `n`, `N` or `P`, which exist only in native order: add #[netpack(order = \"@\")]",
    );
    const _: () = if let ::core::option::Option::Some(m) = __np::nested_order_conflict(
        "CanId",
        b'<',
        <[u8; __B0_SIZE] as ::netpack::NetPack>::__EXPLICIT_ORDER,
    ) {
        ::core::panic!("{}", m.as_str())
    };
    const __V0: usize = 0;
    const __V1: usize = __V0 + <[u8; __B0_SIZE] as ::netpack::NetPack>::__VALUES;
    const __CHECKED: &str = match __np::check_layout(__FORMAT, &__FIELDS) {
        ::core::result::Result::Ok(()) => __FORMAT,
        ::core::result::Result::Err(m) => {
            if m.value < __V1 {
                ::core::panic!(
                    "netpack: the bit fields from `id` does not match the format"
                );
            }
            ::core::panic!(
                "netpack: the format has more values than the fields of `CanId`"
            )
        }
    };
    const __VALUES: usize = __np::values_of_format(__CHECKED);
    const __OFFSET_LIST: __np::ConstVec<usize, __VALUES> = __np::value_offsets(
        __CHECKED,
    );
    #[automatically_derived]
    impl ::netpack::NetPack for CanId {
        const FORMAT: &'static str = __CHECKED;
        const __SHAPE: ::netpack::__private::Shape = __SHAPE;
        const __OFFSETS: &'static [usize] = __OFFSET_LIST.as_slice();
        type __Order = ::netpack::__private::LittleEndian;
        const __EXPLICIT_ORDER: ::netpack::__private::ExplicitOrder = ::core::option::Option::Some((
            b'<',
            "CanId",
        ));
        const __PARTS: &'static str = __PARTS;
        #[inline]
        fn __encode<__O: ::netpack::__private::Endian>(
            &self,
            __buf: &mut [u8],
            __offsets: &[usize],
        ) -> ::core::result::Result<(), ::netpack::Error> {
            {
                let __w: u64 = 0u64
                    | __np::bit_encode::<u32>(&self.id, __B0_SLOTS[2])
                        .map_err(|e| __np::in_field_encoding(e, "CanId.id"))?
                    | __np::bit_encode::<bool>(&self.err, __B0_SLOTS[1])
                        .map_err(|e| __np::in_field_encoding(e, "CanId.err"))?
                    | __np::bit_encode::<u8>(&self.flags, __B0_SLOTS[0])
                        .map_err(|e| __np::in_field_encoding(e, "CanId.flags"))?;
                __np::write_run::<__B0_SIZE>(__buf, __offsets[__V0], __w, true);
            }
            ::core::result::Result::Ok(())
        }
        #[inline]
        fn __check<__O: ::netpack::__private::Endian>(
            __buf: &[u8],
            __offsets: &[usize],
        ) -> ::core::result::Result<(), ::netpack::Error> {
            {
                let __w: u64 = __np::read_run::<__B0_SIZE>(__buf, __offsets[__V0], true);
                __np::bit_check::<u32>(__w, __B0_SLOTS[2])
                    .map_err(|e| {
                        let at = match __offsets.get(__V0) {
                            ::core::option::Option::Some(at) => *at,
                            ::core::option::Option::None => 0,
                        };
                        __np::in_field(e, "CanId.id", at)
                    })?;
                __np::bit_check::<bool>(__w, __B0_SLOTS[1])
                    .map_err(|e| {
                        let at = match __offsets.get(__V0) {
                            ::core::option::Option::Some(at) => *at,
                            ::core::option::Option::None => 0,
                        };
                        __np::in_field(e, "CanId.err", at)
                    })?;
                __np::bit_check::<u8>(__w, __B0_SLOTS[0])
                    .map_err(|e| {
                        let at = match __offsets.get(__V0) {
                            ::core::option::Option::Some(at) => *at,
                            ::core::option::Option::None => 0,
                        };
                        __np::in_field(e, "CanId.flags", at)
                    })?;
            }
            ::core::result::Result::Ok(())
        }
        #[inline]
        fn __decode<__O: ::netpack::__private::Endian>(
            __buf: &[u8],
            __offsets: &[usize],
        ) -> Self {
            {
                let __w0: u64 = __np::read_run::<
                    __B0_SIZE,
                >(__buf, __offsets[__V0], true);
                Self {
                    id: __np::bit_decode::<u32>(__w0, __B0_SLOTS[2]),
                    err: __np::bit_decode::<bool>(__w0, __B0_SLOTS[1]),
                    flags: __np::bit_decode::<u8>(__w0, __B0_SLOTS[0]),
                }
            }
        }
        fn __to_values(&self, __out: &mut ::netpack::__private::Vec<::netpack::Value>) {
            {
                let __w: u64 = 0u64 | __np::bit_cut::<u32>(&self.id, __B0_SLOTS[2])
                    | __np::bit_cut::<bool>(&self.err, __B0_SLOTS[1])
                    | __np::bit_cut::<u8>(&self.flags, __B0_SLOTS[0]);
                <[u8; __B0_SIZE] as ::netpack::NetPack>::__to_values(
                    &__np::run_bytes::<__B0_SIZE>(__w, true),
                    __out,
                );
            }
        }
        fn __from_values(
            __values: &[::netpack::Value],
            __first: usize,
            __order: ::netpack::Order,
        ) -> ::core::result::Result<Self, ::netpack::Error> {
            {
                let __bytes0: [u8; __B0_SIZE] = <[u8; __B0_SIZE] as ::netpack::NetPack>::__from_values(
                    &__values[__V0..],
                    __first + __V0,
                    __order,
                )?;
                let __w0: u64 = __np::read_run::<__B0_SIZE>(&__bytes0, 0, true);
                ::core::result::Result::Ok(Self {
                    id: __np::bit_decode_checked::<u32>(__w0, __B0_SLOTS[2])
                        .map_err(|e| __np::in_field_encoding(e, "CanId.id"))?,
                    err: __np::bit_decode_checked::<bool>(__w0, __B0_SLOTS[1])
                        .map_err(|e| __np::in_field_encoding(e, "CanId.err"))?,
                    flags: __np::bit_decode_checked::<u8>(__w0, __B0_SLOTS[0])
                        .map_err(|e| __np::in_field_encoding(e, "CanId.flags"))?,
                })
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
    const __B_0_CODE_kind: &str = __np::bit_code(<u8 as ::netpack::NetPack>::__SHAPE, 4);
    const __B_0_CODE_len: &str = __np::bit_code(<u8 as ::netpack::NetPack>::__SHAPE, 4);
    const __B_0_PIECES: &[&str] = &[__B_0_CODE_kind, "4", __B_0_CODE_len, "4"];
    const __B_0_TEXT: __np::ConstVec<u8, { __np::text_len(__B_0_PIECES) }> = __np::ConstVec::joined(
        __B_0_PIECES,
    );
    const __B_0_FORMAT: &str = __B_0_TEXT.as_str();
    const __B_0_SIZE: usize = __np::bit_run_size(__B_0_FORMAT);
    const __B_0_SLOTS: [__np::BitSlot; 2] = __np::bit_slots::<2>(__B_0_FORMAT);
    const __PIECES: &[&str] = &[
        "bitstruct.pack(\"",
        __B_0_FORMAT,
        "\", kind, len)",
        " + ",
        "value",
    ];
    const __PARTS_TEXT: __np::ConstVec<u8, { __np::text_len(__PIECES) }> = __np::ConstVec::joined(
        __PIECES,
    );
    const __PARTS: &str = __PARTS_TEXT.as_str();
    #[automatically_derived]
    impl ::netpack::Capped for Tlv {}
    #[automatically_derived]
    impl<'__a> ::netpack::Message<'__a> for Tlv {
        const PARTS: &'static str = __PARTS;
        const MAX_SIZE: ::core::option::Option<usize> = __np::sum_bounds(
            &[
                ::core::option::Option::Some(__B_0_SIZE),
                __np::field_bound(
                    ::core::option::Option::None,
                    ::core::option::Option::Some(255),
                    <Vec<u8> as __np::Variable<'__a>>::ELEMENT,
                    0,
                ),
            ],
        );
        const __DELIMITED: bool = true;
        const __NAME: &'static str = "Tlv";
        #[inline]
        fn encoded_len(&self) -> usize {
            let Self { kind: __f_kind, len: __f_len, value: __f_value } = self;
            0 + __B_0_SIZE
                + <Vec<u8> as __np::Variable<'__a>>::count(__f_value)
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
                    let Self { kind: __f_kind, len: __f_len, value: __f_value } = self;
                    let __n_value: usize = <Vec<
                        u8,
                    > as __np::Variable<'__a>>::count(__f_value);
                    __np::check_length(__f_len, "len", __n_value)
                        .map_err(|e| __np::in_field_encoding(e, "Tlv.value"))?;
                    {
                        let __w: u64 = 0u64
                            | __np::bit_encode::<u8>(__f_kind, __B_0_SLOTS[0])
                                .map_err(|e| __np::in_field_encoding(e, "Tlv.kind"))?
                            | __np::bit_encode::<u8>(__f_len, __B_0_SLOTS[1])
                                .map_err(|e| __np::in_field_encoding(e, "Tlv.len"))?;
                        let __p = __np::part(__out, __B_0_SIZE);
                        __np::write_run::<__B_0_SIZE>(__p, 0, __w, false);
                    }
                    <Vec<u8> as __np::Variable<'__a>>::encode::<__O>(__f_value, __out)
                        .map_err(|e| __np::in_field_encoding(e, "Tlv.value"))?;
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
            let __p = __np::fixed(__buf, __pos, __B_0_SIZE)
                .map_err(|e| __np::in_field(e, "Tlv.kind", __pos))?;
            let __w: u64 = __np::read_run::<__B_0_SIZE>(__p, 0, false);
            let __f_kind: u8 = __np::bit_decode_checked::<u8>(__w, __B_0_SLOTS[0])
                .map_err(|e| __np::in_field(e, "Tlv.kind", __pos))?;
            let __f_len: u8 = __np::bit_decode_checked::<u8>(__w, __B_0_SLOTS[1])
                .map_err(|e| __np::in_field(e, "Tlv.len", __pos))?;
            __pos += __B_0_SIZE;
            let __n_value: usize = __np::length_of(&__f_len)
                .map_err(|e| __np::in_field(e, "Tlv.value", __pos))?;
            let (__f_value, __used): (Vec<u8>, usize) = __np::decode_counted::<
                __O,
                Vec<u8>,
            >(__buf, __pos, __n_value, ::core::option::Option::None)
                .map_err(|e| __np::in_field(e, "Tlv.value", __pos))?;
            __pos += __used;
            ::core::result::Result::Ok((
                Self {
                    kind: __f_kind,
                    len: __f_len,
                    value: __f_value,
                },
                __pos - __start,
            ))
        }
    }
};
