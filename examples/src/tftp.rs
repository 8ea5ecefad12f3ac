//! A TFTP server and client over UDP: RFC 1350, with the option negotiation
//! of RFC 2347 (`blksize`, `tsize`, `timeout`: RFC 2348 and 2349) and both of
//! RFC 1350's modes, octet and netascii. Files come from one folder, are read
//! and (with `--writable`) written in blocks, each acknowledged before the next.
//!
//! ```text
//! cargo run -p netpack-examples --bin tftp -- serve --root ./files --port 6969 --writable
//! cargo run -p netpack-examples --bin tftp -- get test.jpg --server 127.0.0.1:6969 --out copy.jpg
//! cargo run -p netpack-examples --bin tftp -- put copy.jpg --as upload.jpg --server 127.0.0.1:6969
//! python3 examples/python/tftp_client.py --server 127.0.0.1:6969 get test.jpg out.jpg
//! ```
//!
//! The packets are one derived type, [`packet::Packet`]; the tutorial's fixed
//! request `struct.pack("!H8sb", 1, b"test.jpg", 2)` lives on in netpack's
//! `quickstart` example. Here a request carries a NUL-terminated name and
//! mode, `struct.pack("!H", 1) + b"test.jpg\0" + b"octet\0"`, and options:
//!
//! ```text
//! #[derive(NetPack)]
//! #[netpack(tag = "H")]
//! pub enum Packet<'a> {
//!     #[netpack(tag = 1)]
//!     Read(Request<'a>),      // filename, mode: #[netpack(nul, max = …)] &'a str
//!     …
//!     #[netpack(tag = 3)]
//!     Data { block: u16, #[netpack(rest, max = 65464)] data: &'a [u8] },
//!     …
//! }
//! ```
//!
//! A received packet borrows its name, block or message from the receive
//! buffer: the server copies no byte of a datagram to decode it.
//!
//! The [`server`] answers each request from a new port (TFTP's transfer ID)
//! and sends a block again when its acknowledgement does not come in time, a
//! few times at most. It is written to survive the network, not only to
//! follow it: see its module. The [`client`] writes what it fetches beside
//! its target and renames it into place only when the transfer is complete.

pub mod client;
pub mod netascii;
pub mod options;
pub mod packet;
pub mod server;

pub use client::Client;
pub use packet::{
    ACCESS_VIOLATION, BAD_OPTION, DISK_FULL, FILE_EXISTS, FILE_NOT_FOUND, ILLEGAL_OPERATION,
    NOT_DEFINED,
};
pub use server::{check_name, serve, Config};

use netpack::Message;
use packet::Packet;
use std::fmt;
use std::fs::{File, OpenOptions};
use std::io::{self, Read, Write};
use std::net::{IpAddr, SocketAddr, UdpSocket};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

pub use crate::Retry;

/// How long a transfer waits for a packet, and how many times it sends one, by
/// default.
pub const RETRY: Retry = Retry {
    timeout: Duration::from_secs(1),
    tries: 5,
};

/// The two transfer modes of RFC 1350.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Mode {
    /// The bytes as they are.
    #[default]
    Octet,
    /// Text with CR LF line ends on the wire ([`netascii`]).
    Netascii,
}

impl Mode {
    /// The mode a request names, in any case; `None` for any other.
    pub fn parse(mode: &str) -> Option<Mode> {
        if mode.eq_ignore_ascii_case("octet") {
            Some(Mode::Octet)
        } else if mode.eq_ignore_ascii_case("netascii") {
            Some(Mode::Netascii)
        } else {
            None
        }
    }

    /// Its name in a request.
    pub fn name(self) -> &'static str {
        match self {
            Mode::Octet => "octet",
            Mode::Netascii => "netascii",
        }
    }
}

/// Why a transfer failed.
#[derive(Debug)]
pub enum TransferError {
    Io(io::Error),
    /// Nothing usable came back after `tries` sends of the packet that waits
    /// for `block` (a DATA block, or the ACK of one).
    TimedOut {
        block: u16,
        tries: u32,
    },
    /// The peer sent an ERROR.
    Refused {
        code: u16,
        message: String,
    },
    /// The peer sent something that is no packet, or not the expected one;
    /// it was told with an ERROR 4.
    Garbled(String),
    /// This side stopped the transfer and told the peer with this ERROR.
    Stopped {
        code: u16,
        message: String,
    },
    /// A file name a request cannot carry.
    BadName(String),
    /// A local path the client will not write to.
    BadTarget(String),
}

impl fmt::Display for TransferError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TransferError::Io(e) => write!(f, "i/o error: {e}"),
            TransferError::TimedOut { block, tries } => {
                write!(f, "timed out waiting for block {block} after {tries} tries")
            }
            TransferError::Refused { code, message } => write!(f, "error {code}: {message}"),
            TransferError::Garbled(what) => write!(f, "garbled packet: {what}"),
            TransferError::Stopped { code, message } => {
                write!(f, "stopped with error {code}: {message}")
            }
            TransferError::BadName(why) => write!(f, "bad file name: {why}"),
            TransferError::BadTarget(why) => write!(f, "{why}"),
        }
    }
}

impl std::error::Error for TransferError {}

impl From<io::Error> for TransferError {
    fn from(e: io::Error) -> TransferError {
        TransferError::Io(e)
    }
}

/// Receives one datagram before `deadline`; `Ok(None)` when the time is up.
fn receive_before(
    socket: &UdpSocket,
    deadline: Instant,
    buf: &mut [u8],
) -> io::Result<Option<(usize, SocketAddr)>> {
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Ok(None);
        }
        socket.set_read_timeout(Some(left))?;
        match socket.recv_from(buf) {
            Ok(received) => return Ok(Some(received)),
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::WouldBlock
                        | io::ErrorKind::TimedOut
                        | io::ErrorKind::Interrupted
                ) => {}
            Err(e) => return Err(e),
        }
    }
}

// ------------------------------------------------------------ one transfer

/// What to do with a packet that came from the peer while waiting.
enum Step<T> {
    /// The awaited packet.
    Done(T),
    /// A late duplicate: keep waiting, answer nothing.
    Ignore,
    /// The peer sent its last packet again because ours was lost: send ours again.
    Resend,
    /// A packet that has no place here: the transfer ends with an ERROR 4.
    Wrong(String),
}

/// One side of a transfer: its socket, and whom it talks to.
struct Link {
    socket: UdpSocket,
    /// The other side's transfer address. A client learns it from the first
    /// answer, which may come from any port of `server`.
    peer: Option<SocketAddr>,
    server: IpAddr,
    retry: Retry,
    /// The receive buffer: larger than any packet the transfer accepts, so
    /// that an oversized one is seen as such rather than silently cut.
    buf: Vec<u8>,
}

impl Link {
    /// A link that receives packets of up to `block` bytes of data.
    fn new(
        socket: UdpSocket,
        peer: Option<SocketAddr>,
        server: IpAddr,
        retry: Retry,
        block: usize,
    ) -> Link {
        Link {
            socket,
            peer,
            server,
            retry,
            buf: vec![0; block + 5],
        }
    }

    /// Talks only to `peer` from now on: the system then drops datagrams from
    /// anyone else, and reports an unreachable peer as an error.
    fn lock(&mut self, peer: SocketAddr) -> io::Result<()> {
        self.peer = Some(peer);
        self.socket.connect(peer)
    }

    /// Makes room for packets of `block` bytes of data.
    fn expect_blocks(&mut self, block: usize) {
        self.buf.resize(block + 5, 0);
    }

    /// Sends an ERROR, once: nobody answers an ERROR, so nothing loops.
    fn tell(&self, to: SocketAddr, code: u16, message: &str) {
        let _ = self.socket.send_to(&Packet::error(code, message), to);
    }

    /// Sends `packet` to `to` and waits for the packet `judge` accepts, sending
    /// again after each timeout, `retry.tries` times in all. `waiting_for` is
    /// the block number named in a timeout.
    fn exchange<T>(
        &mut self,
        packet: &[u8],
        to: SocketAddr,
        waiting_for: u16,
        mut judge: impl FnMut(Packet<'_>) -> Step<T>,
    ) -> Result<(T, SocketAddr), TransferError> {
        let mut buf = std::mem::take(&mut self.buf);
        let result = self.exchange_in(&mut buf, packet, to, waiting_for, &mut judge);
        self.buf = buf;
        result
    }

    fn exchange_in<T>(
        &mut self,
        buf: &mut [u8],
        packet: &[u8],
        to: SocketAddr,
        waiting_for: u16,
        judge: &mut impl FnMut(Packet<'_>) -> Step<T>,
    ) -> Result<(T, SocketAddr), TransferError> {
        for _ in 0..self.retry.tries {
            self.socket.send_to(packet, to)?;
            let deadline = Instant::now() + self.retry.timeout;
            while let Some((n, from)) = receive_before(&self.socket, deadline, buf)? {
                let locked = self.peer == Some(from);
                // RFC 1350 answers a stranger with ERROR 5. Its source address may
                // be forged, so the stranger gets nothing.
                if !locked && (self.peer.is_some() || from.ip() != self.server) {
                    continue;
                }
                let step = match Packet::decode(&buf[..n]) {
                    // Never answered, whoever sent it.
                    Ok(Packet::Error { code, message }) => {
                        return Err(TransferError::Refused {
                            code,
                            message: message.to_string(),
                        })
                    }
                    Ok(packet) => judge(packet),
                    Err(e) => Step::Wrong(e.to_string()),
                };
                match step {
                    Step::Done(value) => return Ok((value, from)),
                    Step::Ignore => {}
                    Step::Resend => {
                        self.socket.send_to(packet, to)?;
                    }
                    // Before the transfer has a peer, another port of the
                    // server's address is no transfer of ours: ignore it.
                    Step::Wrong(_) if !locked => {}
                    Step::Wrong(what) => {
                        self.tell(from, packet::ILLEGAL_OPERATION, &what);
                        return Err(TransferError::Garbled(what));
                    }
                }
            }
        }
        Err(TransferError::TimedOut {
            block: waiting_for,
            tries: self.retry.tries,
        })
    }

    /// After the last ACK of a write, waits one timeout for the last block to
    /// come again (our ACK lost) and acknowledges it again, as RFC 1350
    /// suggests.
    fn dally(&mut self, last_ack: &[u8]) {
        let deadline = Instant::now() + self.retry.timeout;
        while let Ok(Some((n, _))) = receive_before(&self.socket, deadline, &mut self.buf) {
            if let Ok(Packet::Data { .. }) = Packet::decode(&self.buf[..n]) {
                // The socket is connected to the peer: `send` goes to it.
                let _ = self.socket.send(last_ack);
            }
        }
    }
}

/// Reads up to `size` bytes of `file` into `block` (fewer only at its end).
fn read_block(file: &mut impl Read, block: &mut Vec<u8>, size: usize) -> io::Result<()> {
    block.clear();
    file.take(size as u64).read_to_end(block)?;
    Ok(())
}

/// Sends `file` to the link's peer at `to` in blocks of `size` bytes;
/// returns the bytes sent.
fn send_file(
    link: &mut Link,
    to: SocketAddr,
    file: &mut impl Read,
    size: usize,
) -> Result<u64, TransferError> {
    let mut sent = 0u64;
    let mut data = Vec::with_capacity(size);
    // Block numbers wrap from 65535 to 0 for files of more blocks.
    let mut block: u16 = 1;
    loop {
        if let Err(e) = read_block(file, &mut data, size) {
            link.tell(to, packet::NOT_DEFINED, "read error");
            return Err(e.into());
        }
        let packet = Packet::Data { block, data: &data }.datagram();
        link.exchange(&packet, to, block, |answer| match answer {
            Packet::Ack { block: acked } if acked == block => Step::Done(()),
            // A late duplicate. Sending the block again on it would double every
            // packet from then on (the "Sorcerer's Apprentice" bug of RFC 1123).
            Packet::Ack { .. } => Step::Ignore,
            other => Step::Wrong(format!("expected ACK {block}, got {}", other.name())),
        })?;
        sent += data.len() as u64;
        if data.len() < size {
            return Ok(sent);
        }
        block = block.wrapping_add(1);
    }
}

/// Receives a file into `out` in blocks of `size` bytes from the link's
/// peer at `to`: sends `first` (ACK 0 or an OACK) and acknowledges each block.
/// `pending` is block 1 when it came already (the answer to a request).
/// Returns the bytes received and the last acknowledgement, not yet sent:
/// the caller sends it once the file is where it belongs.
fn receive_file(
    link: &mut Link,
    first: Vec<u8>,
    to: SocketAddr,
    out: &mut impl Write,
    (size, max): (usize, u64),
    mut pending: Option<Vec<u8>>,
) -> Result<(u64, Vec<u8>), TransferError> {
    let mut received = 0u64;
    let mut expected: u16 = 1;
    let mut last = first;
    loop {
        let data = match pending.take() {
            Some(data) => data,
            None => {
                let judge = |packet: Packet<'_>| match packet {
                    // The block is copied out of the receive buffer, which the
                    // next datagram overwrites.
                    Packet::Data { block, data } if block == expected && data.len() <= size => {
                        Step::Done(data.to_vec())
                    }
                    Packet::Data { data, .. } if data.len() > size => Step::Wrong(format!(
                        "a block of {} bytes, over the {size} agreed",
                        data.len()
                    )),
                    // Our acknowledgement was lost and the block came again.
                    Packet::Data { block, .. } if block == expected.wrapping_sub(1) => Step::Resend,
                    other => Step::Wrong(format!("expected DATA {expected}, got {}", other.name())),
                };
                link.exchange(&last, to, expected, judge)?.0
            }
        };
        if received + data.len() as u64 > max {
            let message = format!("files of over {max} bytes are not accepted");
            link.tell(to, packet::DISK_FULL, &message);
            return Err(TransferError::Stopped {
                code: packet::DISK_FULL,
                message,
            });
        }
        if let Err(e) = out.write_all(&data) {
            link.tell(to, packet::DISK_FULL, "write error");
            return Err(e.into());
        }
        received += data.len() as u64;
        last = Packet::Ack { block: expected }.datagram();
        if data.len() < size {
            return Ok((received, last));
        }
        expected = expected.wrapping_add(1);
    }
}

// ------------------------------------------------------------ files in part

/// How the name of a file in part begins; the server serves no such name.
pub const PART_PREFIX: &str = ".netpack-part-";

/// A file written beside its final name under a name of its own, and removed
/// unless it is put in place: nobody who opens the final name sees part of
/// it, and a failed transfer leaves nothing behind.
pub struct Part {
    path: PathBuf,
    file: File,
    placed: bool,
}

impl Part {
    /// A new, empty part in the folder of `target`.
    pub fn beside(target: &Path) -> io::Result<Part> {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        let dir = match target.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir,
            _ => Path::new("."),
        };
        // Short enough that the part's name fits where the target's does.
        let mut stem = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut end = stem.len().min(64);
        while !stem.is_char_boundary(end) {
            end -= 1;
        }
        stem.truncate(end);
        for _ in 0..1000 {
            let n = NEXT.fetch_add(1, Ordering::Relaxed);
            let name = format!("{PART_PREFIX}{}-{n}-{stem}", std::process::id());
            let path = dir.join(name);
            // `create_new` (O_EXCL) neither follows a link nor opens what exists.
            match OpenOptions::new().write(true).create_new(true).open(&path) {
                Ok(file) => {
                    return Ok(Part {
                        path,
                        file,
                        placed: false,
                    })
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(e),
            }
        }
        Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            "no free name for a part",
        ))
    }

    /// The file to write.
    pub fn file(&mut self) -> &mut File {
        &mut self.file
    }

    /// Renames it to `target`, replacing the file there (with its permissions).
    pub fn replace(mut self, target: &Path) -> io::Result<()> {
        if let Ok(meta) = std::fs::metadata(target) {
            std::fs::set_permissions(&self.path, meta.permissions())?;
        }
        std::fs::rename(&self.path, target)?;
        self.placed = true;
        Ok(())
    }

    /// Gives it the name `target`, which must not exist (a hard link, which
    /// never replaces anything), and drops its own name.
    pub fn publish(mut self, target: &Path) -> io::Result<()> {
        std::fs::hard_link(&self.path, target)?;
        self.placed = true;
        let _ = std::fs::remove_file(&self.path);
        Ok(())
    }
}

impl Drop for Part {
    fn drop(&mut self) {
        if !self.placed {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}
