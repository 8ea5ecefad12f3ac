//! `cargo run -p netpack-examples --bin pcap_dump -- --help`: see `netpack_examples::pcap`.

use netpack_examples::cli;
use netpack_examples::pcap::dump;
use std::io;
use std::process::ExitCode;

const USAGE: &str = "\
pcap_dump: print one line per packet of a classic pcap file (either byte order)

usage: cargo run -p netpack-examples --bin pcap_dump -- FILE
       cargo run -p netpack-examples --bin pcap_dump -- -        (read standard input)

Each line: packet number, timestamp, captured length (and the length on the wire
when the capture cut the packet), then for Ethernet the addresses and type, and
for IPv4 the addresses and protocol.";

fn main() -> ExitCode {
    let args = cli::Args::parse(USAGE, &[]);
    let [path] = args.words.as_slice() else {
        cli::fail(USAGE, "give one FILE, or - for standard input");
    };
    let stdout = io::stdout().lock();
    let result = if path == "-" {
        dump(io::stdin().lock(), stdout)
    } else {
        match std::fs::File::open(path) {
            Ok(file) => dump(file, stdout),
            Err(e) => {
                eprintln!("pcap_dump: {path}: {e}");
                return ExitCode::FAILURE;
            }
        }
    };
    match result {
        Ok(_) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("pcap_dump: {path}: {e}");
            ExitCode::FAILURE
        }
    }
}
