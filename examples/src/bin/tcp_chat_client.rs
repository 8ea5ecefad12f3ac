//! `cargo run -p netpack-examples --bin tcp_chat_client -- --help`: see `netpack_examples::chat::client`.

use netpack_examples::chat::client::{print_messages, send_lines};
use netpack_examples::chat::{self, Kind};
use netpack_examples::cli;
use std::net::{SocketAddr, TcpStream};
use std::thread;

const USAGE: &str = "\
tcp_chat_client: chat through tcp_chat_server; type a line to send it, `bye` to leave

usage: cargo run -p netpack-examples --bin tcp_chat_client -- [--server ADDR:PORT] --name NAME

  --server ADDR:PORT   the server (default 127.0.0.1:9900)
  --name NAME          your nickname, 1 to 32 bytes";

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
