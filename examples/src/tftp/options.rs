//! RFC 2347 option negotiation, with the three options of RFC 2348 and 2349:
//! `blksize` (bytes per DATA block), `tsize` (the file's size) and `timeout`
//! (seconds before a packet is sent again).
//!
//! A request carries options after its mode as NUL-terminated pairs,
//! `b"blksize\0" + b"1468\0"`; a server that takes some answers with an OACK
//! naming them with the values it agreed to, and a client that accepts the
//! OACK acknowledges it with ACK 0 (a read) or sends DATA 1 (a write). A
//! server that knows none of them answers as RFC 1350 has it, and so does
//! this one when no option is left. The answers follow tftpd-hpa's: names in
//! any case, echoed as sent; an unknown option or a value that is not a
//! number is left out; an out-of-range `blksize` or `timeout` is ERROR 8.

use super::packet::{BAD_OPTION, BLOCK, DISK_FULL, MAX_BLOCK, MIN_BLOCK};
use std::time::Duration;

/// The `(name, value)` pairs of an option list; a trailing name without its
/// value, or bytes without their NUL, are not an option.
pub fn pairs(options: &[u8]) -> impl Iterator<Item = (&[u8], &[u8])> {
    // Every field ends with a NUL: what follows the last NUL is no field.
    let end = options.iter().rposition(|&b| b == 0);
    let mut fields = options[..end.unwrap_or(0)].split(|&b| b == 0);
    if end.is_none() {
        fields.next(); // the one, empty field of an empty slice
    }
    std::iter::from_fn(move || Some((fields.next()?, fields.next()?)))
        .filter(|(name, _)| !name.is_empty())
}

/// Appends the option `name` with `value` to an option list.
pub fn push(list: &mut Vec<u8>, name: &[u8], value: impl std::fmt::Display) {
    list.extend_from_slice(name);
    list.push(0);
    list.extend_from_slice(value.to_string().as_bytes());
    list.push(0);
}

/// What a server allows clients to ask for.
#[derive(Clone, Copy, Debug)]
pub struct Caps {
    /// The largest block agreed to; a larger `blksize` is answered with this.
    pub max_block: usize,
    /// The longest `timeout` agreed to; a longer one (within RFC 2349's 255 s)
    /// is left out of the OACK, and the server keeps its own.
    pub max_timeout: Duration,
    /// The largest file a client may write: a write whose `tsize` says more
    /// is refused at once.
    pub max_upload: u64,
}

/// What a transfer runs with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Agreed {
    /// Bytes per DATA block.
    pub block: usize,
    /// The wait before sending a packet again, if the client set it.
    pub timeout: Option<Duration>,
}

impl Default for Agreed {
    fn default() -> Agreed {
        Agreed {
            block: BLOCK,
            timeout: None,
        }
    }
}

/// A number option's value, if it is a number.
fn number(value: &[u8]) -> Option<u64> {
    std::str::from_utf8(value).ok()?.parse().ok()
}

/// The server's answer to the options of a request: what the transfer runs
/// with and the OACK's options (empty: no OACK, RFC 1350), or the ERROR that
/// refuses the request. `size` is the file's size for a read whose size is
/// known before it is sent (octet mode), `None` otherwise.
pub fn negotiate(
    options: &[u8],
    caps: &Caps,
    write: bool,
    size: Option<u64>,
) -> Result<(Agreed, Vec<u8>), (u16, String)> {
    let mut agreed = Agreed::default();
    let mut oack = Vec::new();
    let (mut block, mut tsize, mut timeout) = (false, false, false);
    for (name, value) in pairs(options) {
        let Some(n) = number(value) else { continue };
        if name.eq_ignore_ascii_case(b"blksize") && !block {
            block = true;
            if n < MIN_BLOCK as u64 {
                return Err((BAD_OPTION, format!("blksize {n} is under {MIN_BLOCK}")));
            }
            agreed.block = n.min(MAX_BLOCK as u64).min(caps.max_block as u64) as usize;
            push(&mut oack, name, agreed.block);
        } else if name.eq_ignore_ascii_case(b"timeout") && !timeout {
            timeout = true;
            if !(1..=255).contains(&n) {
                return Err((BAD_OPTION, format!("timeout {n} is not 1 to 255 s")));
            }
            if Duration::from_secs(n) <= caps.max_timeout {
                agreed.timeout = Some(Duration::from_secs(n));
                push(&mut oack, name, n);
            }
        } else if name.eq_ignore_ascii_case(b"tsize") && !tsize {
            tsize = true;
            if write && n > caps.max_upload {
                let why = format!("files of over {} bytes are not accepted", caps.max_upload);
                return Err((DISK_FULL, why));
            }
            match (write, size) {
                (true, _) => push(&mut oack, name, n),
                (false, Some(size)) => push(&mut oack, name, size),
                (false, None) => {}
            }
        }
    }
    Ok((agreed, oack))
}

/// The options a client asks for: `blksize`, if it wants another block than
/// RFC 1350's.
pub fn request(block: Option<usize>) -> Vec<u8> {
    let mut options = Vec::new();
    if let Some(block) = block {
        push(&mut options, b"blksize", block);
    }
    options
}

/// The block size an OACK gives a client that asked for `asked`: the
/// server's value, which may be smaller but not larger; `Err` names what
/// the client cannot accept (it then sends ERROR 8).
pub fn accept(oack: &[u8], asked: Option<usize>) -> Result<usize, String> {
    let mut block = BLOCK;
    for (name, value) in pairs(oack) {
        if !name.eq_ignore_ascii_case(b"blksize") {
            // tsize, timeout: informative; an option never asked for is ignored.
            continue;
        }
        let Some(asked) = asked else {
            return Err("blksize in the OACK, never asked for".into());
        };
        match number(value) {
            Some(n) if (MIN_BLOCK as u64..=asked as u64).contains(&n) => block = n as usize,
            _ => {
                return Err(format!(
                    "blksize {:?} in the OACK: asked for at most {asked}",
                    String::from_utf8_lossy(value)
                ))
            }
        }
    }
    Ok(block)
}

#[cfg(test)]
mod tests {
    use super::*;

    const CAPS: Caps = Caps {
        max_block: 1468,
        max_timeout: Duration::from_secs(10),
        max_upload: 1000,
    };

    #[test]
    fn pairs_skip_what_is_not_an_option() {
        let list: Vec<_> = pairs(b"a\x001\x00b\x00").collect();
        assert_eq!(list, [(&b"a"[..], &b"1"[..])]);
        assert_eq!(pairs(b"").count(), 0);
    }

    #[test]
    fn the_servers_caps_and_rfc_ranges() {
        let (agreed, oack) = negotiate(b"blksize\x009000\x00", &CAPS, false, None).unwrap();
        assert_eq!(
            (agreed.block, &oack[..]),
            (1468, &b"blksize\x001468\x00"[..])
        );
        // A timeout over the cap is left out, and the server keeps its own.
        let (agreed, oack) = negotiate(b"timeout\x0060\x00", &CAPS, false, None).unwrap();
        assert_eq!((agreed.timeout, oack.len()), (None, 0));
        // tsize of a read in netascii (size unknown) is left out.
        let (_, oack) = negotiate(b"tsize\x000\x00", &CAPS, false, None).unwrap();
        assert!(oack.is_empty());
        assert_eq!(
            negotiate(b"tsize\x001001\x00", &CAPS, true, None)
                .unwrap_err()
                .0,
            DISK_FULL
        );
        // Only the first of a repeated option counts.
        let (_, oack) =
            negotiate(b"blksize\x00600\x00blksize\x00700\x00", &CAPS, false, None).unwrap();
        assert_eq!(oack, b"blksize\x00600\x00");
    }

    #[test]
    fn a_client_accepts_no_larger_block_than_it_asked() {
        assert_eq!(accept(b"blksize\x001000\x00", Some(1468)), Ok(1000));
        assert_eq!(accept(b"tsize\x005\x00", Some(1468)), Ok(BLOCK));
        assert!(accept(b"blksize\x002000\x00", Some(1468)).is_err());
        assert!(accept(b"blksize\x004\x00", Some(1468)).is_err());
        assert!(accept(b"blksize\x00600\x00", None).is_err());
    }
}
