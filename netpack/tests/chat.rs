//! The TCP chat servers of `examples/` under load and abuse, on 127.0.0.1 with
//! ports the system picks: many messages from many clients arrive whole and in
//! order, a sender that trickles bytes still yields whole messages, and a peer
//! that sends garbage or an oversized frame is disconnected (and logged) while
//! the others go on. Each test runs against the threaded server and, with the
//! `tokio` feature, the async one.
// Each example is a program of its own that includes the shared files under
// examples/common/; a test that runs several examples includes them several times.
#![allow(clippy::duplicate_mod)]

#[path = "../examples/common/chat.rs"]
mod chat;
#[allow(dead_code)]
#[path = "../examples/tcp_chat_server.rs"]
mod server;
#[cfg(feature = "tokio")]
#[allow(dead_code)]
#[path = "../examples/tcp_chat_server_async.rs"]
mod server_async;

use chat::{ChatHeader, Kind, Message};
use netpack::NetPack;
use std::io::{BufReader, BufWriter, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::{mpsc, Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

/// Every wait in these tests ends by then.
const PATIENCE: Duration = Duration::from_secs(10);

/// A running server: its address and what it logged.
struct Server {
    addr: SocketAddr,
    log: Arc<Mutex<Vec<String>>>,
}

impl Server {
    fn keeper(&self) -> Arc<dyn Fn(&str) + Send + Sync> {
        let log = self.log.clone();
        Arc::new(move |line: &str| log.lock().unwrap().push(line.to_string()))
    }

    /// Waits until a log line contains all of `parts`, and returns it.
    fn wait_log(&self, parts: &[&str]) -> String {
        let start = Instant::now();
        loop {
            let found = {
                let log = self.log.lock().unwrap();
                log.iter()
                    .find(|line| parts.iter().all(|p| line.contains(p)))
                    .cloned()
            };
            if let Some(line) = found {
                return line;
            }
            assert!(
                start.elapsed() < PATIENCE,
                "no log line with {parts:?}; log: {:#?}",
                self.log.lock().unwrap()
            );
            thread::sleep(Duration::from_millis(5));
        }
    }
}

fn bind() -> (TcpListener, Server) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let log = Arc::new(Mutex::new(Vec::new()));
    (listener, Server { addr, log })
}

fn threaded_server() -> Server {
    let (listener, server) = bind();
    let log = server.keeper();
    thread::spawn(move || server::serve(listener, log));
    server
}

#[cfg(feature = "tokio")]
fn async_server() -> Server {
    let (listener, server) = bind();
    let log = server.keeper();
    listener.set_nonblocking(true).unwrap();
    thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener).unwrap();
            server_async::serve(listener, log).await;
        });
    });
    server
}

/// A test client: a connection, and the messages its reader thread received.
struct Client {
    name: String,
    stream: TcpStream,
    inbox: mpsc::Receiver<Result<Message, String>>,
}

impl Client {
    /// Connects, says hello, and waits until the server has let it in.
    fn join(server: &Server, name: &str) -> Client {
        let stream = TcpStream::connect(server.addr).unwrap();
        stream.set_nodelay(true).unwrap();
        chat::send(&mut &stream, Kind::Hello, name).unwrap();
        let client = Client::reading(name, stream);
        server.wait_log(&[&format!("{name} joined")]);
        client
    }

    /// Starts the reader thread of an open connection.
    fn reading(name: &str, stream: TcpStream) -> Client {
        let (tx, inbox) = mpsc::channel();
        let mut reader = BufReader::new(stream.try_clone().unwrap());
        thread::spawn(move || loop {
            let next = match chat::receive(&mut reader) {
                Ok(Some(message)) => Ok(message),
                Ok(None) => Err("closed".to_string()),
                Err(e) => Err(e.to_string()),
            };
            let end = next.is_err();
            if end {
                // As a real client would: the server is gone, close our side.
                let _ = reader.get_ref().shutdown(Shutdown::Both);
            }
            if tx.send(next).is_err() || end {
                break;
            }
        });
        Client {
            name: name.to_string(),
            stream,
            inbox,
        }
    }

    fn say(&self, text: &str) {
        chat::send(&mut &self.stream, Kind::Text, text).unwrap();
    }

    /// The next message of `kind`, skipping others.
    fn next(&self, kind: Kind) -> Message {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.inbox.recv_timeout(left) {
                Ok(Ok(message)) if message.kind == kind => return message,
                Ok(Ok(_)) => {}
                Ok(Err(e)) => panic!("{}: connection ended ({e}) waiting for {kind:?}", self.name),
                Err(_) => panic!("{}: no {kind:?} message in time", self.name),
            }
        }
    }

    /// Waits for the connection to end; returns the messages before the end.
    fn until_closed(&self) -> Vec<Message> {
        let mut seen = Vec::new();
        loop {
            match self.inbox.recv_timeout(PATIENCE) {
                Ok(Ok(message)) => seen.push(message),
                Ok(Err(_)) => return seen,
                Err(_) => panic!("{}: still open", self.name),
            }
        }
    }
}

/// The raw bytes of a frame, for tests that take the wire apart.
fn wire(kind: Kind, text: &str) -> Vec<u8> {
    let frame = chat::frame(kind, text).unwrap();
    chat::FRAMES.pack(&frame.header, &frame.body).unwrap()
}

const MESSAGES: usize = 1000;

/// Three clients send 1,000 messages each at once; each receives the 2,000 of
/// the others intact and, per sender, in order.
fn three_clients_thousand_messages(server: Server) {
    let clients: Vec<Client> = ["ann", "bob", "cyd"]
        .iter()
        .map(|name| Client::join(&server, name))
        .collect();
    let senders: Vec<_> = clients
        .iter()
        .enumerate()
        .map(|(i, client)| {
            let stream = client.stream.try_clone().unwrap();
            let name = client.name.clone();
            thread::spawn(move || {
                // Two clients batch their frames into large writes (the server
                // must split them), one writes each frame on its own.
                if i == 1 {
                    for n in 0..MESSAGES {
                        chat::send(&mut &stream, Kind::Text, &format!("{name} says {n}")).unwrap();
                    }
                } else {
                    let mut out = BufWriter::with_capacity(4096, &stream);
                    for n in 0..MESSAGES {
                        chat::send(&mut out, Kind::Text, &format!("{name} says {n}")).unwrap();
                    }
                    out.flush().unwrap();
                }
            })
        })
        .collect();
    for sender in senders {
        sender.join().unwrap();
    }
    for client in &clients {
        let mut next_from = std::collections::HashMap::new();
        for _ in 0..2 * MESSAGES {
            let message = client.next(Kind::Text);
            let (from, rest) = message.text.split_once(": ").unwrap();
            assert_ne!(
                from, client.name,
                "{} got its own message back",
                client.name
            );
            let n = next_from.entry(from.to_string()).or_insert(0);
            assert_eq!(rest, format!("{from} says {n}"), "at {}", client.name);
            *n += 1;
        }
        assert_eq!(next_from.len(), 2);
        assert!(next_from.values().all(|&n| n == MESSAGES));
    }
}

/// A client that writes its frames one byte at a time, with pauses, still
/// yields whole messages.
fn one_byte_at_a_time(server: Server) {
    let reader = Client::join(&server, "reader");
    let stream = TcpStream::connect(server.addr).unwrap();
    stream.set_nodelay(true).unwrap();
    let mut bytes = wire(Kind::Hello, "slow");
    for text in ["first", "", "a longer message, with ünïcödé"] {
        bytes.extend(wire(Kind::Text, text));
    }
    for (i, byte) in bytes.iter().enumerate() {
        (&stream).write_all(&[*byte]).unwrap();
        if i % 3 == 0 {
            thread::sleep(Duration::from_millis(1));
        }
    }
    assert_eq!(reader.next(Kind::Join).text, "slow");
    for text in ["first", "", "a longer message, with ünïcödé"] {
        assert_eq!(reader.next(Kind::Text).text, format!("slow: {text}"));
    }
}

/// Checks that `ann` and `bob` still chat both ways.
fn still_chatting(ann: &Client, bob: &Client, n: usize) {
    ann.say(&format!("still here {n}"));
    assert_eq!(bob.next(Kind::Text).text, format!("ann: still here {n}"));
    bob.say(&format!("me too {n}"));
    assert_eq!(ann.next(Kind::Text).text, format!("bob: me too {n}"));
}

/// Peers that send garbage, an oversized frame, bad UTF-8 or the wrong kind are
/// told why, disconnected and logged; the others keep chatting.
fn bad_peers_are_disconnected(server: Server) {
    let ann = Client::join(&server, "ann");
    let bob = Client::join(&server, "bob");
    still_chatting(&ann, &bob, 0);

    // An HTTP request instead of a Hello: the header is "GET / HTT", whose kind
    // byte, b'/', is no kind.
    let http = TcpStream::connect(server.addr).unwrap();
    (&http)
        .write_all(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    let http = Client::reading("http", http);
    let told = http.until_closed();
    assert!(told
        .iter()
        .any(|m| m.kind == Kind::Error && m.text.contains("invalid value 47 for Kind")));
    server.wait_log(&[
        "error: bad message: ChatHeader.kind: invalid value 47 for Kind at offset 4",
        "disconnected",
    ]);
    still_chatting(&ann, &bob, 1);

    // A member whose next header announces a 1 MB body.
    let big = Client::join(&server, "big");
    let header = ChatHeader {
        len: 1_000_000,
        kind: Kind::Text,
        sent_ms: 0,
    };
    (&big.stream).write_all(&header.pack()).unwrap();
    assert!(big
        .until_closed()
        .iter()
        .any(|m| m.kind == Kind::Error && m.text.contains("frame too large")));
    server.wait_log(&["big", "error: frame too large", "disconnected"]);
    assert_eq!(ann.next(Kind::Leave).text, "big");
    still_chatting(&ann, &bob, 2);

    // An unknown kind, a body that is not UTF-8, a Hello in mid-chat, a frame
    // cut short by a closed connection.
    let mut unknown = wire(Kind::Text, "x");
    unknown[4] = 9;
    let mut not_utf8 = wire(Kind::Text, "ab");
    not_utf8[ChatHeader::SIZE] = 0xff;
    let cases: [(&str, Vec<u8>, &str); 4] = [
        ("kind", unknown, "invalid value 9 for Kind"),
        ("utf8", not_utf8, "not UTF-8"),
        (
            "again",
            wire(Kind::Hello, "again"),
            "unexpected Hello frame",
        ),
        (
            "cut",
            wire(Kind::Text, "cut short")[..15].to_vec(),
            "truncated message",
        ),
    ];
    for (i, (name, bytes, why)) in cases.into_iter().enumerate() {
        let peer = Client::join(&server, name);
        (&peer.stream).write_all(&bytes).unwrap();
        if name == "cut" {
            peer.stream.shutdown(Shutdown::Write).unwrap();
        }
        let told = peer.until_closed();
        if name != "cut" {
            assert!(
                told.iter()
                    .any(|m| m.kind == Kind::Error && m.text.contains(why)),
                "{name}: {told:?}"
            );
        }
        server.wait_log(&[name, "error:", why, "disconnected"]);
        assert_eq!(ann.next(Kind::Leave).text, name);
        still_chatting(&ann, &bob, 3 + i);
    }
}

/// A client that leaves, politely or not, disturbs no one; the others hear it.
fn leaving_disturbs_no_one(server: Server) {
    let ann = Client::join(&server, "ann");
    let bob = Client::join(&server, "bob");
    let cyd = Client::join(&server, "cyd");
    cyd.say("bye all");
    assert_eq!(ann.next(Kind::Text).text, "cyd: bye all");
    cyd.stream.shutdown(Shutdown::Write).unwrap();
    cyd.until_closed();
    assert_eq!(ann.next(Kind::Leave).text, "cyd");
    assert_eq!(bob.next(Kind::Leave).text, "cyd");
    still_chatting(&ann, &bob, 0);

    // Gone without a word, mid-way through nothing.
    let dan = Client::join(&server, "dan");
    dan.stream.shutdown(Shutdown::Both).unwrap();
    assert_eq!(ann.next(Kind::Leave).text, "dan");
    still_chatting(&ann, &bob, 1);

    // Connected, never said hello, then gone.
    let mut ghost = TcpStream::connect(server.addr).unwrap();
    drop(ghost.try_clone().unwrap());
    ghost.shutdown(Shutdown::Both).unwrap();
    let _ = ghost.read(&mut [0; 1]);
    server.wait_log(&["connection closed before Hello"]);
    still_chatting(&ann, &bob, 2);
}

macro_rules! on_both_servers {
    ($($name:ident),*) => {
        mod threaded {
            $(#[test]
            fn $name() {
                super::$name(super::threaded_server());
            })*
        }
        #[cfg(feature = "tokio")]
        mod tokio_codec {
            $(#[test]
            fn $name() {
                super::$name(super::async_server());
            })*
        }
    };
}

on_both_servers!(
    three_clients_thousand_messages,
    one_byte_at_a_time,
    bad_peers_are_disconnected,
    leaving_disturbs_no_one
);
