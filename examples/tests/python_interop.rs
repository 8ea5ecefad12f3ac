//! The Python clients of `examples/python/` (only `socket` and `struct`) against
//! the Rust servers: Rust and Python chat clients see each other's messages, and
//! the Python TFTP client fetches a file byte-identical. Skipped, with a note,
//! where `python3` is missing.

use netpack_examples::chat::{self, server, server_async, Kind};
use netpack_examples::tftp;
use std::io::{BufRead, BufReader, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream, UdpSocket};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::{mpsc, Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

const PATIENCE: Duration = Duration::from_secs(10);

fn script(name: &str) -> String {
    format!("{}/python/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// Whether `python3` runs here; if not, the test says so and passes.
fn have_python() -> bool {
    let found = Command::new("python3")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !found {
        eprintln!("note: python3 not found; skipping the Python interop test");
    }
    found
}

/// Waits for `child` to exit, killing it after `PATIENCE`.
fn wait(mut child: Child) -> std::process::ExitStatus {
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        if start.elapsed() > PATIENCE {
            let _ = child.kill();
            panic!("python3 did not exit in time");
        }
        thread::sleep(Duration::from_millis(10));
    }
}

type Log = Arc<Mutex<Vec<String>>>;

fn wait_log(log: &Log, part: &str) {
    let start = Instant::now();
    while !log.lock().unwrap().iter().any(|l| l.contains(part)) {
        assert!(start.elapsed() < PATIENCE, "no {part:?} in {log:?}");
        thread::sleep(Duration::from_millis(5));
    }
}

fn keeper(log: &Log) -> Arc<dyn Fn(&str) + Send + Sync> {
    let log = log.clone();
    Arc::new(move |line: &str| log.lock().unwrap().push(line.to_string()))
}

/// The Python chat client, driven through its standard input and output.
struct PythonClient {
    child: Child,
    stdin: ChildStdin,
    lines: mpsc::Receiver<String>,
}

impl PythonClient {
    fn start(server: SocketAddr, name: &str) -> PythonClient {
        let mut child = Command::new("python3")
            .arg(script("chat_client.py"))
            .args(["--server", &server.to_string(), "--name", name])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take().unwrap();
        let stdout = BufReader::new(child.stdout.take().unwrap());
        let (tx, lines) = mpsc::channel();
        thread::spawn(move || {
            for line in stdout.lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        PythonClient {
            child,
            stdin,
            lines,
        }
    }

    fn type_line(&mut self, line: &str) {
        writeln!(self.stdin, "{line}").unwrap();
        self.stdin.flush().unwrap();
    }

    fn expect(&self, line: &str) {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(got) if got == line => return,
                Ok(_) => {}
                Err(_) => panic!("the Python client did not print {line:?}"),
            }
        }
    }
}

/// A Rust client and a Python client chat through the server at `addr`.
fn rust_and_python_chat(addr: SocketAddr, log: &Log) {
    let rust = TcpStream::connect(addr).unwrap();
    chat::send(&mut &rust, Kind::Hello, "rust").unwrap();
    wait_log(log, "rust joined");
    let mut reader = BufReader::new(rust.try_clone().unwrap());
    rust.set_read_timeout(Some(PATIENCE)).unwrap();

    let mut python = PythonClient::start(addr, "py");
    wait_log(log, "py joined");
    let next = |reader: &mut BufReader<TcpStream>| chat::receive(reader).unwrap().unwrap();
    assert_eq!(next(&mut reader).to_string(), "* py joined");

    chat::send(&mut &rust, Kind::Text, "hello python, ünïcödé").unwrap();
    python.expect("rust: hello python, ünïcödé");
    let long = "x".repeat(3000); // more than one recv(1024)
    chat::send(&mut &rust, Kind::Text, &long).unwrap();
    python.expect(&format!("rust: {long}"));

    python.type_line("hello rust");
    python.type_line(&long);
    let message = next(&mut reader);
    assert_eq!(
        (message.kind, message.body.as_str()),
        (Kind::Text, "py: hello rust")
    );
    assert!(message.sent_ms > 0);
    assert_eq!(next(&mut reader).body, format!("py: {long}"));

    python.type_line("bye");
    assert!(wait(python.child).success());
    assert_eq!(next(&mut reader).to_string(), "* py left");
    rust.shutdown(Shutdown::Both).unwrap();
}

#[test]
fn python_chat_client_with_the_threaded_server() {
    if !have_python() {
        return;
    }
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let log = Log::default();
    let keep = keeper(&log);
    thread::spawn(move || server::serve(listener, server::Config::default(), keep));
    rust_and_python_chat(addr, &log);
}

#[test]
fn python_chat_client_with_the_async_server() {
    if !have_python() {
        return;
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .unwrap();
    let addr = listener.local_addr().unwrap();
    let log = Log::default();
    runtime.spawn(server_async::serve(
        listener,
        chat::Limits::default(),
        keeper(&log),
    ));
    rust_and_python_chat(addr, &log);
}

#[test]
fn python_tftp_client_with_the_rust_server() {
    if !have_python() {
        return;
    }
    let folder = std::env::temp_dir().join(format!("netpack-py-tftp-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&folder);
    let served = folder.join("served");
    std::fs::create_dir_all(&served).unwrap();
    let bytes: Vec<u8> = (0..(1u32 << 20))
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    std::fs::write(served.join("test.jpg"), &bytes).unwrap();

    let socket = UdpSocket::bind("127.0.0.1:0").unwrap();
    let addr = socket.local_addr().unwrap();
    let root = served.clone();
    let log = Log::default();
    let keep = keeper(&log);
    let config = tftp::Config {
        writable: true,
        ..tftp::Config::default()
    };
    thread::spawn(move || tftp::serve(socket, &root, config, keep));

    let client = |args: &[&std::ffi::OsStr]| {
        Command::new("python3")
            .arg(script("tftp_client.py"))
            .args(["--server", &addr.to_string()])
            .args(args)
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    // Rust to Python: 1 MiB, 2048 full blocks and an empty one.
    let out = folder.join("got.jpg");
    assert!(wait(client(&[
        "get".as_ref(),
        "test.jpg".as_ref(),
        out.as_os_str()
    ]))
    .success());
    assert!(
        std::fs::read(&out).unwrap() == bytes,
        "the file changed on the way"
    );
    // Python to Rust: the same file back under another name.
    assert!(wait(client(&[
        "put".as_ref(),
        out.as_os_str(),
        "back.jpg".as_ref()
    ]))
    .success());
    wait_log(&log, "received \"back.jpg\", 1048576 bytes");
    assert!(
        std::fs::read(served.join("back.jpg")).unwrap() == bytes,
        "the file changed on the way back"
    );

    let refused = client(&[
        "get".as_ref(),
        "../x".as_ref(),
        folder.join("x").as_os_str(),
    ])
    .wait_with_output()
    .unwrap();
    assert!(!refused.status.success());
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(said.contains("error 2: only plain file names"), "{said}");
    let _ = std::fs::remove_dir_all(&folder);
}
