//! Shared checks for netpack's tests, property tests and fuzz targets.
//!
//! Each check is one function that panics with a precise message when netpack
//! breaks a rule; the property tests in `tests/tests/` and the fuzz targets in
//! `fuzz/` call the same functions, so a rule is written once.

pub mod bits_checks;
pub mod bits_zoo;
pub mod counting;
pub mod derive_checks;
pub mod format_zoo;
pub mod frame_checks;
pub mod message_checks;
pub mod message_model;
pub mod message_zoo;
pub mod oracle;
pub mod runtime_checks;
pub mod vectors;
pub mod zoo;

/// `2**e` exactly, built from its bits, for `-1022 <= e <= 1023`: test constants
/// must not depend on `f64::powi`, whose result the language does not promise
/// to be exact (Miri varies it on purpose).
///
/// ```
/// assert_eq!(netpack_tests::pow2(-24), 5.9604644775390625e-8);
/// assert_eq!(netpack_tests::pow2(10), 1024.0);
/// ```
pub const fn pow2(e: i32) -> f64 {
    assert!(
        -1022 <= e && e <= 1023,
        "pow2: exponent out of the normal range"
    );
    f64::from_bits(((e + 1023) as u64) << 52)
}
