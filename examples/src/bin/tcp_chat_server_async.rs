//! `cargo run -p netpack-examples --bin tcp_chat_server_async -- --help`: see `netpack_examples::chat::server_async`.

use netpack_examples::chat::server_async::serve;
use netpack_examples::chat::Limits;
use netpack_examples::cli;
use std::sync::Arc;
use tokio::net::TcpListener;

const USAGE: &str = "\
tcp_chat_server_async: the chat relay on tokio, with netpack's MessageCodec

usage: cargo run -p netpack-examples --bin tcp_chat_server_async -- [--bind ADDR] [--port PORT] [--max-clients N]

  --bind ADDR       address to listen on (default 127.0.0.1)
  --port PORT       port to listen on (default 9900)
  --max-clients N   connections at once (default 1000); more are refused with an Error frame";

#[tokio::main]
async fn main() {
    let args = cli::Args::parse(USAGE, &[]);
    let bind: std::net::IpAddr = args.get(USAGE, "--bind", [127, 0, 0, 1].into());
    let port: u16 = args.get(USAGE, "--port", 9900);
    let config = Limits {
        max_clients: args.get(USAGE, "--max-clients", 1000),
        ..Limits::default()
    };
    let listener = match TcpListener::bind((bind, port)).await {
        Ok(listener) => listener,
        Err(e) => cli::fail(USAGE, format!("cannot listen on {bind}:{port}: {e}")),
    };
    cli::log(&format!("async chat server listening on {bind}:{port}"));
    serve(listener, config, Arc::new(cli::log)).await;
}
