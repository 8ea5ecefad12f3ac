//! Shared checks for netpack's tests, property tests and fuzz targets.
//!
//! Each check is one function that panics with a precise message when netpack
//! breaks a rule; the property tests in `tests/tests/` and the fuzz targets in
//! `fuzz/` call the same functions, so a rule is written once.

pub mod derive_checks;
pub mod message_checks;
pub mod message_model;
pub mod message_zoo;
pub mod runtime_checks;
pub mod vectors;
pub mod zoo;
