//! The TCP chat protocol shared by `tcp_chat_server`, `tcp_chat_server_async`,
//! `tcp_chat_client`, `python/chat_client.py` and the tests.
//!
//! Every message is one frame: a 13-byte header, Python's
//! `struct.pack("!IBQ", len(body), kind, sent_ms)`, then `len(body)` bytes of
//! UTF-8. The Python tutorial sent bare text and read it with `recv(1024)`, which
//! returns whatever TCP has delivered: half a message, or three glued together.
//! The length in the header is what lets a reader take exactly one message.
//!
//! | kind | direction | body |
//! |---|---|---|
//! | 1 `Hello` | client → server, first frame | the nickname (1 to 32 bytes) |
//! | 2 `Text` | client → server | the text |
//! | 2 `Text` | server → other clients | `nickname: text` (the sender's `sent_ms` kept) |
//! | 3 `Join` | server → others | the nickname |
//! | 4 `Leave` | server → others | the nickname |
//! | 5 `Error` | server → the offending client, before it closes | the reason |
#![allow(dead_code)] // each example uses a part

use netpack::io::{Frame, FrameCodec, FrameHeader};
use netpack::NetPack;
use std::io::{Read, Write};
use std::time::{SystemTime, UNIX_EPOCH};

/// What a frame carries. Python: `HELLO, TEXT, JOIN, LEAVE, ERROR = 1, 2, 3, 4, 5`.
#[derive(NetPack, Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Kind {
    Hello = 1,
    Text = 2,
    Join = 3,
    Leave = 4,
    Error = 5,
}

/// Python: `struct.Struct("!IBQ")`: body length, kind, milliseconds since 1970.
#[derive(NetPack, Clone, Copy, Debug, PartialEq, Eq)]
#[netpack(order = "!")]
pub struct ChatHeader {
    pub len: u32,
    pub kind: Kind,
    pub sent_ms: u64,
}

impl FrameHeader for ChatHeader {
    fn body_len(&self) -> u64 {
        self.len.into()
    }
}

/// The longest text a frame may carry; the server disconnects a client whose
/// header announces more, before reading or allocating the body.
pub const MAX_BODY: usize = 4096;

/// The longest nickname.
pub const MAX_NAME: usize = 32;

/// Reads and writes chat frames, `MAX_BODY` bytes of body at most.
pub const FRAMES: FrameCodec<ChatHeader> = FrameCodec::new(MAX_BODY);

/// A chat frame.
pub type ChatFrame = Frame<ChatHeader>;

/// Milliseconds since 1970, as Python's `int(time.time() * 1000)`.
pub fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0)
}

/// A frame of `kind` carrying `text`, stamped now. Fails for a text over
/// `MAX_BODY` bytes, which the peer would refuse.
pub fn frame(kind: Kind, text: &str) -> Result<ChatFrame, netpack::io::Error> {
    let len = text.len();
    if len > MAX_BODY {
        return Err(netpack::io::Error::FrameTooLarge {
            len: len as u64,
            max: MAX_BODY,
        });
    }
    let header = ChatHeader {
        len: len as u32,
        kind,
        sent_ms: now_ms(),
    };
    Ok(Frame {
        header,
        body: text.as_bytes().to_vec(),
    })
}

/// Sends one frame of `kind` with `text`. Python:
/// `sock.sendall(HEADER.pack(len(body), kind, now_ms()) + body)`.
pub fn send<W: Write>(w: &mut W, kind: Kind, text: &str) -> Result<(), netpack::io::Error> {
    let frame = frame(kind, text)?;
    FRAMES.write(w, &frame.header, &frame.body)
}

/// The bytes of a frame of `kind` with `text`, cut to `MAX_BODY` bytes (on a
/// character boundary) so that it always goes out: for the server's own
/// Error, Join and Leave frames.
pub fn wire(kind: Kind, text: &str) -> Vec<u8> {
    let frame = frame(kind, cut(text)).expect("cut to MAX_BODY");
    FRAMES
        .pack(&frame.header, &frame.body)
        .expect("the header's length is the body's")
}

/// The longest start of `text` that fits in a frame (`MAX_BODY` bytes,
/// ending on a character boundary).
pub fn cut(text: &str) -> &str {
    let mut end = text.len().min(MAX_BODY);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Whether two nicknames would look the same in a chat: compared without
/// regard to case, so that "Alice" cannot speak for "alice".
pub fn same_name(a: &str, b: &str) -> bool {
    a.to_lowercase() == b.to_lowercase()
}

/// A received frame with its body checked as UTF-8.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    pub kind: Kind,
    pub sent_ms: u64,
    pub text: String,
}

impl std::fmt::Display for Message {
    /// How the clients print a message.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.kind {
            Kind::Text | Kind::Hello => write!(f, "{}", self.text),
            Kind::Join => write!(f, "* {} joined", self.text),
            Kind::Leave => write!(f, "* {} left", self.text),
            Kind::Error => write!(f, "! server: {}", self.text),
        }
    }
}

/// Why a frame was not a message.
#[derive(Debug)]
pub enum ReceiveError {
    /// The stream broke, or carried something that is no chat frame.
    Frame(netpack::io::Error),
    /// The body is not UTF-8.
    NotUtf8,
}

impl std::fmt::Display for ReceiveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReceiveError::Frame(e) => e.fmt(f),
            ReceiveError::NotUtf8 => f.write_str("message text is not UTF-8"),
        }
    }
}

impl std::error::Error for ReceiveError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ReceiveError::Frame(e) => Some(e),
            ReceiveError::NotUtf8 => None,
        }
    }
}

/// Turns a frame into a message.
pub fn message(frame: ChatFrame) -> Result<Message, ReceiveError> {
    let text = String::from_utf8(frame.body).map_err(|_| ReceiveError::NotUtf8)?;
    Ok(Message {
        kind: frame.header.kind,
        sent_ms: frame.header.sent_ms,
        text,
    })
}

/// Receives exactly one message; `Ok(None)` when the peer closed the connection
/// between messages. Replaces the tutorial's `sock.recv(1024).decode()`.
pub fn receive<R: Read>(r: &mut R) -> Result<Option<Message>, ReceiveError> {
    match FRAMES.read(r) {
        Ok(Some(frame)) => message(frame).map(Some),
        Ok(None) => Ok(None),
        Err(e) => Err(ReceiveError::Frame(e)),
    }
}

/// Checks a nickname from a `Hello` frame.
pub fn check_name(frame: &ChatFrame) -> Result<String, String> {
    if frame.header.kind != Kind::Hello {
        return Err(format!(
            "expected a Hello frame first, got {:?}",
            frame.header.kind
        ));
    }
    let name = std::str::from_utf8(&frame.body).map_err(|_| "nickname is not UTF-8")?;
    let name = name.trim();
    if name.is_empty() || name.len() > MAX_NAME || name.chars().any(char::is_control) {
        return Err(format!(
            "a nickname is 1 to {MAX_NAME} bytes of printable UTF-8"
        ));
    }
    Ok(name.to_string())
}
