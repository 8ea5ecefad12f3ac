//! A TFTP-style file transfer over UDP, built on the tutorial's read request
//! `struct.pack("!H8sb", 1, b"test.jpg", 2)`: a tiny server that sends files
//! from one folder, 512-byte block by block, and a client that fetches one.
//!
//! ```text
//! cargo run -p netpack --example tftp_request -- serve --root ./files --port 6969
//! cargo run -p netpack --example tftp_request -- get test.jpg --server 127.0.0.1:6969 --out test.jpg
//! python3 netpack/examples/python/tftp_client.py --server 127.0.0.1:6969 test.jpg test.jpg
//! ```
//!
//! The packets follow TFTP (RFC 1350), with the tutorial's fixed 8-byte name:
//!
//! | packet | Python `struct` | then |
//! |---|---|---|
//! | read request | `"!H8sb"`: opcode 1, file name (NUL-padded), mode 2 (octet) | — |
//! | data | `"!HH"`: opcode 3, block number (from 1) | 0 to 512 bytes; fewer than 512 ends the file |
//! | acknowledgement | `"!HH"`: opcode 4, block number | — |
//! | error | `"!HH"`: opcode 5, error code | the message in UTF-8, then a NUL |
//!
//! As in TFTP, the server answers each request from a new port, sends a block,
//! waits for its acknowledgement and sends it again if none comes in time; the
//! client acknowledges each block and repeats its last packet on a timeout. After
//! a few tries either side gives up with an error: a lost packet never hangs the
//! transfer. A garbled packet ends it at once, with an error packet to the peer.
//! The server serves plain file names only: a name with a path in it (`../x`,
//! `/etc/pas`) is refused with an "access violation" error packet.

#[path = "common/cli.rs"]
mod cli;

use netpack::NetPack;
use std::fmt;
use std::fs::File;
use std::io::{self, Read, Write};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, UdpSocket};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

const USAGE: &str = "\
tftp_request: a TFTP-style server and client using the request struct.pack(\"!H8sb\", 1, name, 2)

usage: cargo run -p netpack --example tftp_request -- serve [--root DIR] [--bind ADDR] [--port PORT]
       cargo run -p netpack --example tftp_request -- get NAME [--server ADDR:PORT] [--out PATH]

  serve           send the files of DIR (default .) to whoever asks
  get NAME        fetch NAME (at most 8 bytes, no path) into PATH (default NAME)
  --bind ADDR     the server's address (default 127.0.0.1)
  --port PORT     the server's port (default 6969)
  --server A:P    the server to ask (default 127.0.0.1:6969)
  --timeout MS    how long to wait for each packet (default 1000)
  --tries N       how many times to send a packet before giving up (default 5)";

// Opcodes: Python `RRQ, DATA, ACK, ERROR = 1, 3, 4, 5`.
pub const RRQ: u16 = 1;
pub const DATA: u16 = 3;
pub const ACK: u16 = 4;
pub const ERROR: u16 = 5;

/// Mode 2, the tutorial's: the file's bytes as they are ("octet" in TFTP).
pub const OCTET: i8 = 2;

/// Bytes of file per data packet; a shorter packet is the last one.
pub const BLOCK: usize = 512;

// Error codes of TFTP.
pub const NOT_DEFINED: u16 = 0;
pub const FILE_NOT_FOUND: u16 = 1;
pub const ACCESS_VIOLATION: u16 = 2;
pub const ILLEGAL_OPERATION: u16 = 4;
pub const UNKNOWN_TRANSFER: u16 = 5;

/// The read request. Python: `struct.pack("!H8sb", 1, b"test.jpg", 2)`.
#[derive(NetPack, Clone, Copy, Debug, PartialEq, Eq)]
#[netpack(order = "!")]
pub struct ReadRequest {
    pub opcode: u16,
    pub filename: [u8; 8],
    pub mode: i8,
}

/// The 4 bytes before a data block or an error message, and all of an
/// acknowledgement. Python: `struct.pack("!HH", opcode, number)`.
#[derive(NetPack, Clone, Copy, Debug, PartialEq, Eq)]
#[netpack(order = "!")]
pub struct Head {
    pub opcode: u16,
    /// The block number (data, acknowledgement) or the error code (error).
    pub number: u16,
}

/// A packet, parsed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Packet {
    Request(ReadRequest),
    Data { block: u16, bytes: Vec<u8> },
    Ack(u16),
    Error { code: u16, message: String },
}

impl Packet {
    /// Reads a datagram; an error says why it is no packet.
    pub fn parse(datagram: &[u8]) -> Result<Packet, String> {
        let head = Head::unpack_from(datagram)
            .map_err(|_| format!("a datagram of {} bytes is no packet", datagram.len()))?;
        let rest = &datagram[Head::SIZE..];
        match head.opcode {
            RRQ => ReadRequest::unpack(datagram)
                .map(Packet::Request)
                .map_err(|e| format!("bad read request: {e}")),
            DATA if rest.len() <= BLOCK => Ok(Packet::Data {
                block: head.number,
                bytes: rest.to_vec(),
            }),
            DATA => Err(format!("a data block of {} bytes", rest.len())),
            ACK if rest.is_empty() => Ok(Packet::Ack(head.number)),
            ACK => Err(format!("an acknowledgement of {} bytes", datagram.len())),
            ERROR => Ok(Packet::Error {
                code: head.number,
                message: String::from_utf8_lossy(rest)
                    .trim_end_matches('\0')
                    .to_string(),
            }),
            other => Err(format!("unknown opcode {other}")),
        }
    }

    /// The datagram.
    pub fn to_bytes(&self) -> Vec<u8> {
        let (head, rest) = match self {
            Packet::Request(request) => return request.pack(),
            Packet::Data { block, bytes } => (
                Head {
                    opcode: DATA,
                    number: *block,
                },
                &bytes[..],
            ),
            Packet::Ack(block) => (
                Head {
                    opcode: ACK,
                    number: *block,
                },
                &[][..],
            ),
            Packet::Error { code, message } => {
                let mut out = Head {
                    opcode: ERROR,
                    number: *code,
                }
                .pack();
                out.extend_from_slice(message.as_bytes());
                out.push(0);
                return out;
            }
        };
        let mut out = head.pack();
        out.extend_from_slice(rest);
        out
    }
}

/// How long to wait for a packet, and how many times to send one.
#[derive(Clone, Copy, Debug)]
pub struct Retry {
    pub timeout: Duration,
    pub tries: u32,
}

impl Default for Retry {
    fn default() -> Retry {
        Retry {
            timeout: Duration::from_secs(1),
            tries: 5,
        }
    }
}

/// Why a transfer failed.
#[derive(Debug)]
pub enum TransferError {
    Io(io::Error),
    /// Nothing (or nothing usable) came back after `tries` sends of the packet
    /// that waits for `block`.
    TimedOut {
        block: u16,
        tries: u32,
    },
    /// The peer sent an error packet.
    Refused {
        code: u16,
        message: String,
    },
    /// The peer sent something that is no packet, or not the expected one.
    Garbled(String),
    /// A file name the request cannot carry.
    BadName(String),
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
            TransferError::BadName(why) => write!(f, "bad file name: {why}"),
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
                    io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
                ) => {}
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
}

/// Sends an error packet, as a courtesy: the transfer is over either way.
fn send_error(socket: &UdpSocket, to: SocketAddr, code: u16, message: &str) {
    let packet = Packet::Error {
        code,
        message: message.to_string(),
    };
    let _ = socket.send_to(&packet.to_bytes(), to);
}

/// The receive buffer: larger than any valid packet, so that an oversized one is
/// seen as such rather than silently cut (the tutorial's `recvfrom(1024)`).
const RECEIVE: usize = 2048;

// ---------------------------------------------------------------- the server

/// Where the server writes what happens (stderr in the example; the tests keep it).
pub type Log = Arc<dyn Fn(&str) + Send + Sync>;

/// The file `filename` names in `root` (already canonical), or the error packet
/// to answer with. Only a plain name of a file directly in `root` is served.
pub fn resolve(root: &Path, filename: &[u8; 8]) -> Result<PathBuf, (u16, String)> {
    // Python's "8s" pads a shorter name with NULs.
    let end = filename
        .iter()
        .position(|&b| b == 0)
        .unwrap_or(filename.len());
    let refuse = |why: &str| Err((ACCESS_VIOLATION, why.to_string()));
    if filename[end..].iter().any(|&b| b != 0) {
        return refuse("NUL inside the file name");
    }
    let Ok(name) = std::str::from_utf8(&filename[..end]) else {
        return refuse("the file name is not UTF-8");
    };
    if name.is_empty() || name == "." || name == ".." || name.contains(['/', '\\', ':']) {
        return refuse("only plain file names are served: no path, no ..");
    }
    let not_found = || (FILE_NOT_FOUND, format!("no file {name}"));
    let path = root.join(name).canonicalize().map_err(|_| not_found())?;
    // A symbolic link in the folder may still point out of it.
    if !path.starts_with(root) {
        return refuse("the file is outside the served folder");
    }
    if !path.is_file() {
        return Err(not_found());
    }
    Ok(path)
}

/// Reads up to one block of `file` (fewer bytes only at its end).
fn read_block(file: &mut File) -> io::Result<Vec<u8>> {
    let mut block = Vec::with_capacity(BLOCK);
    file.take(BLOCK as u64).read_to_end(&mut block)?;
    Ok(block)
}

/// Sends `packet` and waits for the acknowledgement of `block`, sending again on
/// each timeout.
fn send_until_acked(
    socket: &UdpSocket,
    client: SocketAddr,
    packet: &[u8],
    block: u16,
    retry: Retry,
) -> Result<(), TransferError> {
    let mut buf = [0u8; RECEIVE];
    for _ in 0..retry.tries {
        socket.send_to(packet, client)?;
        let deadline = Instant::now() + retry.timeout;
        while let Some((n, from)) = receive_before(socket, deadline, &mut buf)? {
            if from != client {
                // Someone else's packet on this transfer's port (TFTP's "TID").
                send_error(socket, from, UNKNOWN_TRANSFER, "unknown transfer ID");
                continue;
            }
            match Packet::parse(&buf[..n]) {
                Ok(Packet::Ack(acked)) if acked == block => return Ok(()),
                // A late duplicate of an earlier acknowledgement: keep waiting.
                Ok(Packet::Ack(acked)) if acked.wrapping_add(1) == block => {}
                Ok(Packet::Error { code, message }) => {
                    return Err(TransferError::Refused { code, message })
                }
                Ok(other) => {
                    let what = format!("expected ACK {block}, got {other:?}");
                    send_error(socket, client, ILLEGAL_OPERATION, &what);
                    return Err(TransferError::Garbled(what));
                }
                Err(what) => {
                    send_error(socket, client, ILLEGAL_OPERATION, &what);
                    return Err(TransferError::Garbled(what));
                }
            }
        }
    }
    Err(TransferError::TimedOut {
        block,
        tries: retry.tries,
    })
}

/// Serves one read request from a new socket, as TFTP does.
fn transfer(
    root: &Path,
    request: ReadRequest,
    client: SocketAddr,
    local: IpAddr,
    retry: Retry,
) -> Result<u64, TransferError> {
    let socket = UdpSocket::bind((local, 0))?;
    if request.mode != OCTET {
        let why = format!("mode {} is not served; use 2 (octet)", request.mode);
        send_error(&socket, client, NOT_DEFINED, &why);
        return Err(TransferError::Refused {
            code: NOT_DEFINED,
            message: why,
        });
    }
    let path = match resolve(root, &request.filename) {
        Ok(path) => path,
        Err((code, message)) => {
            send_error(&socket, client, code, &message);
            return Err(TransferError::Refused { code, message });
        }
    };
    let mut file = File::open(path)?;
    let mut sent = 0u64;
    // Block numbers wrap from 65535 to 0 for files over 32 MiB.
    let mut block: u16 = 1;
    loop {
        let bytes = read_block(&mut file)?;
        let last = bytes.len() < BLOCK;
        sent += bytes.len() as u64;
        let packet = Packet::Data { block, bytes }.to_bytes();
        send_until_acked(&socket, client, &packet, block, retry)?;
        if last {
            return Ok(sent);
        }
        block = block.wrapping_add(1);
    }
}

/// Answers read requests on `socket` forever, each transfer on its own thread
/// and port. Files come from `root` only.
pub fn serve(socket: UdpSocket, root: &Path, retry: Retry, log: Log) -> io::Result<()> {
    let root = Arc::new(root.canonicalize()?);
    let local = socket.local_addr()?.ip();
    let mut buf = [0u8; RECEIVE];
    loop {
        // Python: data, addr = sock.recvfrom(1024); struct.unpack("!H8sb", data)
        let (n, client) = match socket.recv_from(&mut buf) {
            Ok(received) => received,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        let request = match Packet::parse(&buf[..n]) {
            Ok(Packet::Request(request)) => request,
            Ok(other) => {
                log(&format!("{client}: expected a read request, got {other:?}"));
                send_error(
                    &socket,
                    client,
                    ILLEGAL_OPERATION,
                    "expected a read request",
                );
                continue;
            }
            Err(what) => {
                log(&format!("{client}: garbled request: {what}"));
                send_error(&socket, client, ILLEGAL_OPERATION, &what);
                continue;
            }
        };
        let name = String::from_utf8_lossy(&request.filename)
            .trim_end_matches('\0')
            .to_string();
        log(&format!("{client}: read request for {name:?}"));
        let (root, log) = (root.clone(), log.clone());
        thread::spawn(
            move || match transfer(&root, request, client, local, retry) {
                Ok(bytes) => log(&format!("{client}: sent {name:?}, {bytes} bytes")),
                Err(e) => log(&format!("{client}: {name:?} not sent: {e}")),
            },
        );
    }
}

// ---------------------------------------------------------------- the client

/// The request's name field: the name's bytes, NUL-padded to 8 as Python's `8s`.
pub fn filename(name: &str) -> Result<[u8; 8], TransferError> {
    let bytes = name.as_bytes();
    if bytes.is_empty() || bytes.len() > 8 || bytes.contains(&0) {
        return Err(TransferError::BadName(format!(
            "{name:?}: a request carries 1 to 8 bytes, no NUL"
        )));
    }
    let mut field = [0u8; 8];
    field[..bytes.len()].copy_from_slice(bytes);
    Ok(field)
}

/// Fetches `name` from the server at `server` into `out`; returns its size.
pub fn fetch<W: Write>(
    server: SocketAddr,
    name: &str,
    out: &mut W,
    retry: Retry,
) -> Result<u64, TransferError> {
    let request = ReadRequest {
        opcode: RRQ,
        filename: filename(name)?,
        mode: OCTET,
    };
    // Any free port; on the loopback interface when the server is there.
    let local: IpAddr = match server.ip() {
        ip if ip.is_loopback() => ip,
        IpAddr::V4(_) => Ipv4Addr::UNSPECIFIED.into(),
        IpAddr::V6(_) => Ipv6Addr::UNSPECIFIED.into(),
    };
    let socket = UdpSocket::bind((local, 0))?;

    // The packet to send again on a timeout, and where: first the request to
    // the server's port, then each acknowledgement to the transfer's port.
    let mut last = (request.pack(), server);
    // The transfer's address, known from the first data packet.
    let mut peer: Option<SocketAddr> = None;
    let mut expected: u16 = 1;
    let mut received = 0u64;
    let mut buf = [0u8; RECEIVE];
    let mut tries = 1;
    socket.send_to(&last.0, last.1)?;
    let mut deadline = Instant::now() + retry.timeout;
    loop {
        let Some((n, from)) = receive_before(&socket, deadline, &mut buf)? else {
            if tries >= retry.tries {
                return Err(TransferError::TimedOut {
                    block: expected,
                    tries,
                });
            }
            tries += 1;
            socket.send_to(&last.0, last.1)?;
            deadline = Instant::now() + retry.timeout;
            continue;
        };
        match peer {
            Some(peer) if from != peer => {
                send_error(&socket, from, UNKNOWN_TRANSFER, "unknown transfer ID");
                continue;
            }
            None if from.ip() != server.ip() => continue,
            _ => {}
        }
        match Packet::parse(&buf[..n]) {
            Ok(Packet::Data { block, bytes }) if block == expected => {
                peer = Some(from);
                out.write_all(&bytes)?;
                received += bytes.len() as u64;
                last = (Packet::Ack(block).to_bytes(), from);
                socket.send_to(&last.0, last.1)?;
                if bytes.len() < BLOCK {
                    return Ok(received);
                }
                expected = expected.wrapping_add(1);
                tries = 1;
                deadline = Instant::now() + retry.timeout;
            }
            // The server did not get our acknowledgement and sent the block
            // again: acknowledge it again (and do not write it twice).
            Ok(Packet::Data { block, .. })
                if peer.is_some() && block.wrapping_add(1) == expected =>
            {
                socket.send_to(&last.0, last.1)?;
            }
            Ok(Packet::Error { code, message }) => {
                return Err(TransferError::Refused { code, message })
            }
            Ok(other) => {
                let what = format!("expected DATA {expected}, got {other:?}");
                send_error(&socket, from, ILLEGAL_OPERATION, &what);
                return Err(TransferError::Garbled(what));
            }
            Err(what) => {
                send_error(&socket, from, ILLEGAL_OPERATION, &what);
                return Err(TransferError::Garbled(what));
            }
        }
    }
}

fn main() {
    let args = cli::Args::parse(USAGE, &[]);
    let retry = Retry {
        timeout: Duration::from_millis(args.get(USAGE, "--timeout", 1000)),
        tries: args.get(USAGE, "--tries", 5),
    };
    match args.words.first().map(String::as_str) {
        Some("serve") => {
            let root: PathBuf = args.get(USAGE, "--root", PathBuf::from("."));
            let bind: IpAddr = args.get(USAGE, "--bind", [127, 0, 0, 1].into());
            let port: u16 = args.get(USAGE, "--port", 6969);
            let socket = match UdpSocket::bind((bind, port)) {
                Ok(socket) => socket,
                Err(e) => cli::fail(USAGE, format!("cannot bind {bind}:{port}: {e}")),
            };
            eprintln!("serving {} on {bind}:{port}", root.display());
            if let Err(e) = serve(
                socket,
                &root,
                retry,
                Arc::new(|line: &str| eprintln!("{line}")),
            ) {
                cli::fail(USAGE, e);
            }
        }
        Some("get") => {
            let Some(name) = args.words.get(1) else {
                cli::fail(USAGE, "get needs the NAME of a file");
            };
            let server: SocketAddr =
                args.get(USAGE, "--server", SocketAddr::from(([127, 0, 0, 1], 6969)));
            let out: PathBuf = args.get(USAGE, "--out", PathBuf::from(name));
            let mut file = match File::create(&out) {
                Ok(file) => file,
                Err(e) => cli::fail(USAGE, format!("cannot create {}: {e}", out.display())),
            };
            match fetch(server, name, &mut file, retry) {
                Ok(bytes) => eprintln!("received {name}: {bytes} bytes into {}", out.display()),
                Err(e) => {
                    drop(file);
                    let _ = std::fs::remove_file(&out);
                    eprintln!("error: {e}");
                    std::process::exit(1);
                }
            }
        }
        _ => cli::fail(USAGE, "say `serve` or `get NAME`"),
    }
}
