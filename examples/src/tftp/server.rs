//! The TFTP server: a thread per transfer, files from one folder only.
//!
//! It is written to survive the network, not only to follow it:
//!
//! - It never answers an ERROR, nor anything that is not a request, nor any
//!   datagram from an address that has no transfer with it: two endpoints that
//!   answer errors with errors loop forever, and a reply to a spoofed source
//!   attacks a third party. A request it cannot read is answered with the
//!   ERROR tftpd-hpa sends for it ([`packet::malformed`]).
//! - It opens the requested file once, without following a symbolic link
//!   (`O_NOFOLLOW`), and checks what it opened: a name swapped for a link to
//!   `/etc/passwd` between a check and an open cannot be served.
//! - An upload is written beside its name ([`Part`]) and given the name only
//!   when complete, never over an existing file: a reader never gets part of
//!   it, and a failed upload leaves nothing.
//! - At most `max_transfers` transfers run at once, one thread each; the rest
//!   are refused with an ERROR, and a thread that cannot start is a refusal
//!   too, never a panic. Options are agreed within the server's [`Caps`].

use super::options::{self, Agreed, Caps};
use super::packet::{self, Packet, Request, MAX_BLOCK};
use super::{netascii, receive_file, send_file, Link, Mode, Part, Retry, Step, PART_PREFIX};
use super::{ACCESS_VIOLATION, FILE_EXISTS, FILE_NOT_FOUND, ILLEGAL_OPERATION, NOT_DEFINED};
use crate::{lock, threads, Log, Slot, Spawn};
use netpack::Message;
use std::collections::HashSet;
use std::fs::{File, OpenOptions};
use std::io;
use std::net::{IpAddr, SocketAddr, UdpSocket};
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicUsize;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

/// What the server allows.
#[derive(Clone, Copy, Debug)]
pub struct Config {
    /// The wait for each packet (unless a client's `timeout` option sets it)
    /// and how many times a packet is sent.
    pub retry: Retry,
    /// Transfers running at once; a request beyond gets ERROR 0 "server busy".
    pub max_transfers: usize,
    /// Whether write requests are served (new files only).
    pub writable: bool,
    /// The largest file a client may write.
    pub max_upload: u64,
    /// The largest `blksize` agreed to (RFC 2348 allows 65464).
    pub max_block: usize,
    /// The longest `timeout` agreed to (RFC 2349 allows 255 s): a client
    /// that vanishes holds its transfer `tries` times this long.
    pub max_timeout: Duration,
    pub spawn: Spawn,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            retry: super::RETRY,
            max_transfers: 32,
            writable: false,
            max_upload: 32 << 20,
            max_block: MAX_BLOCK,
            max_timeout: Duration::from_secs(30),
            spawn: threads::spawn,
        }
    }
}

impl Config {
    fn caps(&self) -> Caps {
        Caps {
            max_block: self.max_block,
            max_timeout: self.max_timeout,
            max_upload: self.max_upload,
        }
    }
}

/// Checks a requested name: only a plain file name directly in the folder,
/// and never an upload in part.
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
    if name.starts_with(PART_PREFIX) {
        return Err((ACCESS_VIOLATION, format!("{name} is an upload in part")));
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

/// The names being uploaded, each held until its upload ends.
#[derive(Clone, Default)]
struct Uploads(Arc<Mutex<HashSet<String>>>);

/// An upload's hold on its name; given back when dropped.
struct Held(Uploads, String);

impl Uploads {
    fn hold(&self, name: &str) -> Option<Held> {
        lock(&self.0)
            .insert(name.to_string())
            .then(|| Held(self.clone(), name.to_string()))
    }
}

impl Drop for Held {
    fn drop(&mut self) {
        lock(&(self.0).0).remove(&self.1);
    }
}

/// What a transfer does with its file.
enum Job {
    /// Sends it (a read request).
    Send(File),
    /// Receives it into a part, to be published as `target` (a write request).
    Receive {
        part: Part,
        target: PathBuf,
        _held: Held,
    },
}

/// A transfer's job, what it agreed to, and the OACK's options.
type Prepared = (Job, (Agreed, Vec<u8>));

/// Everything a request needs before it gets a thread.
struct Server {
    root: PathBuf,
    local: IpAddr,
    config: Config,
    running: Arc<AtomicUsize>,
    uploads: Uploads,
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
        let mode = Mode::parse(request.mode).ok_or((ILLEGAL_OPERATION, "unknown mode".into()))?;
        let name = request.filename;
        if name.is_empty() {
            return Err((ILLEGAL_OPERATION, "missing file name".into()));
        }
        check_name(name)?;
        if write && !self.config.writable {
            return Err((ACCESS_VIOLATION, "this server only sends files".into()));
        }
        let max = self.config.max_transfers;
        let slot = Slot::take(&self.running, max)
            .ok_or_else(|| (NOT_DEFINED, format!("server busy: {max} transfers running")))?;
        let (job, (agreed, oack)) = if write {
            self.prepare_write(name, request.options)?
        } else {
            self.prepare_read(name, mode, request.options)?
        };
        let socket = UdpSocket::bind((self.local, 0))
            .and_then(|socket| socket.connect(client).map(|()| socket))
            .map_err(|e| (NOT_DEFINED, format!("cannot start a transfer: {e}")))?;
        let transfer = Transfer {
            socket,
            client,
            name: name.to_string(),
            mode,
            agreed,
            oack,
            job,
        };
        let (config, log) = (self.config, self.log.clone());
        let job = Box::new(move || {
            let _slot = slot;
            transfer.run(config, &log);
        });
        // A job that cannot start is dropped, and with it a part it created.
        (self.config.spawn)(job).map_err(|e| (NOT_DEFINED, format!("cannot start a transfer: {e}")))
    }

    fn prepare_read(
        &self,
        name: &str,
        mode: Mode,
        options: &[u8],
    ) -> Result<Prepared, (u16, String)> {
        let file = open_to_read(&self.root, name)?;
        // The size on the wire is the file's in octet mode only.
        let size = match mode {
            Mode::Octet => file.metadata().ok().map(|m| m.len()),
            Mode::Netascii => None,
        };
        let agreed = options::negotiate(options, &self.config.caps(), false, size)?;
        Ok((Job::Send(file), agreed))
    }

    fn prepare_write(&self, name: &str, options: &[u8]) -> Result<Prepared, (u16, String)> {
        let target = self.root.join(name);
        let exists = || (FILE_EXISTS, format!("{name} exists"));
        if std::fs::symlink_metadata(&target).is_ok() {
            return Err(exists());
        }
        let held = self
            .uploads
            .hold(name)
            .ok_or_else(|| (FILE_EXISTS, format!("{name} is being written")))?;
        let agreed = options::negotiate(options, &self.config.caps(), true, None)?;
        let part = Part::beside(&target).map_err(|e| refusal(name, &e))?;
        let job = Job::Receive {
            part,
            target,
            _held: held,
        };
        Ok((job, agreed))
    }
}

/// One transfer, opened and ready: its own socket, connected to the client.
struct Transfer {
    socket: UdpSocket,
    client: SocketAddr,
    name: String,
    mode: Mode,
    agreed: Agreed,
    /// The options of the OACK to send first; empty: no OACK (RFC 1350).
    oack: Vec<u8>,
    job: Job,
}

impl Transfer {
    /// Runs the transfer on its thread, and logs how it ended.
    fn run(self, config: Config, log: &Log) {
        let (client, name) = (self.client, self.name.clone());
        let retry = Retry {
            timeout: self.agreed.timeout.unwrap_or(config.retry.timeout),
            ..config.retry
        };
        let mut link = Link::new(
            self.socket,
            Some(client),
            client.ip(),
            retry,
            self.agreed.block,
        );
        let oack = (!self.oack.is_empty()).then(|| {
            Packet::Oack {
                options: &self.oack,
            }
            .datagram()
        });
        let (block, mode) = (self.agreed.block, self.mode);
        match self.job {
            Job::Send(file) => match send(&mut link, client, file, mode, block, oack) {
                Ok(bytes) => log(&format!("{client}: sent {name:?}, {bytes} bytes")),
                Err(e) => log(&format!("{client}: {name:?} not sent: {e}")),
            },
            Job::Receive { part, target, .. } => {
                let first = oack.unwrap_or_else(|| Packet::Ack { block: 0 }.datagram());
                match receive(
                    &mut link,
                    client,
                    first,
                    part,
                    &target,
                    mode,
                    (block, config.max_upload),
                ) {
                    Ok(bytes) => log(&format!("{client}: received {name:?}, {bytes} bytes")),
                    Err(e) => log(&format!("{client}: {name:?} not received: {e}")),
                }
            }
        }
    }
}

/// Sends `file` in `mode`: after the OACK and its ACK 0, if options were agreed.
fn send(
    link: &mut Link,
    client: SocketAddr,
    file: File,
    mode: Mode,
    block: usize,
    oack: Option<Vec<u8>>,
) -> Result<u64, super::TransferError> {
    if let Some(oack) = oack {
        link.exchange(&oack, client, 0, |answer| match answer {
            Packet::Ack { block: 0 } => Step::Done(()),
            other => Step::Wrong(format!("expected ACK 0, got {}", other.name())),
        })?;
    }
    let mut file = io::BufReader::with_capacity(64 * 1024, file);
    match mode {
        Mode::Octet => send_file(link, client, &mut file, block),
        Mode::Netascii => send_file(link, client, &mut netascii::Encode::new(file), block),
    }
}

/// Receives an upload into `part` and publishes it as `target`, then sends
/// the last ACK: the client hears that the file is stored only once it is.
fn receive(
    link: &mut Link,
    client: SocketAddr,
    first: Vec<u8>,
    mut part: Part,
    target: &Path,
    mode: Mode,
    sizes: (usize, u64),
) -> Result<u64, super::TransferError> {
    let (bytes, last_ack) = match mode {
        Mode::Octet => receive_file(link, first, client, part.file(), sizes, None)?,
        Mode::Netascii => {
            let mut file = netascii::Decode::new(part.file());
            let received = receive_file(link, first, client, &mut file, sizes, None)?;
            file.finish()?;
            received
        }
    };
    if let Err(e) = part.publish(target) {
        let name = target.file_name().unwrap_or_default().to_string_lossy();
        let (code, message) = refusal(&name, &e);
        link.tell(client, code, &message);
        return Err(super::TransferError::Stopped { code, message });
    }
    link.socket.send(&last_ack)?;
    link.dally(&last_ack);
    Ok(bytes)
}

/// Answers requests on `socket` forever; files come from and go to `root` only.
pub fn serve(socket: UdpSocket, root: &Path, config: Config, log: Log) -> io::Result<()> {
    let server = Server {
        root: root.canonicalize()?,
        local: socket.local_addr()?.ip(),
        config,
        running: Arc::new(AtomicUsize::new(0)),
        uploads: Uploads::default(),
        log: log.clone(),
    };
    let mut quiet = Throttle::new(log);
    // Any datagram whole: a request longer than RFC 2347's 512 bytes is served.
    let mut buf = vec![0u8; 65_536];
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
        answer(&server, &socket, &buf[..n], client, &mut quiet);
    }
}

/// Answers one datagram that came to the server's port.
fn answer(
    server: &Server,
    socket: &UdpSocket,
    datagram: &[u8],
    client: SocketAddr,
    quiet: &mut Throttle,
) {
    // Only a request is answered. Anything else on this port belongs to no
    // transfer: an ERROR answered with an ERROR loops forever.
    let opcode = datagram.get(..2).map(|o| u16::from_be_bytes([o[0], o[1]]));
    let write = opcode == Some(packet::WRQ);
    let (what, result) = match Packet::decode(datagram) {
        Ok(Packet::Read(request)) | Ok(Packet::Write(request)) => (
            format!("{:?}", request.filename),
            server.start(write, request, client),
        ),
        Ok(other) => {
            quiet.line(&format!("{client}: ignored {}: no transfer", other.name()));
            return;
        }
        // A request that does not decode is answered as tftpd-hpa answers it.
        Err(_) if matches!(opcode, Some(packet::RRQ | packet::WRQ)) => (
            "a malformed request".to_string(),
            Err(packet::malformed(write, &datagram[2..])),
        ),
        Err(e) => {
            quiet.line(&format!("{client}: ignored {} bytes: {e}", datagram.len()));
            return;
        }
    };
    let (verb, request) = if write {
        ("received", "WRQ")
    } else {
        ("sent", "RRQ")
    };
    match result {
        Ok(()) => quiet.line(&format!("{client}: {request} {what}")),
        Err((code, message)) => {
            // The same size as the request or little more: no amplifier.
            let _ = socket.send_to(&Packet::error(code, &message), client);
            quiet.line(&format!(
                "{client}: {what} not {verb}: error {code}: {message}"
            ));
        }
    }
}
