//! The five TFTP packets of RFC 1350, encoded and decoded: the one place that
//! knows their bytes, shared by the `tftp` example, its tests and (in Python)
//! `python/tftp_client.py`.
//!
//! The fixed parts are Python `struct` formats, `"!H"` and `"!HH"`; the file
//! name, the mode and the error message are NUL-terminated strings, cut and
//! checked here by hand until the derive can say `#[netpack(nul)]`. Decoding
//! any datagram returns a packet or a [`DecodeError`], never panics, and never
//! allocates more than the datagram's length.
//!
//! | packet | Python |
//! |---|---|
//! | RRQ, WRQ | `struct.pack("!H", 1 or 2) + filename + b"\0" + mode + b"\0"` |
//! | DATA | `struct.pack("!HH", 3, block) + data` (0 to 512 bytes; fewer ends the file) |
//! | ACK | `struct.pack("!HH", 4, block)` |
//! | ERROR | `struct.pack("!HH", 5, code) + message + b"\0"` |
#![allow(dead_code)] // each user takes a part

use netpack::NetPack;
use std::fmt;

// Opcodes. Python: `RRQ, WRQ, DATA, ACK, ERROR = 1, 2, 3, 4, 5`.
pub const RRQ: u16 = 1;
pub const WRQ: u16 = 2;
pub const DATA: u16 = 3;
pub const ACK: u16 = 4;
pub const ERROR: u16 = 5;

/// Bytes of file per DATA packet; a shorter packet is the last one.
pub const BLOCK: usize = 512;

/// The longest file name a request may carry (RFC 1350 has requests fit in
/// 512 bytes; 255 is what file systems allow in one name).
pub const MAX_NAME: usize = 255;

/// The longest mode: `"netascii"`.
pub const MAX_MODE: usize = 8;

/// The longest error message read or written.
pub const MAX_MESSAGE: usize = 255;

// Error codes of RFC 1350.
pub const NOT_DEFINED: u16 = 0;
pub const FILE_NOT_FOUND: u16 = 1;
pub const ACCESS_VIOLATION: u16 = 2;
pub const DISK_FULL: u16 = 3;
pub const ILLEGAL_OPERATION: u16 = 4;
pub const UNKNOWN_TRANSFER: u16 = 5;
pub const FILE_EXISTS: u16 = 6;

/// The opcode every packet starts with. Python: `struct.unpack_from("!H", data)`.
#[derive(NetPack, Clone, Copy, Debug, PartialEq, Eq)]
#[netpack(order = "!")]
struct Opcode {
    opcode: u16,
}

/// The 4 bytes of DATA, ACK and ERROR before their variable part. Python:
/// `struct.Struct("!HH")`.
#[derive(NetPack, Clone, Copy, Debug, PartialEq, Eq)]
#[netpack(order = "!")]
struct Numbered {
    opcode: u16,
    /// The block number (DATA, ACK) or the error code (ERROR).
    number: u16,
}

/// A read or write request: which file, and how its bytes travel.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Request {
    pub filename: String,
    /// `"octet"` (bytes as they are) or `"netascii"`, in any case.
    pub mode: String,
}

/// A TFTP packet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Packet {
    Read(Request),
    Write(Request),
    Data { block: u16, data: Vec<u8> },
    Ack { block: u16 },
    Error { code: u16, message: String },
}

/// Why a datagram is no packet. `offset` is where in the datagram the problem is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// Fewer bytes than the packet's fixed part.
    TooShort {
        len: usize,
        needed: usize,
    },
    UnknownOpcode(u16),
    /// A string field without its NUL within `max` bytes.
    NoTerminator {
        field: &'static str,
        offset: usize,
        max: usize,
    },
    NotUtf8 {
        field: &'static str,
        offset: usize,
    },
    /// A DATA packet with more than 512 bytes of data.
    DataTooLong(usize),
    /// Bytes after the end of an ACK or ERROR.
    Trailing {
        offset: usize,
    },
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::TooShort { len, needed } => {
                write!(f, "a datagram of {len} bytes is no packet (needs {needed})")
            }
            DecodeError::UnknownOpcode(op) => write!(f, "unknown opcode {op}"),
            DecodeError::NoTerminator { field, offset, max } => {
                write!(f, "{field}: no NUL within {max} bytes at offset {offset}")
            }
            DecodeError::NotUtf8 { field, offset } => {
                write!(f, "{field}: not UTF-8 at offset {offset}")
            }
            DecodeError::DataTooLong(n) => write!(f, "DATA with {n} bytes, more than {BLOCK}"),
            DecodeError::Trailing { offset } => write!(f, "stray bytes at offset {offset}"),
        }
    }
}

impl std::error::Error for DecodeError {}

/// Why a packet cannot be encoded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EncodeError {
    /// A NUL inside a string field would end it early.
    InteriorNul(&'static str),
    /// A string field longer than its cap, or empty where it must not be.
    Length {
        field: &'static str,
        len: usize,
        max: usize,
    },
    DataTooLong(usize),
}

impl fmt::Display for EncodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EncodeError::InteriorNul(field) => write!(f, "{field}: a NUL inside"),
            EncodeError::Length { field, len, max } => {
                write!(f, "{field}: {len} bytes, not 1 to {max}")
            }
            EncodeError::DataTooLong(n) => write!(f, "DATA with {n} bytes, more than {BLOCK}"),
        }
    }
}

impl std::error::Error for EncodeError {}

/// Reads a NUL-terminated UTF-8 string of at most `max` bytes at `offset`;
/// returns it and the offset after its NUL.
fn take_nul_str(
    datagram: &[u8],
    offset: usize,
    max: usize,
    field: &'static str,
) -> Result<(String, usize), DecodeError> {
    let rest = datagram.get(offset..).unwrap_or_default();
    let window = &rest[..rest.len().min(max + 1)];
    let Some(len) = window.iter().position(|&b| b == 0) else {
        return Err(DecodeError::NoTerminator { field, offset, max });
    };
    let text =
        std::str::from_utf8(&rest[..len]).map_err(|_| DecodeError::NotUtf8 { field, offset })?;
    Ok((text.to_string(), offset + len + 1))
}

/// Appends `text` and its NUL, checking it can be read back as one field.
fn put_nul_str(
    out: &mut Vec<u8>,
    text: &str,
    min: usize,
    max: usize,
    field: &'static str,
) -> Result<(), EncodeError> {
    if text.contains('\0') {
        return Err(EncodeError::InteriorNul(field));
    }
    if !(min..=max).contains(&text.len()) {
        return Err(EncodeError::Length {
            field,
            len: text.len(),
            max,
        });
    }
    out.extend_from_slice(text.as_bytes());
    out.push(0);
    Ok(())
}

impl Packet {
    /// Decodes one datagram.
    pub fn decode(datagram: &[u8]) -> Result<Packet, DecodeError> {
        let Ok(Opcode { opcode }) = Opcode::unpack_from(datagram) else {
            return Err(DecodeError::TooShort {
                len: datagram.len(),
                needed: Opcode::SIZE,
            });
        };
        match opcode {
            RRQ | WRQ => {
                let (filename, next) = take_nul_str(datagram, Opcode::SIZE, MAX_NAME, "filename")?;
                let (mode, _options) = take_nul_str(datagram, next, MAX_MODE, "mode")?;
                // What follows the mode would be RFC 2347 options, which a
                // server that does not know them ignores.
                let request = Request { filename, mode };
                Ok(if opcode == RRQ {
                    Packet::Read(request)
                } else {
                    Packet::Write(request)
                })
            }
            DATA | ACK | ERROR => {
                let head = Numbered::unpack_from(datagram).map_err(|_| DecodeError::TooShort {
                    len: datagram.len(),
                    needed: Numbered::SIZE,
                })?;
                let rest = &datagram[Numbered::SIZE..];
                match opcode {
                    DATA if rest.len() > BLOCK => Err(DecodeError::DataTooLong(rest.len())),
                    DATA => Ok(Packet::Data {
                        block: head.number,
                        data: rest.to_vec(),
                    }),
                    ACK if !rest.is_empty() => Err(DecodeError::Trailing {
                        offset: Numbered::SIZE,
                    }),
                    ACK => Ok(Packet::Ack { block: head.number }),
                    _ => {
                        let (message, end) =
                            take_nul_str(datagram, Numbered::SIZE, MAX_MESSAGE, "message")?;
                        if end != datagram.len() {
                            return Err(DecodeError::Trailing { offset: end });
                        }
                        Ok(Packet::Error {
                            code: head.number,
                            message,
                        })
                    }
                }
            }
            other => Err(DecodeError::UnknownOpcode(other)),
        }
    }

    /// The datagram of this packet.
    pub fn encode(&self) -> Result<Vec<u8>, EncodeError> {
        let numbered = |opcode, number| Numbered { opcode, number }.pack();
        match self {
            Packet::Read(request) | Packet::Write(request) => {
                let opcode = if matches!(self, Packet::Read(_)) {
                    RRQ
                } else {
                    WRQ
                };
                let mut out = Opcode { opcode }.pack();
                put_nul_str(&mut out, &request.filename, 1, MAX_NAME, "filename")?;
                put_nul_str(&mut out, &request.mode, 1, MAX_MODE, "mode")?;
                Ok(out)
            }
            Packet::Data { block, data } => {
                if data.len() > BLOCK {
                    return Err(EncodeError::DataTooLong(data.len()));
                }
                let mut out = numbered(DATA, *block);
                out.extend_from_slice(data);
                Ok(out)
            }
            Packet::Ack { block } => Ok(numbered(ACK, *block)),
            Packet::Error { code, message } => {
                let mut out = numbered(ERROR, *code);
                put_nul_str(&mut out, message, 0, MAX_MESSAGE, "message")?;
                Ok(out)
            }
        }
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
        let packet = Packet::Error {
            code,
            message: text,
        };
        packet.encode().unwrap_or_default()
    }

    /// The opcode's name, for logs.
    pub fn name(&self) -> &'static str {
        match self {
            Packet::Read(_) => "RRQ",
            Packet::Write(_) => "WRQ",
            Packet::Data { .. } => "DATA",
            Packet::Ack { .. } => "ACK",
            Packet::Error { .. } => "ERROR",
        }
    }
}
