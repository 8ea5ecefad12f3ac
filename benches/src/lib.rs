//! netpack benchmarks (see README.md).
