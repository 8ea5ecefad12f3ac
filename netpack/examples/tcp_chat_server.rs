//! A multi-threaded TCP chat server: a thread per client, and every message a
//! client sends goes to all the others.
//!
//! ```text
//! cargo run -p netpack --example tcp_chat_server -- --port 9900
//! cargo run -p netpack --example tcp_chat_client -- --server 127.0.0.1:9900 --name alice
//! cargo run -p netpack --example tcp_chat_client -- --server 127.0.0.1:9900 --name bob
//! python3 netpack/examples/python/chat_client.py --server 127.0.0.1:9900 --name carol
//! ```
//!
//! The Python tutorial read each client with `recv(1024)` and printed whatever
//! arrived. TCP is a byte stream: one `recv` can return half a message or three
//! of them. Here each message is a frame whose header gives its length (see
//! `common/chat.rs`), and `FRAMES.read` returns exactly one frame, however the
//! bytes arrive.

#[path = "common/chat.rs"]
mod chat;
#[path = "common/cli.rs"]
mod cli;

use chat::{ChatFrame, Kind, FRAMES};
use std::error::Error;
use std::io::{BufReader, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::thread;
use std::time::Duration;

const USAGE: &str = "\
tcp_chat_server: relays every chat message to all other connected clients

usage: cargo run -p netpack --example tcp_chat_server -- [--bind ADDR] [--port PORT]

  --bind ADDR   address to listen on (default 127.0.0.1)
  --port PORT   port to listen on (default 9900)";

/// Where the server writes what happens (stderr in the example; the tests keep it).
pub type Log = Arc<dyn Fn(&str) + Send + Sync>;

type BoxError = Box<dyn Error + Send + Sync>;

/// A client that does not take its messages for this long is disconnected, so
/// that one stuck reader cannot stall the whole room.
const WRITE_TIMEOUT: Duration = Duration::from_secs(5);

/// A connection that has not said who it is after this long is closed.
const HELLO_TIMEOUT: Duration = Duration::from_secs(10);

/// One connected client, as the others see it.
struct Client {
    id: u64,
    name: String,
    /// Every frame to this client is written under this lock, in one
    /// `write_all`, so frames relayed by different threads never interleave.
    writer: Mutex<TcpStream>,
}

/// Everyone connected.
struct Room {
    clients: Mutex<Vec<Arc<Client>>>,
    log: Log,
}

/// A lock that outlives a thread that panicked while holding it: the data (a
/// list of clients, a socket) is still sound.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Room {
    /// Sends `frame` to every client but `from`. A client whose socket fails is
    /// shut down; its own thread then sees the end and leaves the room.
    fn relay(&self, from: u64, frame: &ChatFrame) {
        let bytes = match FRAMES.pack(&frame.header, &frame.body) {
            Ok(bytes) => bytes,
            Err(e) => return (self.log)(&format!("not relayed: {e}")),
        };
        let others: Vec<Arc<Client>> = lock(&self.clients)
            .iter()
            .filter(|c| c.id != from)
            .cloned()
            .collect();
        for client in others {
            let mut writer = lock(&client.writer);
            if let Err(e) = writer.write_all(&bytes) {
                (self.log)(&format!("{}: {e}; disconnecting", client.name));
                let _ = writer.shutdown(Shutdown::Both);
            }
        }
    }

    /// Tells everyone but `from` that `kind` happened with `text`.
    fn announce(&self, from: u64, kind: Kind, text: &str) {
        match chat::frame(kind, text) {
            Ok(frame) => self.relay(from, &frame),
            Err(e) => (self.log)(&format!("not announced: {e}")),
        }
    }

    /// One client's thread, from its first byte to its last.
    fn serve_client(self: Arc<Room>, id: u64, stream: TcpStream) {
        let peer = stream
            .peer_addr()
            .unwrap_or_else(|_| SocketAddr::from(([0, 0, 0, 0], 0)));
        let client = match self.join(id, &stream) {
            Ok(client) => client,
            Err(e) => return self.refuse(peer, &stream, &e),
        };
        (self.log)(&format!("{} joined from {peer}", client.name));
        let result = self.chat(&client, &stream);
        lock(&self.clients).retain(|c| c.id != id);
        match result {
            Ok(()) => (self.log)(&format!("{} left", client.name)),
            Err(e) => {
                (self.log)(&format!(
                    "{} ({peer}): error: {e}; disconnected",
                    client.name
                ));
                let _ = chat::send(&mut *lock(&client.writer), Kind::Error, &e.to_string());
            }
        }
        let _ = stream.shutdown(Shutdown::Both);
        self.announce(id, Kind::Leave, &client.name);
    }

    /// Reads the `Hello` frame and adds the client to the room.
    fn join(&self, id: u64, stream: &TcpStream) -> Result<Arc<Client>, BoxError> {
        stream.set_write_timeout(Some(WRITE_TIMEOUT))?;
        stream.set_nodelay(true)?;
        stream.set_read_timeout(Some(HELLO_TIMEOUT))?;
        let hello = FRAMES
            .read(&mut &*stream)?
            .ok_or("connection closed before Hello")?;
        let name = chat::check_name(&hello)?;
        stream.set_read_timeout(None)?;
        let client = Arc::new(Client {
            id,
            name,
            writer: Mutex::new(stream.try_clone()?),
        });
        lock(&self.clients).push(client.clone());
        self.announce(id, Kind::Join, &client.name);
        Ok(client)
    }

    /// Relays the client's messages until it leaves (`Ok`) or breaks the
    /// protocol (`Err`). Python: `while True: msg = sock.recv(1024) ...`.
    fn chat(&self, client: &Client, stream: &TcpStream) -> Result<(), BoxError> {
        // A BufReader saves a system call per header; it never reads past what
        // the frames need of it, since it is dropped only when the client is gone.
        let mut reader = BufReader::new(stream);
        while let Some(frame) = FRAMES.read(&mut reader)? {
            let message = chat::message(frame)?;
            if message.kind != Kind::Text {
                return Err(format!("unexpected {:?} frame", message.kind).into());
            }
            let text = format!("{}: {}", client.name, message.text);
            let mut frame = chat::frame(Kind::Text, &text)?;
            frame.header.sent_ms = message.sent_ms;
            self.relay(client.id, &frame);
        }
        Ok(())
    }

    /// Logs why a connection is refused, tells the peer, and closes it.
    fn refuse(&self, peer: SocketAddr, stream: &TcpStream, e: &BoxError) {
        (self.log)(&format!("{peer}: error: {e}; disconnected"));
        let _ = chat::send(&mut &*stream, Kind::Error, &e.to_string());
        close_after_error(stream);
    }
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

/// Accepts clients forever, one thread each. Python:
/// `while True: conn, addr = sock.accept(); Thread(target=..., args=(conn,)).start()`.
pub fn serve(listener: TcpListener, log: Log) {
    let room = Arc::new(Room {
        clients: Mutex::new(Vec::new()),
        log,
    });
    for (id, stream) in (1..).zip(listener.incoming()) {
        match stream {
            Ok(stream) => {
                let room = room.clone();
                thread::spawn(move || room.serve_client(id, stream));
            }
            Err(e) => (room.log)(&format!("accept failed: {e}")),
        }
    }
}

fn main() {
    let args = cli::Args::parse(USAGE, &[]);
    let bind: std::net::IpAddr = args.get(USAGE, "--bind", [127, 0, 0, 1].into());
    let port: u16 = args.get(USAGE, "--port", 9900);
    // Python: sock = socket(AF_INET, SOCK_STREAM)
    //         sock.setsockopt(SOL_SOCKET, SO_REUSEADDR, 1)
    //         sock.bind(("", 9900)); sock.listen(3)
    // Rust's TcpListener::bind sets SO_REUSEADDR itself on Unix, and listens.
    let listener = match TcpListener::bind((bind, port)) {
        Ok(listener) => listener,
        Err(e) => cli::fail(USAGE, format!("cannot listen on {bind}:{port}: {e}")),
    };
    eprintln!("chat server listening on {bind}:{port}");
    serve(listener, Arc::new(|line: &str| eprintln!("{line}")));
}
