//! `cargo run -p netpack-examples --bin pcap_dump -- --help`: see `netpack_examples::pcap`.

use netpack_examples::cli;
use netpack_examples::pcap::{dump_with, Options};
use std::io;
use std::process::ExitCode;

const USAGE: &str = "\
pcap_dump: print a classic pcap file (either byte order) as tcpdump -nn -tt -r prints it

usage: cargo run -p netpack-examples --bin pcap_dump -- [--nano] [--verify] FILE
       cargo run -p netpack-examples --bin pcap_dump -- [--nano] [--verify] -   (read standard input)

One line per packet: the time in seconds, then IPv4 or IPv6 with UDP, TCP (seq
and ack relative to each connection's first, as tcpdump prints them without -S),
ICMP or ICMPv6 echo, or ARP, through any VLAN tags, or a hex dump of what it
does not decode; link types 1 (Ethernet), 0 (BSD loopback), 113 and 276 (Linux
cooked). examples/README.md says where the words are not tcpdump's.

  --nano     nine fraction digits, as tcpdump --nano (default: six, as tcpdump -tt)
  --verify   check each IPv4 header checksum, and append
             [bad IPv4 header checksum: ...] where it is wrong (tcpdump -nn says nothing)";

fn main() -> ExitCode {
    let args = cli::Args::parse(USAGE, &["--nano", "--verify"]);
    let [path] = args.words.as_slice() else {
        cli::fail(USAGE, "give one FILE, or - for standard input");
    };
    let options = Options {
        nano: args.switch("--nano"),
        verify: args.switch("--verify"),
    };
    let stdout = io::stdout().lock();
    let result = if path == "-" {
        dump_with(io::stdin().lock(), stdout, options)
    } else {
        match std::fs::File::open(path) {
            Ok(file) => dump_with(file, stdout, options),
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
