//! The chat client: one thread sends what you type, another prints what the
//! server relays. Type `bye` (or end the input) to leave.
//!
//! ```text
//! cargo run -p netpack-examples --bin tcp_chat_server -- --port 9900
//! cargo run -p netpack-examples --bin tcp_chat_client -- --server 127.0.0.1:9900 --name alice
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

use crate::chat::{self, Kind};
use crate::cli;
use std::io::{BufRead, BufReader};
use std::net::{Shutdown, TcpStream};

/// Sends each typed line until `bye` or the end of the input, then closes our
/// sending side: the server answers by closing the connection. Python: `send_msg`.
pub fn send_lines(stream: TcpStream) {
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
pub fn print_messages(stream: TcpStream) {
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
