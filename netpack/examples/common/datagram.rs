//! The UDP chat datagram shared by `udp_chat` and `udp_broadcast`: a 13-byte
//! header, Python's `struct.pack("!BIQ", kind, seq, sent_ms)`, then the text in
//! UTF-8 up to the end of the datagram.
//!
//! UDP keeps message boundaries, so no length field is needed; but a datagram can
//! be lost, duplicated or reordered, which the sequence number shows. The tutorial
//! received with `recvfrom(1024)`, which silently cuts longer datagrams: here the
//! receive buffer holds the largest one UDP can carry.
#![allow(dead_code)] // each example uses a part

use netpack::NetPack;
use std::net::{SocketAddr, ToSocketAddrs, UdpSocket};
use std::time::{SystemTime, UNIX_EPOCH};

/// Python: `TEXT, BYE = 1, 2`.
#[derive(NetPack, Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Kind {
    /// A chat line.
    Text = 1,
    /// The sender is leaving; the chat ends.
    Bye = 2,
}

/// Python: `struct.Struct("!BIQ")`: kind, sequence number, milliseconds since 1970.
#[derive(NetPack, Clone, Copy, Debug, PartialEq, Eq)]
#[netpack(order = "!")]
pub struct Header {
    pub kind: Kind,
    pub seq: u32,
    pub sent_ms: u64,
}

/// The largest UDP payload over IPv4 (65535 − 20 bytes of IP − 8 of UDP header).
pub const MAX_DATAGRAM: usize = 65_507;

/// The longest text that fits in one datagram.
pub const MAX_TEXT: usize = MAX_DATAGRAM - Header::SIZE;

/// One chat datagram.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    pub kind: Kind,
    pub seq: u32,
    pub sent_ms: u64,
    pub text: String,
}

/// Why a datagram was not a message.
#[derive(Debug)]
pub enum Error {
    Io(std::io::Error),
    /// Too short for a header, or an unknown kind.
    Header(netpack::Error),
    NotUtf8,
    TooLong(usize),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Io(e) => write!(f, "i/o error: {e}"),
            Error::Header(e) => write!(f, "bad datagram: {e}"),
            Error::NotUtf8 => f.write_str("bad datagram: text is not UTF-8"),
            Error::TooLong(n) => write!(f, "text of {n} bytes does not fit a datagram"),
        }
    }
}

impl std::error::Error for Error {}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Error {
        Error::Io(e)
    }
}

/// Milliseconds since 1970, as Python's `int(time.time() * 1000)`.
pub fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0)
}

/// Sends one message, stamped now. Python:
/// `sock.sendto(HEADER.pack(kind, seq, now_ms()) + text.encode(), to)`.
pub fn send(
    socket: &UdpSocket,
    to: impl ToSocketAddrs,
    kind: Kind,
    seq: u32,
    text: &str,
) -> Result<(), Error> {
    if text.len() > MAX_TEXT {
        return Err(Error::TooLong(text.len()));
    }
    let header = Header {
        kind,
        seq,
        sent_ms: now_ms(),
    };
    let mut datagram = header.try_pack().map_err(Error::Header)?;
    datagram.extend_from_slice(text.as_bytes());
    socket.send_to(&datagram, to)?;
    Ok(())
}

/// Reads a datagram's bytes as a message.
pub fn parse(datagram: &[u8]) -> Result<Message, Error> {
    let header = Header::unpack_from(datagram).map_err(Error::Header)?;
    let text = std::str::from_utf8(&datagram[Header::SIZE..]).map_err(|_| Error::NotUtf8)?;
    Ok(Message {
        kind: header.kind,
        seq: header.seq,
        sent_ms: header.sent_ms,
        text: text.to_string(),
    })
}

/// Receives one datagram. Python: `data, addr = sock.recvfrom(65535)`.
///
/// An I/O error (including a read timeout) is `Err(Io)`; a datagram that is no
/// message is reported with its sender, so the caller can ignore it and go on.
pub fn receive(socket: &UdpSocket) -> Result<(SocketAddr, Result<Message, Error>), Error> {
    let mut buf = vec![0u8; MAX_DATAGRAM + 1];
    let (n, from) = socket.recv_from(&mut buf)?;
    Ok((from, parse(&buf[..n])))
}

/// The clock time of `ms` (UTC), as `HH:MM:SS`.
pub fn clock(ms: u64) -> String {
    let s = ms / 1000;
    format!("{:02}:{:02}:{:02}", s / 3600 % 24, s / 60 % 60, s % 60)
}
