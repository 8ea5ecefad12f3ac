//! Shared checks for netpack's tests, property tests and fuzz targets.
