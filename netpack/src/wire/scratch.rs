//! A scratch buffer for one record: on the stack up to [`STACK`] bytes, so the
//! usual small message costs no allocation, and on the heap beyond.

use alloc::vec;

/// Records up to this size are staged on the stack.
const STACK: usize = 128;

/// Runs `f` with `size` zeroed bytes.
#[allow(dead_code)] // used by `io` and `buf`, each behind a feature
pub(crate) fn with_scratch<R>(size: usize, f: impl FnOnce(&mut [u8]) -> R) -> R {
    if size <= STACK {
        let mut stack = [0u8; STACK];
        f(&mut stack[..size])
    } else {
        f(&mut vec![0u8; size])
    }
}
