//! The chat server of `tcp_chat_server` on tokio: a task per client instead of
//! a thread, and `netpack::io::MessageCodec<ChatFrame>` as the `tokio_util`
//! codec that cuts the byte stream into whole frames: the derived message type
//! of `src/chat.rs`, its body's cap checked before a byte of the body is
//! buffered. Same protocol, same clients, same limits.
//!
//! ```text
//! cargo run -p netpack-examples --bin tcp_chat_server_async -- --port 9900
//! cargo run -p netpack-examples --bin tcp_chat_client -- --server 127.0.0.1:9900 --name alice
//! ```
//!
//! Each client has a reading task and a writing task, which takes the frames
//! relayed to it from a queue, its outbox. The outbox is bounded in bytes and
//! in time: a full outbox slows the senders to its client's pace while the
//! client reads; a client that takes nothing from its full outbox for a
//! moment, or has not taken a message within `outbox_time`, is not reading and
//! is disconnected, without stalling the room. Its queue cannot eat the
//! server's memory.

use crate::chat::server::check_text;
use crate::chat::{self, ChatFrame, Kind, Limits, ROOM_WAIT, SEND_BUFFER};
use crate::{lock, Log, Slot};
use futures_util::{SinkExt, StreamExt};
use netpack::io::MessageCodec;
use netpack::Message;
use std::collections::HashMap;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWriteExt, ReadBuf};
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{mpsc, Semaphore};
use tokio_util::codec::{FramedRead, FramedWrite};

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// A frame on its way to one client: when it was queued, the frame, and the
/// permits of `Outbox::space` it holds (its size, or the whole outbox).
type Queued = (Instant, Arc<ChatFrame>, usize);

/// The room's side of a client's outbox.
#[derive(Clone)]
struct Outbox {
    frames: mpsc::UnboundedSender<Queued>,
    /// Room in the outbox, in bytes: a sender takes permits for a frame, the
    /// client's writer gives them back when it takes the frame out.
    space: Arc<Semaphore>,
    /// Frames the writer has taken so far: how a sender tells a slow reader
    /// from one that does not read at all.
    taken: Arc<AtomicU64>,
}

struct Member {
    name: String,
    outbox: Outbox,
}

/// Everyone connected: id → member.
struct Room {
    clients: Mutex<HashMap<u64, Member>>,
    config: Limits,
    log: Log,
}

/// Reads and writes whole chat frames. Python: `struct.Struct("!IBQ")` and the body.
const FRAMES: MessageCodec<ChatFrame> = MessageCodec::new();

type Reader = FramedRead<Stamped, MessageCodec<ChatFrame>>;
type Writer = FramedWrite<OwnedWriteHalf, MessageCodec<ChatFrame>>;

/// A connection's read half that notes when the bytes of the frame being read
/// began to arrive (`None` between frames): the start of that frame's clock.
struct Stamped {
    inner: OwnedReadHalf,
    first: Option<Instant>,
}

impl AsyncRead for Stamped {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        let this = self.get_mut();
        let before = buf.filled().len();
        let poll = Pin::new(&mut this.inner).poll_read(cx, buf);
        if buf.filled().len() > before && this.first.is_none() {
            this.first = Some(Instant::now());
        }
        poll
    }
}

/// The frames of a connection, both ways.
fn framed(stream: TcpStream) -> (Reader, Writer) {
    let (read, write) = stream.into_split();
    let read = Stamped {
        inner: read,
        first: None,
    };
    (
        FramedRead::new(read, FRAMES),
        FramedWrite::new(write, FRAMES),
    )
}

/// The next frame, which must arrive whole within `time` of its first byte
/// (`late` says so otherwise); `None` when the peer closed between frames.
/// The wait between frames has no limit.
async fn next_frame(
    reader: &mut Reader,
    time: Duration,
    late: &str,
) -> Option<Result<ChatFrame, BoxError>> {
    loop {
        let wait = match reader.get_ref().first {
            None => time,
            Some(first) => (first + time).saturating_duration_since(Instant::now()),
        };
        if wait.is_zero() {
            return Some(Err(late.into()));
        }
        // `FramedRead::next` keeps what it has read when the timeout drops it.
        if let Ok(next) = tokio::time::timeout(wait, reader.next()).await {
            // The next frame's clock runs from now if its first bytes are in.
            let started = !reader.read_buffer().is_empty();
            reader.get_mut().first = started.then(Instant::now);
            return next.map(|frame| frame.map_err(BoxError::from));
        }
    }
}

impl Room {
    /// Queues `frame` for every client but `from`. A full outbox makes this
    /// wait while its client takes messages (a flood goes at the pace of its
    /// slowest reader); a client that takes none for `ROOM_WAIT` is not
    /// reading, and is dropped.
    async fn relay(&self, from: u64, frame: ChatFrame) {
        let size = frame.encoded_len();
        let permits = size.min(self.config.outbox_bytes) as u32;
        let frame = Arc::new(frame);
        let others: Vec<(u64, Outbox)> = lock(&self.clients)
            .iter()
            .filter(|(id, _)| **id != from)
            .map(|(id, member)| (*id, member.outbox.clone()))
            .collect();
        let mut deadline = tokio::time::Instant::now() + ROOM_WAIT;
        for (id, outbox) in others {
            let mut taken = outbox.taken.load(Ordering::SeqCst);
            loop {
                let room = outbox.space.clone().acquire_many_owned(permits);
                match tokio::time::timeout_at(deadline, room).await {
                    Ok(Ok(permit)) => {
                        permit.forget();
                        // A closed outbox is a client on its way out: nothing to do.
                        let queued = (Instant::now(), frame.clone(), permits as usize);
                        let _ = outbox.frames.send(queued);
                    }
                    Ok(Err(_closed)) => {}
                    Err(_) if outbox.taken.load(Ordering::SeqCst) != taken => {
                        // Slow, but reading: wait on.
                        taken = outbox.taken.load(Ordering::SeqCst);
                        deadline = tokio::time::Instant::now() + ROOM_WAIT;
                        continue;
                    }
                    Err(_) => {
                        let why = format!(
                            "did not read its messages: over {} bytes waiting",
                            self.config.outbox_bytes
                        );
                        self.remove(id, Some(&why));
                    }
                }
                break;
            }
        }
    }

    async fn announce(&self, from: u64, kind: Kind, text: &str) {
        match chat::frame(kind, text) {
            Ok(frame) => self.relay(from, frame).await,
            Err(e) => (self.log)(&format!("not announced: {e}")),
        }
    }

    /// Takes client `id` out of the room: its outbox closes, and senders
    /// waiting for room in it go on. Logs `why`, if given, when the client was
    /// still there; returns whether it was.
    fn remove(&self, id: u64, why: Option<&str>) -> bool {
        let Some(member) = lock(&self.clients).remove(&id) else {
            return false;
        };
        member.outbox.space.close();
        if let Some(why) = why {
            (self.log)(&format!("{}: {why}; disconnected", member.name));
        }
        true
    }

    /// One client's task, from its first byte to its last.
    async fn serve_client(self: Arc<Room>, id: u64, stream: TcpStream, peer: SocketAddr) {
        let _ = stream.set_nodelay(true);
        // What the system buffers for the client counts as waiting too: keep it
        // small, so that the outbox's bounds (and its deadline) apply soon.
        let _ = socket2::SockRef::from(&stream).set_send_buffer_size(SEND_BUFFER);
        let (mut reader, mut writer) = framed(stream);
        // One deadline for the whole Hello, however slowly its bytes come.
        reader.get_mut().first = Some(Instant::now());
        let hello = next_frame(&mut reader, self.config.hello_time, "no Hello in time").await;
        let name = match hello {
            Some(Ok(hello)) => chat::check_name(&hello).map_err(BoxError::from),
            Some(Err(e)) => Err(e),
            None => Err("connection closed before Hello".into()),
        };
        let (frames, inbox) = mpsc::unbounded_channel();
        let space = Arc::new(Semaphore::new(self.config.outbox_bytes));
        let taken = Arc::new(AtomicU64::new(0));
        let joined = name.and_then(|name| {
            let mut clients = lock(&self.clients);
            if clients.values().any(|m| chat::same_name(&m.name, &name)) {
                return Err(format!("the nickname {name} is in use").into());
            }
            let outbox = Outbox {
                frames,
                space: space.clone(),
                taken: taken.clone(),
            };
            let member = Member {
                name: name.clone(),
                outbox,
            };
            clients.insert(id, member);
            Ok(name)
        });
        let name = match joined {
            Ok(name) => name,
            Err(e) => {
                (self.log)(&format!("{peer}: error: {e}; disconnected"));
                let _ = send_error(&mut reader, &mut writer, &e).await;
                return;
            }
        };
        (self.log)(&format!("{name} joined from {peer}"));
        let limit = self.config.outbox_time;
        let mut delivery = tokio::spawn(deliver(writer, inbox, space, taken, limit));
        self.announce(id, Kind::Join, &name).await;

        let read = tokio::select! {
            read = self.read_messages(id, &name, &mut reader) => read,
            delivered = &mut delivery => {
                // The writer stopped first: the client does not read, or its
                // connection broke.
                let why = match delivered {
                    Ok((_, Err(why))) => why,
                    Ok((_, Ok(()))) => "removed from the room".to_string(),
                    Err(e) => e.to_string(),
                };
                self.remove(id, Some(&why));
                self.announce(id, Kind::Leave, &name).await;
                return;
            }
        };
        let here = self.remove(id, None);
        // The outbox is closed: the writer sends what is queued and stops.
        let writer = match tokio::time::timeout(Duration::from_secs(1), &mut delivery).await {
            Ok(Ok((writer, _))) => Some(writer),
            _ => {
                delivery.abort();
                None
            }
        };
        match read {
            Ok(()) => (self.log)(&format!("{name} left")),
            // Logged when the room dropped it.
            Err(_) if !here => {}
            Err(e) => {
                (self.log)(&format!("{name} ({peer}): error: {e}; disconnected"));
                if let Some(mut writer) = writer {
                    let _ = tokio::time::timeout(
                        Duration::from_secs(1),
                        send_error(&mut reader, &mut writer, &e),
                    )
                    .await;
                }
            }
        }
        self.announce(id, Kind::Leave, &name).await;
    }

    /// Relays the client's messages until it leaves (`Ok`) or breaks the
    /// protocol (`Err`).
    async fn read_messages(
        &self,
        id: u64,
        name: &str,
        reader: &mut Reader,
    ) -> Result<(), BoxError> {
        let time = self.config.frame_time;
        let late = format!("a frame not finished within {time:?} of its first byte");
        while let Some(frame) = next_frame(reader, time, &late).await {
            let frame = frame?;
            check_text(&frame)?;
            let mut relayed = chat::frame(Kind::Text, &format!("{name}: {}", frame.body))?;
            relayed.sent_ms = frame.sent_ms;
            self.relay(id, relayed).await;
        }
        Ok(())
    }
}

/// A client's writer task: sends the frames of its outbox in order, each
/// before `limit` has passed since it was queued. Ends when the outbox is
/// closed and empty (`Ok`), or with why it could not go on.
async fn deliver(
    mut writer: Writer,
    mut inbox: mpsc::UnboundedReceiver<Queued>,
    space: Arc<Semaphore>,
    taken: Arc<AtomicU64>,
    limit: Duration,
) -> (Writer, Result<(), String>) {
    while let Some((queued, frame, permits)) = inbox.recv().await {
        space.add_permits(permits);
        taken.fetch_add(1, Ordering::SeqCst);
        let left = limit.saturating_sub(queued.elapsed());
        match tokio::time::timeout(left, writer.send(&*frame)).await {
            Ok(Ok(())) => {}
            Ok(Err(e)) => return (writer, Err(e.to_string())),
            Err(_) => {
                let why = format!("did not read its messages for {limit:?}");
                return (writer, Err(why));
            }
        }
    }
    (writer, Ok(()))
}

/// Tells a client why it is being disconnected, and ends the connection.
///
/// Closing a socket that has unread bytes makes the system reset the
/// connection, and a reset can destroy the error frame before the peer reads it;
/// so shut down our side first, then read and drop what still comes, for a moment.
async fn send_error(
    reader: &mut Reader,
    writer: &mut Writer,
    e: &BoxError,
) -> Result<(), BoxError> {
    writer
        .send(&chat::frame(Kind::Error, chat::cut(&e.to_string()))?)
        .await?;
    writer.get_mut().shutdown().await?;
    let stream = reader.get_mut();
    let mut sink = [0u8; 4096];
    let mut budget = 1usize << 20;
    let drain = async {
        while budget > 0 {
            match stream.read(&mut sink).await {
                Ok(0) | Err(_) => break,
                Ok(n) => budget -= n.min(budget),
            }
        }
    };
    let _ = tokio::time::timeout(Duration::from_millis(500), drain).await;
    Ok(())
}

/// Accepts clients forever, one task each.
pub async fn serve(listener: TcpListener, config: Limits, log: Log) {
    let room = Arc::new(Room {
        clients: Mutex::new(HashMap::new()),
        config,
        log,
    });
    let connections = Arc::new(AtomicUsize::new(0));
    // Refusals still telling their peer why; past `HELD` a refused connection
    // is closed at once, so that a flood cannot hold every file descriptor.
    const HELD: usize = 64;
    let refusing = Arc::new(AtomicUsize::new(0));
    // Runs of failed accepts and of refused connections: each logged when it
    // starts and when it ends, not once per connection.
    let (mut failures, mut refused) = (0u64, 0u64);
    for id in 1.. {
        let (stream, peer) = match listener.accept().await {
            Ok(accepted) => accepted,
            Err(e) => {
                if failures == 0 {
                    (room.log)(&format!("accept failed: {e}; backing off until it passes"));
                }
                failures += 1;
                // Out of file descriptors, say: give the others a moment to leave.
                tokio::time::sleep(Duration::from_millis(100)).await;
                continue;
            }
        };
        if failures > 0 {
            (room.log)(&format!("accepting again, after {failures} failures"));
            failures = 0;
        }
        let max = config.max_clients;
        if connections.fetch_add(1, Ordering::SeqCst) >= max {
            connections.fetch_sub(1, Ordering::SeqCst);
            if refused == 0 {
                (room.log)(&format!(
                    "server full ({max} clients): refusing connections"
                ));
            }
            refused += 1;
            if refusing.fetch_add(1, Ordering::SeqCst) >= HELD {
                refusing.fetch_sub(1, Ordering::SeqCst);
                continue; // dropped: closed without a word
            }
            let why: BoxError = format!("server full: {max} clients; try again later").into();
            let refusing = Slot(refusing.clone());
            tokio::spawn(async move {
                let _refusing = refusing;
                let (mut reader, mut writer) = framed(stream);
                let refusal = send_error(&mut reader, &mut writer, &why);
                let _ = tokio::time::timeout(Duration::from_secs(1), refusal).await;
            });
            continue;
        }
        if refused > 0 {
            (room.log)(&format!(
                "taking connections again, after {refused} refused"
            ));
            refused = 0;
        }
        let slot = Slot(connections.clone());
        let room = room.clone();
        tokio::spawn(async move {
            let _slot = slot;
            room.serve_client(id, stream, peer).await;
        });
    }
}
