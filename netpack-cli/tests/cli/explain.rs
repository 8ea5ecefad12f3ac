//! `explain`: the items, the padding native alignment inserts, and the byte map.

use crate::netpack;

#[test]
fn native_layout_shows_its_padding() {
    let output = netpack().args(["explain", "@?HIhqfd"]).output().unwrap();
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("format '@?HIhqfd': 40 bytes, 7 values"));
    let native = lines.next().unwrap();
    assert!(native.starts_with("native (@): the byte order, sizes and alignment of this machine ("));
    if !(cfg!(target_arch = "x86_64") && cfg!(target_os = "linux")) {
        return;
    }
    let rest: Vec<&str> = lines.collect();
    assert_eq!(
        rest.join("\n"),
        "
fmt pos  item   count  offset  size  value  C type                    Rust type
      1  ?          1       0     1  0      _Bool                     bool
         (pad)              1     1         alignment: H aligns to 2
      2  H          1       2     2  1      unsigned short            u16
      3  I          1       4     4  2      unsigned int              u32
      4  h          1       8     2  3      short                     i16
         (pad)             10     6         alignment: q aligns to 8
      5  q          1      16     8  4      long long                 i64
      6  f          1      24     4  5      float                     f32
         (pad)             28     4         alignment: d aligns to 8
      7  d          1      32     8  6      double                    f64

byte map (each byte: code and value index; .. alignment padding, xx pad byte):
     0 | ?0 .. H1 H1 I2 I2 I2 I2 h3 h3 .. .. .. .. .. ..
    16 | q4 q4 q4 q4 q4 q4 q4 q4 f5 f5 f5 f5 .. .. .. ..
    32 | d6 d6 d6 d6 d6 d6 d6 d6
    40"
    );
}

#[test]
fn standard_layout_and_long_runs() {
    netpack()
        .args(["explain", "<2x3h4294967295sp"])
        .assert()
        .success()
        .stdout(
            "\
format '<2x3h4294967295sp': 4294967304 bytes, 5 values
little-endian (<): standard sizes, no alignment

fmt pos  item              count      offset        size  value  C type            Rust type
      1  2x                    2           0           2  -      pad byte          -
      3  3h                    3           2           6  0-2    short[3]          [i16; 3]
      5  4294967295s  4294967295           8  4294967295  3      char[4294967295]  [u8; 4294967295]
     16  p                     1  4294967303           1  4      char[1] (Pascal)  PascalString<0>

byte map (each byte: code and value index; .. alignment padding, xx pad byte):
           0 | xx xx h0 h0 h1 h1 h2 h2 s3 s3 s3 s3 s3 s3 s3 s3
          16 | s3 s3 s3 s3 s3 s3 s3 s3 s3 s3 s3 s3 s3 s3 s3 s3
  *
  4294967296 | s3 s3 s3 s3 s3 s3 s3 p4
  4294967304
",
        );
}

#[test]
fn many_values_stop_the_map() {
    let output = netpack().args(["explain", ">1000000h"]).output().unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("  1  1000000h  1000000       0  2000000  0-999999  short[1000000]"));
    assert!(
        text.ends_with("  … the map stops here, 1998976 bytes before the end\n"),
        "{text}"
    );
}

/// The first column is where each item starts in the format (the position
/// errors name), not the item's number: `4s4s` has its items at 0 and 2.
#[test]
fn the_first_column_is_the_format_position() {
    let output = netpack().args(["explain", "4s4s"]).output().unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    let rows: Vec<&str> = text.lines().skip(3).take(3).collect();
    assert_eq!(
        rows[0].split_whitespace().take(2).collect::<Vec<_>>(),
        ["fmt", "pos"]
    );
    assert_eq!(
        rows[1].split_whitespace().take(2).collect::<Vec<_>>(),
        ["0", "4s"]
    );
    assert_eq!(
        rows[2].split_whitespace().take(2).collect::<Vec<_>>(),
        ["2", "4s"]
    );
    let err = netpack()
        .args(["pack", "4s4s", "b'a'", "1"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&err.stderr).contains("at format position 2)"));
}
