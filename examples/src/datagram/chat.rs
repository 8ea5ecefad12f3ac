//! UDP chat between two peers: each binds a port, one thread sends what you
//! type, another prints what arrives; `bye` on either side ends both.
//!
//! ```text
//! cargo run -p netpack-examples --bin udp_chat -- --port 9999 --peer 127.0.0.1:9000
//! cargo run -p netpack-examples --bin udp_chat -- --port 9000 --peer 127.0.0.1:9999
//! ```
//!
//! Python original (the tutorial's):
//!
//! ```python
//! send_socket = socket(AF_INET, SOCK_DGRAM)
//! send_socket.bind(("", 9999))
//! def send_msg():
//!     while True:
//!         msg = input(">>")
//!         send_socket.sendto(msg.encode("utf-8"), ("127.0.0.1", 9000))
//!         if msg == "bye":
//!             break
//! def recv_msg():
//!     while True:
//!         content = send_socket.recvfrom(1024)
//!         msg = content[0].decode("utf-8")
//!         print("<<" + msg)
//!         if msg == "bye":
//!             break
//! ```
//!
//! Here a datagram is a typed message, `struct.pack("!BIQ", kind, seq, sent_ms)`
//! followed by the text (see `src/datagram.rs`): `bye` is its own kind, so
//! typing the word in a sentence ends nothing, the sequence number shows lost or
//! reordered datagrams, and the receive buffer holds the largest datagram rather
//! than cutting it at 1024 bytes.

use crate::cli;
use crate::datagram::{self, Error, Kind};
use std::net::{SocketAddr, UdpSocket};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread;
use std::time::Duration;

/// How often the receiving loop checks whether this side said bye.
const POLL: Duration = Duration::from_millis(100);

/// Sends each line of `input`, numbered from 1, until `bye` or the end of the
/// input, which both send a `Bye`. Python: `send_msg`.
fn send_lines(socket: &UdpSocket, peer: SocketAddr, input: impl Iterator<Item = String>) {
    let mut seq = 0u32;
    for line in input {
        seq = seq.wrapping_add(1);
        if line == "bye" {
            break;
        }
        if let Err(e) = datagram::send(socket, peer, Kind::Text, seq, &line) {
            cli::log(&format!("not sent: {e}"));
        }
    }
    if let Err(e) = datagram::send(socket, peer, Kind::Bye, seq, "bye") {
        cli::log(&format!("bye not sent: {e}"));
    }
}

/// Runs one side of the chat: a thread sends the lines of `input`, this thread
/// passes what arrives to `show`, until either side says bye. Python: `t1`, `t2`.
pub fn run<I>(
    socket: UdpSocket,
    peer: SocketAddr,
    input: I,
    mut show: impl FnMut(String),
) -> Result<(), Error>
where
    I: Iterator<Item = String> + Send + 'static,
{
    let said_bye = Arc::new(AtomicBool::new(false));
    let sender = socket.try_clone()?;
    let done = said_bye.clone();
    // Not joined: after the peer's bye it may still be waiting for a line of
    // input, which only ending the program interrupts.
    thread::spawn(move || {
        send_lines(&sender, peer, input);
        done.store(true, Ordering::SeqCst);
    });

    // Python: recv_msg. The timeout lets the loop notice our own bye.
    socket.set_read_timeout(Some(POLL))?;
    let mut next_seq: Option<u32> = None;
    while !said_bye.load(Ordering::SeqCst) {
        let (from, message) = match datagram::receive(&socket) {
            Ok(received) => received,
            Err(Error::Io(e))
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) =>
            {
                continue
            }
            Err(e) => return Err(e),
        };
        if from != peer {
            show(format!("(ignored a datagram from {from})"));
            continue;
        }
        let message = match message {
            Ok(message) => message,
            Err(e) => {
                show(format!("(ignored: {e})"));
                continue;
            }
        };
        match next_seq {
            Some(expected) if message.seq > expected => {
                show(format!("({} messages lost)", message.seq - expected));
            }
            Some(expected) if message.seq < expected => {
                show(format!("(#{} arrived late)", message.seq));
            }
            _ => {}
        }
        next_seq = Some(message.seq.wrapping_add(1));
        let stamp = datagram::clock(message.sent_ms);
        match message.kind {
            // Escaped: raw control characters could fake lines or erase the screen.
            Kind::Text => show(format!(
                "<< [{stamp} #{}] {}",
                message.seq,
                cli::printable(&message.text)
            )),
            Kind::Bye => {
                show(format!("<< [{stamp}] peer said bye"));
                break;
            }
        }
    }
    Ok(())
}
