//! UDP broadcast: one datagram to a broadcast address reaches every listener on
//! that network. The default address, `127.255.255.255`, is the broadcast
//! address of the loopback network, so it reaches the listeners on this machine.
//!
//! ```text
//! cargo run -p netpack-examples --bin udp_broadcast -- --listen            # terminal 1
//! cargo run -p netpack-examples --bin udp_broadcast -- --listen            # terminal 2
//! cargo run -p netpack-examples --bin udp_broadcast -- hello everyone      # terminal 3
//! ```
//!
//! Python original (the tutorial's):
//!
//! ```python
//! sock = socket(AF_INET, SOCK_DGRAM)
//! sock.setsockopt(SOL_SOCKET, SO_BROADCAST, 1)
//! sock.sendto("hello".encode("utf-8"), ("192.168.1.255", 9090))
//! ```
//!
//! The datagram is the one of `udp_chat`: `struct.pack("!BIQ", kind, seq,
//! sent_ms)` followed by the text.

use crate::cli;
use crate::datagram::{self, Kind};
use socket2::{Domain, Protocol, Socket, Type};
use std::net::{IpAddr, Ipv4Addr, SocketAddr, UdpSocket};
use std::time::Duration;

/// Sends `count` copies of `text` to `to:port`, numbered from 1.
pub fn broadcast(to: IpAddr, port: u16, text: &str, count: u32) -> Result<(), datagram::Error> {
    // The sender binds any free port: Python `socket(AF_INET, SOCK_DGRAM)`.
    let socket = UdpSocket::bind((Ipv4Addr::UNSPECIFIED, 0))?;
    // Python: sock.setsockopt(SOL_SOCKET, SO_BROADCAST, 1). Without it the kernel
    // refuses to send to a broadcast address ("Permission denied").
    socket.set_broadcast(true)?;
    for seq in 1..=count {
        if seq > 1 {
            std::thread::sleep(Duration::from_millis(200));
        }
        datagram::send(&socket, (to, port), Kind::Text, seq, text)?;
    }
    Ok(())
}

/// A socket that receives on `bind:port` and shares the port with other
/// listeners: `SO_REUSEADDR` before `bind`, as Python's
/// `sock.setsockopt(SOL_SOCKET, SO_REUSEADDR, 1)`. With port 0 the system picks one.
pub fn listener(bind: IpAddr, port: u16) -> std::io::Result<UdpSocket> {
    let socket = Socket::new(Domain::IPV4, Type::DGRAM, Some(Protocol::UDP))?;
    socket.set_reuse_address(true)?;
    socket.bind(&SocketAddr::new(bind, port).into())?;
    Ok(socket.into())
}

/// Prints the messages that arrive on `socket`, `count` of them (0: forever).
/// The text is printed with control characters escaped, and the program ends
/// quietly when its output goes away (`--listen | head -1`).
pub fn listen(socket: &UdpSocket, count: u32) -> Result<(), datagram::Error> {
    let mut received = 0;
    while count == 0 || received < count {
        match datagram::receive(socket)? {
            (from, Ok(message)) => {
                received += 1;
                let stamp = datagram::clock(message.sent_ms);
                cli::say(&format!(
                    "<< {from} [{stamp} #{}] {}",
                    message.seq,
                    cli::printable(&message.text)
                ));
            }
            (from, Err(e)) => cli::log(&format!("(ignored a datagram from {from}: {e})")),
        }
    }
    Ok(())
}
