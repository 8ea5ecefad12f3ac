//! The chat server of `tcp_chat_server` on tokio: a task per client instead of
//! a thread, and `netpack::io::FrameCodec` as the `tokio_util` codec that cuts
//! the byte stream into whole frames. Same protocol, same clients.
//!
//! ```text
//! cargo run -p netpack --features tokio --example tcp_chat_server_async -- --port 9900
//! cargo run -p netpack --example tcp_chat_client -- --server 127.0.0.1:9900 --name alice
//! ```

#[path = "common/chat.rs"]
mod chat;
#[path = "common/cli.rs"]
mod cli;

use chat::{ChatFrame, Kind, FRAMES};
use futures_util::{SinkExt, StreamExt};
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;
use tokio_util::codec::Framed;

const USAGE: &str = "\
tcp_chat_server_async: the chat relay on tokio, with netpack's FrameCodec

usage: cargo run -p netpack --features tokio --example tcp_chat_server_async -- [--bind ADDR] [--port PORT]

  --bind ADDR   address to listen on (default 127.0.0.1)
  --port PORT   port to listen on (default 9900)";

/// Where the server writes what happens (stderr in the example; the tests keep it).
pub type Log = Arc<dyn Fn(&str) + Send + Sync>;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// A connection that has not said who it is after this long is closed.
const HELLO_TIMEOUT: Duration = Duration::from_secs(10);

/// Each client's task takes frames for it from a queue, so the task that relays
/// a message never waits on a slow reader.
type Outbox = mpsc::UnboundedSender<ChatFrame>;

/// Everyone connected: id → outbox.
struct Room {
    clients: Mutex<HashMap<u64, Outbox>>,
    log: Log,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Room {
    /// Queues `frame` for every client but `from`.
    fn relay(&self, from: u64, frame: &ChatFrame) {
        for (id, outbox) in lock(&self.clients).iter() {
            if *id != from {
                // A closed outbox is a client on its way out: nothing to do.
                let _ = outbox.send(frame.clone());
            }
        }
    }

    fn announce(&self, from: u64, kind: Kind, text: &str) {
        match chat::frame(kind, text) {
            Ok(frame) => self.relay(from, &frame),
            Err(e) => (self.log)(&format!("not announced: {e}")),
        }
    }

    /// One client's task, from its first byte to its last.
    async fn serve_client(self: Arc<Room>, id: u64, stream: TcpStream, peer: SocketAddr) {
        let _ = stream.set_nodelay(true);
        let mut frames = Framed::new(stream, FRAMES);
        let name = match tokio::time::timeout(HELLO_TIMEOUT, frames.next()).await {
            Ok(Some(Ok(hello))) => chat::check_name(&hello).map_err(BoxError::from),
            Ok(Some(Err(e))) => Err(e.into()),
            Ok(None) => Err("connection closed before Hello".into()),
            Err(_) => Err("no Hello in time".into()),
        };
        let name = match name {
            Ok(name) => name,
            Err(e) => {
                (self.log)(&format!("{peer}: error: {e}; disconnected"));
                let _ = send_error(&mut frames, &e).await;
                return;
            }
        };
        let (outbox, mut inbox) = mpsc::unbounded_channel();
        lock(&self.clients).insert(id, outbox);
        (self.log)(&format!("{name} joined from {peer}"));
        self.announce(id, Kind::Join, &name);

        let result = self.chat(id, &name, &mut frames, &mut inbox).await;
        lock(&self.clients).remove(&id);
        match result {
            Ok(()) => (self.log)(&format!("{name} left")),
            Err(e) => {
                (self.log)(&format!("{name} ({peer}): error: {e}; disconnected"));
                let _ = send_error(&mut frames, &e).await;
            }
        }
        self.announce(id, Kind::Leave, &name);
    }

    /// Relays the client's messages and delivers the others' until it leaves.
    async fn chat(
        &self,
        id: u64,
        name: &str,
        frames: &mut Framed<TcpStream, netpack::io::FrameCodec<chat::ChatHeader>>,
        inbox: &mut mpsc::UnboundedReceiver<ChatFrame>,
    ) -> Result<(), BoxError> {
        loop {
            tokio::select! {
                incoming = frames.next() => {
                    let Some(frame) = incoming else { return Ok(()) };
                    let message = chat::message(frame?)?;
                    if message.kind != Kind::Text {
                        return Err(format!("unexpected {:?} frame", message.kind).into());
                    }
                    let mut frame = chat::frame(Kind::Text, &format!("{name}: {}", message.text))?;
                    frame.header.sent_ms = message.sent_ms;
                    self.relay(id, &frame);
                }
                Some(frame) = inbox.recv() => frames.send(&frame).await?,
            }
        }
    }
}

/// Tells a client why it is being disconnected, and ends the connection.
///
/// Closing a socket that has unread bytes makes the system reset the
/// connection, and a reset can destroy the error frame before the peer reads it;
/// so shut down our side first, then read and drop what still comes, for a moment.
async fn send_error(
    frames: &mut Framed<TcpStream, netpack::io::FrameCodec<chat::ChatHeader>>,
    e: &BoxError,
) -> Result<(), BoxError> {
    frames
        .send(chat::frame(Kind::Error, &e.to_string())?)
        .await?;
    let stream = frames.get_mut();
    stream.shutdown().await?;
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
pub async fn serve(listener: TcpListener, log: Log) {
    let room = Arc::new(Room {
        clients: Mutex::new(HashMap::new()),
        log,
    });
    for id in 1.. {
        match listener.accept().await {
            Ok((stream, peer)) => {
                tokio::spawn(room.clone().serve_client(id, stream, peer));
            }
            Err(e) => {
                (room.log)(&format!("accept failed: {e}"));
                // Out of file descriptors, say: give the others a moment to leave.
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        }
    }
}

#[tokio::main]
async fn main() {
    let args = cli::Args::parse(USAGE, &[]);
    let bind: std::net::IpAddr = args.get(USAGE, "--bind", [127, 0, 0, 1].into());
    let port: u16 = args.get(USAGE, "--port", 9900);
    let listener = match TcpListener::bind((bind, port)).await {
        Ok(listener) => listener,
        Err(e) => cli::fail(USAGE, format!("cannot listen on {bind}:{port}: {e}")),
    };
    eprintln!("async chat server listening on {bind}:{port}");
    serve(listener, Arc::new(|line: &str| eprintln!("{line}"))).await;
}
