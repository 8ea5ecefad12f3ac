//! The `dns` example against dnspython: responses dnspython made decode into
//! the lines of its `rrset.to_text()`, section by section, and re-encode into
//! its bytes; the messages it refuses (pointer loops, pointers forward or past
//! the end, bad label types, names over 255 bytes, lying lengths, trailing
//! bytes) and every truncation of every response are errors; queries are its
//! `make_query` bytes; a query over UDP gets its answer from a server on
//! 127.0.0.1 that also sends garbage first.
//!
//! The vectors are `tests/data/dns.txt`, written by
//! `examples/python/gen_dns.py` (seeded; see its docstring).

use netpack_examples::dns::message::{Dns, Type};
use netpack_examples::dns::name::{Compressor, Name, NameError};
use netpack_examples::dns::{self, DnsError, Retry, Section};
use std::net::UdpSocket;
use std::time::Duration;

/// One block of the vector file.
#[derive(Debug, Default)]
struct Case {
    kind: String,
    label: String,
    wire: Vec<u8>,
    /// `(section, line)` in order.
    lines: Vec<(String, String)>,
    why: String,
}

fn cases() -> Vec<Case> {
    let text = include_str!("data/dns.txt");
    let mut cases = Vec::new();
    let mut case = Case::default();
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let (key, value) = line.split_once(' ').unwrap_or((line, ""));
        match key {
            "response" | "error" | "query" => {
                case = Case {
                    kind: key.into(),
                    label: value.into(),
                    ..Case::default()
                }
            }
            "wire" => case.wire = dns::from_hex(value).unwrap(),
            "why" => case.why = value.into(),
            "question" | "answer" | "authority" | "additional" => {
                case.lines.push((key.into(), value.into()))
            }
            "end" => cases.push(std::mem::take(&mut case)),
            other => panic!("unknown line {other:?} in the vectors"),
        }
    }
    cases
}

fn of_kind(kind: &str) -> Vec<Case> {
    let cases: Vec<Case> = cases().into_iter().filter(|c| c.kind == kind).collect();
    assert!(!cases.is_empty(), "no {kind} vectors");
    cases
}

/// The decoded message as `(section, line)`, the way the vectors list it.
fn lines(m: &Dns<'_>) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = m
        .questions
        .iter()
        .map(|q| ("question".to_string(), q.to_string()))
        .collect();
    for section in Section::RECORDS {
        for r in m.records(section) {
            out.push((section.title().to_ascii_lowercase(), r.to_string()));
        }
    }
    out
}

#[test]
fn responses_read_as_dnspython_reads_them() {
    let cases = of_kind("response");
    assert!(cases.len() >= 60);
    let mut types = std::collections::BTreeSet::new();
    for case in &cases {
        let m = Dns::decode(&case.wire).unwrap_or_else(|e| panic!("{}: {e}", case.label));
        assert_eq!(lines(&m), case.lines, "{}", case.label);
        for r in m.answers.iter().chain(&m.authority).chain(&m.additional) {
            let mut t = String::new();
            r.rtype.write(&mut t).unwrap();
            types.insert(t);
        }
    }
    for t in ["A", "AAAA", "CNAME", "MX", "TXT", "NS", "SOA", "PTR"] {
        assert!(types.contains(t), "no {t} record in the vectors");
    }
}

#[test]
fn responses_encode_back_to_dnspythons_bytes() {
    let mut compress = Compressor::default();
    let mut out = vec![0xaa; 3];
    // The responses dnspython wrote (the others are hand-made odd ones).
    for case in of_kind("response")
        .iter()
        .filter(|c| c.label.starts_with("random"))
    {
        let m = Dns::decode(&case.wire).unwrap();
        out.truncate(3);
        m.encode_into(&mut out, &mut compress).unwrap();
        assert_eq!(
            dns::to_hex(&out[3..]),
            dns::to_hex(&case.wire),
            "{}",
            case.label
        );
    }
}

#[test]
fn the_printed_text_has_every_record_line() {
    let case = &of_kind("response")[3];
    let text = dns::decode_to_text(&case.wire).unwrap();
    let printed: Vec<&str> = text
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with(";;"))
        .map(|l| l.strip_prefix(';').unwrap_or(l))
        .collect();
    let want: Vec<&str> = case.lines.iter().map(|(_, l)| l.as_str()).collect();
    assert_eq!(printed, want);
    assert!(text.contains(";; ANSWER SECTION:\n"), "{text}");
}

#[test]
fn what_dnspython_refuses_is_an_error() {
    let cases = of_kind("error");
    for case in &cases {
        let err = Dns::decode(&case.wire).expect_err(&case.label);
        let text = err.to_string();
        match case.why.as_str() {
            "BadPointer" => assert!(
                text.contains("does not point back"),
                "{}: {text}",
                case.label
            ),
            "BadLabelType" => assert!(
                text.contains("reserved type bits"),
                "{}: {text}",
                case.label
            ),
            "NameTooLong" => assert!(text.contains("longer than 255"), "{}: {text}", case.label),
            "TrailingJunk" => assert!(
                matches!(err, DnsError::Trailing { .. }),
                "{}: {text}",
                case.label
            ),
            "ShortHeader" => assert!(matches!(err, DnsError::Header(_)), "{}: {text}", case.label),
            _ => {}
        }
    }
    // The loops and the pointers forward or past the end, by name.
    for label in [
        "pointer to itself",
        "pointer loop of two",
        "pointer forward",
        "pointer past the end",
    ] {
        let case = cases.iter().find(|c| c.label == label).unwrap();
        assert_eq!(case.why, "BadPointer", "{label}");
    }
}

#[test]
fn every_truncation_is_an_error() {
    for case in of_kind("response") {
        for cut in 0..case.wire.len() {
            assert!(
                Dns::decode(&case.wire[..cut]).is_err(),
                "{} cut at {cut} decoded",
                case.label
            );
        }
    }
}

#[test]
fn a_long_chain_of_pointers_is_bounded() {
    // A header, the root name at byte 12, then 2000 pointers each to the one
    // before: every pointer goes back, so dnspython's rule alone allows the
    // last as a name; it follows more than 127 pointers and is refused.
    let mut wire = vec![0, 1, 0x81, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    for i in 0..2000u16 {
        let target = if i == 0 { 12 } else { 13 + 2 * (i - 1) };
        wire.extend_from_slice(&(0xc000 | target).to_be_bytes());
    }
    let last = wire.len() - 2;
    let err = Name::read(&wire, last, wire.len()).unwrap_err();
    assert_eq!(err, NameError::TooManyPointers);
    let (name, end) = Name::read(&wire, 13 + 2 * 126, wire.len()).unwrap();
    assert!(name.is_root());
    assert_eq!(end, 13 + 2 * 127);
}

#[test]
fn queries_are_dnspythons() {
    for case in of_kind("query") {
        let mut words = case.label.split(' ');
        let (name, qtype, id) = (
            words.next().unwrap(),
            words.next().unwrap(),
            words.next().unwrap(),
        );
        let qtype = Type::from_text(qtype).unwrap();
        let got = dns::query(name, qtype, id.parse().unwrap()).unwrap();
        assert_eq!(dns::to_hex(&got), dns::to_hex(&case.wire), "{}", case.label);
    }
    assert!(dns::query("a..b", Type::A, 1).is_err());
    assert!(dns::query(&"x".repeat(64), Type::A, 1).is_err());
}

#[test]
fn a_query_over_udp_skips_garbage_and_reads_the_answer() {
    let response = &of_kind("response")[0];
    let server = UdpSocket::bind("127.0.0.1:0").unwrap();
    let addr = server.local_addr().unwrap();
    let answer = response.wire.clone();
    let thread = std::thread::spawn(move || {
        let mut buf = [0u8; 512];
        let (n, client) = server.recv_from(&mut buf).unwrap();
        let query = buf[..n].to_vec();
        // A stranger's datagram, then one with another id, then the answer
        // with the query's id.
        let stranger = UdpSocket::bind("127.0.0.1:0").unwrap();
        stranger.send_to(b"garbage", client).unwrap();
        let mut wrong = answer.clone();
        wrong[0] ^= 0xff;
        server.send_to(&wrong, client).unwrap();
        let mut right = answer;
        right[..2].copy_from_slice(&query[..2]);
        server.send_to(&right, client).unwrap();
        query
    });
    let query = dns::query("www.example.com", Type::A, 0x4242).unwrap();
    let mut ignored = Vec::new();
    let retry = Retry {
        timeout: Duration::from_secs(5),
        tries: 1,
    };
    let reply = dns::ask(addr, &query, retry, |_, why| ignored.push(why.to_string())).unwrap();
    assert_eq!(thread.join().unwrap(), query);
    assert_eq!(ignored, ["not from the server", "another query's id"]);
    assert_eq!(&reply[..2], b"\x42\x42");
    assert_eq!(&reply[2..], &response.wire[2..]);
    let m = Dns::decode(&reply).unwrap();
    assert_eq!(lines(&m), response.lines);
}

#[test]
fn a_silent_server_is_no_answer() {
    let server = UdpSocket::bind("127.0.0.1:0").unwrap();
    let query = dns::query("example.com", Type::A, 1).unwrap();
    let retry = Retry {
        timeout: Duration::from_millis(100),
        tries: 2,
    };
    let err = dns::ask(server.local_addr().unwrap(), &query, retry, |_, _| {}).unwrap_err();
    assert_eq!(err.to_string(), "no answer after 2 tries");
    // Both tries reached the server.
    let mut buf = [0u8; 64];
    server
        .set_read_timeout(Some(Duration::from_secs(1)))
        .unwrap();
    for _ in 0..2 {
        let (n, _) = server.recv_from(&mut buf).unwrap();
        assert_eq!(&buf[..n], query);
    }
}
