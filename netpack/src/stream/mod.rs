//! The streams: typed messages and `Struct` records on byte streams
//! ([`io`]: `std::io`, frames, tokio codecs) and on `bytes` buffers ([`buf`]).

#[cfg(feature = "bytes")]
pub mod buf;
#[cfg(feature = "std")]
pub mod io;
