//! The TCP chat servers of `examples/` under load and abuse, on 127.0.0.1 with
//! ports the system picks: many messages from many clients arrive whole and in
//! order, a sender that trickles bytes still yields whole messages, and a peer
//! that sends garbage or an oversized frame is disconnected (and logged) while
//! the others go on. Each test runs against the threaded server and, with the
//! `tokio` feature, the async one.

use netpack::Message;
use netpack_examples::chat::{self, client, server, server_async, ChatFrame, Kind, Limits};
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

/// One of the servers.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Start {
    Threaded,
    Async,
}

impl Start {
    /// Starts it in this process.
    fn run(self, limits: Limits) -> Server {
        match self {
            Start::Threaded => threaded_server(limits),
            Start::Async => async_server(limits),
        }
    }

    /// Its name for `child_server`.
    fn name(self) -> &'static str {
        match self {
            Start::Threaded => "threaded",
            Start::Async => "async",
        }
    }
}

fn threaded_config(limits: Limits) -> server::Config {
    server::Config {
        limits,
        ..server::Config::default()
    }
}

fn threaded_server(limits: Limits) -> Server {
    let (listener, server) = bind();
    let log = server.keeper();
    thread::spawn(move || server::serve(listener, threaded_config(limits), log));
    server
}

fn async_server(limits: Limits) -> Server {
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
            server_async::serve(listener, limits, log).await;
        });
    });
    server
}

/// A test client: a connection, and the messages its reader thread received.
struct Client {
    name: String,
    stream: TcpStream,
    inbox: mpsc::Receiver<Result<ChatFrame, String>>,
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
    fn next(&self, kind: Kind) -> ChatFrame {
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
    fn until_closed(&self) -> Vec<ChatFrame> {
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
    chat::frame(kind, text).unwrap().encode().unwrap()
}

const MESSAGES: usize = 1000;

/// Three clients send 1,000 messages each at once; each receives the 2,000 of
/// the others intact and, per sender, in order.
fn three_clients_thousand_messages(start: Start) {
    let server = start.run(Limits::default());
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
            let (from, rest) = message.body.split_once(": ").unwrap();
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
fn one_byte_at_a_time(start: Start) {
    let server = start.run(Limits::default());
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
    assert_eq!(reader.next(Kind::Join).body, "slow");
    for text in ["first", "", "a longer message, with ünïcödé"] {
        assert_eq!(reader.next(Kind::Text).body, format!("slow: {text}"));
    }
}

/// Checks that `ann` and `bob` still chat both ways.
fn still_chatting(ann: &Client, bob: &Client, n: usize) {
    ann.say(&format!("still here {n}"));
    assert_eq!(bob.next(Kind::Text).body, format!("ann: still here {n}"));
    bob.say(&format!("me too {n}"));
    assert_eq!(ann.next(Kind::Text).body, format!("bob: me too {n}"));
}

/// Peers that send garbage, an oversized frame, bad UTF-8 or the wrong kind are
/// told why, disconnected and logged; the others keep chatting.
fn bad_peers_are_disconnected(start: Start) {
    let server = start.run(Limits::default());
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
        .any(|m| m.kind == Kind::Error && m.body.contains("invalid value 47 for Kind")));
    server.wait_log(&[
        "error: bad message: ChatFrame.kind: invalid value 47 for Kind at offset 4",
        "disconnected",
    ]);
    still_chatting(&ann, &bob, 1);

    // A member whose next header announces a 1 MB body.
    let big = Client::join(&server, "big");
    // Python: struct.pack("!IBQ", 1_000_000, 2, 0)
    let header: [u8; chat::HEADER] = netpack::pack!("!IBQ", 1_000_000, 2, 0);
    (&big.stream).write_all(&header).unwrap();
    assert!(big.until_closed().iter().any(
        |m| m.kind == Kind::Error && m.body.contains("length 1000000 is over the cap of 4130")
    ));
    server.wait_log(&[
        "big",
        "error: bad message: ChatFrame.body: length 1000000 is over the cap of 4130 at offset 13",
        "disconnected",
    ]);
    assert_eq!(ann.next(Kind::Leave).body, "big");
    still_chatting(&ann, &bob, 2);

    // An unknown kind, a body that is not UTF-8, a Hello in mid-chat, a frame
    // cut short by a closed connection.
    let mut unknown = wire(Kind::Text, "x");
    unknown[4] = 9;
    let mut not_utf8 = wire(Kind::Text, "ab");
    not_utf8[chat::HEADER] = 0xff;
    let cases: [(&str, Vec<u8>, &str); 4] = [
        ("kind", unknown, "invalid value 9 for Kind"),
        (
            "utf8",
            not_utf8,
            "ChatFrame.body: invalid UTF-8 after 0 valid bytes at offset 13",
        ),
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
                    .any(|m| m.kind == Kind::Error && m.body.contains(why)),
                "{name}: {told:?}"
            );
        }
        server.wait_log(&[name, "error:", why, "disconnected"]);
        assert_eq!(ann.next(Kind::Leave).body, name);
        still_chatting(&ann, &bob, 3 + i);
    }
}

/// A client that leaves, politely or not, disturbs no one; the others hear it.
fn leaving_disturbs_no_one(start: Start) {
    let server = start.run(Limits::default());
    let ann = Client::join(&server, "ann");
    let bob = Client::join(&server, "bob");
    let cyd = Client::join(&server, "cyd");
    cyd.say("bye all");
    assert_eq!(ann.next(Kind::Text).body, "cyd: bye all");
    cyd.stream.shutdown(Shutdown::Write).unwrap();
    cyd.until_closed();
    assert_eq!(ann.next(Kind::Leave).body, "cyd");
    assert_eq!(bob.next(Kind::Leave).body, "cyd");
    still_chatting(&ann, &bob, 0);

    // Gone without a word, mid-way through nothing.
    let dan = Client::join(&server, "dan");
    dan.stream.shutdown(Shutdown::Both).unwrap();
    assert_eq!(ann.next(Kind::Leave).body, "dan");
    still_chatting(&ann, &bob, 1);

    // Connected, never said hello, then gone.
    let mut ghost = TcpStream::connect(server.addr).unwrap();
    drop(ghost.try_clone().unwrap());
    ghost.shutdown(Shutdown::Both).unwrap();
    let _ = ghost.read(&mut [0; 1]);
    server.wait_log(&["connection closed before Hello"]);
    still_chatting(&ann, &bob, 2);
}

/// Issue 13: with 10 clients that never read, the healthy pair's worst latency
/// was 92.2 s; relaying waited on each stuck socket in turn. Now the non-reader
/// is dropped when its outbox stays full, and the others hardly wait.
fn a_non_reader_is_dropped_and_stalls_no_one(start: Start) {
    let server = start.run(Limits {
        outbox_bytes: 64 * 1024,
        outbox_time: Duration::from_secs(1),
        ..Limits::default()
    });
    let ann = Client::join(&server, "ann");
    let bob = Client::join(&server, "bob");
    // Says hello, then never reads a byte.
    let lazy = TcpStream::connect(server.addr).unwrap();
    chat::send(&mut &lazy, Kind::Hello, "lazy").unwrap();
    server.wait_log(&["lazy joined"]);

    const FLOOD: usize = 5000;
    let body = "x".repeat(4000);
    let started = Instant::now();
    let flood = {
        let stream = ann.stream.try_clone().unwrap();
        let body = body.clone();
        thread::spawn(move || {
            let mut out = BufWriter::new(&stream);
            for n in 0..FLOOD {
                chat::send(&mut out, Kind::Text, &format!("{n} {body}")).unwrap();
            }
            out.flush().unwrap();
        })
    };
    let (mut worst, mut n, mut lazy_left) = (0u64, 0, false);
    while n < FLOOD || !lazy_left {
        let message = bob.inbox.recv_timeout(PATIENCE).unwrap().unwrap();
        match message.kind {
            Kind::Text => {
                assert_eq!(message.body, format!("ann: {n} {body}"));
                worst = worst.max(chat::now_ms().saturating_sub(message.sent_ms));
                n += 1;
            }
            Kind::Leave => {
                assert_eq!(message.body, "lazy");
                lazy_left = true;
            }
            // lazy's Join, announced before the flood.
            Kind::Join => assert_eq!(message.body, "lazy"),
            other => panic!("{other:?}"),
        }
    }
    flood.join().unwrap();
    let line = server.wait_log(&["lazy", "did not read its messages", "disconnected"]);
    eprintln!(
        "{FLOOD} messages of 4 KB in {:?}; bob's worst latency {worst} ms; {line}",
        started.elapsed()
    );
    // lazy costs the room one short wait for room in its outbox, then is gone.
    assert!(worst < 1000, "bob waited {worst} ms for a message");
    still_chatting(&ann, &bob, 0);
}

/// Issue 13: the threaded server started a thread per connection until one
/// could not start, and then panicked. Now one connection over the cap is told
/// why and closed, and a place that frees up is taken again.
fn a_full_server_says_so(start: Start) {
    let server = start.run(Limits {
        max_clients: 3,
        ..Limits::default()
    });
    let ann = Client::join(&server, "ann");
    let bob = Client::join(&server, "bob");
    let cyd = Client::join(&server, "cyd");
    for _ in 0..3 {
        let stream = TcpStream::connect(server.addr).unwrap();
        chat::send(&mut &stream, Kind::Hello, "dan").unwrap();
        let dan = Client::reading("dan", stream);
        let told = dan.until_closed();
        assert!(
            told.iter()
                .any(|m| m.kind == Kind::Error && m.body.contains("server full: 3 clients")),
            "{told:?}"
        );
    }
    server.wait_log(&["server full (3 clients)"]);
    let full = server
        .log
        .lock()
        .unwrap()
        .iter()
        .filter(|l| l.contains("server full"))
        .count();
    assert_eq!(full, 1, "logged once for the run of refusals");
    still_chatting(&ann, &bob, 0);
    cyd.stream.shutdown(Shutdown::Both).unwrap();
    assert_eq!(ann.next(Kind::Leave).body, "cyd");
    // The slot is given back when the connection's thread or task has ended.
    let deadline = Instant::now() + PATIENCE;
    loop {
        let stream = TcpStream::connect(server.addr).unwrap();
        chat::send(&mut &stream, Kind::Hello, "dan").unwrap();
        let dan = Client::reading("dan", stream);
        match dan.inbox.recv_timeout(Duration::from_millis(500)) {
            Ok(Ok(m)) if m.kind == Kind::Error => {
                assert!(Instant::now() < deadline, "no place for dan");
                thread::sleep(Duration::from_millis(50));
            }
            _ => break,
        }
    }
    assert_eq!(ann.next(Kind::Join).body, "dan");
}

/// Issue 13: the Hello timeout was per read, so a byte a second kept a
/// connection (and its thread) forever. Now the whole Hello has one deadline.
fn a_slow_hello_is_closed_at_its_deadline(start: Start) {
    let server = start.run(Limits {
        hello_time: Duration::from_secs(1),
        ..Limits::default()
    });
    let stream = TcpStream::connect(server.addr).unwrap();
    stream.set_nodelay(true).unwrap();
    let hello = wire(Kind::Hello, "a very slow sender of hellos");
    let started = Instant::now();
    let trickle = {
        let stream = stream.try_clone().unwrap();
        thread::spawn(move || {
            for byte in hello {
                if (&stream).write_all(&[byte]).is_err() {
                    break;
                }
                thread::sleep(Duration::from_millis(150));
            }
        })
    };
    let slow = Client::reading("slow", stream);
    let told = slow.until_closed();
    let took = started.elapsed();
    assert!(
        told.iter()
            .any(|m| m.kind == Kind::Error && m.body.contains("no Hello in time")),
        "{told:?}"
    );
    assert!(
        took >= Duration::from_millis(900) && took < Duration::from_secs(3),
        "closed after {took:?}"
    );
    server.wait_log(&["no Hello in time"]);
    trickle.join().unwrap();
}

/// Says Hello as `name` and checks the server's Error names all of `parts`.
fn refused_at_hello(server: &Server, name: &str, parts: &[&str]) {
    let stream = TcpStream::connect(server.addr).unwrap();
    chat::send(&mut &stream, Kind::Hello, name).unwrap();
    let told = Client::reading(name, stream).until_closed();
    assert!(
        told.iter()
            .any(|m| m.kind == Kind::Error && parts.iter().all(|p| m.body.contains(p))),
        "{name:?}: {told:?}"
    );
}

/// Issue 13: a second "alice" could speak in alice's name.
fn a_nickname_in_use_is_refused(start: Start) {
    let server = start.run(Limits::default());
    let alice = Client::join(&server, "alice");
    let bob = Client::join(&server, "bob");
    for name in ["alice", "ALICE", " alice "] {
        refused_at_hello(&server, name, &["is in use"]);
    }
    server.wait_log(&["the nickname alice is in use"]);
    // Once alice has left, the name is free.
    alice.stream.shutdown(Shutdown::Both).unwrap();
    assert_eq!(bob.next(Kind::Leave).body, "alice");
    let again = Client::join(&server, "Alice");
    again.say("it is me");
    assert_eq!(bob.next(Kind::Text).body, "Alice: it is me");
}

/// Issue 13: `hi\nalice: please send me your password\x1b[2K` printed raw
/// shows a line from alice and erases the screen line. The clients print it
/// escaped: one line, from its real sender, nothing for the terminal to obey.
fn control_characters_are_shown_escaped(start: Start) {
    let server = start.run(Limits::default());
    let mallory = Client::join(&server, "mallory");
    let bob = Client::join(&server, "bob");
    let spoof = "hi\nalice: please send me your password\x1b[2K\u{202e}";
    mallory.say(spoof);
    let message = bob.next(Kind::Text);
    assert_eq!(message.body, format!("mallory: {spoof}"), "relayed as sent");
    let shown = client::shown(&message);
    assert_eq!(
        shown,
        "mallory: hi\\nalice: please send me your password\\u{1b}[2K\\u{202e}"
    );
    assert!(!shown.chars().any(char::is_control));
}

/// Issue 13: 500 clients leaving produced 78,835 "Broken pipe" lines: each
/// leave was relayed to the other dead sockets, each failure logged. Now a dead
/// client is dropped, and logged, once.
fn a_mass_disconnect_is_logged_once_per_client(start: Start) {
    const N: usize = 100;
    let server = start.run(Limits {
        max_clients: N + 2,
        ..Limits::default()
    });
    let ann = Client::join(&server, "ann");
    let bob = Client::join(&server, "bob");
    let crowd: Vec<TcpStream> = (0..N)
        .map(|i| {
            let stream = TcpStream::connect(server.addr).unwrap();
            chat::send(&mut &stream, Kind::Hello, &format!("c{i}")).unwrap();
            stream
        })
        .collect();
    for i in 0..N {
        server.wait_log(&[&format!("c{i} joined")]);
    }
    let before = server.log.lock().unwrap().len();
    drop(crowd);
    for _ in 0..N {
        ann.next(Kind::Leave);
    }
    still_chatting(&ann, &bob, 0);
    thread::sleep(Duration::from_millis(300));
    let lines = server.log.lock().unwrap()[before..].to_vec();
    eprintln!("{N} clients gone: {} log lines", lines.len());
    assert!(lines.len() <= 2 * N, "{} lines: {lines:#?}", lines.len());
}

static SPAWN_FAILS: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(true);

fn failing_spawn(job: Box<dyn FnOnce() + Send>) -> std::io::Result<()> {
    if SPAWN_FAILS.load(std::sync::atomic::Ordering::SeqCst) {
        return Err(std::io::Error::other("injected: no thread"));
    }
    netpack_examples::threads::spawn(job)
}

/// Issue 13: under a 300 MB address-space limit the threaded server panicked
/// at 64 clients, when `thread::spawn` failed. Now a thread that cannot start
/// is a refusal the client hears about, and the server goes on.
#[test]
fn threaded_server_survives_a_thread_that_cannot_start() {
    let (listener, server) = bind();
    let log = server.keeper();
    let config = server::Config {
        spawn: failing_spawn,
        ..server::Config::default()
    };
    thread::spawn(move || server::serve(listener, config, log));
    for _ in 0..3 {
        let stream = TcpStream::connect(server.addr).unwrap();
        chat::send(&mut &stream, Kind::Hello, "ann").unwrap();
        let told = Client::reading("ann", stream).until_closed();
        assert!(
            told.iter()
                .any(|m| m.kind == Kind::Error && m.body.contains("cannot take more clients")),
            "{told:?}"
        );
    }
    let episode: Vec<String> = server
        .log
        .lock()
        .unwrap()
        .iter()
        .filter(|l| l.contains("injected: no thread"))
        .cloned()
        .collect();
    assert_eq!(episode.len(), 1, "logged once per episode: {episode:?}");
    SPAWN_FAILS.store(false, std::sync::atomic::Ordering::SeqCst);
    let ann = Client::join(&server, "ann");
    let bob = Client::join(&server, "bob");
    server.wait_log(&["starting threads again, after 3 failures"]);
    still_chatting(&ann, &bob, 0);
}

// ------------------------------------------------------- in a child process

/// A server in a child process (this test binary, run again with
/// `NETPACK_CHAT_CHILD` set), so that its file limit, CPU time and peak memory
/// are its own. It prints `port N` on stdout and logs on stderr.
struct Child {
    child: std::process::Child,
    port: u16,
    log: Arc<Mutex<Vec<String>>>,
}

impl Child {
    /// Starts server `which` with `ulimit` options (`"-n 64"`: 64 files).
    fn start(which: &str, ulimit: Option<&str>, limits: Limits) -> Child {
        use std::io::BufRead;
        use std::process::{Command, Stdio};
        let exe = std::env::current_exe().unwrap();
        let test_args = ["child_server", "--exact", "--ignored", "--nocapture"];
        let mut command = match ulimit {
            // The limit applies to the server only, never to this machine.
            Some(limit) => {
                let mut c = Command::new("bash");
                c.args(["-c", &format!("ulimit {limit} && exec \"$0\" \"$@\"")])
                    .arg(&exe)
                    .args(test_args);
                c
            }
            None => {
                let mut c = Command::new(&exe);
                c.args(test_args);
                c
            }
        };
        let mut child = command
            .env("NETPACK_CHAT_CHILD", which)
            .env(
                "NETPACK_HELLO_MS",
                limits.hello_time.as_millis().to_string(),
            )
            .env(
                "NETPACK_OUTBOX_MS",
                limits.outbox_time.as_millis().to_string(),
            )
            .env("NETPACK_MAX_CLIENTS", limits.max_clients.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let log = Arc::new(Mutex::new(Vec::new()));
        let keep = log.clone();
        let stderr = std::io::BufReader::new(child.stderr.take().unwrap());
        thread::spawn(move || {
            for line in stderr.lines().map_while(Result::ok) {
                keep.lock().unwrap().push(line);
            }
        });
        let mut stdout = std::io::BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        let port = loop {
            line.clear();
            assert!(stdout.read_line(&mut line).unwrap() > 0, "the child ended");
            if let Some(port) = line.trim().strip_prefix("port ") {
                break port.parse().unwrap();
            }
        };
        Child { child, port, log }
    }

    fn server(&self) -> Server {
        Server {
            addr: SocketAddr::from(([127, 0, 0, 1], self.port)),
            log: self.log.clone(),
        }
    }

    /// Seconds of CPU the child has used, user and system.
    fn cpu(&self) -> f64 {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.child.id())).unwrap();
        let fields: Vec<&str> = stat
            .rsplit_once(')')
            .unwrap()
            .1
            .split_whitespace()
            .collect();
        // utime and stime, fields 14 and 15, in clock ticks of 1/100 s on Linux.
        let ticks: u64 = fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap();
        ticks as f64 / 100.0
    }

    /// The child's peak resident memory, in MiB.
    fn peak_mib(&self) -> f64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).unwrap();
        let line = status.lines().find(|l| l.starts_with("VmHWM:")).unwrap();
        let kib: f64 = line.split_whitespace().nth(1).unwrap().parse().unwrap();
        kib / 1024.0
    }
}

impl Drop for Child {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The server of a child process; does nothing in a normal test run.
#[test]
#[ignore = "the server of a child process, started by the tests that need one"]
fn child_server() {
    let Ok(which) = std::env::var("NETPACK_CHAT_CHILD") else {
        return;
    };
    let ms = |name: &str| Duration::from_millis(std::env::var(name).unwrap().parse().unwrap());
    let limits = Limits {
        hello_time: ms("NETPACK_HELLO_MS"),
        outbox_time: ms("NETPACK_OUTBOX_MS"),
        max_clients: std::env::var("NETPACK_MAX_CLIENTS")
            .unwrap()
            .parse()
            .unwrap(),
        ..Limits::default()
    };
    let (listener, server) = bind();
    println!("port {}", server.addr.port());
    let log: Arc<dyn Fn(&str) + Send + Sync> = Arc::new(|line: &str| eprintln!("{line}"));
    match which.as_str() {
        "threaded" => server::serve(listener, threaded_config(limits), log),
        "async" => {
            listener.set_nonblocking(true).unwrap();
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .unwrap();
            runtime.block_on(async move {
                let listener = tokio::net::TcpListener::from_std(listener).unwrap();
                server_async::serve(listener, limits, log).await;
            });
        }
        other => panic!("no server {other}"),
    }
}

/// A reader that takes its messages, but far slower than they come, falls
/// ever further behind: once a message has waited `outbox_time` for it (past
/// what the system buffers), it is dropped, before its outbox is full.
fn a_slow_reader_is_dropped_after_outbox_time(start: Start) {
    let server = start.run(Limits {
        outbox_bytes: 16 << 20,
        outbox_time: Duration::from_secs(1),
        ..Limits::default()
    });
    let ann = Client::join(&server, "ann");
    let slow = TcpStream::connect(server.addr).unwrap();
    chat::send(&mut &slow, Kind::Hello, "slow").unwrap();
    server.wait_log(&["slow joined"]);
    {
        let slow = slow.try_clone().unwrap();
        thread::spawn(move || {
            let mut buf = [0u8; 512];
            while matches!((&slow).read(&mut buf), Ok(n) if n > 0) {
                thread::sleep(Duration::from_millis(100));
            }
        });
    }
    let started = Instant::now();
    let text = "s".repeat(500);
    let mut sent = 0;
    let dropped = loop {
        ann.say(&text);
        sent += 1;
        let found = server
            .log
            .lock()
            .unwrap()
            .iter()
            .find(|l| l.starts_with("slow: did not read its messages for 1s"))
            .cloned();
        if let Some(line) = found {
            break line;
        }
        assert!(
            started.elapsed() < PATIENCE,
            "the slow reader is still there"
        );
        thread::sleep(Duration::from_millis(1));
    };
    eprintln!(
        "a reader of 5 KB/s, {sent} messages of 500 bytes: dropped after {:?}: {dropped}",
        started.elapsed()
    );
    let _ = slow.shutdown(Shutdown::Both);
}

/// Issue 13: with 64 files and 100 idle connections the threaded server spun
/// on `accept` (4.98 s of CPU in 5 s, 5,225,491 log lines). Now it backs off,
/// logs the episode once, and accepts again when files free up.
fn accepting_backs_off_when_out_of_files(start: Start) {
    let child = Child::start(
        start.name(),
        Some("-n 64"),
        Limits {
            hello_time: Duration::from_secs(2),
            ..Limits::default()
        },
    );
    let server = child.server();
    let cpu_before = child.cpu();
    let idle: Vec<TcpStream> = (0..100)
        .filter_map(|_| TcpStream::connect(server.addr).ok())
        .collect();
    thread::sleep(Duration::from_secs(3));
    let cpu = child.cpu() - cpu_before;
    let failures = server
        .log
        .lock()
        .unwrap()
        .iter()
        .filter(|l| l.contains("accept failed"))
        .count();
    eprintln!(
        "{} idle connections, 64 files: {cpu:.2} s of CPU in 3 s, {failures} accept-failure lines",
        idle.len()
    );
    assert!(failures >= 1, "the limit was not reached");
    assert!(failures <= 3, "{failures} lines about failed accepts");
    assert!(cpu < 1.0, "{cpu} s of CPU");
    drop(idle);
    // Files free up: a client gets in.
    let ann = Client::join(&server, "ann");
    let bob = Client::join(&server, "bob");
    still_chatting(&ann, &bob, 0);
}

/// Issue 13: under a 300 MB address-space limit the threaded server died at
/// 64 clients (exit 101) when a thread could not start. With its cap, 300
/// clients arriving at once under 200 MB: 64 in, the others told why, no crash.
#[test]
fn threaded_server_keeps_its_cap_under_a_memory_limit() {
    let child = Child::start("threaded", Some("-v 200000"), Limits::default());
    let server = child.server();
    let arrivals: Vec<Client> = (0..300)
        .map(|i| {
            let stream = TcpStream::connect(server.addr).unwrap();
            chat::send(&mut &stream, Kind::Hello, &format!("c{i}")).unwrap();
            Client::reading(&format!("c{i}"), stream)
        })
        .collect();
    let mut refused = 0;
    for client in &arrivals {
        match client.inbox.recv_timeout(Duration::from_millis(500)) {
            Ok(Ok(m)) if m.kind == Kind::Error => {
                assert!(m.body.contains("server full: 64 clients"), "{m:?}");
                refused += 1;
            }
            _ => {}
        }
    }
    eprintln!("300 clients under a 200 MB address-space limit: {refused} refused");
    assert_eq!(refused, 300 - 64);
    // Under the limit most threads have no malloc arena of their own, and each
    // of their allocations is a system call or three: the 64 join slowly.
    let joined = || {
        let log = server.log.lock().unwrap();
        log.iter().filter(|l| l.contains(" joined from ")).count()
    };
    let deadline = Instant::now() + PATIENCE;
    while joined() < 64 && Instant::now() < deadline {
        thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(joined(), 64);
    for client in &arrivals {
        let _ = client.stream.shutdown(Shutdown::Both);
    }
    // Each of the 64 is logged once: it left, or was dropped on a broken pipe.
    let gone = || {
        let log = server.log.lock().unwrap();
        log.iter()
            .filter(|l| l.ends_with(" left") || l.ends_with("; disconnected"))
            .count()
    };
    let deadline = Instant::now() + PATIENCE;
    while gone() < 64 {
        assert!(Instant::now() < deadline, "{} of 64 gone", gone());
        thread::sleep(Duration::from_millis(20));
    }
    let ann = Client::join(&server, "ann");
    let bob = Client::join(&server, "bob");
    still_chatting(&ann, &bob, 0);
}

/// Issue 13: one non-reader during a flood grew the async server by 200 MB.
/// Now each outbox is bounded (256 KiB, 5 s by default) and the server's peak
/// memory stays small while 80 MB go through it.
fn memory_stays_bounded_under_a_flood(start: Start) {
    let child = Child::start(
        start.name(),
        None,
        Limits {
            outbox_time: Duration::from_secs(2),
            ..Limits::default()
        },
    );
    let server = child.server();
    let ann = Client::join(&server, "ann");
    let bob = Client::join(&server, "bob");
    let lazy = TcpStream::connect(server.addr).unwrap();
    chat::send(&mut &lazy, Kind::Hello, "lazy").unwrap();
    server.wait_log(&["lazy joined"]);
    let before = child.peak_mib();
    const FLOOD: usize = 20_000;
    let body = "y".repeat(4000);
    let flood = {
        let stream = ann.stream.try_clone().unwrap();
        let body = body.clone();
        thread::spawn(move || {
            let mut out = BufWriter::new(&stream);
            for _ in 0..FLOOD {
                chat::send(&mut out, Kind::Text, &body).unwrap();
            }
            out.flush().unwrap();
        })
    };
    for _ in 0..FLOOD {
        assert_eq!(bob.next(Kind::Text).body.len(), body.len() + 5);
    }
    flood.join().unwrap();
    server.wait_log(&["lazy", "did not read its messages", "disconnected"]);
    let after = child.peak_mib();
    eprintln!(
        "80 MB through the server with a non-reader: peak memory {before:.1} -> {after:.1} MiB"
    );
    assert!(
        after - before < 32.0,
        "peak memory grew from {before} to {after} MiB"
    );
}

/// Issue 19: after Hello, a client that sent 6 bytes of a header and stopped
/// was held forever, and 64 of them locked every newcomer out. Now a frame
/// must be whole within `frame_time` of its first byte (the wait between
/// frames has no limit), and the places free up.
fn a_stalled_frame_is_closed_at_its_deadline(start: Start) {
    let server = start.run(Limits {
        max_clients: 4,
        frame_time: Duration::from_secs(1),
        ..Limits::default()
    });
    let ann = Client::join(&server, "ann");
    // Idle between frames for longer than `frame_time`: still welcome.
    let idle = Client::join(&server, "idle");
    let stalled: Vec<Client> = ["s1", "s2"]
        .iter()
        .map(|name| {
            let client = Client::join(&server, name);
            (&client.stream)
                .write_all(&wire(Kind::Text, "never finished")[..6])
                .unwrap();
            client
        })
        .collect();
    let started = Instant::now();
    let full = TcpStream::connect(server.addr).unwrap();
    chat::send(&mut &full, Kind::Hello, "dan").unwrap();
    assert!(Client::reading("dan", full)
        .until_closed()
        .iter()
        .any(|m| m.kind == Kind::Error && m.body.contains("server full")));
    for client in &stalled {
        let told = client.until_closed();
        assert!(
            told.iter().any(|m| m.kind == Kind::Error
                && m.body
                    .contains("a frame not finished within 1s of its first byte")),
            "{}: {told:?}",
            client.name
        );
    }
    let took = started.elapsed();
    assert!(took < Duration::from_secs(4), "closed after {took:?}");
    server.wait_log(&["s1", "a frame not finished within 1s", "disconnected"]);
    for _ in &stalled {
        ann.next(Kind::Leave);
    }
    // The places are free again, and the idle client still chats.
    let dan = Client::join(&server, "dan");
    idle.say("still here");
    assert_eq!(ann.next(Kind::Text).body, "idle: still here");
    assert_eq!(dan.next(Kind::Text).body, "idle: still here");
}

/// Issue 19: a Text of 4,090 to 4,096 bytes is legal, but the relayed
/// `name: text` was over the cap and the server dropped the sender. Now the
/// relay has room for the longest name and text; a longer text is refused
/// where it is sent, and a server tells a client that sends one anyway why.
fn a_text_of_any_legal_length_is_relayed(start: Start) {
    let server = start.run(Limits::default());
    let name = "n".repeat(chat::MAX_NAME);
    let long = Client::join(&server, &name);
    let bob = Client::join(&server, "bob");
    let text = "é".repeat(chat::MAX_TEXT / 2);
    assert_eq!(text.len(), chat::MAX_TEXT);
    long.say(&text);
    assert_eq!(bob.next(Kind::Text).body, format!("{name}: {text}"));
    bob.say("received");
    assert_eq!(long.next(Kind::Text).body, "bob: received");
    // One byte more is refused before it is sent,
    let over = format!("{text}x");
    let err = chat::send(&mut &long.stream, Kind::Text, &over).unwrap_err();
    assert!(err.to_string().contains("4097"), "{err}");
    // and a client that sends it anyway is told the sender's cap.
    let raw = chat::frame(Kind::Text, &over).unwrap().encode().unwrap();
    (&long.stream).write_all(&raw).unwrap();
    assert!(long.until_closed().iter().any(|m| m.kind == Kind::Error
        && m.body
            .contains("a text is at most 4096 bytes; this one has 4097")));
    assert_eq!(bob.next(Kind::Leave).body, name);
}

/// Issue 19: "al\u{200b}ice" passed for "alice", and a nickname could carry a
/// right-to-left override. Invisible (Default_Ignorable_Code_Point) and
/// reordering (Bidi_Control) characters are refused, and names are compared
/// after NFKC normalisation and without case.
fn nicknames_refuse_invisible_characters_and_compare_normalised(start: Start) {
    let server = start.run(Limits::default());
    let _alice = Client::join(&server, "alice");
    let _e = Client::join(&server, "caf\u{e9}");
    let hidden = [
        ("al\u{200b}ice", "\\u{200b}"),
        ("\u{202e}ecila", "\\u{202e}"),
        ("a\u{2066}b", "\\u{2066}"),
        ("soft\u{ad}hyphen", "\\u{ad}"),
        ("\u{feff}bom", "\\u{feff}"),
        ("arabic\u{61c}mark", "\\u{61c}"),
        ("zw\u{200d}joiner", "\\u{200d}"),
    ];
    for (name, shown) in hidden {
        refused_at_hello(
            &server,
            name,
            &["without invisible or reordering characters", shown],
        );
    }
    // Full-width letters, and an accent typed as its own character.
    for name in [
        "\u{ff41}\u{ff4c}\u{ff49}\u{ff43}\u{ff45}",
        "\u{ff21}LICE",
        "cafe\u{301}",
        "CAFE\u{301}",
    ] {
        refused_at_hello(&server, name, &["is in use"]);
    }
    // A name that merely looks foreign is welcome.
    Client::join(&server, "\u{627}\u{644}\u{639}\u{631}\u{628}\u{64a}\u{629}");
}

macro_rules! on_both_servers {
    ($($name:ident),*) => {
        mod threaded {
            $(#[test]
            fn $name() {
                super::$name(super::Start::Threaded);
            })*
        }
                mod tokio_codec {
            $(#[test]
            fn $name() {
                super::$name(super::Start::Async);
            })*
        }
    };
}

on_both_servers!(
    three_clients_thousand_messages,
    one_byte_at_a_time,
    bad_peers_are_disconnected,
    leaving_disturbs_no_one,
    a_non_reader_is_dropped_and_stalls_no_one,
    a_slow_reader_is_dropped_after_outbox_time,
    a_full_server_says_so,
    a_slow_hello_is_closed_at_its_deadline,
    a_nickname_in_use_is_refused,
    control_characters_are_shown_escaped,
    a_mass_disconnect_is_logged_once_per_client,
    accepting_backs_off_when_out_of_files,
    memory_stays_bounded_under_a_flood,
    a_stalled_frame_is_closed_at_its_deadline,
    a_text_of_any_legal_length_is_relayed,
    nicknames_refuse_invisible_characters_and_compare_normalised
);

/// Issue 19: under `ulimit -v 300000`, 500 clients arriving at the threaded
/// server killed it ("Fatal glibc error: failed to register TLS destructor:
/// out of memory", or "memory allocation of 192 bytes failed"): glibc's
/// malloc arenas (64 MiB of address space each, one per new thread up to 8
/// per core) and 256 KiB stacks took the whole limit, and the next allocation,
/// in any thread, aborted. Now threads have 128 KiB stacks and none starts
/// that would leave less than `threads::HEADROOM`: with a cap of 500, the
/// clients past that are refused, three times over, the server stays up, and
/// takes clients again once the crowd has gone. No `MALLOC_ARENA_MAX`.
#[test]
fn threaded_server_stays_up_with_hundreds_of_clients_under_a_memory_limit() {
    const CROWD: usize = 500;
    let limits = Limits {
        max_clients: CROWD,
        ..Limits::default()
    };
    let mut child = Child::start("threaded", Some("-v 300000"), limits);
    let server = child.server();
    let count = |part: &str| {
        let log = server.log.lock().unwrap();
        log.iter().filter(|l| l.contains(part)).count()
    };
    for wave in 0..3 {
        let crowd: Vec<TcpStream> = (0..CROWD)
            .filter_map(|i| {
                let stream = TcpStream::connect(server.addr).ok()?;
                chat::send(&mut &stream, Kind::Hello, &format!("w{wave}c{i}")).ok()?;
                chat::send(&mut &stream, Kind::Text, "hello, all").ok()?;
                Some(stream)
            })
            .collect();
        thread::sleep(Duration::from_secs(1));
        let status = child.child.try_wait().unwrap();
        let tail: Vec<String> = {
            let log = server.log.lock().unwrap();
            log.iter().rev().take(4).cloned().collect()
        };
        assert!(
            status.is_none(),
            "wave {wave}: the server died ({status:?}); its last words: {tail:?}"
        );
        eprintln!(
            "wave {wave}: {} of {CROWD} connected under 300 MB, {} joined so far",
            crowd.len(),
            count(" joined from ")
        );
        drop(crowd);
        thread::sleep(Duration::from_millis(500));
    }
    assert!(
        count("of address space left under the limit") > 0,
        "the limit was not reached"
    );

    let deadline = Instant::now() + PATIENCE;
    let ann = loop {
        let stream = TcpStream::connect(server.addr).unwrap();
        chat::send(&mut &stream, Kind::Hello, "ann").unwrap();
        let ann = Client::reading("ann", stream);
        match ann.inbox.recv_timeout(Duration::from_millis(500)) {
            Ok(Ok(m)) if m.kind == Kind::Error => {
                assert!(Instant::now() < deadline, "no place for ann: {m:?}");
                thread::sleep(Duration::from_millis(100));
            }
            _ => break ann,
        }
    };
    server.wait_log(&["ann joined"]);
    let bob = Client::join(&server, "bob");
    still_chatting(&ann, &bob, 0);
}
