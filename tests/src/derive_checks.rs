//! Checks that hold the derive and the runtime to each other.
