::core::compile_error! {
    "#[netpack(e)] needs an `f32` field"
}
#[automatically_derived]
impl ::netpack::NetPack for Wrong {
    const FORMAT: &'static str = "!";
    const __SHAPE: ::netpack::__private::Shape = ::netpack::__private::Shape::Seq(&[]);
    const __OFFSETS: &'static [usize] = &[];
    type __Order = ::netpack::__private::BigEndian;
    #[inline]
    fn __encode<__O: ::netpack::__private::Endian>(
        &self,
        __buf: &mut [u8],
        __offsets: &[usize],
    ) -> ::core::result::Result<(), ::netpack::Error> {
        ::core::unimplemented!()
    }
    #[inline]
    fn __decode<__O: ::netpack::__private::Endian>(
        __buf: &[u8],
        __offsets: &[usize],
    ) -> Self {
        ::core::unimplemented!()
    }
    fn __to_values(&self, __out: &mut ::netpack::__private::Vec<::netpack::Value>) {
        ::core::unimplemented!()
    }
    fn __from_values(
        __values: &[::netpack::Value],
        __first: usize,
        __order: ::netpack::Order,
    ) -> ::core::result::Result<Self, ::netpack::Error> {
        ::core::unimplemented!()
    }
}
