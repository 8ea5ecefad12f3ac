//! `cargo run -p netpack-examples --bin tcp_chat_server -- --help`: see `netpack_examples::chat::server`.

use netpack_examples::chat::server::{serve, Config};
use netpack_examples::chat::Limits;
use netpack_examples::cli;
use std::net::TcpListener;
use std::sync::Arc;

const USAGE: &str = "\
tcp_chat_server: relays every chat message to all other connected clients

usage: cargo run -p netpack-examples --bin tcp_chat_server -- [--bind ADDR] [--port PORT] [--max-clients N]

  --bind ADDR       address to listen on (default 127.0.0.1)
  --port PORT       port to listen on (default 9900)
  --max-clients N   connections at once (default 64); more are refused with an Error frame";

fn main() {
    let args = cli::Args::parse(USAGE, &[]);
    let bind: std::net::IpAddr = args.get(USAGE, "--bind", [127, 0, 0, 1].into());
    let port: u16 = args.get(USAGE, "--port", 9900);
    let config = Config {
        limits: Limits {
            max_clients: args.get(USAGE, "--max-clients", 64),
            ..Limits::default()
        },
        ..Config::default()
    };
    // Python: sock = socket(AF_INET, SOCK_STREAM)
    //         sock.setsockopt(SOL_SOCKET, SO_REUSEADDR, 1)
    //         sock.bind(("", 9900)); sock.listen(3)
    // Rust's TcpListener::bind sets SO_REUSEADDR itself on Unix, and listens.
    let listener = match TcpListener::bind((bind, port)) {
        Ok(listener) => listener,
        Err(e) => cli::fail(USAGE, format!("cannot listen on {bind}:{port}: {e}")),
    };
    cli::log(&format!("chat server listening on {bind}:{port}"));
    serve(listener, config, Arc::new(cli::log));
}
