//! The programs of the classic Python socket tutorial, rebuilt on netpack and
//! written to survive the network: a UDP chat and broadcast ([`datagram`]), a
//! TFTP server and client ([`tftp`]), a threaded and an async TCP chat server
//! with their client ([`chat`]), a pcap reader ([`pcap`]), a DNS client
//! ([`dns`]) and a WAVE file reader ([`wav`]).
//!
//! Each program is a module of functions (`serve`, `get`, `put`, `run`,
//! `listen`, `dump`) that the tests in `examples/tests/` run on 127.0.0.1;
//! the binaries in `src/bin/` only parse their command line and call them:
//!
//! ```text
//! cargo run -p netpack-examples --bin tftp -- serve --root ./files --port 6969
//! cargo run -p netpack-examples --bin tcp_chat_server -- --port 9900
//! ```
//!
//! `examples/README.md` has every command, wire format and limit.
#![forbid(unsafe_code)]

pub mod chat;
pub mod cli;
pub mod datagram;
pub mod dns;
pub mod pcap;
pub mod tftp;
pub mod threads;
pub mod wav;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{SystemTime, UNIX_EPOCH};

/// Where a server writes what happens: standard error in the programs
/// ([`cli::log`]); the tests keep the lines.
pub type Log = Arc<dyn Fn(&str) + Send + Sync>;

/// Starts a thread. The servers take it as a parameter so that the tests can
/// make it fail, as it does when the system is out of threads or memory;
/// [`threads::spawn`] is the default.
pub type Spawn = fn(Box<dyn FnOnce() + Send>) -> std::io::Result<()>;

/// How long a UDP client waits for a reply, and how many times it sends its
/// request: [`tftp::RETRY`] and [`dns::RETRY`] are each protocol's defaults.
///
/// ```
/// use netpack_examples::{dns, Retry};
/// use std::time::Duration;
///
/// let patient = Retry { timeout: Duration::from_secs(5), ..dns::RETRY };
/// assert_eq!(patient.tries, 3);
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Retry {
    /// How long to wait for each reply.
    pub timeout: std::time::Duration,
    /// How many times to send.
    pub tries: u32,
}

/// Milliseconds since 1970, as Python's `int(time.time() * 1000)`.
pub fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0)
}

/// A lock that outlives a thread that panicked while holding it: the data (a
/// list of clients, a queue) is still sound.
pub(crate) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A place among a server's connections or transfers; given back when dropped.
pub(crate) struct Slot(Arc<AtomicUsize>);

impl Slot {
    /// Takes a place if fewer than `max` are taken.
    pub(crate) fn take(count: &Arc<AtomicUsize>, max: usize) -> Option<Slot> {
        count
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| {
                (n < max).then_some(n + 1)
            })
            .ok()
            .map(|_| Slot(count.clone()))
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}
