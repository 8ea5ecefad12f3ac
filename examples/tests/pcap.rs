//! The `pcap_dump` example against tcpdump: captures written by Python's
//! `struct` (both byte orders, microsecond and nanosecond magic, link types 1,
//! 0, 113 and 276; UDP, TCP connections with options and flag combinations,
//! IPv4 options, fragments, ICMP, ARP, IPv6, packets cut inside every header,
//! a bad IPv4 checksum, garbage) print the lines `tcpdump -nn -tt -r` printed
//! for them; a capture of real traffic on `lo` prints what tcpdump prints for
//! it; hostile files (truncated anywhere, lying lengths, wrong magic) end in an
//! error naming the record, never a panic or a large allocation.
//!
//! The vectors are `tests/data/pcap.txt`, written by
//! `examples/python/gen_pcap.py` with real tcpdump (seeded; see its
//! docstring). Where tcpdump is installed the tests also run it on the vectors
//! and on the live capture; where it is missing they say so, and under
//! `NETPACK_REQUIRE_ORACLES=1` (as `.ci/run` sets it) they fail instead.

use netpack::{ErrorKind, Message, NetPack};
use netpack_examples::dns::from_hex;
use netpack_examples::pcap::{
    dump, dump_with, file_header, record, DumpError, Ethernet, Ipv4, Ipv4Checked, Options, Printer,
};
use std::io::{self, Read, Write};
use std::net::{TcpListener, TcpStream, UdpSocket};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// One capture of the vector file.
#[derive(Debug, Default)]
struct Vector {
    label: String,
    file: Vec<u8>,
    /// `tcpdump -nn -tt -r`'s lines.
    lines: Vec<String>,
    /// `tcpdump --nano -nn -tt -r`'s lines.
    nano: Vec<String>,
}

/// The tcpdump version line the vectors were made with.
fn vectors_tcpdump() -> &'static str {
    let first = include_str!("data/pcap.txt").lines().next().unwrap_or("");
    let after = first.split(" with ").nth(1).unwrap_or("");
    after.split(';').next().unwrap_or("")
}

fn vectors() -> Vec<Vector> {
    let mut out = Vec::new();
    let mut v = Vector::default();
    for line in include_str!("data/pcap.txt").lines() {
        if line.starts_with('#') {
            continue;
        }
        let (key, value) = line.split_once(' ').unwrap_or((line, ""));
        match key {
            "pcap" => {
                v = Vector {
                    label: value.into(),
                    ..Vector::default()
                }
            }
            "hex" => v.file = from_hex(value).unwrap(),
            "line" => v.lines.push(value.into()),
            "nano" => v.nano.push(value.into()),
            "end" => out.push(std::mem::take(&mut v)),
            other => panic!("unknown key {other:?} in the vectors"),
        }
    }
    assert!(out.len() >= 7, "{} captures in the vectors", out.len());
    out
}

/// `dump` of `bytes` into a string.
fn run(bytes: &[u8]) -> (Result<u64, DumpError>, String) {
    run_with(bytes, Options::default())
}

fn run_with(bytes: &[u8], options: Options) -> (Result<u64, DumpError>, String) {
    let mut out = Vec::new();
    let result = dump_with(bytes, &mut out, options);
    (result, String::from_utf8(out).expect("UTF-8 output"))
}

#[test]
fn captures_print_what_tcpdump_printed() {
    let vectors = vectors();
    let mut lines = 0;
    for v in &vectors {
        let (result, text) = run(&v.file);
        result.unwrap_or_else(|e| panic!("{}: {e}", v.label));
        let got: Vec<&str> = text.lines().collect();
        for (i, (got, want)) in got.iter().zip(&v.lines).enumerate() {
            assert_eq!(got, want, "{}: line {}", v.label, i + 1);
        }
        assert_eq!(got.len(), v.lines.len(), "{}", v.label);
        let (_, text) = run_with(
            &v.file,
            Options {
                nano: true,
                ..Options::default()
            },
        );
        let got: Vec<&str> = text.lines().collect();
        assert_eq!(got, v.nano, "{} (--nano)", v.label);
        lines += v.lines.len();
    }
    assert!(lines > 600, "{lines} lines");
    // What the captures hold, so that a regenerated file keeps covering it.
    let all: String = vectors
        .iter()
        .flat_map(|v| v.lines.iter())
        .map(|l| format!("{l}\n"))
        .collect();
    for needle in [
        "UDP, length 2",
        "Flags [S], seq ",
        "Flags [S.], seq ",
        "options [mss 65495,sackOK,TS val 1 ecr 0,nop,wscale 7]",
        "Flags [P.], seq 1:6, ack 1",
        "sack 2 {100:200}{300:400}",
        "Flags [F.EW]",
        "Flags [none]",
        "unknown-99 0xabcdef01,nop,eol",
        "ip-proto-17",
        "ICMP echo request",
        "truncated-ip - 71 bytes missing!",
        "bad-hlen 16",
        "[|tcp]>",
        " [|udp]",
        "IP  [|ip]",
        " [|ether]",
        " [|vlan]",
        "ARP, Request who-has 10.0.0.2 tell 10.0.0.1, length 28",
        "IP6 2001:db8::1.40008 > 2001:db8::2.33340: UDP, length 3",
        "ethertype Unknown (0x88b5)",
        "Out IP",
    ] {
        assert!(all.contains(needle), "no vector prints {needle:?}");
    }
}

/// Whether tcpdump runs here; otherwise says why `what` is skipped, or panics
/// under `NETPACK_REQUIRE_ORACLES=1`.
fn tcpdump(what: &str) -> bool {
    let ok = Command::new("tcpdump")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        let why = "tcpdump is not installed (apt-get install -y tcpdump)";
        assert!(
            std::env::var_os("NETPACK_REQUIRE_ORACLES").is_none_or(|v| v != "1"),
            "{what}: {why}"
        );
        eprintln!("NOTE: SKIPPING {what}: {why}");
    }
    ok
}

/// What `TZ=UTC tcpdump FLAGS -nn -tt -r path` prints.
fn tcpdump_lines(path: &std::path::Path, flags: &[&str]) -> Vec<String> {
    let output = Command::new("tcpdump")
        .args(flags)
        .args(["-nn", "-tt", "-r"])
        .arg(path)
        .env("TZ", "UTC")
        .output()
        .expect("tcpdump runs");
    String::from_utf8(output.stdout)
        .expect("UTF-8 from tcpdump")
        .lines()
        .map(String::from)
        .collect()
}

/// The first line of `tcpdump --version` (`tcpdump version 4.99.3`).
fn tcpdump_version() -> String {
    let output = Command::new("tcpdump")
        .arg("--version")
        .output()
        .expect("tcpdump runs");
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .next()
        .unwrap_or("")
        .to_string()
}

#[test]
fn tcpdump_here_prints_what_pcap_dump_prints() {
    if !tcpdump("running tcpdump on the vectors") {
        return;
    }
    let version = tcpdump_version();
    let folder = Folder::new("tcpdump");
    for v in vectors() {
        let path = folder.0.join("capture.pcap");
        std::fs::write(&path, &v.file).unwrap();
        let want = tcpdump_lines(&path, &[]);
        if version == vectors_tcpdump() {
            assert_eq!(
                want, v.lines,
                "{}: the vectors are not this tcpdump's",
                v.label
            );
        }
        let (_, text) = run(&v.file);
        let got: Vec<&str> = text.lines().collect();
        assert_eq!(got, want, "{}: pcap_dump and {version} disagree", v.label);
    }
}

#[test]
fn the_generator_writes_the_vectors() {
    // gen_pcap.py needs tcpdump, and the same version gives the same words.
    if !tcpdump("regenerating the vectors") {
        return;
    }
    let version = tcpdump_version();
    if version != vectors_tcpdump() {
        eprintln!(
            "note: {version} is not {}: not regenerating the vectors",
            vectors_tcpdump()
        );
        return;
    }
    let python = std::env::var("NETPACK_PYTHON").unwrap_or_else(|_| "python3".into());
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/python/gen_pcap.py");
    let output = Command::new(&python)
        .arg(script)
        .output()
        .expect("python runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        output.stdout == include_bytes!("data/pcap.txt"),
        "examples/python/gen_pcap.py no longer writes examples/tests/data/pcap.txt: rerun it"
    );
}

/// The packets of a capture file, as `(linktype, captured bytes)`.
fn packets(file: &[u8]) -> (u32, Vec<Vec<u8>>) {
    let header = file_header(file[..24].try_into().unwrap()).unwrap();
    let mut out = Vec::new();
    let mut at = 24;
    while at < file.len() {
        let (r, used) = record(header.kind, &file[at..]).unwrap();
        out.push(r.packet.to_vec());
        at += used;
    }
    (header.linktype, out)
}

#[test]
fn a_bad_ipv4_checksum_is_found_by_the_declared_checksum() {
    let v = &vectors()[0];
    let (linktype, packets) = packets(&v.file);
    assert_eq!(linktype, 1);
    let mut bad = Vec::new();
    let mut good = 0;
    for (i, p) in packets.iter().enumerate() {
        let Ok((eth, _)) = Ethernet::decode_prefix(p) else {
            continue;
        };
        let ip = &p[Ethernet::SIZE..];
        if eth.ethertype != 0x0800
            || !matches!(Ipv4::decode_prefix(ip), Ok((h, _)) if h.version == 4)
        {
            continue;
        }
        match Ipv4Checked::decode_prefix(ip) {
            Ok(_) => good += 1,
            Err(e) => {
                assert_eq!(e.kind(), ErrorKind::BadChecksum, "packet {}: {e}", i + 1);
                assert_eq!(e.offset(), Some(10), "{e}");
                bad.push(i);
            }
        }
    }
    // The generator spoils exactly one checksum, the datagram from port 40004.
    assert!(good > 30, "{good}");
    assert_eq!(bad.len(), 1, "{bad:?}");
    assert!(v.lines[bad[0]].contains(".40004 > "), "{}", v.lines[bad[0]]);

    // tcpdump -nn's line as it is, and with --verify the same line marked.
    let (_, plain) = run(&v.file);
    let (_, verified) = run_with(
        &v.file,
        Options {
            verify: true,
            ..Options::default()
        },
    );
    let plain: Vec<&str> = plain.lines().collect();
    let verified: Vec<&str> = verified.lines().collect();
    assert_eq!(plain.len(), verified.len());
    for (i, (p, q)) in plain.iter().zip(&verified).enumerate() {
        if i == bad[0] {
            let mark = q.strip_prefix(p).expect("the line, then the mark");
            assert!(
                mark.starts_with(" [bad IPv4 header checksum: Ipv4Checked.checksum: bad checksum"),
                "{mark}"
            );
        } else {
            assert_eq!(p, q);
        }
    }

    // The header with its checksum computed again is accepted.
    let p = &packets[bad[0]][Ethernet::SIZE..];
    let mut fixed = p[..20].to_vec();
    fixed[10..12].fill(0);
    let sum = internet_checksum(&fixed);
    fixed[10..12].copy_from_slice(&sum.to_be_bytes());
    assert!(Ipv4Checked::decode(&fixed).is_ok());
}

/// RFC 1071, as the generator's Python computes it.
fn internet_checksum(data: &[u8]) -> u16 {
    let mut sum: u32 = data
        .chunks(2)
        .map(|c| u32::from(u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)])))
        .sum();
    while sum >> 16 != 0 {
        sum = (sum & 0xffff) + (sum >> 16);
    }
    !(sum as u16)
}

#[test]
fn damaged_packets_never_panic() {
    // Every byte of the first 80 of every packet of the vectors set to a few
    // values in turn, each packet alone in a capture of its link type: it
    // prints a line, never panics.
    for v in vectors().iter().filter(|v| v.label != "damaged") {
        let header = file_header(v.file[..24].try_into().unwrap()).unwrap();
        let mut at = 24;
        while at < v.file.len() {
            let (r, used) = record(header.kind, &v.file[at..]).unwrap();
            let one = [&v.file[..24], &v.file[at..at + used]].concat();
            for i in 0..r.packet.len().min(80) {
                for value in [0u8, 0xff, 0x45, 0x06] {
                    let mut file = one.clone();
                    file[24 + 16 + i] = value;
                    let (r, _) = record(header.kind, &file[24..]).unwrap();
                    let text = Printer::new(Options::default()).line(&header, &r);
                    assert_eq!(records(&text), 1, "{} byte {i}: {text}", v.label);
                }
            }
            at += used;
        }
    }
}

/// A `tcpdump -w` running on `lo`, stopped (SIGTERM, which makes it close
/// its file) when dropped, also when a test fails.
struct LiveCapture {
    child: std::process::Child,
    stderr: std::process::ChildStderr,
    said: Vec<u8>,
}

impl LiveCapture {
    /// Starts `tcpdump -i lo FLAGS -w path filter` and waits until it listens.
    fn start(path: &std::path::Path, flags: &[&str], filter: &str) -> LiveCapture {
        let mut child = Command::new("tcpdump")
            // -Z root: tcpdump would drop to its own user, who cannot write here.
            // --immediate-mode: each packet is handed over at once, not when a
            // ring block fills or times out (a block still open at SIGTERM is lost).
            // -B 16384: a 16 MiB buffer, so that the kernel drops nothing of
            // the burst (with the default, some are dropped on small machines).
            .args([
                "-i",
                "lo",
                "--immediate-mode",
                "-U",
                "-Z",
                "root",
                "-B",
                "16384",
            ])
            .args(flags)
            .arg("-w")
            .arg(path)
            .arg(filter)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("tcpdump starts");
        let stderr = child.stderr.take().unwrap();
        let mut capture = LiveCapture {
            child,
            stderr,
            said: Vec::new(),
        };
        // tcpdump says "listening on lo" once its filter is in place.
        let started = Instant::now();
        while !String::from_utf8_lossy(&capture.said).contains("listening on") {
            let mut buf = [0u8; 256];
            let n = capture.stderr.read(&mut buf).unwrap_or(0);
            assert!(
                n > 0 && started.elapsed() < Duration::from_secs(20),
                "tcpdump did not start: {}",
                String::from_utf8_lossy(&capture.said)
            );
            capture.said.extend_from_slice(&buf[..n]);
        }
        capture
    }

    /// Stops tcpdump; what it said on its standard error.
    fn stop(&mut self) -> String {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let _ = self.child.wait();
        let _ = self.stderr.read_to_end(&mut self.said);
        String::from_utf8_lossy(&self.said).into_owned()
    }
}

impl Drop for LiveCapture {
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            self.stop();
        }
    }
}

/// Three UDP datagrams and a TCP connection (5 bytes one way, 6 the other,
/// closed) on `host` (`127.0.0.1` or `::1`); the ports to capture.
fn traffic(host: &str) -> (u16, u16, impl FnOnce()) {
    let server = UdpSocket::bind((host, 0)).unwrap();
    let listener = TcpListener::bind((host, 0)).unwrap();
    let udp_port = server.local_addr().unwrap().port();
    let tcp_port = listener.local_addr().unwrap().port();
    let host = host.to_string();
    let send = move || {
        let client = UdpSocket::bind((host.as_str(), 0)).unwrap();
        for payload in [&b"hi"[..], b"", &[7u8; 300]] {
            client.send_to(payload, (host.as_str(), udp_port)).unwrap();
            let mut buf = [0u8; 512];
            server.recv_from(&mut buf).unwrap();
        }
        let mut stream = TcpStream::connect((host.as_str(), tcp_port)).unwrap();
        let (mut accepted, _) = listener.accept().unwrap();
        stream.write_all(b"hello").unwrap();
        let mut buf = [0u8; 5];
        accepted.read_exact(&mut buf).unwrap();
        accepted.write_all(b"world!").unwrap();
        let mut buf = [0u8; 6];
        stream.read_exact(&mut buf).unwrap();
        drop(stream);
        let mut rest = Vec::new();
        accepted.read_to_end(&mut rest).unwrap();
    };
    (udp_port, tcp_port, send)
}

/// The live capture: tcpdump writes what crosses `lo` while this test sends
/// UDP datagrams and makes a TCP connection over IPv4 and IPv6, once whole and
/// once cut at 60 bytes a packet (`-s 60`); pcap_dump must print what
/// `tcpdump -r` prints for each file.
#[test]
fn a_live_capture_on_lo_prints_as_tcpdump_prints_it() {
    if !tcpdump("the live capture on lo") {
        return;
    }
    let root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.trim_ascii() == b"0");
    if !root {
        let why = "capturing on lo needs root";
        assert!(
            std::env::var_os("NETPACK_REQUIRE_ORACLES").is_none_or(|v| v != "1"),
            "the live capture: {why}"
        );
        eprintln!("NOTE: SKIPPING the live capture: {why}");
        return;
    }
    let folder = Folder::new("live");
    let (whole, cut) = (folder.0.join("lo.pcap"), folder.0.join("lo60.pcap"));
    let (u4, t4, send4) = traffic("127.0.0.1");
    let (u6, t6, send6) = traffic("::1");
    let filter = format!("udp port {u4} or tcp port {t4} or udp port {u6} or tcp port {t6}");
    let mut captures = [
        LiveCapture::start(&whole, &[], &filter),
        LiveCapture::start(&cut, &["-s", "60"], &filter),
    ];
    std::thread::sleep(Duration::from_millis(300));
    send4();
    send6();
    std::thread::sleep(Duration::from_millis(1500));
    let said: Vec<String> = captures.iter_mut().map(LiveCapture::stop).collect();

    let mut texts = Vec::new();
    for (path, said) in [&whole, &cut].iter().zip(&said) {
        let file = std::fs::read(path).unwrap();
        let want = tcpdump_lines(path, &[]);
        let (result, text) = run(&file);
        result.unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let got: Vec<&str> = text.lines().collect();
        assert_eq!(got, want, "{}", path.display());
        assert!(text.matches("UDP, length").count() >= 3, "{text}\n{said}");
        texts.push(text);
    }
    let all = &texts[0];
    for needle in [
        "IP 127.0.0.1.",
        ": UDP, length 2\n",
        ": UDP, length 0\n",
        ": UDP, length 300\n",
        ": Flags [S], seq ",
        ": Flags [S.], seq ",
        ": Flags [P.], seq 1:6, ack 1, ",
        ": Flags [P.], seq 1:7, ack 6, ",
        ": Flags [F.], seq ",
        "IP6 ::1.",
    ] {
        assert!(all.contains(needle), "no {needle:?} in\n{all}");
    }
    assert_eq!(
        all.matches(": UDP, length 300\n").count(),
        2,
        "{all}\n{said:?}"
    );
    assert_eq!(
        all.matches(": Flags [P.], seq 1:6, ack 1, ").count(),
        2,
        "{all}\n{said:?}"
    );
    // Cut at 60 bytes: the SYN's options over IPv4, the TCP header over IPv6.
    assert!(texts[1].contains("[|tcp]"), "{}", texts[1]);
}

/// A folder of its own under the system's temporary folder, removed on drop.
struct Folder(std::path::PathBuf);

impl Folder {
    fn new(test: &str) -> Folder {
        let path = std::env::temp_dir().join(format!("netpack-pcap-{}-{test}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).unwrap();
        Folder(path)
    }
}

impl Drop for Folder {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The records printed: lines but for the hex dump lines (which start with a
/// tab) of packets tcpdump does not decode.
fn records(text: &str) -> usize {
    text.lines().filter(|l| !l.starts_with('\t')).count()
}

/// A little-endian capture of `packets` (timestamp, packet) with snaplen 65535.
fn capture(packets: &[(u32, &[u8])]) -> Vec<u8> {
    let mut f = Vec::new();
    f.extend_from_slice(&0xa1b2_c3d4u32.to_le_bytes());
    f.extend_from_slice(&2u16.to_le_bytes());
    f.extend_from_slice(&4u16.to_le_bytes());
    for x in [0u32, 0, 65535, 1] {
        f.extend_from_slice(&x.to_le_bytes());
    }
    for (ts, p) in packets {
        for x in [*ts, 0, p.len() as u32, p.len() as u32] {
            f.extend_from_slice(&x.to_le_bytes());
        }
        f.extend_from_slice(p);
    }
    f
}

#[test]
fn every_truncation_is_a_clean_end_or_an_error() {
    let packets: Vec<Vec<u8>> = (0..6u8).map(|i| vec![i; 10 + usize::from(i) * 9]).collect();
    let list: Vec<(u32, &[u8])> = packets.iter().map(|p| (7, p.as_slice())).collect();
    let file = capture(&list);
    let boundaries: Vec<usize> = std::iter::once(24)
        .chain(packets.iter().scan(24, |end, p| {
            *end += 16 + p.len();
            Some(*end)
        }))
        .collect();
    for k in 0..file.len() {
        let (result, text) = run(&file[..k]);
        let whole = records(&text);
        match result {
            Ok(n) => {
                assert!(
                    boundaries.contains(&k),
                    "cut at {k}: Ok({n}) inside a record"
                );
                assert_eq!(n as usize, whole);
            }
            Err(DumpError::NotPcap(_)) => assert!(k < 24, "cut at {k}"),
            Err(DumpError::Record { index, offset, why }) => {
                assert!(!boundaries.contains(&k), "cut at {k}: {why}");
                assert_eq!(index as usize, whole + 1, "cut at {k}");
                assert_eq!(offset as usize, boundaries[whole], "cut at {k}");
                assert!(why.contains("the file ends"), "cut at {k}: {why}");
            }
            Err(e) => panic!("cut at {k}: {e}"),
        }
    }
}

/// A plain `Read` over bytes: the stream a pipe gives, whose length `dump`
/// cannot know in advance.
struct Stream<'a> {
    bytes: &'a [u8],
}

impl Read for Stream<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.bytes.read(buf)
    }
}

#[test]
fn lying_lengths_are_refused_before_reading_the_packet() {
    let mut file = capture(&[(1, b"abc")]);
    // Record 2 claims 4 GiB.
    for x in [2u32, 0, u32::MAX, u32::MAX] {
        file.extend_from_slice(&x.to_le_bytes());
    }
    let mut out = Vec::new();
    let e = dump(Stream { bytes: &file }, &mut out).unwrap_err();
    let text = e.to_string();
    assert!(
        matches!(
            e,
            DumpError::Record {
                index: 2,
                offset: 43,
                ..
            }
        ),
        "{text}"
    );
    assert!(text.contains("cap"), "{text}");
    assert_eq!(records(&String::from_utf8(out).unwrap()), 1);

    // Under the hard cap, over the file's snaplen.
    let mut file = capture(&[]);
    file[16..20].copy_from_slice(&100u32.to_le_bytes());
    for x in [1u32, 0, 101, 101] {
        file.extend_from_slice(&x.to_le_bytes());
    }
    file.extend_from_slice(&[0; 101]);
    let e = run(&file).0.unwrap_err();
    assert!(e.to_string().contains("snaplen of 100"), "{e}");

    // Over the snaplen and only the header sent: refused before the packet is
    // read (the reader is asked for no more than the header).
    let mut file = capture(&[]);
    for x in [1u32, 0, 200_000, 200_000] {
        file.extend_from_slice(&x.to_le_bytes());
    }
    let mut out = Vec::new();
    let e = dump(Stream { bytes: &file }, &mut out).unwrap_err();
    assert!(
        matches!(
            e,
            DumpError::Record {
                index: 1,
                offset: 24,
                ..
            }
        ),
        "{e}"
    );
    assert!(
        e.to_string()
            .contains("200000 bytes captured, over the file's snaplen of 65535"),
        "{e}"
    );
}

#[test]
fn not_a_pcap_file() {
    for (bytes, says) in [
        (&b""[..], "shorter than"),
        (&b"\xd4\xc3\xb2\xa1\x02\x00"[..], "shorter than"),
        (
            &b"\n\r\r\n\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0"[..],
            "pcapng",
        ),
        (
            &b"GIF89a\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0"[..],
            "[47, 49, 46, 38], no pcap magic",
        ),
    ] {
        let e = run(bytes).0.unwrap_err();
        assert!(matches!(e, DumpError::NotPcap(_)), "{e}");
        assert!(e.to_string().contains(says), "{e}");
    }
}

/// A writer whose reader has gone, as `pcap_dump file | head -1` gives.
struct ClosedPipe;

impl Write for ClosedPipe {
    fn write(&mut self, _: &[u8]) -> io::Result<usize> {
        Err(io::Error::from(io::ErrorKind::BrokenPipe))
    }
    fn flush(&mut self) -> io::Result<()> {
        Err(io::Error::from(io::ErrorKind::BrokenPipe))
    }
}

/// A writer that fails otherwise.
struct FullDisk;

impl Write for FullDisk {
    fn write(&mut self, _: &[u8]) -> io::Result<usize> {
        Err(io::Error::other("disk full"))
    }
    fn flush(&mut self) -> io::Result<()> {
        Err(io::Error::other("disk full"))
    }
}

#[test]
fn a_closed_pipe_ends_quietly_and_other_write_errors_do_not() {
    let big = vec![0u8; 200];
    let packets: Vec<(u32, &[u8])> = (0..2000).map(|i| (i, big.as_slice())).collect();
    let file = capture(&packets);
    assert!(dump(file.as_slice(), ClosedPipe).is_ok());
    assert!(matches!(
        dump(file.as_slice(), FullDisk),
        Err(DumpError::Write(_))
    ));
}

/// Random bytes after a valid header (and random headers): an answer every
/// time, never a panic, and the lines printed are whole.
#[test]
fn random_files_never_panic() {
    let mut x = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    for round in 0..2000 {
        let mut file = if round % 2 == 0 {
            capture(&[])
        } else {
            capture(&[]).iter().map(|_| next() as u8).collect()
        };
        if round % 4 == 1 {
            // A big-endian header.
            file[..4].copy_from_slice(&0xa1b2_c3d4u32.to_be_bytes());
        }
        let len = (next() % 300) as usize;
        for _ in 0..len {
            // Small numbers often, so that lengths and records line up.
            let b = next();
            file.push(if b % 3 == 0 {
                (b >> 8) as u8 % 8
            } else {
                (b >> 8) as u8
            });
        }
        let (result, text) = run(&file);
        match result {
            Ok(n) => assert_eq!(n as usize, records(&text)),
            Err(DumpError::Record { index, .. }) => {
                assert_eq!(index as usize, records(&text) + 1)
            }
            Err(DumpError::NotPcap(_)) => assert!(text.is_empty()),
            Err(e) => panic!("round {round}: {e}"),
        }
    }
}
