//! The TCP chat protocol shared by `tcp_chat_server`, `tcp_chat_server_async`,
//! `tcp_chat_client`, `python/chat_client.py` and the tests.
//!
//! Every message is one [`ChatFrame`]: a 13-byte header and `len(body)` bytes of
//! UTF-8, Python's `struct.pack("!IBQ", len(body), kind, sent_ms) + body`. The
//! Python tutorial sent bare text and read it with `recv(1024)`, which returns
//! whatever TCP has delivered: half a message, or three glued together. The
//! length in the header is what lets a reader take exactly one message, and
//! `#[derive(NetPack)]` reads it as Python writes it: `netpack::io::read`
//! takes the header, refuses a length over the cap before reading or allocating
//! the body, then reads exactly the body and checks it is UTF-8.
//!
//! | kind | direction | body |
//! |---|---|---|
//! | 1 `Hello` | client → server, first frame | the nickname (1 to 32 bytes, see [`check_name`]) |
//! | 2 `Text` | client → server | the text, at most [`MAX_TEXT`] bytes |
//! | 2 `Text` | server → other clients | `nickname: text` (the sender's `sent_ms` kept), at most [`MAX_BODY`] bytes |
//! | 3 `Join` | server → others | the nickname |
//! | 4 `Leave` | server → others | the nickname |
//! | 5 `Error` | server → the offending client, before it closes | the reason |

pub use crate::now_ms;
use icu_properties::props::{BidiControl, DefaultIgnorableCodePoint};
use icu_properties::CodePointSetData;
use netpack::{Message, NetPack};
use std::io::{Read, Write};
use std::time::Duration;
use unicode_normalization::UnicodeNormalization;

pub mod client;
pub mod server;
pub mod server_async;

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

/// One chat message on the wire. Python:
/// `struct.pack("!IBQ", len(body), kind, sent_ms) + body`, read back with
/// `struct.Struct("!IBQ").unpack(header)` and `sock.recv(len)`.
///
/// Build it with [`frame`], which sets `len`: encoding checks that `len` is the
/// body's length (a frame cannot announce more or less than it carries), and
/// decoding refuses a `len` over `MAX_BODY` before it reads the body.
#[derive(NetPack, Clone, Debug, PartialEq, Eq)]
#[netpack(order = "!")]
pub struct ChatFrame {
    /// `len(body)`, in bytes.
    pub len: u32,
    pub kind: Kind,
    /// Milliseconds since 1970 when the sender sent it.
    pub sent_ms: u64,
    /// The text, UTF-8 checked on decoding.
    #[netpack(len = "len", max = MAX_BODY)]
    pub body: String,
}

/// The longest text a client may send: [`send`] refuses more before anything
/// is written, and a server disconnects a client that sends more anyway.
pub const MAX_TEXT: usize = 4096;

/// The longest body of any frame: a relayed text, `nickname: text`, with the
/// longest nickname and the longest text. A reader refuses a header that
/// announces more, before reading or allocating the body.
pub const MAX_BODY: usize = MAX_NAME + 2 + MAX_TEXT;

/// The header's size, Python's `struct.calcsize("!IBQ")`.
pub const HEADER: usize = 13;

// A reader never buffers more than a header and `MAX_BODY` bytes.
const _: () = assert!(matches!(
    <ChatFrame as Message>::MAX_SIZE,
    Some(n) if n == HEADER + MAX_BODY
));

/// The longest nickname, in bytes.
pub const MAX_NAME: usize = 32;

/// What a chat server lets each connection spend; both servers take it.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Connections at once, those still saying Hello included. One more is
    /// told "server full" and closed.
    pub max_clients: usize,
    /// Bytes waiting for one client (beyond what the system buffers). A
    /// sender waits for room while the client takes messages; a client that
    /// takes none for a moment (100 ms) while its outbox is full is
    /// disconnected.
    pub outbox_bytes: usize,
    /// How long a message may wait for one client, from when it is queued to
    /// when the system has taken its last byte.
    pub outbox_time: Duration,
    /// How long a connection has to send its whole Hello frame.
    pub hello_time: Duration,
    /// How long a frame may take to arrive once its first byte has: a client
    /// may stay quiet between frames as long as it likes, but not in the
    /// middle of one.
    pub frame_time: Duration,
}

impl Default for Limits {
    /// The threaded server's defaults (`tcp_chat_server_async` takes 1000
    /// clients).
    fn default() -> Limits {
        Limits {
            max_clients: 64,
            outbox_bytes: 256 * 1024,
            outbox_time: Duration::from_secs(5),
            hello_time: Duration::from_secs(10),
            frame_time: Duration::from_secs(10),
        }
    }
}

/// The system's send buffer for each client (Linux doubles it).
pub(crate) const SEND_BUFFER: usize = 64 * 1024;

/// How long full outboxes may go without their clients taking a message
/// before those clients are dropped (one wait for all of them). While a client
/// takes messages, however slowly, a sender waits for room instead, up to
/// `outbox_time`: a reader that is only behind a flood slows the flood down;
/// one that does not read costs the room this delay once.
pub(crate) const ROOM_WAIT: Duration = Duration::from_millis(100);

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
    Ok(ChatFrame {
        len: len as u32,
        kind,
        sent_ms: now_ms(),
        body: text.to_string(),
    })
}

/// Sends one frame of `kind` with `text`, as a client: a text over
/// [`MAX_TEXT`] bytes is refused here, before anything is written. Python:
/// `sock.sendall(struct.pack("!IBQ", len(body), kind, now_ms()) + body)`.
pub fn send<W: Write>(w: &mut W, kind: Kind, text: &str) -> Result<(), netpack::io::Error> {
    if kind == Kind::Text && text.len() > MAX_TEXT {
        return Err(netpack::io::Error::FrameTooLarge {
            len: text.len() as u64,
            max: MAX_TEXT,
        });
    }
    netpack::io::write(w, &frame(kind, text)?)
}

/// The bytes of a frame of `kind` with `text`, cut to `MAX_BODY` bytes (on a
/// character boundary) so that it always goes out: for the server's own
/// Error, Join and Leave frames.
pub fn wire(kind: Kind, text: &str) -> Vec<u8> {
    let frame = frame(kind, cut(text)).expect("cut to MAX_BODY");
    frame
        .encode()
        .expect("`frame` sets the length and keeps the cap")
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

/// A nickname as the chat compares it: compatibility-normalised (NFKC) and
/// without case, so that "Alice", "ＡＬＩＣＥ" (full width) and an "é" typed
/// as "e" and a combining accent cannot speak for "alice" or "é".
pub fn name_key(name: &str) -> String {
    name.nfkc()
        .collect::<String>()
        .to_lowercase()
        .nfkc()
        .collect()
}

/// Whether two nicknames would look the same in a chat (see [`name_key`]).
pub fn same_name(a: &str, b: &str) -> bool {
    name_key(a) == name_key(b)
}

/// Whether `c` has no place in a nickname: a control character, or one of
/// Unicode's invisible (Default_Ignorable_Code_Point: U+200B zero width
/// space, U+00AD soft hyphen, …) or reordering (Bidi_Control: U+202E
/// right-to-left override, …) characters, with which "al\u{200b}ice" would
/// pass for "alice".
fn hidden_in_name(c: char) -> bool {
    c.is_control()
        || CodePointSetData::new::<DefaultIgnorableCodePoint>().contains(c)
        || CodePointSetData::new::<BidiControl>().contains(c)
}

impl std::fmt::Display for ChatFrame {
    /// How the clients print a message.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.kind {
            Kind::Text | Kind::Hello => write!(f, "{}", self.body),
            Kind::Join => write!(f, "* {} joined", self.body),
            Kind::Leave => write!(f, "* {} left", self.body),
            Kind::Error => write!(f, "! server: {}", self.body),
        }
    }
}

/// Receives exactly one frame; `Ok(None)` when the peer closed the connection
/// between frames. Replaces the tutorial's `sock.recv(1024).decode()`.
pub fn receive<R: Read>(r: &mut R) -> Result<Option<ChatFrame>, netpack::io::Error> {
    netpack::io::read(r)
}

/// Checks a nickname from a `Hello` frame.
pub fn check_name(frame: &ChatFrame) -> Result<String, String> {
    if frame.kind != Kind::Hello {
        return Err(format!(
            "expected a Hello frame first, got {:?}",
            frame.kind
        ));
    }
    let name = frame.body.trim();
    if name.is_empty() || name.len() > MAX_NAME {
        return Err(format!(
            "a nickname is 1 to {MAX_NAME} bytes of printable UTF-8"
        ));
    }
    if let Some(c) = name.chars().find(|&c| hidden_in_name(c)) {
        return Err(format!(
            "a nickname is 1 to {MAX_NAME} bytes of printable UTF-8, \
             without invisible or reordering characters ({})",
            c.escape_unicode()
        ));
    }
    Ok(name.to_string())
}
