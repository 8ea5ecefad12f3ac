//! The five TFTP packets of RFC 1350 and the OACK of RFC 2347 as one derived
//! message type: the one place that knows their bytes, shared by the `tftp`
//! program, its tests and (in Python) `python/tftp_client.py`.
//!
//! [`Packet`] is a tagged enum: the opcode, Python's `struct.pack("!H", opcode)`,
//! then the variant's fields. The file name, the mode and the error message are
//! NUL-terminated (`#[netpack(nul)]`), each with a cap; a DATA block is the rest
//! of the datagram, 512 bytes unless the two sides agreed on another size
//! (RFC 2348's `blksize`, 65464 at most). Decoding borrows from the datagram (no
//! allocation, no copy), returns a packet or an error that names the field and
//! the offset, and never panics. Encoding refuses what the peer could not read
//! back: a NUL inside a string, a field over its cap.
//!
//! | packet | Python | derive |
//! |---|---|---|
//! | RRQ, WRQ | `struct.pack("!H", 1 or 2) + filename + b"\0" + mode + b"\0"` | `Read(Request)`, `Write(Request)` |
//! | DATA | `struct.pack("!HH", 3, block) + data` (0 to 512 bytes, or the agreed size; fewer ends the file) | `Data { block, #[netpack(rest, max = MAX_BLOCK)] data }` |
//! | ACK | `struct.pack("!HH", 4, block)` | `Ack { block }` |
//! | ERROR | `struct.pack("!HH", 5, code) + message + b"\0"` | `Error { code, #[netpack(nul, max = MAX_MESSAGE)] message }` |
//! | OACK | `struct.pack("!H", 6) + b"blksize\0" + b"1468\0"`… | `Oack { #[netpack(rest, max = MAX_OPTIONS)] options }` |
//!
//! A request that does not decode is still answered, as tftpd-hpa answers
//! it: [`malformed`] says with which ERROR.

use netpack::{Message, NetPack};

// Opcodes, the tags of `Packet`. Python: `RRQ, WRQ, DATA, ACK, ERROR = 1, 2, 3, 4, 5`.
pub const RRQ: u16 = 1;
pub const WRQ: u16 = 2;
pub const DATA: u16 = 3;
pub const ACK: u16 = 4;
pub const ERROR: u16 = 5;
pub const OACK: u16 = 6;

/// Bytes of file per DATA packet unless the sides agree on another size
/// (RFC 2348); a shorter packet is the last one.
pub const BLOCK: usize = 512;

/// The largest block RFC 2348 allows (65535 bytes of IP, less the headers).
pub const MAX_BLOCK: usize = 65_464;

/// The smallest block RFC 2348 allows.
pub const MIN_BLOCK: usize = 8;

/// The longest file name a request may carry (RFC 1350 has requests fit in
/// 512 bytes; 255 is what file systems allow in one name).
pub const MAX_NAME: usize = 255;

/// The longest mode: `"netascii"`.
pub const MAX_MODE: usize = 8;

/// The longest error message read or written.
pub const MAX_MESSAGE: usize = 255;

/// The most bytes of RFC 2347 options a request or an OACK may carry: what
/// the largest UDP datagram leaves. RFC 2347 wants a request within 512
/// bytes, but tftpd-hpa serves longer ones, and so does this server.
pub const MAX_OPTIONS: usize = 65_000;

// Error codes of RFC 1350.
pub const NOT_DEFINED: u16 = 0;
pub const FILE_NOT_FOUND: u16 = 1;
pub const ACCESS_VIOLATION: u16 = 2;
pub const DISK_FULL: u16 = 3;
pub const ILLEGAL_OPERATION: u16 = 4;
pub const UNKNOWN_TRANSFER: u16 = 5;
pub const FILE_EXISTS: u16 = 6;
/// RFC 2347: the options asked for cannot be served.
pub const BAD_OPTION: u16 = 8;

/// A read or write request: which file, and how its bytes travel.
///
/// Python: `filename + b"\0" + mode + b"\0"`, after the opcode.
#[derive(NetPack, Clone, Copy, Debug, PartialEq, Eq)]
pub struct Request<'a> {
    #[netpack(nul, max = MAX_NAME)]
    pub filename: &'a str,
    /// `"octet"` (bytes as they are) or `"netascii"`, in any case.
    #[netpack(nul, max = MAX_MODE)]
    pub mode: &'a str,
    /// RFC 2347 options (`blksize\0512\0`…), which a server that does not know
    /// them ignores (see [`super::options`]).
    #[netpack(rest, max = MAX_OPTIONS)]
    pub options: &'a [u8],
}

impl<'a> Request<'a> {
    /// A request for `filename` in octet mode, without options.
    pub fn octet(filename: &'a str) -> Request<'a> {
        Request {
            filename,
            mode: "octet",
            options: b"",
        }
    }
}

/// A TFTP packet, borrowed from the datagram it was decoded from.
#[derive(NetPack, Clone, Copy, Debug, PartialEq, Eq)]
#[netpack(tag = "H")]
pub enum Packet<'a> {
    /// Python: `struct.pack("!H", 1) + filename + b"\0" + mode + b"\0"`
    #[netpack(tag = 1)]
    Read(Request<'a>),
    /// Python: `struct.pack("!H", 2) + filename + b"\0" + mode + b"\0"`
    #[netpack(tag = 2)]
    Write(Request<'a>),
    /// Python: `struct.pack("!HH", 3, block) + data`
    #[netpack(tag = 3)]
    Data {
        /// Counts from 1, and wraps from 65535 to 0 for files of more than
        /// 65535 blocks.
        block: u16,
        #[netpack(rest, max = MAX_BLOCK)]
        data: &'a [u8],
    },
    /// Python: `struct.pack("!HH", 4, block)`
    #[netpack(tag = 4)]
    Ack { block: u16 },
    /// Python: `struct.pack("!HH", 5, code) + message + b"\0"`
    #[netpack(tag = 5)]
    Error {
        code: u16,
        #[netpack(nul, max = MAX_MESSAGE)]
        message: &'a str,
    },
    /// Python: `struct.pack("!H", 6) + b"blksize\0" + b"1468\0"` (RFC 2347):
    /// the options a server accepted, with their values.
    #[netpack(tag = 6)]
    Oack {
        #[netpack(rest, max = MAX_OPTIONS)]
        options: &'a [u8],
    },
}

impl Packet<'_> {
    /// The datagram of this packet. `Message::encode` with the panic-free
    /// fallback the senders here want: every packet they build is in bounds
    /// (a block of at most `BLOCK` bytes, a message made encodable by
    /// [`Packet::error`]), so the fallback, an empty datagram, is never sent.
    pub fn datagram(&self) -> Vec<u8> {
        self.encode().unwrap_or_default()
    }

    /// An ERROR packet's datagram, with `message` made encodable: NULs
    /// replaced, cut to `MAX_MESSAGE` bytes on a character boundary.
    pub fn error(code: u16, message: &str) -> Vec<u8> {
        let mut text = message.replace('\0', " ");
        if text.len() > MAX_MESSAGE {
            let mut end = MAX_MESSAGE;
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            text.truncate(end);
        }
        Packet::Error {
            code,
            message: &text,
        }
        .datagram()
    }

    /// The opcode's name, for logs.
    pub fn name(&self) -> &'static str {
        match self {
            Packet::Read(_) => "RRQ",
            Packet::Write(_) => "WRQ",
            Packet::Data { .. } => "DATA",
            Packet::Ack { .. } => "ACK",
            Packet::Error { .. } => "ERROR",
            Packet::Oack { .. } => "OACK",
        }
    }
}

/// The ERROR for a read (`write` false) or write request that does not
/// decode, as tftpd-hpa 5.2 answers the same bytes (observed with
/// `in.tftpd -L`): `body` is the datagram after its opcode.
pub fn malformed(write: bool, body: &[u8]) -> (u16, String) {
    let Some(end) = body.iter().position(|&b| b == 0) else {
        return (ILLEGAL_OPERATION, "missing mode".into());
    };
    let (name, after) = (&body[..end], &body[end + 1..]);
    let Some(end) = after.iter().position(|&b| b == 0) else {
        let why = if after.is_empty() {
            "missing mode"
        } else {
            "request not NUL-terminated"
        };
        return (ILLEGAL_OPERATION, why.into());
    };
    let mode = &after[..end];
    if !(mode.eq_ignore_ascii_case(b"octet") || mode.eq_ignore_ascii_case(b"netascii")) {
        return (ILLEGAL_OPERATION, "unknown mode".into());
    }
    if name.len() > MAX_NAME {
        return (
            NOT_DEFINED,
            format!("file name too long: over {MAX_NAME} bytes"),
        );
    }
    if std::str::from_utf8(name).is_err() {
        return if write {
            (ACCESS_VIOLATION, "file names are UTF-8".into())
        } else {
            (FILE_NOT_FOUND, "no such file".into())
        };
    }
    (ILLEGAL_OPERATION, "malformed request".into())
}
