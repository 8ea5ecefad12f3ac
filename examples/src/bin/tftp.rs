//! `cargo run -p netpack-examples --bin tftp -- --help`: see `netpack_examples::tftp`.

use netpack_examples::cli;
use netpack_examples::tftp::{serve, Client, Config, Mode, Retry, TransferError};
use std::net::{IpAddr, SocketAddr, UdpSocket};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

const USAGE: &str = "\
tftp: a TFTP server and client (RFC 1350, with the options of RFC 2347-2349)

usage: cargo run -p netpack-examples --bin tftp -- serve [--root DIR] [--bind ADDR] [--port PORT] [--writable]
                 [--max-transfers N] [--max-upload BYTES] [--max-blksize N]
       cargo run -p netpack-examples --bin tftp -- get NAME [--server ADDR:PORT] [--out PATH] [--blksize N] [--mode M]
       cargo run -p netpack-examples --bin tftp -- put PATH [--as NAME] [--server ADDR:PORT] [--blksize N] [--mode M]

  serve              send the files of DIR (default .) to whoever asks
  --writable         let clients write new files into DIR (never overwrite)
  --max-upload B     the largest file a client may write (default 33554432, 32 MiB)
  --max-transfers N  transfers at once (default 32); more are refused with an error
  --max-blksize N    the largest block agreed to when a client asks (default 65464)
  get NAME           fetch NAME (a plain file name, no path) into PATH (default NAME): written
                     beside PATH and renamed over it when complete; PATH is a new file or a
                     regular one (a device, a FIFO or a folder is refused), - writes to stdout
  put PATH           send the file PATH (- reads stdin), named NAME on the server (default
                     PATH's file name)
  --blksize N        ask for blocks of N bytes (8 to 65464; default: no option, 512)
  --mode M           octet (default) or netascii (text, CR LF on the wire)
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
    let mode = match args.get(USAGE, "--mode", String::from("octet")).as_str() {
        "octet" => Mode::Octet,
        "netascii" => Mode::Netascii,
        other => cli::fail(USAGE, format!("--mode {other}: octet or netascii")),
    };
    let client = Client {
        retry,
        block: match args.get(USAGE, "--blksize", 0) {
            0 => None,
            n => Some(n),
        },
        mode,
        ..Client::new(server)
    };
    let done = |result: Result<u64, TransferError>, what: &str| match result {
        Ok(bytes) => cli::log(&format!("{what}: {bytes} bytes")),
        Err(e) => {
            cli::log(&format!("error: {e}"));
            std::process::exit(1);
        }
    };
    match args.words.first().map(String::as_str) {
        Some("serve") => {
            let root: PathBuf = args.get(USAGE, "--root", PathBuf::from("."));
            let bind: IpAddr = args.get(USAGE, "--bind", [127, 0, 0, 1].into());
            let port: u16 = args.get(USAGE, "--port", 6969);
            let defaults = Config::default();
            let config = Config {
                retry,
                max_transfers: args.get(USAGE, "--max-transfers", defaults.max_transfers),
                writable: args.switch("--writable"),
                max_upload: args.get(USAGE, "--max-upload", defaults.max_upload),
                max_block: args.get(USAGE, "--max-blksize", defaults.max_block),
                ..defaults
            };
            let socket = match UdpSocket::bind((bind, port)) {
                Ok(socket) => socket,
                Err(e) => cli::fail(USAGE, format!("cannot bind {bind}:{port}: {e}")),
            };
            // With --port 0 the system picks the port: the log says which.
            let local = socket
                .local_addr()
                .map_or(format!("{bind}:{port}"), |a| a.to_string());
            cli::log(&format!("serving {} on {local}", root.display()));
            if let Err(e) = serve(socket, &root, config, Arc::new(cli::log)) {
                cli::fail(USAGE, format!("cannot serve {}: {e}", root.display()));
            }
        }
        Some("get") => {
            let Some(name) = args.words.get(1) else {
                cli::fail(USAGE, "get needs the NAME of a file");
            };
            let out: PathBuf = args.get(USAGE, "--out", PathBuf::from(name));
            if out.as_os_str() == "-" {
                let result = client.get(name, &mut std::io::stdout().lock());
                done(result, &format!("received {name} to standard output"));
            } else {
                let result = client.download(name, &out);
                done(result, &format!("received {name} into {}", out.display()));
            }
        }
        Some("put") => {
            let Some(path) = args.words.get(1).map(PathBuf::from) else {
                cli::fail(USAGE, "put needs the PATH of a file");
            };
            let default = path.file_name().map(|n| n.to_string_lossy().into_owned());
            let name: String = args.get(USAGE, "--as", default.unwrap_or_default());
            let result = if path.as_os_str() == "-" {
                client.put(&name, &mut std::io::stdin().lock())
            } else {
                match std::fs::File::open(&path) {
                    Ok(file) => client.put(&name, &mut std::io::BufReader::new(file)),
                    Err(e) => cli::fail(USAGE, format!("cannot open {}: {e}", path.display())),
                }
            };
            done(result, &format!("sent {name}"));
        }
        _ => cli::fail(USAGE, "say `serve`, `get NAME` or `put PATH`"),
    }
}
