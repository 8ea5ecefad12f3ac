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

/// How far from the number it expects a datagram's number may be, ahead or
/// behind, to be the peer's: past it, the datagram was not sent in this chat
/// (a forged or stale one), and a gap is never counted past it.
pub const WINDOW: u32 = 1024;

/// A random start for this side's numbers, as TCP picks its initial
/// sequence number: a datagram from someone who has not seen the chat is
/// unlikely to fall in its window.
fn first_number() -> u32 {
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u128(
        std::time::SystemTime::UNIX_EPOCH
            .elapsed()
            .map_or(0, |d| d.as_nanos()),
    );
    hasher.finish() as u32
}

/// The peer's numbering, learnt from its first datagram.
struct Numbering {
    first: u32,
    next: u32,
}

/// Where a datagram's number puts it in the peer's numbering.
enum Place {
    /// The next one, or `lost` after the last one seen.
    Next { lost: u32 },
    /// Behind the last one seen: it was overtaken.
    Late,
    /// Outside the window: not the peer's.
    Foreign,
}

impl Numbering {
    fn place(&mut self, seq: u32) -> Place {
        let (ahead, behind) = (seq.wrapping_sub(self.next), self.next.wrapping_sub(seq));
        if ahead < WINDOW {
            self.next = seq.wrapping_add(1);
            Place::Next { lost: ahead }
        } else if behind <= WINDOW {
            Place::Late
        } else {
            Place::Foreign
        }
    }

    /// The number shown for `seq`: 1 for the peer's first datagram seen.
    fn shown(&self, seq: u32) -> u32 {
        seq.wrapping_sub(self.first).wrapping_add(1)
    }
}

/// Sends each line of `input`, numbered on from a random start, until `bye`
/// or the end of the input, which both send a `Bye`. Python: `send_msg`.
fn send_lines(socket: &UdpSocket, peer: SocketAddr, input: impl Iterator<Item = String>) {
    let mut seq = first_number();
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
    let mut numbering: Option<Numbering> = None;
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
        let numbers = numbering.get_or_insert(Numbering {
            first: message.seq,
            next: message.seq,
        });
        match numbers.place(message.seq) {
            Place::Next { lost: 0 } => {}
            Place::Next { lost } => show(format!("({lost} messages lost)")),
            Place::Late => show(format!("(#{} arrived late)", numbers.shown(message.seq))),
            Place::Foreign => {
                show(format!(
                    "(ignored a datagram from {from}: its number is not the chat's)"
                ));
                continue;
            }
        }
        let shown = numbers.shown(message.seq);
        let stamp = datagram::clock(message.sent_ms);
        match message.kind {
            // Escaped: raw control characters could fake lines or erase the screen.
            Kind::Text => show(format!(
                "<< [{stamp} #{shown}] {}",
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
