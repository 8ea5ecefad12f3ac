//! The impl skeletons: one builder for the `NetPack` impl (used by fixed structs,
//! fixed enums and the fallback after an error), one for the `Message` and
//! `OrderedMessage` impls (message structs and tagged enums), and the `Capped`
//! impl. The generators
//! fill in what differs; the signatures are written here once.

use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::{DeriveInput, Lifetime};

/// What differs between `NetPack` impls. The method bodies see `self`,
/// `__buf`, `__offsets`, `__out`, `__values`, `__first` and `__order`, and the
/// byte order as `__O`.
pub(crate) struct NetPackImpl {
    /// `FORMAT`.
    pub format: TokenStream,
    /// `__SHAPE`.
    pub shape: TokenStream,
    /// `__OFFSETS`, a `&'static [usize]`.
    pub offsets: TokenStream,
    /// `__Order`.
    pub endian: TokenStream,
    /// `__EXPLICIT_ORDER`, where an order was written on the type.
    pub explicit_order: Option<TokenStream>,
    /// `__PARTS`, where `struct.pack` of the format does not show the layout.
    pub parts: Option<TokenStream>,
    /// The body of `__encode`.
    pub encode: TokenStream,
    /// The body of `__check`, where bytes can be invalid.
    pub check: Option<TokenStream>,
    /// The body of `__decode`.
    pub decode: TokenStream,
    /// The body of `__to_values`.
    pub to_values: TokenStream,
    /// The body of `__from_values`.
    pub from_values: TokenStream,
}

impl NetPackImpl {
    /// The impl that stands in for one that could not be generated: it
    /// compiles, so the user sees the one error that matters, and is never run.
    pub(crate) fn stub() -> NetPackImpl {
        let unreachable = quote!(::core::unimplemented!());
        NetPackImpl {
            format: quote!("!"),
            shape: quote!(::netpack::__private::Shape::Seq(&[])),
            offsets: quote!(&[]),
            endian: quote!(::netpack::__private::BigEndian),
            explicit_order: None,
            parts: None,
            encode: unreachable.clone(),
            check: None,
            decode: unreachable.clone(),
            to_values: unreachable.clone(),
            from_values: unreachable,
        }
    }

    pub(crate) fn to_tokens(&self, input: &DeriveInput) -> TokenStream {
        let ty = &input.ident;
        let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
        let NetPackImpl {
            format,
            shape,
            offsets,
            endian,
            explicit_order,
            parts,
            encode,
            check,
            decode,
            to_values,
            from_values,
        } = self;
        let explicit_order = explicit_order.as_ref().map(
            |order| quote!(const __EXPLICIT_ORDER: ::netpack::__private::ExplicitOrder = #order;),
        );
        let parts = parts
            .as_ref()
            .map(|parts| quote!(const __PARTS: &'static str = #parts;));
        let check = check.as_ref().map(|check| {
            quote! {
                #[inline]
                fn __check<__O: ::netpack::__private::Endian>(
                    __buf: &[u8],
                    __offsets: &[usize],
                ) -> ::core::result::Result<(), ::netpack::Error> {
                    #check
                }
            }
        });
        quote! {
            #[automatically_derived]
            impl #impl_generics ::netpack::NetPack for #ty #ty_generics #where_clause {
                const FORMAT: &'static str = #format;
                const __SHAPE: ::netpack::__private::Shape = #shape;
                const __OFFSETS: &'static [usize] = #offsets;
                type __Order = #endian;
                #explicit_order
                #parts

                #[inline]
                fn __encode<__O: ::netpack::__private::Endian>(
                    &self,
                    __buf: &mut [u8],
                    __offsets: &[usize],
                ) -> ::core::result::Result<(), ::netpack::Error> {
                    #encode
                }
                #check
                #[inline]
                fn __decode<__O: ::netpack::__private::Endian>(__buf: &[u8], __offsets: &[usize]) -> Self {
                    #decode
                }
                fn __to_values(&self, __out: &mut ::netpack::__private::Vec<::netpack::Value>) {
                    #to_values
                }
                fn __from_values(
                    __values: &[::netpack::Value],
                    __first: usize,
                    __order: ::netpack::Order,
                ) -> ::core::result::Result<Self, ::netpack::Error> {
                    #from_values
                }
            }
        }
    }
}

/// What differs between `Message` impls. The method bodies see `self`,
/// `__out` (where this message began at `__begin`, the outermost one at
/// `__base`) and `__buf` (the whole input, this message at `__start`), the
/// byte order as `__O`, and the input's lifetime.
pub(crate) struct MessageImpl {
    /// `PARTS`.
    pub parts: TokenStream,
    /// `MAX_SIZE`, an `Option<usize>`.
    pub max_size: TokenStream,
    /// `__DELIMITED`.
    pub delimited: TokenStream,
    /// The type's name, for errors.
    pub name: String,
    /// The body of `encoded_len`.
    pub encoded_len: TokenStream,
    /// Statements appending the encoding to `__out` (atomically, by the caller).
    pub encode: TokenStream,
    /// The body of `__decode_at`: the message and the bytes it used from
    /// `__start`.
    pub decode: TokenStream,
}

/// The lifetime a `Message` impl is for: the type's own, or a fresh one.
pub(crate) fn lifetime(input: &DeriveInput) -> Lifetime {
    match input.generics.lifetimes().next() {
        Some(param) => param.lifetime.clone(),
        None => Lifetime::new("'__a", Span::call_site()),
    }
}

impl MessageImpl {
    /// `impl<'a> Trait<'a> for Type<'a>` (or `for Type`, the lifetime fresh)
    /// with the items every message trait has (`PARTS`, `MAX_SIZE`,
    /// `__DELIMITED`, `__NAME`, `encoded_len`), then `methods`.
    fn impl_of(
        &self,
        input: &DeriveInput,
        trait_: TokenStream,
        methods: TokenStream,
    ) -> TokenStream {
        let ty = &input.ident;
        let lt = lifetime(input);
        let head = match input.generics.lifetimes().next() {
            Some(_) => quote!(impl<#lt> #trait_<#lt> for #ty<#lt>),
            None => quote!(impl<#lt> #trait_<#lt> for #ty),
        };
        let MessageImpl {
            parts,
            max_size,
            delimited,
            name,
            encoded_len,
            ..
        } = self;
        quote! {
            #[automatically_derived]
            #head {
                const PARTS: &'static str = #parts;
                const MAX_SIZE: ::core::option::Option<usize> = #max_size;
                const __DELIMITED: bool = #delimited;
                const __NAME: &'static str = #name;

                #[inline]
                fn encoded_len(&self) -> usize {
                    #encoded_len
                }

                #methods
            }
        }
    }

    /// The `Message` impl.
    pub(crate) fn to_tokens(&self, input: &DeriveInput) -> TokenStream {
        let lt = lifetime(input);
        let MessageImpl { encode, decode, .. } = self;
        let methods = quote! {
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
                __buf: &#lt [u8],
            ) -> ::core::result::Result<(Self, usize), ::netpack::Error> {
                Self::__decode_at(__buf, 0)
            }

            #[inline]
            fn __encode_at(
                &self,
                __out: &mut ::netpack::__private::Vec<u8>,
                __base: usize,
            ) -> ::core::result::Result<(), ::netpack::Error> {
                ::netpack::__private::encode_atomic(__out, |__out| {
                    let __begin = __out.len();
                    #encode
                    ::core::result::Result::Ok(())
                })
            }

            #[inline]
            fn __decode_at(
                __buf: &#lt [u8],
                __start: usize,
            ) -> ::core::result::Result<(Self, usize), ::netpack::Error> {
                #decode
            }
        };
        self.impl_of(input, quote!(::netpack::Message), methods)
    }

    /// The `OrderedMessage` impl (`order = "runtime"`): here `encode` and
    /// `decode` are the bodies of `__encode_in` and `__decode_in`, generic over
    /// the byte order `__O`.
    pub(crate) fn to_ordered_tokens(&self, input: &DeriveInput) -> TokenStream {
        let lt = lifetime(input);
        let MessageImpl { encode, decode, .. } = self;
        let methods = quote! {
            #[inline]
            fn __encode_in<__O: __np::Endian>(
                &self,
                __out: &mut __np::Vec<u8>,
            ) -> ::core::result::Result<(), ::netpack::Error> {
                #encode
            }

            #[inline]
            fn __decode_in<__O: __np::Endian>(
                __buf: &#lt [u8],
            ) -> ::core::result::Result<(Self, usize), ::netpack::Error> {
                #decode
            }
        };
        self.impl_of(input, quote!(::netpack::OrderedMessage), methods)
    }
}

/// `impl<…> Capped for Type<…> where …`: with a bound for each nested message
/// type, higher-ranked so that an owned type's bound is checked where the impl
/// is used, not where it is written.
pub(crate) fn capped_impl(input: &DeriveInput, bounds: &[TokenStream]) -> TokenStream {
    let ty = &input.ident;
    let head = match input.generics.lifetimes().next() {
        Some(param) => {
            let lt = &param.lifetime;
            quote!(impl<#lt> ::netpack::Capped for #ty<#lt>)
        }
        None => quote!(impl ::netpack::Capped for #ty),
    };
    let clause = (!bounds.is_empty())
        .then(|| quote!(where #(for<'__x> #bounds: ::netpack::__private::CappedVia<'__x>),*));
    // With a bound that fails, the error is `Type: Capped`, not "`Capped` is
    // implemented for `Type`" beside it.
    let hide = clause
        .is_some()
        .then(|| quote!(#[diagnostic::do_not_recommend]));
    quote!(#[automatically_derived] #hide #head #clause {})
}
