//! Golden expansion tests (zerocopy's `output_tests`, with the expected output
//! in files): each `tests/expand/NAME.rs` holds representative inputs (every
//! input shape, every field kind, the fallback after an error, `pack!` and
//! `unpack!`) and `tests/expand/NAME.expanded.rs` their expansion, formatted by
//! `prettyplease`. A change to the generated code shows as a diff here.
//!
//! To accept a change, re-bless the files and review the diff:
//!
//! ```text
//! NETPACK_BLESS=1 cargo test -p netpack-derive --lib output_tests
//! git diff netpack-derive/tests/expand
//! ```
//!
//! The expansions are also the check of the private contract: the names they
//! use under `netpack::__private` must be exactly what
//! `netpack/src/derive_support/mod.rs` exports.

use proc_macro2::{TokenStream, TokenTree};
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/expand")
}

/// The inputs, `NAME.rs` beside `NAME.expanded.rs`.
fn inputs() -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = fs::read_dir(dir())
        .expect("netpack-derive/tests/expand")
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            name.ends_with(".rs") && !name.ends_with(".expanded.rs")
        })
        .collect();
    out.sort();
    out
}

/// The expansion of every item of a file: a derive for each struct and enum,
/// `pack!` and `unpack!` for each macro item.
fn expand(file: &syn::File) -> Vec<TokenStream> {
    file.items
        .iter()
        .map(|item| match item {
            syn::Item::Struct(s) => crate::expand::derive(&syn::parse_quote!(#s)),
            syn::Item::Enum(e) => crate::expand::derive(&syn::parse_quote!(#e)),
            syn::Item::Macro(m) => {
                let tokens = m.mac.tokens.clone();
                let expr = match m.mac.path.segments.last().map(|s| s.ident.to_string()) {
                    Some(name) if name == "pack" => syn::parse2(tokens)
                        .and_then(|input| crate::macros::pack(&input))
                        .unwrap_or_else(syn::Error::into_compile_error),
                    Some(name) if name == "unpack" => syn::parse2(tokens)
                        .and_then(|input| crate::macros::unpack(&input))
                        .unwrap_or_else(syn::Error::into_compile_error),
                    other => panic!("tests/expand: no macro {other:?}"),
                };
                // An expression, formatted as the body of a function.
                quote::quote!(fn expansion() { let _ = #expr; })
            }
            other => panic!("tests/expand: unexpected item {}", quote::quote!(#other)),
        })
        .collect()
}

fn pretty(tokens: &[TokenStream]) -> String {
    let file: syn::File = syn::parse2(quote::quote!(#(#tokens)*))
        .unwrap_or_else(|e| panic!("an expansion is not Rust: {e}"));
    prettyplease::unparse(&file)
}

/// The first line where `want` and `got` differ, with its neighbours.
fn first_difference(want: &str, got: &str) -> String {
    let (want, got): (Vec<&str>, Vec<&str>) = (want.lines().collect(), got.lines().collect());
    let at = (0..want.len().max(got.len()))
        .find(|&i| want.get(i) != got.get(i))
        .unwrap_or(0);
    let show = |lines: &[&str]| {
        lines[at.saturating_sub(2)..(at + 3).min(lines.len())]
            .iter()
            .map(|l| format!("    {l}\n"))
            .collect::<String>()
    };
    format!(
        "first difference at line {}:\n  expected:\n{}  got:\n{}",
        at + 1,
        show(&want),
        show(&got)
    )
}

#[test]
fn expansions_match_the_golden_files() {
    let bless = std::env::var_os("NETPACK_BLESS").is_some();
    let mut failures = Vec::new();
    for input in inputs() {
        let source = fs::read_to_string(&input).expect("an input");
        let file = syn::parse_file(&source).expect("an input is Rust");
        let got = pretty(&expand(&file));
        let expected = input.with_extension("expanded.rs");
        if bless {
            fs::write(&expected, &got).expect("write the expansion");
            continue;
        }
        match fs::read_to_string(&expected) {
            Ok(want) if want == got => {}
            Ok(want) => failures.push(format!(
                "{} changed; {}",
                expected.display(),
                first_difference(&want, &got)
            )),
            Err(_) => failures.push(format!("{} is missing", expected.display())),
        }
    }
    assert!(
        failures.is_empty(),
        "{}\n\nIf the change is intended: NETPACK_BLESS=1 cargo test -p netpack-derive --lib output_tests, then review `git diff`.",
        failures.join("\n\n")
    );
}

/// The names after `netpack::__private::` (or its alias `__np::`) in `tokens`.
fn private_names(tokens: TokenStream, out: &mut BTreeSet<String>) {
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    for (i, tree) in trees.iter().enumerate() {
        if let TokenTree::Group(g) = tree {
            private_names(g.stream(), out);
        }
        let TokenTree::Ident(ident) = tree else {
            continue;
        };
        if ident != "__private" && ident != "__np" {
            continue;
        }
        let colons =
            |k: usize| matches!(trees.get(k), Some(TokenTree::Punct(p)) if p.as_char() == ':');
        if let (true, true, Some(TokenTree::Ident(name))) =
            (colons(i + 1), colons(i + 2), trees.get(i + 3))
        {
            out.insert(name.to_string());
        }
    }
}

/// What `pub mod __private` in `netpack/src/derive_support/mod.rs` exports.
fn exported() -> BTreeSet<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../netpack/src/derive_support/mod.rs");
    let source = fs::read_to_string(&path).expect("netpack/src/derive_support/mod.rs");
    let file = syn::parse_file(&source).expect("derive_support is Rust");
    let private = file
        .items
        .iter()
        .find_map(|item| match item {
            syn::Item::Mod(m) if m.ident == "__private" => m.content.as_ref(),
            _ => None,
        })
        .expect("pub mod __private { … }");
    let mut out = BTreeSet::new();
    for item in &private.1 {
        match item {
            syn::Item::Use(u) => use_names(&u.tree, &mut out),
            syn::Item::Fn(f) => drop(out.insert(f.sig.ident.to_string())),
            syn::Item::Trait(t) => drop(out.insert(t.ident.to_string())),
            _ => {}
        }
    }
    out
}

fn use_names(tree: &syn::UseTree, out: &mut BTreeSet<String>) {
    match tree {
        syn::UseTree::Path(p) => use_names(&p.tree, out),
        syn::UseTree::Name(n) => drop(out.insert(n.ident.to_string())),
        syn::UseTree::Rename(r) => drop(out.insert(r.rename.to_string())),
        syn::UseTree::Group(g) => g.items.iter().for_each(|t| use_names(t, out)),
        syn::UseTree::Glob(_) => panic!("__private re-exports by name, not with a glob"),
    }
}

/// `__private` exports exactly what generated code uses: an export no
/// expansion names is dead contract, a name no export has would not compile.
#[test]
fn the_private_contract_is_what_the_expansions_use() {
    let mut used = BTreeSet::new();
    for input in inputs() {
        let source = fs::read_to_string(&input).expect("an input");
        let file = syn::parse_file(&source).expect("an input is Rust");
        for tokens in expand(&file) {
            private_names(tokens, &mut used);
        }
    }
    let exported = exported();
    let unused: Vec<_> = exported.difference(&used).collect();
    let missing: Vec<_> = used.difference(&exported).collect();
    assert!(
        unused.is_empty() && missing.is_empty(),
        "netpack::__private and the generated code disagree:\n  exported, used by no expansion in tests/expand: {unused:?}\n  used, not exported: {missing:?}"
    );
}
