//! The code of a run of bit fields: its bitstruct format, rendered in `const`
//! evaluation from the fields' types and bit lengths and parsed there by
//! `netpack_format::bits` into each field's shift and length; then one 64-bit
//! window per run, read or written at once, and a shift and a mask per field.
//!
//! In a fixed struct a run is laid out as a `[u8; SIZE]` of the struct's
//! format (its values are the run's bytes); in a message it is a part of its
//! own, `bitstruct.pack("u4u4u6u2", version, ihl, dscp, ecn)` in `PARTS`.

use super::field::field_span;
use super::message_body::{binding, field_path, Cx, PartCode};
use super::tokens::{self, lit};
use crate::bits::{Member, Run};
use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned, ToTokens};
use syn::spanned::Spanned;
use syn::Ident;

/// A run and the names of its `const`s.
pub(crate) struct RunCode<'r> {
    pub run: &'r Run<'r>,
    base: String,
}

impl<'r> RunCode<'r> {
    /// `base` makes the run's `const` names unique in the expansion.
    pub(crate) fn new(run: &'r Run<'r>, base: String) -> RunCode<'r> {
        RunCode { run, base }
    }

    fn name(&self, what: &str) -> Ident {
        format_ident!("{}_{}", self.base, what)
    }

    /// The run's byte length, a `const`.
    pub(crate) fn size(&self) -> Ident {
        self.name("SIZE")
    }

    /// `[u8; SIZE]`: the run as the struct format sees it.
    pub(crate) fn bytes_type(&self) -> TokenStream {
        let size = self.size();
        quote!([u8; #size])
    }

    /// The format, its size and the fields' slots.
    pub(crate) fn consts(&self) -> TokenStream {
        let (pieces, text, format, size, slots) = (
            self.name("PIECES"),
            self.name("TEXT"),
            self.name("FORMAT"),
            self.size(),
            self.name("SLOTS"),
        );
        let mut codes = TokenStream::new();
        let mut items = Vec::new();
        for (member, before, after) in self.run.rendered() {
            let code = self.name(&format!("CODE_{}", member.field.name()));
            let (ty, bits) = (member.field.ty, tokens::int(member.bits));
            // A type that cannot hold the bits is reported on the field.
            codes.extend(quote_spanned! {ty.span()=>
                const #code: &str = __np::bit_code(<#ty as ::netpack::NetPack>::__SHAPE, #bits);
            });
            if before > 0 {
                items.push(lit(&format!("p{before}")).to_token_stream());
            }
            items.push(quote!(#code));
            items.push(lit(&member.bits.to_string()).to_token_stream());
            if after > 0 {
                items.push(lit(&format!("p{after}")).to_token_stream());
            }
        }
        let n = tokens::int(self.run.members.len());
        quote! {
            #codes
            const #pieces: &[&str] = &[#(#items),*];
            const #text: __np::ConstVec<u8, { __np::text_len(#pieces) }> = __np::ConstVec::joined(#pieces);
            const #format: &str = #text.as_str();
            const #size: usize = __np::bit_run_size(#format);
            const #slots: [__np::BitSlot; #n] = __np::bit_slots::<#n>(#format);
        }
    }

    /// The slot of member `i`.
    fn slot(&self, i: usize) -> TokenStream {
        let (slots, k) = (self.name("SLOTS"), tokens::int(self.run.slot(i)));
        quote!(#slots[#k])
    }

    fn lsb(&self) -> TokenStream {
        if self.run.lsb {
            quote!(true)
        } else {
            quote!(false)
        }
    }

    /// A `u64` expression: the window of the members' values (`value(m)`, a
    /// `&T`), each refused with `on_error(m)` (a closure) when it does not fit.
    pub(crate) fn window(
        &self,
        value: impl Fn(&Member) -> TokenStream,
        on_error: impl Fn(&Member) -> TokenStream,
    ) -> TokenStream {
        let fields = self.run.members.iter().enumerate().map(|(i, m)| {
            let (ty, v, slot, on_error) = (m.field.ty, value(m), self.slot(i), on_error(m));
            quote!(__np::bit_encode::<#ty>(#v, #slot).map_err(#on_error)?)
        });
        quote!(0u64 #(| #fields)*)
    }

    /// A `u64` expression: the window of the members' values, each cut to its
    /// bits (for `to_values`, which cannot fail).
    pub(crate) fn window_cut(&self, value: impl Fn(&Member) -> TokenStream) -> TokenStream {
        let fields = self.run.members.iter().enumerate().map(|(i, m)| {
            let (ty, v, slot) = (m.field.ty, value(m), self.slot(i));
            quote!(__np::bit_cut::<#ty>(#v, #slot))
        });
        quote!(0u64 #(| #fields)*)
    }

    /// A statement writing `window` to `buf` at `at`.
    pub(crate) fn write(
        &self,
        buf: TokenStream,
        at: TokenStream,
        window: TokenStream,
    ) -> TokenStream {
        let (size, lsb) = (self.size(), self.lsb());
        quote!(__np::write_run::<#size>(#buf, #at, #window, #lsb);)
    }

    /// A `u64` expression: the window read from `buf` at `at`.
    pub(crate) fn read(&self, buf: TokenStream, at: TokenStream) -> TokenStream {
        let (size, lsb) = (self.size(), self.lsb());
        quote!(__np::read_run::<#size>(#buf, #at, #lsb))
    }

    /// The bytes of `window`, a `[u8; SIZE]` expression.
    pub(crate) fn bytes(&self, window: TokenStream) -> TokenStream {
        let (size, lsb) = (self.size(), self.lsb());
        quote!(__np::run_bytes::<#size>(#window, #lsb))
    }

    /// `(member, check, decode, checked decode)` expressions of each member from
    /// the window `w`.
    pub(crate) fn fields(&self, w: &Ident) -> Vec<(&Member<'r>, [TokenStream; 3])> {
        self.run
            .members
            .iter()
            .enumerate()
            .map(|(i, m)| {
                let (ty, slot) = (m.field.ty, self.slot(i));
                let exprs = [
                    quote!(__np::bit_check::<#ty>(#w, #slot)),
                    quote!(__np::bit_decode::<#ty>(#w, #slot)),
                    quote!(__np::bit_decode_checked::<#ty>(#w, #slot)),
                ];
                (m, exprs)
            })
            .collect()
    }

    /// The `PARTS` pieces: `bitstruct.pack("u4u4", a, b)`, byte-swapped for
    /// `lsb` (`bitstruct.byteswap("2", bitstruct.pack("u12u4", b, a))`).
    pub(crate) fn text(&self) -> Vec<TokenStream> {
        let names: Vec<String> = self
            .run
            .rendered()
            .iter()
            .map(|(m, _, _)| super::parts_text::name(m.field))
            .collect();
        let format = self.name("FORMAT");
        let tail = lit(&format!("\", {})", names.join(", ")));
        let mut out = vec![quote!("bitstruct.pack(\""), quote!(#format), quote!(#tail)];
        if self.run.lsb {
            let swap = lit(&format!("bitstruct.byteswap(\"{}\", ", self.run.bits() / 8));
            out.insert(0, swap.to_token_stream());
            out.push(quote!(")"));
        }
        out
    }

    /// Where an error about the run as a whole points: its first field.
    pub(crate) fn span(&self) -> proc_macro2::Span {
        field_span(self.run.members[0].field)
    }
}

/// A run of bit fields as a part of a message.
pub(super) fn part(cx: &Cx, k: usize, run: &Run) -> PartCode {
    let code = RunCode::new(run, format!("__B{}_{}", cx.id, k));
    let size = code.size();
    let window = code.window(
        |m| {
            let b = binding(m.field);
            quote!(#b)
        },
        |m| {
            let p = field_path(cx, m.field);
            quote!(|e| __np::in_field_encoding(e, #p))
        },
    );
    let write = code.write(quote!(__p), quote!(0), quote!(__w));
    let encode = quote!({
        let __w: u64 = #window;
        let __p = __np::part(__out, #size);
        #write
    });
    let first = field_path(cx, run.members[0].field);
    let w = format_ident!("__w");
    let read = code.read(quote!(__p), quote!(0));
    let mut decode = quote! {
        let __p = __np::fixed(__buf, __pos, #size).map_err(|e| __np::in_field(e, #first, __pos))?;
        let #w: u64 = #read;
    };
    for (m, [_, _, checked]) in code.fields(&w) {
        let (ty, b, p) = (m.field.ty, binding(m.field), field_path(cx, m.field));
        decode.extend(quote! {
            let #b: #ty = #checked.map_err(|e| __np::in_field(e, #p, __pos))?;
        });
    }
    decode.extend(quote!(__pos += #size;));
    PartCode {
        consts: code.consts(),
        text: code.text(),
        ..PartCode::fixed(quote!(#size), encode, decode)
    }
}
