//! The derive's and the macros' compile errors: one file per mistake in `ui/`,
//! with the expected message in the `.stderr` beside it (`TRYBUILD=overwrite`
//! regenerates them; read each before committing).

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("ui/*.rs");
}
