//! `cargo run -p netpack-examples --bin udp_chat -- --help`: see `netpack_examples::datagram::chat`.

use netpack_examples::cli;
use netpack_examples::datagram::chat::run;
use std::net::{SocketAddr, UdpSocket};

const USAGE: &str = "\
udp_chat: chat with one peer over UDP; type a line to send it, `bye` to end the chat

usage: cargo run -p netpack-examples --bin udp_chat -- --port PORT --peer ADDR:PORT [--bind ADDR]

  --port PORT        the port to receive on (default 9999)
  --peer ADDR:PORT   where to send (default 127.0.0.1:9000)
  --bind ADDR        the address to bind (default 127.0.0.1)";

fn main() {
    let args = cli::Args::parse(USAGE, &[]);
    let bind: std::net::IpAddr = args.get(USAGE, "--bind", [127, 0, 0, 1].into());
    let port: u16 = args.get(USAGE, "--port", 9999);
    let peer: SocketAddr = args.get(USAGE, "--peer", SocketAddr::from(([127, 0, 0, 1], 9000)));

    // Python: send_socket = socket(AF_INET, SOCK_DGRAM); send_socket.bind(("", 9999))
    let socket = match UdpSocket::bind((bind, port)) {
        Ok(socket) => socket,
        Err(e) => cli::fail(USAGE, format!("cannot bind {bind}:{port}: {e}")),
    };
    cli::log(&format!(
        "chatting with {peer} from {bind}:{port}; `bye` ends the chat"
    ));
    if let Err(e) = run(socket, peer, cli::stdin_lines(), |line| cli::say(&line)) {
        cli::log(&format!("error: {e}"));
        std::process::exit(1);
    }
}
