//! The format cache behind the free functions: like CPython's module-level
//! functions, `netpack::pack(fmt, …)` parses `fmt` once and reuses the compiled
//! [`Struct`] on later calls.
//!
//! The cache is one per process, as CPython's, not one per thread: a
//! thread-local with a destructor makes the C library register that destructor
//! when a new thread first touches it, and under memory pressure glibc aborts
//! the whole process when it cannot ("failed to register TLS destructor").
//! Statics need no registration.
//!
//! A hit must cost little next to the work it saves (a `pack` of a few fields
//! takes nanoseconds), so the first formats are kept in fixed slots for the
//! life of the process: a hit there is a load and a string comparison, with no
//! lock and no reference count. Formats that find their slots taken go to a
//! list behind a lock, emptied when full as CPython's `MAXCACHE` is.

use crate::error::Error;
use crate::runtime::structure::Struct;
use std::sync::{Arc, OnceLock, PoisonError, RwLock};
use std::vec::Vec;

/// The fixed slots; a format may take the one its hash picks or the next
/// [`PROBES`] - 1.
const SLOTS: usize = 64;
const PROBES: usize = 4;

static SLOTTED: [OnceLock<Struct>; SLOTS] = [const { OnceLock::new() }; SLOTS];

/// CPython's `MAXCACHE`, for the formats without a slot: when full, the list
/// is emptied and starts again.
const CAPACITY: usize = 100;

static OVERFLOW: RwLock<Vec<Arc<Struct>>> = RwLock::new(Vec::new());

/// Runs `f` with the compiled `Struct` for `format`, parsed on first use.
pub(crate) fn with_compiled<R>(
    format: &str,
    f: impl FnOnce(&Struct) -> Result<R, Error>,
) -> Result<R, Error> {
    let first = slot_of(format);
    let mut parsed = None;
    for i in 0..PROBES {
        let slot = &SLOTTED[(first + i) % SLOTS];
        if slot.get().is_none() {
            let s = match parsed.take() {
                Some(s) => s,
                None => Struct::new(format)?,
            };
            // Another thread may have filled the slot meanwhile, with this
            // format or another.
            if let Err(s) = slot.set(s) {
                parsed = Some(s);
            }
        }
        if let Some(s) = slot.get().filter(|s| s.format() == format) {
            return f(s);
        }
    }
    f(&*overflow(format, parsed)?)
}

/// The slot a format picks: a hash of its length and three of its bytes, so
/// that a lookup costs a few instructions whatever the format's length (the
/// comparison that follows looks at all of it).
fn slot_of(format: &str) -> usize {
    let bytes = format.as_bytes();
    let at = |i: usize| bytes.get(i).map_or(0, |&b| usize::from(b));
    let n = bytes.len();
    let mix = n
        .wrapping_mul(0x9e37)
        .wrapping_add(at(0).wrapping_mul(31))
        .wrapping_add(at(n / 2).wrapping_mul(131))
        .wrapping_add(at(n.wrapping_sub(1)).wrapping_mul(1031));
    mix % SLOTS
}

/// The compiled `Struct` for a format without a slot, from the locked list;
/// `parsed` is the format already compiled, if it was.
fn overflow(format: &str, parsed: Option<Struct>) -> Result<Arc<Struct>, Error> {
    // A panic while the lock was held left the list whole: each change is one
    // `push` or one `clear`.
    let hit = OVERFLOW
        .read()
        .unwrap_or_else(PoisonError::into_inner)
        .iter()
        .rev()
        .find(|s| s.format() == format)
        .cloned();
    if let Some(s) = hit {
        return Ok(s);
    }
    let s = Arc::new(match parsed {
        Some(s) => s,
        None => Struct::new(format)?,
    });
    let mut cache = OVERFLOW.write().unwrap_or_else(PoisonError::into_inner);
    if cache.len() >= CAPACITY {
        cache.clear();
    }
    cache.push(Arc::clone(&s));
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::format;

    #[test]
    fn every_format_is_found_again_slotted_or_not() {
        // More formats than slots: some go to the locked list, and all give
        // their own `Struct` back.
        let formats: Vec<_> = (1..=3 * SLOTS).map(|n| format!("!{n}x")).collect();
        for _ in 0..2 {
            for (n, format) in formats.iter().enumerate() {
                let size = with_compiled(format, |s| {
                    assert_eq!(s.format(), format);
                    Ok(s.size())
                });
                assert_eq!(size, Ok(n + 1));
            }
        }
        assert!(with_compiled("!3", |_| Ok(())).is_err());
    }

    #[test]
    fn threads_that_race_for_slots_each_get_their_format() {
        std::thread::scope(|scope| {
            for t in 0..4 {
                scope.spawn(move || {
                    for n in 0..2 * SLOTS {
                        // Half the formats are shared by all threads.
                        let format = match n % 2 {
                            0 => format!("<{n}s"),
                            _ => format!("<{n}s{t}x"),
                        };
                        let size = with_compiled(&format, |s| {
                            assert_eq!(s.format(), format);
                            Ok(s.size())
                        });
                        assert_eq!(size, Ok(n + (n % 2) * t));
                    }
                });
            }
        });
    }
}
