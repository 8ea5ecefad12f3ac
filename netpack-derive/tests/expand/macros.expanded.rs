fn expansion() {
    let _ = {
        let __a0: u16 = 1;
        let __a1: f32 = 1.5;
        let __a2 = b"abc";
        let __a3 = b"xy";
        {
            #[allow(unused_imports)]
            use ::netpack::__private::AnyBytes as _;
            const __FORMAT: &str = "<He3s5p";
            const __SIZE: usize = ::netpack::__private::size_of_format(__FORMAT);
            const __OFFSET_LIST: ::netpack::__private::ConstVec<usize, 4> = ::netpack::__private::value_offsets(
                __FORMAT,
            );
            const __OFFSETS: &[usize] = __OFFSET_LIST.as_slice();
            let mut __buf = [0u8; __SIZE];
            let mut __result: ::core::result::Result<(), ::netpack::Error> = ::core::result::Result::Ok(());
            let _ = <u16 as ::netpack::NetPack>::__encode::<
                ::netpack::__private::LittleEndian,
            >(&__a0, &mut __buf, &__OFFSETS[0..]);
            __result = ::core::result::Result::and(
                __result,
                ::netpack::__private::locate(
                    <::netpack::__private::AsHalf as ::netpack::__private::FieldEncoding<
                        f32,
                    >>::encode::<
                        ::netpack::__private::LittleEndian,
                    >(&__a1, &mut __buf, &__OFFSETS[1..]),
                    1,
                    b'e',
                    2,
                ),
            );
            ::netpack::__private::write_bytes(
                &mut __buf[__OFFSETS[2]..__OFFSETS[2] + 3],
                ::netpack::__private::Bytes(&__a2).pack_arg(),
            );
            ::netpack::__private::write_pascal(
                &mut __buf[__OFFSETS[3]..__OFFSETS[3] + 5],
                ::netpack::__private::Bytes(&__a3).pack_arg(),
            );
            ::core::result::Result::map(__result, |()| __buf)
        }
    };
}
fn expansion() {
    let _ = {
        let __a0: u16 = 7;
        {
            #[allow(unused_imports)]
            use ::netpack::__private::AnyBytes as _;
            const __FORMAT: &str = "!H";
            const __SIZE: usize = ::netpack::__private::size_of_format(__FORMAT);
            const __OFFSET_LIST: ::netpack::__private::ConstVec<usize, 1> = ::netpack::__private::value_offsets(
                __FORMAT,
            );
            const __OFFSETS: &[usize] = __OFFSET_LIST.as_slice();
            let mut __buf = [0u8; __SIZE];
            let _ = <u16 as ::netpack::NetPack>::__encode::<
                ::netpack::__private::BigEndian,
            >(&__a0, &mut __buf, &__OFFSETS[0..]);
            __buf
        }
    };
}
fn expansion() {
    let _ = {
        let __data = &(&buf);
        {
            use ::netpack::__private::AnyBytes as _;
            const __FORMAT: &str = "!Hc";
            const __SIZE: usize = ::netpack::__private::size_of_format(__FORMAT);
            const __OFFSET_LIST: ::netpack::__private::ConstVec<usize, 2> = ::netpack::__private::value_offsets(
                __FORMAT,
            );
            const __OFFSETS: &[usize] = __OFFSET_LIST.as_slice();
            match ::netpack::__private::Bytes(__data).unpack_arg::<__SIZE>() {
                __bytes if __bytes.len() == __SIZE => {
                    ::core::result::Result::Ok((
                        <u16 as ::netpack::NetPack>::__decode::<
                            ::netpack::__private::BigEndian,
                        >(__bytes, &__OFFSETS[0..]),
                        <::netpack::__private::AsChar as ::netpack::__private::FieldEncoding<
                            u8,
                        >>::decode::<
                            ::netpack::__private::BigEndian,
                        >(__bytes, &__OFFSETS[1..]),
                    ))
                }
                _ => ::core::result::Result::Err(::netpack::Error::unpack_size(__SIZE)),
            }
        }
    };
}
