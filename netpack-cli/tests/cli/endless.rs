//! `unpack` on inputs that never end: the record is printed as soon as it is
//! whole, and the command exits, whatever follows it (issue 19, finding 5).

use crate::netpack;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Waits up to 20 s for `child`; kills it and fails if it is still running.
fn finish(mut child: Child, what: &str) -> std::process::Output {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(20) {
        if child.try_wait().expect("wait").is_some() {
            return child.wait_with_output().expect("output");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().ok();
    panic!("{what}: still running after 20 s");
}

fn spawn(args: &[&str], stdin: Stdio) -> Child {
    let program = netpack().get_program().to_owned();
    Command::new(program)
        .args(args)
        .stdin(stdin)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn netpack")
}

#[test]
fn unpack_of_dev_zero_as_a_file_ends() {
    let out = finish(
        spawn(&["unpack", "!q", "/dev/zero"], Stdio::null()),
        "unpack !q /dev/zero",
    );
    assert!(out.status.success(), "{out:?}");
    assert_eq!(out.stdout, b"(0,)\n");
}

#[test]
fn unpack_of_an_endless_stdin_ends() {
    let zero = std::fs::File::open("/dev/zero").expect("/dev/zero");
    let out = finish(
        spawn(&["unpack", "<H", "--offset", "3", "-"], zero.into()),
        "unpack <H --offset 3 - < /dev/zero",
    );
    assert!(out.status.success(), "{out:?}");
    assert_eq!(out.stdout, b"(0,)\n");
}

#[test]
fn a_negative_offset_on_a_stream_keeps_only_the_tail() {
    // Python: struct.unpack_from("2s", data, -3) on 300,000 bytes ending in "xyz".
    let mut data = vec![0u8; 300_000];
    data[299_997..].copy_from_slice(b"xyz");
    let out = crate::run(&["unpack", "2s", "--offset", "-3", "-"], &data);
    assert!(out.status.success(), "{out:?}");
    assert_eq!(out.stdout, b"(b'xy',)\n");
    let out = crate::run(&["unpack", "2s", "--offset", "-1", "-"], &data);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        crate::first_line(&out),
        "error: not enough data to unpack 2 bytes at offset -1"
    );
}
