//! The UDP chat datagram shared by `udp_chat` and `udp_broadcast`, one derived
//! message type: a 13-byte header, Python's `struct.pack("!BIQ", kind, seq,
//! sent_ms)`, then the text in UTF-8 up to the end of the datagram
//! (`#[netpack(rest)]`).
//!
//! UDP keeps message boundaries, so no length field is needed; but a datagram can
//! be lost, duplicated or reordered, which the sequence number shows. The tutorial
//! received with `recvfrom(1024)`, which silently cuts longer datagrams: here the
//! receive buffer holds the largest one UDP can carry.

pub use crate::now_ms;
use netpack::{Message, NetPack};
use std::net::{SocketAddr, ToSocketAddrs, UdpSocket};

pub mod broadcast;
pub mod chat;

/// Python: `TEXT, BYE = 1, 2`.
#[derive(NetPack, Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Kind {
    /// A chat line.
    Text = 1,
    /// The sender is leaving; the chat ends.
    Bye = 2,
}

/// One chat datagram. Python:
/// `struct.pack("!BIQ", kind, seq, sent_ms) + text.encode()`, read back with
/// `struct.unpack_from("!BIQ", data)` and `data[13:].decode()`.
#[derive(NetPack, Clone, Debug, PartialEq, Eq)]
#[netpack(order = "!")]
pub struct Datagram {
    pub kind: Kind,
    /// 1, 2, 3… per sender: a gap is a lost datagram, a step back a late one.
    pub seq: u32,
    /// Milliseconds since 1970 when it was sent.
    pub sent_ms: u64,
    /// UTF-8 checked on decoding.
    #[netpack(rest, max = MAX_TEXT)]
    pub text: String,
}

/// The header's size, Python's `struct.calcsize("!BIQ")`.
pub const HEADER: usize = 13;

/// The largest UDP payload over IPv4 (65535 − 20 bytes of IP − 8 of UDP header).
pub const MAX_DATAGRAM: usize = 65_507;

/// The longest text that fits in one datagram.
pub const MAX_TEXT: usize = MAX_DATAGRAM - HEADER;

// A datagram is at most `MAX_DATAGRAM` bytes.
const _: () = assert!(matches!(
    <Datagram as Message>::MAX_SIZE,
    Some(n) if n == MAX_DATAGRAM
));

/// Why a datagram was not sent or not a message.
#[derive(Debug)]
pub enum Error {
    Io(std::io::Error),
    /// Too short for a header, an unknown kind, text that is not UTF-8 or
    /// too long for a datagram.
    Bad(netpack::Error),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Io(e) => write!(f, "i/o error: {e}"),
            Error::Bad(e) => write!(f, "bad datagram: {e}"),
        }
    }
}

impl std::error::Error for Error {}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Error {
        Error::Io(e)
    }
}

/// Sends one message, stamped now. Python:
/// `sock.sendto(struct.pack("!BIQ", kind, seq, now_ms()) + text.encode(), to)`.
pub fn send(
    socket: &UdpSocket,
    to: impl ToSocketAddrs,
    kind: Kind,
    seq: u32,
    text: &str,
) -> Result<(), Error> {
    let message = Datagram {
        kind,
        seq,
        sent_ms: now_ms(),
        text: text.to_string(),
    };
    let datagram = message.encode().map_err(Error::Bad)?;
    socket.send_to(&datagram, to)?;
    Ok(())
}

/// Reads a datagram's bytes as a message.
pub fn parse(datagram: &[u8]) -> Result<Datagram, Error> {
    Datagram::decode(datagram).map_err(Error::Bad)
}

/// Receives one datagram. Python: `data, addr = sock.recvfrom(65535)`.
///
/// An I/O error (including a read timeout) is `Err(Io)`; a datagram that is no
/// message is reported with its sender, so the caller can ignore it and go on.
pub fn receive(socket: &UdpSocket) -> Result<(SocketAddr, Result<Datagram, Error>), Error> {
    let mut buf = vec![0u8; MAX_DATAGRAM + 1];
    let (n, from) = socket.recv_from(&mut buf)?;
    Ok((from, parse(&buf[..n])))
}

/// The clock time of `ms` (UTC), as `HH:MM:SS`.
pub fn clock(ms: u64) -> String {
    let s = ms / 1000;
    format!("{:02}:{:02}:{:02}", s / 3600 % 24, s / 60 % 60, s % 60)
}
