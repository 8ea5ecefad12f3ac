//! Checks on the message zoo, shared by the property tests
//! (`tests/tests/message_props.rs`), the Python vectors
//! (`tests/tests/message_cpython.rs`), the hostile-input tests and the
//! `messages` fuzz target: the derived decoder agrees with the runtime model
//! ([`crate::message_model`]) on any bytes, and what it decodes encodes back to
//! the same bytes.

use crate::message_model::{model, Refusal};
use crate::message_zoo::{visit_message, MessageVisitor, ZooMessage, MESSAGE_NAMES, UNDELIMITED};
use netpack::{ErrorKind, Message};

/// The zoo messages that are fixed layouts (`NetPack` types).
const FIXED: &[&str] = &["Header"];

/// The `ErrorKind` the derive must give where the model refuses.
pub fn refusal_kind(r: Refusal) -> ErrorKind {
    match r {
        Refusal::Short => ErrorKind::BufferSize,
        Refusal::Cap => ErrorKind::TooLong,
        Refusal::Utf8 | Refusal::Tag | Refusal::Value => ErrorKind::InvalidValue,
        Refusal::Magic => ErrorKind::BadMagic,
        Refusal::Checksum => ErrorKind::BadChecksum,
    }
}

/// The type a zoo message's errors name: the message itself, or for the
/// wrappers of one byte order ([`crate::message_zoo::BlockLe`]) the message
/// they wrap.
fn type_name(name: &str) -> &str {
    match name {
        "BlockLe" | "BlockBe" => "Block",
        name => name,
    }
}

fn hex(bytes: &[u8]) -> String {
    let shown: String = bytes.iter().take(48).map(|b| format!("{b:02x}")).collect();
    if bytes.len() > 48 {
        format!("{shown}… ({} bytes)", bytes.len())
    } else {
        shown
    }
}

/// `T::decode_prefix(buf)` against the model: the same value and bytes used, or
/// an error of the kind the model's refusal calls for; `T::decode(buf)` succeeds
/// exactly when the message takes all of `buf`; what decodes encodes back to the
/// bytes it came from ([`check_encodes`]), within `T::MAX_SIZE`.
///
/// # Panics
///
/// With a message naming the message type, the bytes and the disagreement.
pub fn check_decode<'a, T: ZooMessage<'a>>(name: &str, buf: &'a [u8]) {
    let want = model(name, buf);
    let got = T::decode_prefix(buf);
    match (want, got) {
        (Ok((value, used)), Ok((t, n))) => {
            assert_eq!(
                n,
                used,
                "{name}::decode_prefix({}) used {n} bytes; the model {used}",
                hex(buf)
            );
            assert_eq!(
                t.to_json(),
                value,
                "{name}::decode_prefix({}) = {t:?}; the model reads {value}",
                hex(buf)
            );
            check_encodes(name, &t, &buf[..n]);
            if let Some(max) = T::MAX_SIZE {
                assert!(n <= max, "{name}: a message of {n} bytes, MAX_SIZE {max}");
            }
            match T::decode(buf) {
                Ok(u) if n == buf.len() => assert_eq!(u, t, "{name}: decode and decode_prefix"),
                Err(e) if n < buf.len() => assert_eq!(
                    e.kind(),
                    ErrorKind::BufferSize,
                    "{name}::decode({}) with trailing bytes: {e}",
                    hex(buf)
                ),
                other => panic!(
                    "{name}::decode({}) = {other:?}, but decode_prefix used {n} of {} bytes",
                    hex(buf),
                    buf.len()
                ),
            }
        }
        (Err(r), Err(e)) => {
            assert_eq!(
                e.kind(),
                refusal_kind(r),
                "{name}::decode_prefix({}) fails with {e} ({:?}); the model refuses it as {r:?}",
                hex(buf),
                e.kind()
            );
            // The message says whose and where: a derived message names its
            // type and a byte offset (a fixed layout reports as the runtime
            // does, with CPython's words).
            let text = e.to_string();
            assert!(
                FIXED.contains(&name)
                    || (text.contains(type_name(name)) && text.contains(" offset ")),
                "{name}::decode_prefix({}): the error {text:?} names no {name} or offset",
                hex(buf)
            );
            assert!(
                T::decode(buf).is_err(),
                "{name}::decode({}) succeeds",
                hex(buf)
            );
        }
        (Ok((value, used)), Err(e)) => panic!(
            "{name}::decode_prefix({}) fails with {e}; the model reads {value} from {used} bytes",
            hex(buf)
        ),
        (Err(r), Ok((t, n))) => panic!(
            "{name}::decode_prefix({}) = {t:?} from {n} bytes; the model refuses it as {r:?}",
            hex(buf)
        ),
    }
}

/// `t` encodes to exactly `bytes`: `encoded_len`, `encode`, and `encode_into`
/// appending after what the vector holds.
pub fn check_encodes<'a, T: ZooMessage<'a>>(name: &str, t: &T, bytes: &[u8]) {
    assert_eq!(t.encoded_len(), bytes.len(), "{name}: encoded_len of {t:?}");
    let encoded = t
        .encode()
        .unwrap_or_else(|e| panic!("{name}: {t:?} does not encode: {e}"));
    assert_eq!(
        hex(&encoded),
        hex(bytes),
        "{name}: {t:?} encodes to other bytes"
    );
    assert_eq!(encoded, bytes, "{name}: {t:?} encodes to other bytes");
    let mut out = b"before".to_vec();
    t.encode_into(&mut out)
        .unwrap_or_else(|e| panic!("{name}: {t:?} does not encode_into: {e}"));
    assert_eq!(&out[..6], b"before", "{name}: encode_into overwrote");
    assert_eq!(&out[6..], bytes, "{name}: encode_into appended other bytes");
}

/// The decode check for the zoo message `name`.
struct Decode;

impl MessageVisitor for Decode {
    fn visit<'a, T: ZooMessage<'a>>(&mut self, name: &'static str, buf: &'a [u8]) {
        check_decode::<T>(name, buf);
    }
}

/// [`check_decode`] for the zoo message named `name`.
///
/// # Panics
///
/// When `name` is no zoo message, or as [`check_decode`].
pub fn check_decode_named(name: &str, buf: &[u8]) {
    assert!(
        visit_message(name, buf, &mut Decode),
        "no zoo message {name:?}"
    );
}

/// A value round trip: `t` encodes to bytes the model reads back as `t` (all of
/// them), and the derived decoder agrees ([`check_decode`]) with and without
/// bytes after the message.
pub fn check_value<'a, T: ZooMessage<'a>>(name: &str, t: &T) {
    let bytes = t
        .encode()
        .unwrap_or_else(|e| panic!("{name}: {t:?} does not encode: {e}"));
    check_encodes(name, t, &bytes);
    assert_eq!(
        model(name, &bytes),
        Ok((t.to_json(), bytes.len())),
        "{name}: the model does not read {t:?} back from {}",
        hex(&bytes)
    );
    check_decode_named(name, &bytes);
    let mut longer = bytes.clone();
    longer.extend_from_slice(b"\x00\x01\xff");
    check_decode_named(name, &longer);
}

/// Every truncation of `bytes` (a whole message `name`): [`check_truncation`]
/// at every length.
pub fn check_truncations(name: &str, bytes: &[u8]) {
    for k in 0..bytes.len() {
        check_truncation(name, &bytes[..k]);
    }
}

/// A truncated message `name` agrees with the model, and, unless the message
/// ends with a `rest` field, is an error.
pub fn check_truncation(name: &str, cut: &[u8]) {
    struct Refused;
    impl MessageVisitor for Refused {
        fn visit<'a, T: ZooMessage<'a>>(&mut self, name: &'static str, buf: &'a [u8]) {
            if let Ok((t, n)) = T::decode_prefix(buf) {
                panic!(
                    "{name}: the truncation {} decodes as {t:?} from {n} bytes",
                    hex(buf)
                );
            }
        }
    }
    check_decode_named(name, cut);
    if !UNDELIMITED.contains(&name) {
        visit_message(name, cut, &mut Refused);
    }
}

/// The fuzz target `messages`: the first byte picks a zoo message, the rest is
/// decoded as it and held to the model ([`check_decode`]), and as each of the
/// whole-format messages ([`crate::format_zoo`]).
pub fn messages(data: &[u8]) {
    let Some((&selector, buf)) = data.split_first() else {
        return;
    };
    let name = MESSAGE_NAMES[usize::from(selector) % MESSAGE_NAMES.len()];
    check_decode_named(name, buf);
    crate::format_zoo::formats(buf);
}

/// Decodes any `bytes` as `M`, for messages outside the zoo: what decodes
/// re-encodes to the bytes it used, within `MAX_SIZE`, and a buffer too short is
/// an error that asks for more than it has.
pub fn check_any<'a, M: Message<'a> + std::fmt::Debug>(bytes: &'a [u8]) {
    match M::decode_prefix(bytes) {
        Ok((m, used)) => {
            assert!(used <= bytes.len());
            assert_eq!(m.encoded_len(), used, "{m:?}");
            assert_eq!(m.encode().unwrap(), &bytes[..used], "{m:?}");
            if M::MAX_SIZE.is_some_and(|max| used > max) {
                panic!("{m:?} used {used} bytes, over MAX_SIZE");
            }
        }
        Err(e) => {
            if let Some(n) = e.needed() {
                assert!(n > bytes.len(), "{e}");
            }
        }
    }
}
