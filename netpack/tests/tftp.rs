//! The TFTP-style example on 127.0.0.1: a 1 MiB file arrives byte-identical,
//! names that would leave the served folder are refused with an error packet, and
//! lost or garbled packets end in retries or errors, never in a hang.

#[allow(dead_code)]
#[path = "../examples/tftp_request.rs"]
mod tftp;

use netpack::NetPack;
use std::net::{SocketAddr, UdpSocket};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};
use tftp::{Packet, ReadRequest, Retry, TransferError};

/// Quick retries, so that tests of lost packets stay short.
const QUICK: Retry = Retry {
    timeout: Duration::from_millis(100),
    tries: 3,
};

/// Where nothing should be lost: patient enough for a busy machine.
const PATIENT: Retry = Retry {
    timeout: Duration::from_millis(500),
    tries: 6,
};

/// A folder of its own under the system's temporary folder, removed on drop.
struct Folder(PathBuf);

impl Folder {
    fn new(test: &str) -> Folder {
        let path = std::env::temp_dir().join(format!("netpack-tftp-{}-{test}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(path.join("served")).unwrap();
        Folder(path)
    }

    /// The folder the server serves.
    fn served(&self) -> PathBuf {
        self.0.join("served")
    }
}

impl Drop for Folder {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Bytes that are not all alike, the same on every run.
fn noise(len: usize) -> Vec<u8> {
    let mut x = 0x2545_f491_4f6c_dd1du64;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect()
}

type Log = Arc<Mutex<Vec<String>>>;

/// Starts a server for `root`; returns its address and its log.
fn serve(root: &Path, retry: Retry) -> (SocketAddr, Log) {
    let socket = UdpSocket::bind("127.0.0.1:0").unwrap();
    let addr = socket.local_addr().unwrap();
    let log: Log = Arc::default();
    let keep = log.clone();
    let root = root.to_path_buf();
    thread::spawn(move || {
        tftp::serve(
            socket,
            &root,
            retry,
            Arc::new(move |line: &str| keep.lock().unwrap().push(line.to_string())),
        )
    });
    (addr, log)
}

fn wait_log(log: &Log, part: &str) -> String {
    let start = Instant::now();
    loop {
        if let Some(line) = log.lock().unwrap().iter().find(|l| l.contains(part)) {
            return line.clone();
        }
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "no {part:?} in {log:?}"
        );
        thread::sleep(Duration::from_millis(5));
    }
}

fn fetch(server: SocketAddr, name: &str, retry: Retry) -> Result<Vec<u8>, TransferError> {
    let mut out = Vec::new();
    let size = tftp::fetch(server, name, &mut out, retry)?;
    assert_eq!(size, out.len() as u64);
    Ok(out)
}

#[test]
fn files_arrive_byte_identical() {
    let folder = Folder::new("identical");
    // 1 MiB is 2048 full blocks and an empty one; the others end mid-block.
    let files = [
        ("big.bin", noise(1 << 20)),
        ("odd.bin", noise(1000)),
        ("one.bin", noise(512 + 1)),
        ("empty", Vec::new()),
    ];
    for (name, bytes) in &files {
        std::fs::write(folder.served().join(name), bytes).unwrap();
    }
    let (server, log) = serve(&folder.served(), Retry::default());
    for (name, bytes) in &files {
        let got = fetch(server, name, Retry::default()).unwrap();
        assert!(
            got == *bytes,
            "{name}: {} bytes, not the {} sent",
            got.len(),
            bytes.len()
        );
    }
    wait_log(&log, "sent \"big.bin\", 1048576 bytes");
}

#[test]
fn names_that_leave_the_folder_are_refused() {
    let folder = Folder::new("traversal");
    std::fs::write(folder.0.join("secret"), b"not for you").unwrap();
    std::fs::write(folder.served().join("public"), b"hello").unwrap();
    std::fs::create_dir(folder.served().join("sub")).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(folder.0.join("secret"), folder.served().join("link")).unwrap();
    let (server, log) = serve(&folder.served(), QUICK);

    assert_eq!(fetch(server, "public", PATIENT).unwrap(), b"hello");
    let mut refused = vec![
        "../secre", "/etc/pas", "..", ".", "sub/x", "a\\b", "C:secret",
    ];
    if cfg!(unix) {
        refused.push("link");
    }
    for name in refused {
        match fetch(server, name, PATIENT) {
            Err(TransferError::Refused {
                code: tftp::ACCESS_VIOLATION,
                message,
            }) => {
                wait_log(&log, &format!("{name:?} not sent: error 2: {message}"));
            }
            other => panic!("{name}: {other:?}"),
        }
    }
    for name in ["missing", "sub"] {
        assert!(matches!(
            fetch(server, name, PATIENT),
            Err(TransferError::Refused {
                code: tftp::FILE_NOT_FOUND,
                ..
            })
        ));
    }

    // Requests the client refuses to make, sent by hand: a NUL inside the
    // name, bytes that are not UTF-8, and a mode other than 2.
    let socket = UdpSocket::bind("127.0.0.1:0").unwrap();
    socket
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    for (filename, mode, code) in [
        (*b"pub\0lic\0", 2, tftp::ACCESS_VIOLATION),
        (*b"\xff\xfe\0\0\0\0\0\0", 2, tftp::ACCESS_VIOLATION),
        (*b"public\0\0", 1, tftp::NOT_DEFINED),
    ] {
        let request = ReadRequest {
            opcode: tftp::RRQ,
            filename,
            mode,
        };
        socket.send_to(&request.pack(), server).unwrap();
        let mut buf = [0u8; 600];
        let (n, _) = socket.recv_from(&mut buf).unwrap();
        match Packet::parse(&buf[..n]) {
            Ok(Packet::Error { code: got, .. }) => assert_eq!(got, code, "{filename:?}"),
            other => panic!("{filename:?}: {other:?}"),
        }
    }
}

#[test]
fn a_silent_server_is_a_timeout_not_a_hang() {
    let silent = UdpSocket::bind("127.0.0.1:0").unwrap();
    let start = Instant::now();
    let result = fetch(silent.local_addr().unwrap(), "test.jpg", QUICK);
    assert!(
        matches!(result, Err(TransferError::TimedOut { block: 1, tries: 3 })),
        "{result:?}"
    );
    assert!(start.elapsed() < Duration::from_secs(2));
    // The request was sent three times, and is the tutorial's packet.
    silent
        .set_read_timeout(Some(Duration::from_secs(1)))
        .unwrap();
    for _ in 0..3 {
        let mut buf = [0u8; 64];
        let (n, _) = silent.recv_from(&mut buf).unwrap();
        assert_eq!(&buf[..n], b"\x00\x01test.jpg\x02");
    }
}

#[test]
fn a_garbled_reply_is_an_error() {
    for reply in [
        &b"garbage!"[..],
        b"\x00",
        b"\x00\x03\x00\x07late",
        b"\x00\x04\x00\x01",
    ] {
        let fake = UdpSocket::bind("127.0.0.1:0").unwrap();
        fake.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        let server = fake.local_addr().unwrap();
        let answer = thread::spawn(move || {
            let mut buf = [0u8; 64];
            let (_, client) = fake.recv_from(&mut buf).unwrap();
            fake.send_to(reply, client).unwrap();
            // The client says why it stops.
            let (n, _) = fake.recv_from(&mut buf).unwrap();
            Packet::parse(&buf[..n])
        });
        let result = fetch(server, "test.jpg", Retry::default());
        assert!(
            matches!(result, Err(TransferError::Garbled(_))),
            "{reply:?}: {result:?}"
        );
        assert!(matches!(
            answer.join().unwrap(),
            Ok(Packet::Error {
                code: tftp::ILLEGAL_OPERATION,
                ..
            })
        ));
    }
}

#[test]
fn a_vanished_client_makes_the_server_give_up() {
    let folder = Folder::new("vanished");
    std::fs::write(folder.served().join("f"), noise(2000)).unwrap();
    let (server, log) = serve(&folder.served(), QUICK);
    let client = UdpSocket::bind("127.0.0.1:0").unwrap();
    client
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    let request = ReadRequest {
        opcode: tftp::RRQ,
        filename: tftp::filename("f").unwrap(),
        mode: tftp::OCTET,
    };
    client.send_to(&request.pack(), server).unwrap();
    // Block 1 comes three times, never acknowledged.
    for _ in 0..3 {
        let mut buf = [0u8; 600];
        let (n, _) = client.recv_from(&mut buf).unwrap();
        assert!(matches!(
            Packet::parse(&buf[..n]),
            Ok(Packet::Data { block: 1, .. })
        ));
    }
    wait_log(&log, "timed out waiting for block 1 after 3 tries");

    // A garbled request gets an error packet, and the server goes on serving.
    client.send_to(b"\x00\x01short", server).unwrap();
    let mut buf = [0u8; 600];
    let (n, _) = client.recv_from(&mut buf).unwrap();
    assert!(matches!(
        Packet::parse(&buf[..n]),
        Ok(Packet::Error {
            code: tftp::ILLEGAL_OPERATION,
            ..
        })
    ));
    wait_log(&log, "garbled request");
    assert_eq!(fetch(server, "f", PATIENT).unwrap(), noise(2000));
}

/// Relays datagrams between a client and a server, dropping every `nth` one in
/// each direction.
fn lossy_proxy(server: SocketAddr, nth: usize) -> SocketAddr {
    let front = UdpSocket::bind("127.0.0.1:0").unwrap();
    let back = UdpSocket::bind("127.0.0.1:0").unwrap();
    let addr = front.local_addr().unwrap();
    let client: Arc<Mutex<Option<SocketAddr>>> = Arc::default();
    // The server's transfer port, learnt from its first answer.
    let transfer: Arc<Mutex<Option<SocketAddr>>> = Arc::default();
    let (front2, back2) = (front.try_clone().unwrap(), back.try_clone().unwrap());
    let (client2, transfer2) = (client.clone(), transfer.clone());
    thread::spawn(move || {
        let mut buf = [0u8; 2048];
        for count in 1.. {
            let Ok((n, from)) = front.recv_from(&mut buf) else {
                return;
            };
            *client.lock().unwrap() = Some(from);
            let to = transfer.lock().unwrap().unwrap_or(server);
            if count % nth != 0 {
                let _ = back.send_to(&buf[..n], to);
            }
        }
    });
    thread::spawn(move || {
        let mut buf = [0u8; 2048];
        for count in 1.. {
            let Ok((n, from)) = back2.recv_from(&mut buf) else {
                return;
            };
            *transfer2.lock().unwrap() = Some(from);
            let to = client2.lock().unwrap();
            if count % nth != 0 {
                if let Some(to) = *to {
                    let _ = front2.send_to(&buf[..n], to);
                }
            }
        }
    });
    addr
}

#[test]
fn lost_packets_are_sent_again() {
    let folder = Folder::new("lossy");
    let bytes = noise(64 * 1024 + 100);
    std::fs::write(folder.served().join("lossy"), &bytes).unwrap();
    // Each drop costs one timeout; many tries keep a busy machine from failing
    // the test.
    let retry = Retry {
        timeout: Duration::from_millis(20),
        tries: 20,
    };
    let (server, _log) = serve(&folder.served(), retry);
    let proxy = lossy_proxy(server, 7);
    assert!(fetch(proxy, "lossy", retry).unwrap() == bytes);
}
