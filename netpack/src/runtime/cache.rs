//! The format cache behind the free functions: like CPython's module-level
//! functions, `netpack::pack(fmt, …)` parses `fmt` once and reuses the compiled
//! [`Struct`] on later calls.
//!
//! The cache is one per process, as CPython's, behind a lock, not one per
//! thread: a thread-local with a destructor makes the C library register that
//! destructor when a new thread first touches it, and under memory pressure
//! glibc aborts the whole process when it cannot ("failed to register TLS
//! destructor"). A static needs no registration. Reads take the lock shared,
//! so threads that hit the cache do not wait for each other.

use crate::error::Error;
use crate::runtime::structure::Struct;
use std::sync::{Arc, PoisonError, RwLock};
use std::vec::Vec;

/// CPython's `MAXCACHE`: when full, the cache is emptied and starts again.
const CAPACITY: usize = 100;

static CACHE: RwLock<Vec<Arc<Struct>>> = RwLock::new(Vec::new());

/// The compiled `Struct` for `format`, parsed on first use.
pub(crate) fn compiled(format: &str) -> Result<Arc<Struct>, Error> {
    // A panic while the lock was held left the list whole: each change is one
    // `push` or one `clear`.
    let hit = CACHE
        .read()
        .unwrap_or_else(PoisonError::into_inner)
        .iter()
        .rev()
        .find(|s| s.format() == format)
        .cloned();
    if let Some(s) = hit {
        return Ok(s);
    }
    let s = Arc::new(Struct::new(format)?);
    let mut cache = CACHE.write().unwrap_or_else(PoisonError::into_inner);
    if cache.len() >= CAPACITY {
        cache.clear();
    }
    cache.push(Arc::clone(&s));
    Ok(s)
}
