//! The chat client: one thread sends what you type, another prints what the
//! server relays. Type `bye` (or end the input) to leave.
//!
//! ```text
//! cargo run -p netpack --example tcp_chat_server -- --port 9900
//! cargo run -p netpack --example tcp_chat_client -- --server 127.0.0.1:9900 --name alice
//! ```
//!
//! Python original (the tutorial's client, with its `recv(1024)` bug):
//!
//! ```python
//! sock.connect(("127.0.0.1", 9900))
//! def send_msg():
//!     while True:
//!         sock.send((name + ":" + input(">>")).encode("utf-8"))
//! def recv_msg():
//!     while True:
//!         print(">>" + sock.recv(1024).decode("utf-8"))
//! ```

#[path = "common/chat.rs"]
mod chat;
#[path = "common/cli.rs"]
mod cli;

use chat::Kind;
use std::io::{BufRead, BufReader};
use std::net::{Shutdown, SocketAddr, TcpStream};
use std::thread;

const USAGE: &str = "\
tcp_chat_client: chat through tcp_chat_server; type a line to send it, `bye` to leave

usage: cargo run -p netpack --example tcp_chat_client -- [--server ADDR:PORT] --name NAME

  --server ADDR:PORT   the server (default 127.0.0.1:9900)
  --name NAME          your nickname, 1 to 32 bytes";

/// Sends each typed line until `bye` or the end of the input, then closes our
/// sending side: the server answers by closing the connection. Python: `send_msg`.
fn send_lines(stream: TcpStream) {
    for line in std::io::stdin().lock().lines() {
        let Ok(line) = line else { break };
        if line == "bye" {
            break;
        }
        if let Err(e) = chat::send(&mut &stream, Kind::Text, &line) {
            cli::log(&format!("not sent: {e}"));
            if matches!(e, netpack::io::Error::Io(_)) {
                break;
            }
        }
    }
    let _ = stream.shutdown(Shutdown::Write);
}

/// How a message is printed: with control characters escaped, so that a
/// text like `"hi\nalice: send me your password\x1b[2K"` shows as one line
/// from its real sender, not as a line from alice and an erased screen line.
pub fn shown(message: &impl std::fmt::Display) -> String {
    cli::printable(&message.to_string()).into_owned()
}

/// Prints every message the server sends until it closes the connection.
/// Python: `recv_msg`, `while True: print(sock.recv(1024).decode())`, but with
/// whole messages.
fn print_messages(stream: TcpStream) {
    let mut reader = BufReader::new(stream);
    loop {
        match chat::receive(&mut reader) {
            Ok(Some(message)) => cli::say(&shown(&message)),
            Ok(None) => break,
            Err(e) => {
                cli::log(&format!("connection broken: {e}"));
                break;
            }
        }
    }
}

fn main() {
    let args = cli::Args::parse(USAGE, &[]);
    let server: SocketAddr = args.get(USAGE, "--server", SocketAddr::from(([127, 0, 0, 1], 9900)));
    let name: String = args.get(USAGE, "--name", String::new());
    if name.is_empty() {
        cli::fail(USAGE, "--name is required");
    }

    // Python: sock = socket(AF_INET, SOCK_STREAM); sock.connect(("127.0.0.1", 9900))
    let stream = match TcpStream::connect(server) {
        Ok(stream) => stream,
        Err(e) => cli::fail(USAGE, format!("cannot connect to {server}: {e}")),
    };
    // Chat lines are small: send each at once instead of waiting to fill a segment.
    let _ = stream.set_nodelay(true);
    if let Err(e) = chat::send(&mut &stream, Kind::Hello, &name) {
        cli::fail(USAGE, e);
    }
    // Python: Thread(target=send_msg).start(). Not joined: when the server
    // closes the connection, the program ends even while waiting for a line.
    match stream.try_clone() {
        Ok(sender) => thread::spawn(move || send_lines(sender)),
        Err(e) => cli::fail(USAGE, e),
    };
    print_messages(stream);
}
