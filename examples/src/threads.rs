//! The threads of the servers that start one per client (`tcp_chat_server`,
//! two) or per transfer (`tftp serve`): [`spawn`] is their default
//! [`Spawn`](crate::Spawn).
//!
//! What runs out first under an address-space limit (`ulimit -v`) is address
//! space, and a process out of it aborts at its next allocation, in whichever
//! thread makes it ("memory allocation of 192 bytes failed", or glibc's
//! "failed to register TLS destructor: out of memory"): no server can catch
//! that. Threads take more of it than their stacks: glibc's malloc gives each
//! new thread an arena of its own while it has fewer than 8 per core, and each
//! arena reserves 64 MiB. Under `ulimit -v 300000` four of them take 256 of the
//! 293 MiB, and 128 stacks of 256 KiB took the rest: the threaded chat server
//! aborted with 64 clients. So [`spawn`]:
//!
//! - gives each thread a small stack, [`STACK`] (the servers' threads need
//!   little: a frame, a block and their buffers are on the heap);
//! - does not start a thread that would leave less than [`HEADROOM`] of the
//!   limit for the threads already running: it fails as when the system is
//!   out of threads, and the server refuses that client or transfer, cleanly,
//!   and goes on;
//! - always starts a thread in place of one that has ended: the process has
//!   already run that many at once, and the ended thread's stack and arena
//!   wait for the next one (glibc keeps them), so the server takes clients
//!   again once a crowd has gone.
//!
//! Without a limit (or where `/proc` does not tell it: not Linux) only the
//! stack size applies.

use std::io;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;

/// The stack of each thread.
pub const STACK: usize = 128 * 1024;

/// The address space a new thread must leave free under the process's limit,
/// for the threads already running to allocate their frames and queues.
pub const HEADROOM: u64 = 16 << 20;

/// Threads started by [`spawn`] and not ended, and the most there have been.
static RUNNING: AtomicUsize = AtomicUsize::new(0);
static MOST: AtomicUsize = AtomicUsize::new(0);

/// One of the [`RUNNING`] threads, counted until it is dropped.
struct Running;

impl Drop for Running {
    fn drop(&mut self) {
        RUNNING.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Starts `job` on a thread of [`STACK`] bytes, unless that would leave less
/// than [`HEADROOM`] of the address space the process may map (see the
/// module's documentation).
///
/// # Errors
///
/// [`io::ErrorKind::OutOfMemory`] when the address space is short, and
/// whatever [`thread::Builder::spawn`] fails with.
pub fn spawn(job: Box<dyn FnOnce() + Send>) -> io::Result<()> {
    let running = Running;
    let now = RUNNING.fetch_add(1, Ordering::SeqCst) + 1;
    if now > MOST.load(Ordering::SeqCst) {
        if let Some(left) = address_space_left() {
            if left < STACK as u64 + HEADROOM {
                return Err(io::Error::new(
                    io::ErrorKind::OutOfMemory,
                    format!(
                        "{:.1} MiB of address space left under the limit, {:.1} MiB needed to start a thread",
                        left as f64 / f64::from(1 << 20),
                        (STACK as u64 + HEADROOM) as f64 / f64::from(1 << 20)
                    ),
                ));
            }
        }
        MOST.fetch_max(now, Ordering::SeqCst);
    }
    thread::Builder::new()
        .stack_size(STACK)
        .spawn(move || {
            let _running = running;
            job();
        })
        .map(drop)
}

/// The address space the process may still map, in bytes: its soft limit
/// (`ulimit -v`, `RLIMIT_AS`) less what it maps now. `None` without a limit,
/// or where `/proc/self` does not say.
pub fn address_space_left() -> Option<u64> {
    let limits = std::fs::read_to_string("/proc/self/limits").ok()?;
    let soft = limits
        .lines()
        .find_map(|l| l.strip_prefix("Max address space"))?
        .split_whitespace()
        .next()?;
    let limit: u64 = soft.parse().ok()?; // "unlimited" is no number
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let kib: u64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmSize:"))?
        .trim()
        .strip_suffix("kB")?
        .trim()
        .parse()
        .ok()?;
    Some(limit.saturating_sub(kib * 1024))
}
