//! A counting allocator for the allocation tests: each test binary that measures
//! allocations installs [`Counting`] as its `#[global_allocator]` and wraps the
//! call under test in [`measure`].
//!
//! Counts are per thread (the tests of a binary run on several threads), and
//! only while [`measure`] runs: bytes (a `realloc` counts its new size), calls,
//! and the largest single request.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

/// The system allocator, counting what the current thread asks of it inside
/// [`measure`].
pub struct Counting;

thread_local! {
    static ON: Cell<bool> = const { Cell::new(false) };
    static BYTES: Cell<usize> = const { Cell::new(0) };
    static CALLS: Cell<usize> = const { Cell::new(0) };
    static LARGEST: Cell<usize> = const { Cell::new(0) };
}

fn note(size: usize) {
    // `try_with`: the allocator also runs while thread-locals are torn down.
    if ON.try_with(Cell::get).unwrap_or(false) {
        let _ = BYTES.try_with(|b| b.set(b.get() + size));
        let _ = CALLS.try_with(|c| c.set(c.get() + 1));
        let _ = LARGEST.try_with(|l| l.set(l.get().max(size)));
    }
}

// SAFETY: every call is forwarded unchanged to the system allocator; counting
// only touches `const`-initialised thread-locals, which never allocate.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        note(layout.size());
        // SAFETY: forwarded with the caller's guarantees.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        note(layout.size());
        // SAFETY: forwarded with the caller's guarantees.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        note(new_size);
        // SAFETY: forwarded with the caller's guarantees.
        unsafe { System.realloc(ptr, layout, new_size) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded with the caller's guarantees.
        unsafe { System.dealloc(ptr, layout) }
    }
}

/// What a call allocated on this thread: bytes (a `realloc` counts its new size)
/// and number of allocations.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Allocated {
    /// Bytes asked for, in all.
    pub bytes: usize,
    /// Allocations and reallocations.
    pub calls: usize,
}

/// No allocation at all.
pub const NOTHING: Allocated = Allocated { bytes: 0, calls: 0 };

/// Runs `f`, counting what it allocates on this thread.
pub fn measure<R>(f: impl FnOnce() -> R) -> (R, Allocated) {
    let (r, allocated, _) = measure_largest(f);
    (r, allocated)
}

/// As [`measure`], and the largest single allocation.
pub fn measure_largest<R>(f: impl FnOnce() -> R) -> (R, Allocated, usize) {
    BYTES.with(|b| b.set(0));
    CALLS.with(|c| c.set(0));
    LARGEST.with(|l| l.set(0));
    ON.with(|on| on.set(true));
    let r = f();
    ON.with(|on| on.set(false));
    let allocated = Allocated {
        bytes: BYTES.with(Cell::get),
        calls: CALLS.with(Cell::get),
    };
    (r, allocated, LARGEST.with(Cell::get))
}
