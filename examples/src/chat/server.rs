//! A multi-threaded TCP chat server: a thread per client, and every message a
//! client sends goes to all the others.
//!
//! ```text
//! cargo run -p netpack-examples --bin tcp_chat_server -- --port 9900
//! cargo run -p netpack-examples --bin tcp_chat_client -- --server 127.0.0.1:9900 --name alice
//! cargo run -p netpack-examples --bin tcp_chat_client -- --server 127.0.0.1:9900 --name bob
//! python3 examples/python/chat_client.py --server 127.0.0.1:9900 --name carol
//! ```
//!
//! The Python tutorial read each client with `recv(1024)` and printed whatever
//! arrived. TCP is a byte stream: one `recv` can return half a message or three
//! of them. Here each message is a `ChatFrame` whose header gives its length
//! (see `src/chat.rs`), and `netpack::io::read` returns exactly one frame,
//! however the bytes arrive.
//!
//! It is also written to survive its clients. Each client has an outbox,
//! bounded in bytes and in time, and a thread that empties it. A full outbox
//! slows the senders to its client's pace while the client reads; a client
//! that takes nothing from its full outbox for a moment, or has not taken a
//! message within `outbox_time`, is not reading and is disconnected, without
//! stalling the room. The number of clients
//! is capped (the one refused is told why), a thread that cannot start is a
//! refusal, accepting backs off while the process is out of file descriptors,
//! the Hello has one deadline for the whole handshake, a dead client is
//! dropped (and logged) once, and a nickname in use is refused.

use crate::chat::{self, ChatFrame, Kind, Limits, ROOM_WAIT, SEND_BUFFER};
use crate::{lock, threads, Log, Slot, Spawn};
use netpack::Message;
use std::collections::VecDeque;
use std::error::Error;
use std::io::{self, BufReader, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::thread;
use std::time::{Duration, Instant};

type BoxError = Box<dyn Error + Send + Sync>;

/// The server's limits and how it starts threads; [`Config::default`] is
/// what the program runs with (64 clients, each taking two threads once it
/// has joined, started by [`threads::spawn`]).
#[derive(Clone, Copy, Debug)]
pub struct Config {
    pub limits: Limits,
    pub spawn: Spawn,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            limits: Limits::default(),
            spawn: threads::spawn,
        }
    }
}

/// The frames waiting for one client, each with the time it was queued.
#[derive(Default)]
struct Queue {
    frames: VecDeque<(Instant, Arc<[u8]>)>,
    bytes: usize,
    /// Frames the writer has taken so far: how a sender tells a slow reader
    /// from one that does not read at all.
    taken: u64,
    /// The client is gone: the writer stops, nothing more is queued.
    closed: bool,
}

/// One connected client, as the others see it.
struct Client {
    id: u64,
    name: String,
    stream: TcpStream,
    outbox: Mutex<Queue>,
    /// Signals the writer thread that `outbox` has a frame, or closed.
    ready: Condvar,
    /// Signals relaying threads that `outbox` has room, or closed.
    space: Condvar,
    /// Set once, by whoever first finds the client dead; only that one logs it.
    gone: AtomicBool,
}

impl Client {
    /// Queues `frame`. A full outbox makes the caller wait while the client
    /// takes messages (a flood goes at the pace of its slowest reader), but a
    /// client that takes none until `deadline` (a moment: `ROOM_WAIT`, pushed
    /// back by each message it takes), or whose oldest message has waited
    /// `outbox_time`, is not reading: `Err` says so.
    fn push(
        &self,
        frame: &Arc<[u8]>,
        config: &Limits,
        deadline: &mut Instant,
    ) -> Result<(), String> {
        let mut queue = lock(&self.outbox);
        let mut taken = queue.taken;
        loop {
            if queue.closed {
                return Ok(());
            }
            let Some((oldest, _)) = queue.frames.front() else {
                break; // an empty outbox takes any frame
            };
            if oldest.elapsed() > config.outbox_time {
                return Err(format!(
                    "did not read its messages for {:?}",
                    config.outbox_time
                ));
            }
            if queue.bytes + frame.len() <= config.outbox_bytes {
                break;
            }
            if queue.taken != taken {
                // Slow, but reading: wait on.
                taken = queue.taken;
                *deadline = Instant::now() + ROOM_WAIT;
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Err(format!(
                    "did not read its messages: {} bytes waiting, the limit is {}",
                    queue.bytes, config.outbox_bytes
                ));
            }
            queue = self
                .space
                .wait_timeout(queue, left)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
        queue.bytes += frame.len();
        queue.frames.push_back((Instant::now(), frame.clone()));
        self.ready.notify_one();
        Ok(())
    }

    /// Stops the writer and closes the connection; `true` for the first caller.
    fn close(&self) -> bool {
        let first = !self.gone.swap(true, Ordering::SeqCst);
        let mut queue = lock(&self.outbox);
        queue.closed = true;
        queue.frames.clear();
        queue.bytes = 0;
        self.ready.notify_one();
        self.space.notify_all();
        first
    }

    /// The writer thread: sends the queued frames in order, each before its
    /// deadline. Returns why it stopped, `None` when the client was closed.
    fn write_queued(&self, outbox_time: Duration) -> Option<String> {
        loop {
            let (queued, frame) = {
                let mut queue = lock(&self.outbox);
                loop {
                    if queue.closed {
                        return None;
                    }
                    if let Some(next) = queue.frames.pop_front() {
                        queue.bytes -= next.1.len();
                        queue.taken += 1;
                        self.space.notify_all();
                        break next;
                    }
                    queue = self
                        .ready
                        .wait(queue)
                        .unwrap_or_else(PoisonError::into_inner);
                }
            };
            if let Err(e) = write_before(&self.stream, &frame, queued + outbox_time) {
                return Some(if e.kind() == io::ErrorKind::TimedOut {
                    format!("did not read its messages for {outbox_time:?}")
                } else {
                    e.to_string()
                });
            }
        }
    }
}

/// Writes all of `bytes` before `deadline`: unlike a write timeout, which
/// restarts with every byte a slow reader takes, this bounds the whole frame.
fn write_before(mut stream: &TcpStream, mut bytes: &[u8], deadline: Instant) -> io::Result<()> {
    while !bytes.is_empty() {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(io::ErrorKind::TimedOut.into());
        }
        stream.set_write_timeout(Some(left))?;
        match stream.write(bytes) {
            Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
            Ok(n) => bytes = &bytes[n..],
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                return Err(io::ErrorKind::TimedOut.into())
            }
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// Reads from `stream` with one deadline for a whole frame, however slowly
/// its bytes trickle in (a timeout per read would restart with every byte).
/// Between frames (`deadline` is `None`) it waits as long as the peer is
/// quiet; the first byte of a frame starts that frame's clock.
struct FrameReader<'a> {
    stream: &'a TcpStream,
    deadline: Option<Instant>,
    frame_time: Duration,
    /// What a frame that misses its deadline is told.
    late: String,
}

impl FrameReader<'_> {
    fn late(&self) -> io::Error {
        io::Error::new(io::ErrorKind::TimedOut, self.late.clone())
    }
}

impl Read for FrameReader<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let left = match self.deadline {
            None => None,
            Some(deadline) => match deadline.saturating_duration_since(Instant::now()) {
                left if left.is_zero() => return Err(self.late()),
                left => Some(left),
            },
        };
        self.stream.set_read_timeout(left)?;
        match self.stream.read(buf) {
            Ok(n) => {
                if n > 0 && self.deadline.is_none() {
                    self.deadline = Some(Instant::now() + self.frame_time);
                }
                Ok(n)
            }
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
                ) =>
            {
                Err(self.late())
            }
            Err(e) => Err(e),
        }
    }
}

/// Everyone connected.
struct Room {
    clients: Mutex<Vec<Arc<Client>>>,
    config: Config,
    log: Log,
}

impl Room {
    /// Queues `frame` for every client but `from`. A client that does not
    /// read is dropped, right here and once: the others wait for it a moment
    /// (`ROOM_WAIT`), once.
    fn relay(&self, from: u64, frame: &ChatFrame) {
        let bytes: Arc<[u8]> = match frame.encode() {
            Ok(bytes) => bytes.into(),
            Err(e) => return (self.log)(&format!("not relayed: {e}")),
        };
        let others: Vec<Arc<Client>> = lock(&self.clients)
            .iter()
            .filter(|c| c.id != from)
            .cloned()
            .collect();
        let mut deadline = Instant::now() + ROOM_WAIT;
        for client in others {
            if let Err(why) = client.push(&bytes, &self.config.limits, &mut deadline) {
                self.drop_client(&client, &why);
            }
        }
    }

    /// Disconnects `client`, logging `why` if nobody did before. Its reader
    /// thread then sees the end, and tells the others it left.
    fn drop_client(&self, client: &Client, why: &str) {
        lock(&self.clients).retain(|c| c.id != client.id);
        if client.close() {
            (self.log)(&format!("{}: {why}; disconnected", client.name));
        }
        let _ = client.stream.shutdown(Shutdown::Both);
    }

    /// Tells everyone but `from` that `kind` happened with `text`.
    fn announce(&self, from: u64, kind: Kind, text: &str) {
        match chat::frame(kind, text) {
            Ok(frame) => self.relay(from, &frame),
            Err(e) => (self.log)(&format!("not announced: {e}")),
        }
    }

    /// One client's reader thread, from its first byte to its last. The slot
    /// is given back when it ends.
    fn serve_client(self: Arc<Room>, id: u64, stream: TcpStream, _slot: Slot) {
        let peer = stream
            .peer_addr()
            .unwrap_or_else(|_| SocketAddr::from(([0, 0, 0, 0], 0)));
        let _ = stream.set_nodelay(true);
        // What the system buffers for the client counts as waiting too: keep it
        // small, so that the outbox's bounds (and its deadline) apply soon.
        let _ = socket2::SockRef::from(&stream).set_send_buffer_size(SEND_BUFFER);
        let hello = match self.hello(&stream) {
            Ok(name) => name,
            Err(e) => return self.refuse(peer, &stream, &e),
        };
        let client = Arc::new(Client {
            id,
            name: hello,
            stream,
            outbox: Mutex::default(),
            ready: Condvar::new(),
            space: Condvar::new(),
            gone: AtomicBool::new(false),
        });
        let writer = {
            let (mine, time) = (client.clone(), self.config.limits.outbox_time);
            let room = self.clone();
            let (done, finished) = std::sync::mpsc::channel::<()>();
            let job = Box::new(move || {
                if let Some(why) = mine.write_queued(time) {
                    room.drop_client(&mine, &why);
                }
                let _ = done.send(());
            });
            match (self.config.spawn)(job) {
                Ok(()) => finished,
                Err(e) => {
                    let e = format!("the server cannot take more clients now ({e})").into();
                    return self.refuse(peer, &client.stream, &e);
                }
            }
        };
        if let Err(e) = self.join(&client) {
            client.close();
            let _ = writer.recv();
            return self.refuse(peer, &client.stream, &e);
        }
        (self.log)(&format!("{} joined from {peer}", client.name));
        let result = self.chat(&client);
        lock(&self.clients).retain(|c| c.id != id);
        let first = client.close();
        // The writer has stopped: an Error frame cannot interleave with its frames.
        let _ = writer.recv();
        match result {
            _ if !first => {} // dropped by the room, and logged then
            Ok(()) => (self.log)(&format!("{} left", client.name)),
            Err(e) => {
                (self.log)(&format!(
                    "{} ({peer}): error: {e}; disconnected",
                    client.name
                ));
                let _ = write_before(
                    &client.stream,
                    &chat::wire(Kind::Error, &e.to_string()),
                    Instant::now() + Duration::from_secs(1),
                );
            }
        }
        close_after_error(&client.stream);
        self.announce(id, Kind::Leave, &client.name);
    }

    /// Reads the Hello frame, all of it before the handshake's deadline.
    fn hello(&self, stream: &TcpStream) -> Result<String, BoxError> {
        let mut reader = FrameReader {
            stream,
            deadline: Some(Instant::now() + self.config.limits.hello_time),
            frame_time: self.config.limits.hello_time,
            late: "no Hello in time".into(),
        };
        let hello = chat::receive(&mut reader)?.ok_or("connection closed before Hello")?;
        Ok(chat::check_name(&hello)?)
    }

    /// Adds the client to the room, unless its nickname is taken: a second
    /// "alice" could speak in alice's name.
    fn join(&self, client: &Arc<Client>) -> Result<(), BoxError> {
        {
            let mut clients = lock(&self.clients);
            if clients
                .iter()
                .any(|c| chat::same_name(&c.name, &client.name))
            {
                return Err(format!("the nickname {} is in use", client.name).into());
            }
            clients.push(client.clone());
        }
        self.announce(client.id, Kind::Join, &client.name);
        Ok(())
    }

    /// Relays the client's messages until it leaves (`Ok`) or breaks the
    /// protocol (`Err`). Python: `while True: msg = sock.recv(1024) ...`.
    fn chat(&self, client: &Client) -> Result<(), BoxError> {
        let frame_time = self.config.limits.frame_time;
        // A BufReader saves a system call per header; it never reads past what
        // the frames need of it, since it is dropped only when the client is gone.
        let mut reader = BufReader::new(FrameReader {
            stream: &client.stream,
            deadline: None,
            frame_time,
            late: format!("a frame not finished within {frame_time:?} of its first byte"),
        });
        while let Some(frame) = chat::receive(&mut reader)? {
            // The next frame's clock runs from now if its first bytes are in.
            let started = !reader.buffer().is_empty();
            reader.get_mut().deadline = started.then(|| Instant::now() + frame_time);
            check_text(&frame)?;
            let text = format!("{}: {}", client.name, frame.body);
            let mut relayed = chat::frame(Kind::Text, &text)?;
            relayed.sent_ms = frame.sent_ms;
            self.relay(client.id, &relayed);
        }
        Ok(())
    }

    /// Logs why a connection is refused, tells the peer, and closes it.
    fn refuse(&self, peer: SocketAddr, stream: &TcpStream, e: &BoxError) {
        (self.log)(&format!("{peer}: error: {e}; disconnected"));
        let _ = write_before(
            stream,
            &chat::wire(Kind::Error, &e.to_string()),
            Instant::now() + Duration::from_secs(1),
        );
        close_after_error(stream);
    }
}

/// Checks a frame from a client that has joined: a text, of at most
/// `MAX_TEXT` bytes (the sender's cap; what the server relays is longer).
pub(crate) fn check_text(frame: &ChatFrame) -> Result<(), String> {
    if frame.kind != Kind::Text {
        return Err(format!("unexpected {:?} frame", frame.kind));
    }
    if frame.body.len() > chat::MAX_TEXT {
        return Err(format!(
            "a text is at most {} bytes; this one has {}",
            chat::MAX_TEXT,
            frame.body.len()
        ));
    }
    Ok(())
}

/// Ends a connection whose peer may still be sending. Closing a socket that has
/// unread bytes makes the system reset the connection, and a reset can destroy
/// the error frame before the peer reads it; so shut down our side first, then
/// read and drop what still comes, for a moment.
fn close_after_error(stream: &TcpStream) {
    let _ = stream.shutdown(Shutdown::Write);
    let _ = stream.set_read_timeout(Some(Duration::from_millis(500)));
    let mut sink = [0u8; 4096];
    let mut budget = 1 << 20;
    while budget > 0 {
        match (&*stream).read(&mut sink) {
            Ok(0) | Err(_) => break,
            Ok(n) => budget -= n.min(budget),
        }
    }
    let _ = stream.shutdown(Shutdown::Both);
}

/// Connections refused at the door, held for a moment after their Error frame
/// (see `close_after_error`) without a thread each: at most `HELD`, a second each.
struct Door {
    held: VecDeque<(Instant, TcpStream)>,
}

impl Door {
    const HELD: usize = 32;

    /// Tells `stream` why it is refused, without blocking the accept loop.
    fn refuse(&mut self, stream: TcpStream, why: &str) {
        let _ = stream.set_nonblocking(true);
        let _ = (&stream).write(&chat::wire(Kind::Error, why));
        let _ = stream.shutdown(Shutdown::Write);
        if self.held.len() == Self::HELD {
            self.held.pop_front();
        }
        self.held.push_back((Instant::now(), stream));
    }

    /// Closes the connections held for a second.
    fn sweep(&mut self) {
        while let Some((since, stream)) = self.held.front() {
            if since.elapsed() < Duration::from_secs(1) {
                break;
            }
            // Drop what the peer sent, so that closing sends no reset.
            let mut sink = [0u8; 4096];
            while matches!((&*stream).read(&mut sink), Ok(n) if n > 0) {}
            self.held.pop_front();
        }
    }
}

/// A run of failures of one kind, logged when it starts and when it ends
/// rather than once per failure: a flood must not fill the disk with log.
#[derive(Default)]
struct Episode {
    failures: u64,
}

impl Episode {
    /// Counts a failure; logs `line` if it is the first of a run.
    fn fail(&mut self, log: &Log, line: &str) {
        if self.failures == 0 {
            log(line);
        }
        self.failures += 1;
    }

    /// Ends a run, if one was going on, with a line saying how long it was.
    fn pass(&mut self, log: &Log, line: impl FnOnce(u64) -> String) {
        if self.failures > 0 {
            log(&line(self.failures));
            self.failures = 0;
        }
    }
}

/// Whether an accept error means the process or system is out of something
/// (file descriptors, memory) that only time gives back. Accepting again at
/// once would fail again at once: a busy loop.
fn out_of_resources(e: &io::Error) -> bool {
    matches!(
        e.raw_os_error(),
        Some(libc::EMFILE | libc::ENFILE | libc::ENOBUFS | libc::ENOMEM)
    )
}

/// Accepts clients forever, a thread each. Python:
/// `while True: conn, addr = sock.accept(); Thread(target=..., args=(conn,)).start()`.
pub fn serve(listener: TcpListener, config: Config, log: Log) {
    let room = Arc::new(Room {
        clients: Mutex::new(Vec::new()),
        config,
        log: log.clone(),
    });
    let connections = Arc::new(AtomicUsize::new(0));
    let mut door = Door {
        held: VecDeque::new(),
    };
    let (mut out_of_fds, mut no_threads, mut full) = <(Episode, Episode, Episode)>::default();
    let mut pause = Duration::from_millis(10);
    for id in 1.. {
        door.sweep();
        let stream = match listener.accept() {
            Ok((stream, _)) => stream,
            Err(e) if out_of_resources(&e) => {
                let line = format!("accept failed: {e}; backing off until it passes");
                out_of_fds.fail(&log, &line);
                thread::sleep(pause);
                pause = (pause * 2).min(Duration::from_secs(1));
                continue;
            }
            Err(e) => {
                // A connection reset before it was accepted, say: the next is fine.
                log(&format!("accept failed: {e}"));
                continue;
            }
        };
        out_of_fds.pass(&log, |n| format!("accepting again, after {n} failures"));
        pause = Duration::from_millis(10);
        let max = config.limits.max_clients;
        let Some(slot) = Slot::take(&connections, max) else {
            let line = format!("server full ({max} clients): refusing connections");
            full.fail(&log, &line);
            door.refuse(
                stream,
                &format!("server full: {max} clients; try again later"),
            );
            continue;
        };
        full.pass(&log, |n| {
            format!("taking connections again, after {n} refused")
        });
        let room2 = room.clone();
        let spare = stream.try_clone();
        let job = Box::new(move || room2.serve_client(id, stream, slot));
        match (config.spawn)(job) {
            Ok(()) => no_threads.pass(&log, |n| {
                format!("starting threads again, after {n} failures")
            }),
            Err(e) => {
                let line =
                    format!("cannot start a thread: {e}; refusing connections until it passes");
                no_threads.fail(&log, &line);
                if let Ok(stream) = spare {
                    door.refuse(stream, "the server cannot take more clients now");
                }
            }
        }
    }
}
