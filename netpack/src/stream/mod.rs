//! The streams: typed messages and `Struct` records on byte streams
//! ([`io`]: `std::io`, frames, tokio codecs) and on `bytes` buffers ([`buf`]),
//! with the fixed/variable dispatch they share in `staging`.
//!
//! No stream reader keeps hidden state per thread: the buffer a message is
//! assembled in belongs to the call ([`io::read`]) or to the caller
//! ([`io::read_with`]).

#[cfg(feature = "bytes")]
pub mod buf;
#[cfg(feature = "std")]
pub mod io;
pub(crate) mod staging;
