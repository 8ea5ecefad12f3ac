//! The TCP options, walked and named as tcpdump walks and names them.

use std::fmt::Write as _;

/// How tcpdump's walk through the TCP options ended.
pub(super) enum OptionsEnd {
    Done,
    /// `[bad opt]`: a length that does not fit; the line ends there.
    Bad,
    /// The capture ends inside an option: ` [|tcp]`, and the line ends.
    Truncated,
}

/// tcpdump's option names, by kind.
fn option_name(kind: u8) -> Option<&'static str> {
    Some(match kind {
        0 => "eol",
        1 => "nop",
        2 => "mss",
        3 => "wscale",
        4 => "sackOK",
        5 => "sack",
        6 => "echo",
        7 => "echoreply",
        8 => "TS",
        11 => "cc",
        12 => "ccnew",
        13 => "",
        19 => "md5",
        20 => "scps",
        28 => "uto",
        29 => "tcp-ao",
        30 => "mptcp",
        34 => "tfo",
        254 => "exp",
        _ => return None,
    })
}

/// `, options [...]` as tcpdump walks them: `captured` are the option bytes
/// the capture holds, `room` the bytes the data offset gives them.
/// `sack_base` is what SACK blocks are relative to, `whole` whether the capture
/// holds the whole segment (which tcpdump needs to check an MD5 signature).
pub(super) fn tcp_options(
    s: &mut String,
    captured: &[u8],
    room: usize,
    sack_base: u32,
    whole: bool,
) -> OptionsEnd {
    s.push_str(", options [");
    let byte = |i: usize| captured.get(i).copied();
    let be32 = |i: usize| {
        captured
            .get(i..i + 4)
            .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    };
    let mut hlen = room;
    let mut at = 0;
    let mut first = true;
    while hlen > 0 {
        if !first {
            s.push(',');
        }
        let Some(kind) = byte(at) else {
            s.push_str(" [|tcp]");
            return OptionsEnd::Truncated;
        };
        at += 1;
        let zero_len = kind <= 1;
        let len = if zero_len {
            1
        } else {
            let Some(len) = byte(at) else {
                s.push_str(" [|tcp]");
                return OptionsEnd::Truncated;
            };
            at += 1;
            let len = usize::from(len);
            if len < 2 || len > hlen {
                return bad_option(s, first);
            }
            hlen -= 1;
            len
        };
        hlen -= 1;
        match option_name(kind) {
            Some(name) => s.push_str(name),
            None => {
                let _ = write!(s, "unknown-{kind}");
            }
        }
        // LENCHECK: past the option's room is bad, past the capture truncated.
        let check = |l: usize| -> Result<(), OptionsEnd> {
            if l > hlen {
                Err(OptionsEnd::Bad)
            } else if at + l > captured.len() {
                Err(OptionsEnd::Truncated)
            } else {
                Ok(())
            }
        };
        let mut datalen = 0;
        let result = (|| -> Result<(), OptionsEnd> {
            match kind {
                2 => {
                    datalen = 2;
                    check(2)?;
                    let _ = write!(
                        s,
                        " {}",
                        u16::from_be_bytes([captured[at], captured[at + 1]])
                    );
                }
                3 => {
                    datalen = 1;
                    check(1)?;
                    let _ = write!(s, " {}", captured[at]);
                }
                5 => {
                    datalen = len - 2;
                    if datalen % 8 != 0 {
                        s.push_str(" invalid sack");
                    } else {
                        let _ = write!(s, " {} ", datalen / 8);
                        for i in (0..datalen).step_by(8) {
                            check(i + 8)?;
                            let (Some(a), Some(b)) = (be32(at + i), be32(at + i + 4)) else {
                                return Err(OptionsEnd::Truncated);
                            };
                            let _ = write!(
                                s,
                                "{{{}:{}}}",
                                a.wrapping_sub(sack_base),
                                b.wrapping_sub(sack_base)
                            );
                        }
                    }
                }
                6 | 7 | 11 | 12 | 13 => {
                    datalen = 4;
                    check(4)?;
                    let _ = write!(s, " {}", be32(at).unwrap_or_default());
                }
                8 => {
                    datalen = 8;
                    check(8)?;
                    let _ = write!(
                        s,
                        " val {} ecr {}",
                        be32(at).unwrap_or_default(),
                        be32(at + 4).unwrap_or_default()
                    );
                }
                0 | 1 | 4 => {}
                19 => {
                    datalen = 16;
                    check(16)?;
                    // As a tcpdump built with OpenSSL (Debian's) words it.
                    if whole {
                        s.push_str(" shared secret not supplied with -M, can't check - ");
                    } else {
                        s.push_str(" snaplen too short, can't check - ");
                    }
                    for b in &captured[at..at + 16] {
                        let _ = write!(s, "{b:02x}");
                    }
                }
                20 => {
                    datalen = 2;
                    check(2)?;
                    let _ = write!(s, " cap {:02x} id {}", captured[at], captured[at + 1]);
                }
                29 => {
                    datalen = len - 2;
                    if datalen < 2 {
                        s.push_str(" (invalid)");
                    } else {
                        check(1)?;
                        let _ = write!(s, " keyid {}", captured[at]);
                        check(2)?;
                        let _ = write!(s, " rnextkeyid {}", captured[at + 1]);
                        if datalen > 2 {
                            s.push_str(" mac 0x");
                            for i in 2..datalen {
                                check(i + 1)?;
                                let _ = write!(s, "{:02x}", captured[at + i]);
                            }
                        }
                    }
                }
                34 | 254 => {
                    datalen = len - 2;
                    check(datalen)?;
                    let mut cookie = &captured[at..at + datalen];
                    if kind == 34 {
                        s.push(' ');
                    } else {
                        // RFC 6994: a 16-bit magic; 0xf989 is Fast Open's.
                        if datalen < 2 {
                            return Err(OptionsEnd::Bad);
                        }
                        let magic = u16::from_be_bytes([cookie[0], cookie[1]]);
                        if magic != 0xf989 {
                            let _ = write!(s, "-{magic:04x}");
                            return Ok(());
                        }
                        s.push_str("-tfo");
                        cookie = &cookie[2..];
                    }
                    if cookie.is_empty() {
                        s.push_str(" cookiereq");
                    } else if !cookie.len().is_multiple_of(2) || !(4..=16).contains(&cookie.len()) {
                        s.push_str(" (invalid)");
                    } else {
                        s.push_str(" cookie ");
                        for b in cookie {
                            let _ = write!(s, "{b:02x}");
                        }
                    }
                }
                28 => {
                    datalen = 2;
                    check(2)?;
                    let v = u16::from_be_bytes([captured[at], captured[at + 1]]);
                    let minutes = v & 1 != 0;
                    let v2 = if minutes {
                        u32::from(v >> 1) * 60
                    } else {
                        u32::from(v >> 1)
                    };
                    let _ = write!(s, " {v:#x} {v2}");
                }
                _ => {
                    // Printed as tcpdump prints an option it does not know
                    // (the options it decodes further are not modelled).
                    datalen = len - 2;
                    if datalen > 0 {
                        s.push_str(" 0x");
                    }
                    for i in 0..datalen {
                        check(i + 1)?;
                        let _ = write!(s, "{:02x}", captured[at + i]);
                    }
                }
            }
            Ok(())
        })();
        match result {
            Ok(()) => {}
            Err(OptionsEnd::Bad) => return bad_option(s, first),
            Err(_) => {
                // tcpdump closes the list with `>` after the first option.
                s.push_str(if first { " [|tcp]" } else { " [|tcp]>" });
                return OptionsEnd::Truncated;
            }
        }
        at += datalen;
        hlen -= datalen;
        let mut total = datalen + 1;
        if !zero_len {
            total += 1;
        }
        if total != len {
            let _ = write!(s, "[len {len}]");
        }
        first = false;
        if kind == 0 {
            break;
        }
    }
    s.push(']');
    OptionsEnd::Done
}

fn bad_option(s: &mut String, first: bool) -> OptionsEnd {
    s.push_str("[bad opt]");
    if !first {
        s.push(']');
    }
    OptionsEnd::Bad
}
