//! A TFTP server and client (RFC 1350) over UDP: files from one folder, read
//! and (with `--writable`) written in 512-byte blocks, each acknowledged before
//! the next.
//!
//! ```text
//! cargo run -p netpack-examples --bin tftp -- serve --root ./files --port 6969 --writable
//! cargo run -p netpack-examples --bin tftp -- get test.jpg --server 127.0.0.1:6969 --out copy.jpg
//! cargo run -p netpack-examples --bin tftp -- put copy.jpg --as upload.jpg --server 127.0.0.1:6969
//! python3 examples/python/tftp_client.py --server 127.0.0.1:6969 get test.jpg out.jpg
//! ```
//!
//! The packets are one derived type, `Packet` in `src/tftp/packet.rs`; the
//! tutorial's fixed request `struct.pack("!H8sb", 1, b"test.jpg", 2)` lives on
//! in the `quickstart` example. Here a request carries a NUL-terminated name
//! and mode, `struct.pack("!H", 1) + b"test.jpg\0" + b"octet\0"`:
//!
//! ```text
//! #[derive(NetPack)]
//! #[netpack(tag = "H")]
//! pub enum Packet<'a> {
//!     #[netpack(tag = 1)]
//!     Read(Request<'a>),      // filename, mode: #[netpack(nul, max = …)] &'a str
//!     …
//!     #[netpack(tag = 3)]
//!     Data { block: u16, #[netpack(rest, max = 512)] data: &'a [u8] },
//!     …
//! }
//! ```
//!
//! A received packet borrows its name, block or message from the receive
//! buffer: the server copies no byte of a datagram to decode it.
//!
//! The server answers each request from a new port (TFTP's transfer ID) and
//! sends a block again when its acknowledgement does not come in time, a few
//! times at most. It is written to survive the network, not only to follow it:
//!
//! - It never answers an ERROR, nor anything that is not a request, nor any
//!   datagram from an address that has no transfer with it: two endpoints that
//!   answer errors with errors loop forever, and a reply to a spoofed source
//!   attacks a third party.
//! - It opens the requested file once, without following a symbolic link
//!   (`O_NOFOLLOW`), and checks what it opened: a name swapped for a link to
//!   `/etc/passwd` between a check and an open cannot be served.
//! - At most `max_transfers` transfers run at once, one thread each; the rest
//!   are refused with an ERROR, and a thread that cannot start is a refusal
//!   too, never a panic.

use netpack::Message;
pub mod packet;

use crate::{Log, Slot, Spawn};
use packet::{Packet, Request, BLOCK};
pub use packet::{
    ACCESS_VIOLATION, DISK_FULL, FILE_EXISTS, FILE_NOT_FOUND, ILLEGAL_OPERATION, NOT_DEFINED,
};
use std::fmt;
use std::fs::{File, OpenOptions};
use std::io::{self, Read, Write};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, UdpSocket};
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicUsize;
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

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

/// The default [`Spawn`]: a thread with a small stack (a transfer needs little).
pub fn spawn_thread(job: Box<dyn FnOnce() + Send>) -> io::Result<()> {
    thread::Builder::new()
        .name("tftp transfer".into())
        .stack_size(128 * 1024)
        .spawn(job)
        .map(drop)
}

/// What the server allows.
#[derive(Clone, Copy, Debug)]
pub struct Config {
    pub retry: Retry,
    /// Transfers running at once; a request beyond gets ERROR 0 "server busy".
    pub max_transfers: usize,
    /// Whether write requests are served (new files only).
    pub writable: bool,
    /// The largest file a client may write.
    pub max_upload: u64,
    pub spawn: Spawn,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            retry: Retry::default(),
            max_transfers: 32,
            writable: false,
            max_upload: 32 << 20,
            spawn: spawn_thread,
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
        }
    }
}

impl std::error::Error for TransferError {}

impl From<io::Error> for TransferError {
    fn from(e: io::Error) -> TransferError {
        TransferError::Io(e)
    }
}

/// The receive buffer: larger than any valid packet (516 bytes), so that an
/// oversized one is seen as such rather than silently cut.
const RECEIVE: usize = 2048;

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
}

impl Link {
    /// Talks only to `peer` from now on: the system then drops datagrams from
    /// anyone else, and reports an unreachable peer as an error.
    fn lock(&mut self, peer: SocketAddr) -> io::Result<()> {
        self.peer = Some(peer);
        self.socket.connect(peer)
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
        let mut buf = [0u8; RECEIVE];
        for _ in 0..self.retry.tries {
            self.socket.send_to(packet, to)?;
            let deadline = Instant::now() + self.retry.timeout;
            while let Some((n, from)) = receive_before(&self.socket, deadline, &mut buf)? {
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
                        self.tell(from, ILLEGAL_OPERATION, &what);
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
}

/// Reads up to one block of `file` (fewer bytes only at its end).
fn read_block(file: &mut impl Read) -> io::Result<Vec<u8>> {
    let mut block = Vec::with_capacity(BLOCK);
    file.take(BLOCK as u64).read_to_end(&mut block)?;
    Ok(block)
}

/// Sends `file` to the link's peer at `to`, block by block; returns its size.
fn send_file(link: &mut Link, to: SocketAddr, file: &mut impl Read) -> Result<u64, TransferError> {
    let mut sent = 0u64;
    // Block numbers wrap from 65535 to 0 for files over 32 MiB.
    let mut block: u16 = 1;
    loop {
        let data = match read_block(file) {
            Ok(data) => data,
            Err(e) => {
                link.tell(to, NOT_DEFINED, "read error");
                return Err(e.into());
            }
        };
        let len = data.len();
        let packet = Packet::Data { block, data: &data }.datagram();
        link.exchange(&packet, to, block, |answer| match answer {
            Packet::Ack { block: acked } if acked == block => Step::Done(()),
            // A late duplicate. Sending the block again on it would double every
            // packet from then on (the "Sorcerer's Apprentice" bug of RFC 1123).
            Packet::Ack { .. } => Step::Ignore,
            other => Step::Wrong(format!("expected ACK {block}, got {}", other.name())),
        })?;
        sent += len as u64;
        if len < BLOCK {
            return Ok(sent);
        }
        block = block.wrapping_add(1);
    }
}

/// Receives a file into `out`: sends `first` (a request, or ACK 0) to `to`, then
/// acknowledges each block. Returns the size and the last acknowledgement's
/// bytes and block.
fn receive_file(
    link: &mut Link,
    first: Vec<u8>,
    to: SocketAddr,
    out: &mut impl Write,
    max: u64,
) -> Result<(u64, Vec<u8>), TransferError> {
    let mut received = 0u64;
    let mut expected: u16 = 1;
    let (mut last, mut to) = (first, to);
    loop {
        let (data, from) = link.exchange(&last, to, expected, |packet| match packet {
            // The block is copied out of the receive buffer, which the next
            // datagram overwrites.
            Packet::Data { block, data } if block == expected => Step::Done(data.to_vec()),
            // Our acknowledgement was lost and the block came again.
            Packet::Data { block, .. } if block == expected.wrapping_sub(1) => Step::Resend,
            other => Step::Wrong(format!("expected DATA {expected}, got {}", other.name())),
        })?;
        if link.peer.is_none() {
            link.lock(from)?;
        }
        to = from;
        if received + data.len() as u64 > max {
            let message = format!("files of over {max} bytes are not accepted");
            link.tell(to, DISK_FULL, &message);
            return Err(TransferError::Stopped {
                code: DISK_FULL,
                message,
            });
        }
        if let Err(e) = out.write_all(&data) {
            link.tell(to, DISK_FULL, "write error");
            return Err(e.into());
        }
        received += data.len() as u64;
        last = Packet::Ack { block: expected }.datagram();
        if data.len() < BLOCK {
            link.socket.send_to(&last, to)?;
            return Ok((received, last));
        }
        expected = expected.wrapping_add(1);
    }
}

// ---------------------------------------------------------------- the server

/// Checks a requested name: only a plain file name directly in the folder.
pub fn check_name(name: &str) -> Result<(), (u16, String)> {
    if name.is_empty()
        || name == "."
        || name == ".."
        || name.contains(['/', '\\', ':'])
        || name.chars().any(char::is_control)
    {
        return Err((
            ACCESS_VIOLATION,
            "only plain file names are served: no path, no ..".into(),
        ));
    }
    Ok(())
}

/// Opens `root/name` for reading, once: a symbolic link is refused by the
/// system itself (`O_NOFOLLOW`), not by a check that a swap can outrun, and
/// what was opened must be a regular file (`O_NONBLOCK` keeps a FIFO from
/// hanging the open).
fn open_to_read(root: &Path, name: &str) -> Result<File, (u16, String)> {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(
        &mut options,
        libc::O_NOFOLLOW | libc::O_NONBLOCK,
    );
    let file = options
        .open(root.join(name))
        .map_err(|e| refusal(name, &e))?;
    match file.metadata() {
        Ok(meta) if meta.is_file() => Ok(file),
        _ => Err((FILE_NOT_FOUND, format!("{name} is not a file"))),
    }
}

/// Creates `root/name` for writing; an existing name, link or not, is refused
/// (`O_CREAT | O_EXCL` never follows a link).
fn create_to_write(root: &Path, name: &str) -> Result<File, (u16, String)> {
    OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(root.join(name))
        .map_err(|e| refusal(name, &e))
}

/// The ERROR for a file that cannot be opened.
fn refusal(name: &str, e: &io::Error) -> (u16, String) {
    #[cfg(unix)]
    if e.raw_os_error() == Some(libc::ELOOP) {
        return (
            ACCESS_VIOLATION,
            format!("{name} is a link; links are not served"),
        );
    }
    match e.kind() {
        io::ErrorKind::NotFound => (FILE_NOT_FOUND, format!("no file {name}")),
        io::ErrorKind::AlreadyExists => (FILE_EXISTS, format!("{name} exists")),
        io::ErrorKind::PermissionDenied => (ACCESS_VIOLATION, format!("{name}: no permission")),
        _ => (NOT_DEFINED, format!("{name}: cannot open")),
    }
}

/// At most `BURST` lines a second of what a stranger can cause (refusals,
/// ignored datagrams); the rest are counted and reported in the next line, so
/// a flood cannot fill the disk with log.
struct Throttle {
    log: Log,
    since: Instant,
    lines: u32,
    dropped: u64,
}

impl Throttle {
    const BURST: u32 = 20;

    fn new(log: Log) -> Throttle {
        Throttle {
            log,
            since: Instant::now(),
            lines: 0,
            dropped: 0,
        }
    }

    fn line(&mut self, line: &str) {
        if self.since.elapsed() >= Duration::from_secs(1) {
            self.since = Instant::now();
            self.lines = 0;
        }
        if self.lines >= Self::BURST {
            self.dropped += 1;
            return;
        }
        self.lines += 1;
        if self.dropped > 0 {
            (self.log)(&format!("({} lines like these left out)", self.dropped));
            self.dropped = 0;
        }
        (self.log)(line);
    }
}

/// Everything a request needs before it gets a thread.
struct Server {
    root: PathBuf,
    local: IpAddr,
    config: Config,
    running: Arc<AtomicUsize>,
    log: Log,
}

impl Server {
    /// Starts the transfer `request` asks for, or says which ERROR refuses it.
    fn start(
        &self,
        write: bool,
        request: Request<'_>,
        client: SocketAddr,
    ) -> Result<(), (u16, String)> {
        if !request.mode.eq_ignore_ascii_case("octet") {
            let why = format!("mode {:?} is not served; use octet", request.mode);
            return Err((NOT_DEFINED, why));
        }
        let name = request.filename;
        check_name(name)?;
        if write && !self.config.writable {
            return Err((ACCESS_VIOLATION, "this server only sends files".into()));
        }
        let max = self.config.max_transfers;
        let slot = Slot::take(&self.running, max)
            .ok_or_else(|| (NOT_DEFINED, format!("server busy: {max} transfers running")))?;
        let file = if write {
            create_to_write(&self.root, name)?
        } else {
            open_to_read(&self.root, name)?
        };
        let path = self.root.join(name);
        let undo = |why: String| {
            if write {
                let _ = std::fs::remove_file(self.root.join(name));
            }
            (NOT_DEFINED, why)
        };
        let socket = UdpSocket::bind((self.local, 0))
            .and_then(|socket| socket.connect(client).map(|()| socket))
            .map_err(|e| undo(format!("cannot start a transfer: {e}")))?;
        let transfer = Transfer {
            socket,
            client,
            file,
            write,
            name: name.to_string(),
            path,
        };
        let (config, log) = (self.config, self.log.clone());
        let job = Box::new(move || {
            let _slot = slot;
            transfer.run(config, &log);
        });
        (self.config.spawn)(job).map_err(|e| undo(format!("cannot start a transfer: {e}")))
    }
}

/// One transfer, opened and ready: its own socket, connected to the client.
struct Transfer {
    socket: UdpSocket,
    client: SocketAddr,
    file: File,
    /// A write (the client sends `file`), or a read (the server sends it).
    write: bool,
    name: String,
    /// Where `file` is, to remove the part of a write that failed.
    path: PathBuf,
}

impl Transfer {
    /// Runs the transfer on its thread, and logs how it ended.
    fn run(mut self, config: Config, log: &Log) {
        let (client, name) = (self.client, &self.name);
        let mut link = Link {
            socket: self.socket,
            peer: Some(client),
            server: client.ip(),
            retry: config.retry,
        };
        if !self.write {
            match send_file(&mut link, client, &mut self.file) {
                Ok(bytes) => log(&format!("{client}: sent {name:?}, {bytes} bytes")),
                Err(e) => log(&format!("{client}: {name:?} not sent: {e}")),
            }
            return;
        }
        let ack0 = Packet::Ack { block: 0 }.datagram();
        match receive_file(&mut link, ack0, client, &mut self.file, config.max_upload) {
            Ok((bytes, last_ack)) => {
                log(&format!("{client}: received {name:?}, {bytes} bytes"));
                dally(&link, &last_ack);
            }
            Err(e) => {
                drop(self.file);
                let _ = std::fs::remove_file(&self.path);
                log(&format!("{client}: {name:?} not received: {e}"));
            }
        }
    }
}

/// After the last ACK of a write, waits one timeout for the last block to come
/// again (our ACK lost) and acknowledges it again, as RFC 1350 suggests.
fn dally(link: &Link, last_ack: &[u8]) {
    let mut buf = [0u8; RECEIVE];
    let deadline = Instant::now() + link.retry.timeout;
    while let Ok(Some((n, _))) = receive_before(&link.socket, deadline, &mut buf) {
        if let Ok(Packet::Data { .. }) = Packet::decode(&buf[..n]) {
            // The socket is connected to the peer: `send` goes to it.
            let _ = link.socket.send(last_ack);
        }
    }
}

/// Answers requests on `socket` forever; files come from and go to `root` only.
pub fn serve(socket: UdpSocket, root: &Path, config: Config, log: Log) -> io::Result<()> {
    let server = Server {
        root: root.canonicalize()?,
        local: socket.local_addr()?.ip(),
        config,
        running: Arc::new(AtomicUsize::new(0)),
        log: log.clone(),
    };
    let mut quiet = Throttle::new(log);
    let mut buf = [0u8; RECEIVE];
    loop {
        let (n, client) = match socket.recv_from(&mut buf) {
            Ok(received) => received,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => {
                // Out of memory for buffers, say: wait instead of spinning.
                quiet.line(&format!("receive failed: {e}"));
                thread::sleep(Duration::from_millis(100));
                continue;
            }
        };
        // Only a request is answered. Anything else on this port belongs to no
        // transfer: an ERROR answered with an ERROR loops forever.
        let (write, request) = match Packet::decode(&buf[..n]) {
            Ok(Packet::Read(request)) => (false, request),
            Ok(Packet::Write(request)) => (true, request),
            Ok(other) => {
                quiet.line(&format!("{client}: ignored {}: no transfer", other.name()));
                continue;
            }
            Err(e) => {
                quiet.line(&format!("{client}: ignored {n} bytes: {e}"));
                continue;
            }
        };
        let (verb, name) = if write {
            ("received", request.filename)
        } else {
            ("sent", request.filename)
        };
        match server.start(write, request, client) {
            Ok(()) => quiet.line(&format!(
                "{client}: {} {name:?}",
                if write { "WRQ" } else { "RRQ" }
            )),
            Err((code, message)) => {
                // The same size as the request or little more: no amplifier.
                let _ = socket.send_to(&Packet::error(code, &message), client);
                quiet.line(&format!(
                    "{client}: {name:?} not {verb}: error {code}: {message}"
                ));
            }
        }
    }
}

// ---------------------------------------------------------------- the client

/// Any free port, on the loopback interface when the server is there.
fn client_socket(server: SocketAddr) -> io::Result<UdpSocket> {
    let local: IpAddr = match server.ip() {
        ip if ip.is_loopback() => ip,
        IpAddr::V4(_) => Ipv4Addr::UNSPECIFIED.into(),
        IpAddr::V6(_) => Ipv6Addr::UNSPECIFIED.into(),
    };
    UdpSocket::bind((local, 0))
}

/// The request's datagram. An empty name would be refused by any server; a
/// name with a NUL or over `MAX_NAME` bytes cannot be encoded.
fn request(write: bool, name: &str) -> Result<Vec<u8>, TransferError> {
    if name.is_empty() {
        return Err(TransferError::BadName("an empty name".into()));
    }
    let request = Request::octet(name);
    let packet = if write {
        Packet::Write(request)
    } else {
        Packet::Read(request)
    };
    packet
        .encode()
        .map_err(|e| TransferError::BadName(format!("{name:?}: {e}")))
}

/// Fetches `name` from the server at `server` into `out`; returns its size.
pub fn get(
    server: SocketAddr,
    name: &str,
    out: &mut impl Write,
    retry: Retry,
) -> Result<u64, TransferError> {
    let rrq = request(false, name)?;
    let mut link = Link {
        socket: client_socket(server)?,
        peer: None,
        server: server.ip(),
        retry,
    };
    receive_file(&mut link, rrq, server, out, u64::MAX).map(|(bytes, _)| bytes)
}

/// Sends `input` to the server at `server` as `name`; returns its size.
pub fn put(
    server: SocketAddr,
    name: &str,
    input: &mut impl Read,
    retry: Retry,
) -> Result<u64, TransferError> {
    let wrq = request(true, name)?;
    let mut link = Link {
        socket: client_socket(server)?,
        peer: None,
        server: server.ip(),
        retry,
    };
    let ((), from) = link.exchange(&wrq, server, 0, |answer| match answer {
        Packet::Ack { block: 0 } => Step::Done(()),
        other => Step::Wrong(format!("expected ACK 0, got {}", other.name())),
    })?;
    link.lock(from)?;
    send_file(&mut link, from, input)
}
