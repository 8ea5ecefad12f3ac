//! `cargo run -p netpack-examples --bin udp_broadcast -- --help`: see `netpack_examples::datagram::broadcast`.

use netpack_examples::cli;
use netpack_examples::datagram::broadcast::{broadcast, listen, listener};
use std::net::{IpAddr, Ipv4Addr};

const USAGE: &str = "\
udp_broadcast: send a message to every listener on a network, or listen for them

usage: cargo run -p netpack-examples --bin udp_broadcast -- [--to ADDR] [--port PORT] [--count N] TEXT...
       cargo run -p netpack-examples --bin udp_broadcast -- --listen [--bind ADDR] [--port PORT] [--count N]

  --to ADDR     the broadcast address (default 127.255.255.255, the loopback network)
  --port PORT   the port the listeners bind (default 9090)
  --count N     send N copies, 200 ms apart (default 1); listen: stop after N messages
  --listen      receive instead of sending; several listeners may share the port
  --bind ADDR   the listener's address (default 0.0.0.0, every interface; use the
                broadcast address, such as 127.255.255.255, to receive only broadcasts)";

fn main() {
    let args = cli::Args::parse(USAGE, &["--listen"]);
    let port: u16 = args.get(USAGE, "--port", 9090);
    let count: u32 = args.get(
        USAGE,
        "--count",
        if args.switch("--listen") { 0 } else { 1 },
    );

    if !args.switch("--listen") {
        let to: IpAddr = args.get(USAGE, "--to", [127, 255, 255, 255].into());
        let text = args.words.join(" ");
        if text.is_empty() {
            cli::fail(USAGE, "nothing to send: give the TEXT");
        }
        if let Err(e) = broadcast(to, port, &text, count) {
            cli::fail(USAGE, format!("cannot broadcast to {to}:{port}: {e}"));
        }
        cli::log(&format!("sent {count} datagram(s) to {to}:{port}"));
        return;
    }

    let bind: IpAddr = args.get(USAGE, "--bind", Ipv4Addr::UNSPECIFIED.into());
    let socket = match listener(bind, port) {
        Ok(socket) => socket,
        Err(e) => cli::fail(USAGE, format!("cannot listen on {bind}:{port}: {e}")),
    };
    cli::log(&format!("listening on {bind}:{port}"));
    if let Err(e) = listen(&socket, count) {
        cli::fail(USAGE, e);
    }
}
