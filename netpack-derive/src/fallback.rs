//! What the derive emits after an error: the error, and a stub `NetPack` impl so
//! that code using the type does not add a cascade of "trait not implemented"
//! errors to the one that matters. The stub compiles on its own and is never
//! run: it is only emitted alongside a `compile_error!`.

use proc_macro2::TokenStream;
use quote::quote;
use syn::DeriveInput;

pub(crate) fn expand(input: &DeriveInput, error: syn::Error) -> TokenStream {
    let ty = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let error = error.to_compile_error();
    quote! {
        #error

        #[automatically_derived]
        impl #impl_generics ::netpack::NetPack for #ty #ty_generics #where_clause {
            const FORMAT: &'static str = "!";
            const __SHAPE: ::netpack::__private::Shape = ::netpack::__private::Shape::Seq(&[]);
            const __OFFSETS: &'static [usize] = &[];
            type __Order = ::netpack::__private::BigEndian;

            fn __encode<__O: ::netpack::__private::ByteOrder>(
                &self,
                _: &mut [u8],
                _: &[usize],
            ) -> ::core::result::Result<(), ::netpack::Error> {
                ::core::unimplemented!()
            }
            fn __decode<__O: ::netpack::__private::ByteOrder>(_: &[u8], _: &[usize]) -> Self {
                ::core::unimplemented!()
            }
            fn __to_values(&self, _: &mut ::netpack::__private::Vec<::netpack::Value>) {
                ::core::unimplemented!()
            }
            fn __check_values(
                _: &[::netpack::Value],
                _: usize,
                _: ::netpack::Order,
            ) -> ::core::result::Result<(), ::netpack::Error> {
                ::core::unimplemented!()
            }
            fn __from_values(_: &[::netpack::Value], _: ::netpack::Order) -> Self {
                ::core::unimplemented!()
            }
        }
    }
}
