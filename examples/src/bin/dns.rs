//! `cargo run -p netpack-examples --bin dns -- --help`: see `netpack_examples::dns`.

use netpack_examples::cli;
use netpack_examples::dns::{self, message::Type};
use std::net::SocketAddr;
use std::process::ExitCode;

const USAGE: &str = "\
dns: build DNS queries and read DNS responses, printed as dig prints records

usage: cargo run -p netpack-examples --bin dns -- query NAME TYPE [--id N]
       cargo run -p netpack-examples --bin dns -- query NAME TYPE --server 127.0.0.1:PORT [--id N]
       cargo run -p netpack-examples --bin dns -- decode FILE
       cargo run -p netpack-examples --bin dns -- decode --hex FILE

query   prints the query (class IN, recursion desired) in hex; with --server,
        sends it over UDP (3 tries, 2 s apart) and prints the response.
decode  reads a response from FILE (raw bytes; hex digits with --hex; - is
        standard input) and prints every record: name. TTL CLASS TYPE data.
TYPE    A, AAAA, CNAME, MX, NS, PTR, SOA, TXT, ANY or TYPEnnn.";

fn main() -> ExitCode {
    let args = cli::Args::parse(USAGE, &["--hex"]);
    let result = match args.words.first().map(String::as_str) {
        Some("query") => query(&args),
        Some("decode") => decode(&args),
        _ => cli::fail(USAGE, "say query or decode"),
    };
    match result {
        Ok(text) => {
            cli::say(text.trim_end());
            ExitCode::SUCCESS
        }
        Err(e) => {
            cli::log(&format!("dns: {e}"));
            ExitCode::FAILURE
        }
    }
}

fn query(args: &cli::Args) -> Result<String, String> {
    let [_, name, qtype] = args.words.as_slice() else {
        cli::fail(USAGE, "query needs NAME and TYPE");
    };
    let Some(qtype) = Type::from_text(qtype) else {
        cli::fail(USAGE, format!("unknown type {qtype:?}"));
    };
    let id = args.get(
        USAGE,
        "--id",
        std::process::id() as u16 ^ netpack_examples::now_ms() as u16,
    );
    let wire = dns::query(name, qtype, id).map_err(|e| e.to_string())?;
    let server: String = args.get(USAGE, "--server", String::new());
    if server.is_empty() {
        return Ok(dns::to_hex(&wire));
    }
    let server: SocketAddr = server
        .parse()
        .unwrap_or_else(|e| cli::fail(USAGE, format!("--server {server}: {e}")));
    let reply = dns::ask(server, &wire, dns::RETRY, |from, why| {
        cli::log(&format!("dns: ignored a datagram from {from}: {why}"));
    })
    .map_err(|e| format!("{server}: {e}"))?;
    dns::decode_to_text(&reply).map_err(|e| format!("the response from {server}: {e}"))
}

fn decode(args: &cli::Args) -> Result<String, String> {
    let [_, path] = args.words.as_slice() else {
        cli::fail(USAGE, "decode needs one FILE (- for standard input)");
    };
    let bytes = if path == "-" {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut bytes).map(|_| bytes)
    } else {
        std::fs::read(path)
    }
    .map_err(|e| format!("{path}: {e}"))?;
    let wire = if args.switch("--hex") {
        let text =
            String::from_utf8(bytes).map_err(|_| format!("{path}: not text (without --hex?)"))?;
        dns::from_hex(&text).map_err(|e| format!("{path}: {e}"))?
    } else {
        bytes
    };
    dns::decode_to_text(&wire).map_err(|e| format!("{path}: {e}"))
}
