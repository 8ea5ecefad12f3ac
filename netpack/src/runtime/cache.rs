//! The format cache behind the free functions: like CPython's module-level
//! functions, `netpack::pack(fmt, …)` parses `fmt` once per thread and reuses the
//! compiled [`Struct`] on later calls.

use crate::{Error, Struct};
use std::cell::RefCell;
use std::rc::Rc;
use std::vec::Vec;

/// CPython's `MAXCACHE`: when full, the cache is emptied and starts again.
const CAPACITY: usize = 100;

std::thread_local! {
    static CACHE: RefCell<Vec<Rc<Struct>>> = const { RefCell::new(Vec::new()) };
}

/// The compiled `Struct` for `format`, parsed on first use on this thread.
pub(crate) fn compiled(format: &str) -> Result<Rc<Struct>, Error> {
    let hit = CACHE.with(|cache| {
        let cache = cache.borrow();
        cache.iter().rev().find(|s| s.format() == format).cloned()
    });
    if let Some(s) = hit {
        return Ok(s);
    }
    let s = Rc::new(Struct::new(format)?);
    CACHE.with(|cache| {
        let mut cache = cache.borrow_mut();
        if cache.len() >= CAPACITY {
            cache.clear();
        }
        cache.push(Rc::clone(&s));
    });
    Ok(s)
}
