//! `cargo run -p netpack-examples --bin tftp -- --help`: see `netpack_examples::tftp`.

use netpack_examples::cli;
use netpack_examples::tftp::{get, put, serve, Config, Retry};
use std::fs::File;
use std::net::{IpAddr, SocketAddr, UdpSocket};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

const USAGE: &str = "\
tftp: a TFTP (RFC 1350) server and client, octet mode

usage: cargo run -p netpack-examples --bin tftp -- serve [--root DIR] [--bind ADDR] [--port PORT] [--writable] [--max-transfers N]
       cargo run -p netpack-examples --bin tftp -- get NAME [--server ADDR:PORT] [--out PATH]
       cargo run -p netpack-examples --bin tftp -- put PATH [--as NAME] [--server ADDR:PORT]

  serve              send the files of DIR (default .) to whoever asks
  --writable         let clients write new files into DIR (never overwrite), up to 32 MiB each
  --max-transfers N  transfers at once (default 32); more are refused with an error
  get NAME           fetch NAME (a plain file name, no path) into PATH (default NAME)
  put PATH           send the file PATH, named NAME on the server (default PATH's file name)
  --bind ADDR        the server's address (default 127.0.0.1)
  --port PORT        the server's port (default 6969)
  --server A:P       the server to ask (default 127.0.0.1:6969)
  --timeout MS       how long to wait for each packet (default 1000)
  --tries N          how many times to send a packet before giving up (default 5)";

fn main() {
    let args = cli::Args::parse(USAGE, &["--writable"]);
    let retry = Retry {
        timeout: Duration::from_millis(args.get(USAGE, "--timeout", 1000)),
        tries: args.get(USAGE, "--tries", 5),
    };
    let server: SocketAddr = args.get(USAGE, "--server", SocketAddr::from(([127, 0, 0, 1], 6969)));
    match args.words.first().map(String::as_str) {
        Some("serve") => {
            let root: PathBuf = args.get(USAGE, "--root", PathBuf::from("."));
            let bind: IpAddr = args.get(USAGE, "--bind", [127, 0, 0, 1].into());
            let port: u16 = args.get(USAGE, "--port", 6969);
            let config = Config {
                retry,
                max_transfers: args.get(USAGE, "--max-transfers", 32),
                writable: args.switch("--writable"),
                ..Config::default()
            };
            let socket = match UdpSocket::bind((bind, port)) {
                Ok(socket) => socket,
                Err(e) => cli::fail(USAGE, format!("cannot bind {bind}:{port}: {e}")),
            };
            cli::log(&format!("serving {} on {bind}:{port}", root.display()));
            if let Err(e) = serve(socket, &root, config, Arc::new(cli::log)) {
                cli::fail(USAGE, format!("cannot serve {}: {e}", root.display()));
            }
        }
        Some("get") => {
            let Some(name) = args.words.get(1) else {
                cli::fail(USAGE, "get needs the NAME of a file");
            };
            let out: PathBuf = args.get(USAGE, "--out", PathBuf::from(name));
            let mut file = match File::create(&out) {
                Ok(file) => file,
                Err(e) => cli::fail(USAGE, format!("cannot create {}: {e}", out.display())),
            };
            match get(server, name, &mut file, retry) {
                Ok(bytes) => cli::log(&format!(
                    "received {name}: {bytes} bytes into {}",
                    out.display()
                )),
                Err(e) => {
                    drop(file);
                    let _ = std::fs::remove_file(&out);
                    cli::log(&format!("error: {e}"));
                    std::process::exit(1);
                }
            }
        }
        Some("put") => {
            let Some(path) = args.words.get(1).map(PathBuf::from) else {
                cli::fail(USAGE, "put needs the PATH of a file");
            };
            let default = path.file_name().map(|n| n.to_string_lossy().into_owned());
            let name: String = args.get(USAGE, "--as", default.unwrap_or_default());
            let mut file = match File::open(&path) {
                Ok(file) => file,
                Err(e) => cli::fail(USAGE, format!("cannot open {}: {e}", path.display())),
            };
            match put(server, &name, &mut file, retry) {
                Ok(bytes) => cli::log(&format!("sent {name}: {bytes} bytes")),
                Err(e) => {
                    cli::log(&format!("error: {e}"));
                    std::process::exit(1);
                }
            }
        }
        _ => cli::fail(USAGE, "say `serve`, `get NAME` or `put PATH`"),
    }
}
