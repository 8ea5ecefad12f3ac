//! Domain names on the wire (RFC 1035 3.1 and 4.1.4): labels of 1 to 63
//! bytes up to the empty root label, or a compression pointer to an earlier
//! name of the same message.
//!
//! A pointer is followed only backwards, as dnspython does
//! (`dns.name.from_wire_parser`): each pointer must point before the previous
//! one, and the first before the name it is part of. That rule is what makes
//! a loop (a pointer to itself, or two pointing at each other) and a pointer
//! forward or past the end the same error, and it bounds the work: every jump
//! goes strictly back. A name is also at most 255 bytes uncompressed and
//! follows at most [`MAX_POINTERS`] pointers, so reading one costs at most a
//! few hundred steps whatever the message holds.

use std::fmt;

/// The longest name, in bytes of its uncompressed wire form (the root label
/// included): RFC 1035 2.3.4.
pub const MAX_NAME: usize = 255;
/// The longest label.
pub const MAX_LABEL: usize = 63;
/// The most pointers one name may follow. A name has at most 127 labels, and
/// no encoder points at a pointer; dnspython sets no limit (its rule alone
/// bounds a name to the message's length in jumps), this one bounds the work
/// per name to a constant.
pub const MAX_POINTERS: usize = 127;

/// Why a name cannot be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameError {
    /// The name runs past the end of the message (or of its record's data).
    Truncated,
    /// A compression pointer to `target` that does not point back: a loop, a
    /// pointer forward or past the end (dnspython's `BadPointer`).
    BadPointer { target: usize },
    /// A length byte with the reserved top bits `01` or `10` (`BadLabelType`).
    BadLabelType { byte: u8 },
    /// Longer than 255 bytes uncompressed (`NameTooLong`).
    TooLong,
    /// More than [`MAX_POINTERS`] pointers.
    TooManyPointers,
}

impl fmt::Display for NameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NameError::Truncated => write!(f, "the name runs past the end of its data"),
            NameError::BadPointer { target } => write!(
                f,
                "compression pointer to byte {target} does not point back (a loop, or a pointer forward)"
            ),
            NameError::BadLabelType { byte } => {
                write!(f, "label length byte {byte:#04x} has the reserved type bits")
            }
            NameError::TooLong => write!(f, "the name is longer than {MAX_NAME} bytes"),
            NameError::TooManyPointers => {
                write!(f, "the name follows more than {MAX_POINTERS} compression pointers")
            }
        }
    }
}

/// A name read from a message, borrowed: where its first label is in the
/// message. Checked once when read ([`Name::read`]), so walking its labels
/// again cannot fail.
#[derive(Clone, Copy)]
pub struct Name<'a> {
    message: &'a [u8],
    start: usize,
}

impl<'a> Name<'a> {
    /// Reads the name at `at` of `message`; the bytes in place (before the
    /// first pointer) must end by `end` (the message's length, or the end of
    /// the record data the name is in). Returns the name and the offset after
    /// it in place.
    ///
    /// Python (dnspython): `dns.name.from_wire(message, at)`.
    #[inline]
    pub fn read(message: &'a [u8], at: usize, end: usize) -> Result<(Name<'a>, usize), NameError> {
        let end = end.min(message.len());
        let mut pos = at;
        let mut last_target = at;
        let mut after = None;
        let mut length = 1; // the root label
        let mut pointers = 0;
        loop {
            let Some(&count) = message[..end].get(pos) else {
                return Err(NameError::Truncated);
            };
            match count {
                0 => break,
                1..=63 => {
                    let next = pos + 1 + count as usize;
                    if next > end {
                        return Err(NameError::Truncated);
                    }
                    length += 1 + count as usize;
                    if length > MAX_NAME {
                        return Err(NameError::TooLong);
                    }
                    pos = next;
                }
                0xc0..=0xff => {
                    let Some(&low) = message[..end].get(pos + 1) else {
                        return Err(NameError::Truncated);
                    };
                    let target = usize::from(count & 0x3f) << 8 | usize::from(low);
                    if target >= last_target {
                        return Err(NameError::BadPointer { target });
                    }
                    pointers += 1;
                    if pointers > MAX_POINTERS {
                        return Err(NameError::TooManyPointers);
                    }
                    after.get_or_insert(pos + 2);
                    last_target = target;
                    pos = target;
                }
                _ => return Err(NameError::BadLabelType { byte: count }),
            }
        }
        let after = after.unwrap_or(pos + 1);
        Ok((Name { message, start: at }, after))
    }

    /// The labels, root excluded, pointers followed.
    pub fn labels(&self) -> Labels<'a> {
        Labels {
            message: self.message,
            pos: self.start,
        }
    }

    /// Whether this is the root name, `.`.
    pub fn is_root(&self) -> bool {
        self.labels().next().is_none()
    }

    /// The uncompressed wire form (labels with their lengths, then the root).
    pub fn to_wire(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(32);
        for label in self.labels() {
            out.push(label.len() as u8);
            out.extend_from_slice(label);
        }
        out.push(0);
        out
    }
}

impl PartialEq for Name<'_> {
    /// The same labels, byte for byte (DNS compares names without case; a
    /// decoder keeps what the message says).
    fn eq(&self, other: &Name<'_>) -> bool {
        self.labels().eq(other.labels())
    }
}

impl Eq for Name<'_> {}

impl fmt::Debug for Name<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Name({self})")
    }
}

/// The labels of a [`Name`].
#[derive(Clone)]
pub struct Labels<'a> {
    message: &'a [u8],
    pos: usize,
}

impl<'a> Iterator for Labels<'a> {
    type Item = &'a [u8];

    #[inline]
    fn next(&mut self) -> Option<&'a [u8]> {
        // The name was checked by `Name::read`: every pointer goes back, every
        // label is in the message. `get` keeps this total all the same.
        loop {
            let count = *self.message.get(self.pos)?;
            match count {
                0 => return None,
                0xc0..=0xff => {
                    let low = *self.message.get(self.pos + 1)?;
                    self.pos = usize::from(count & 0x3f) << 8 | usize::from(low);
                }
                _ => {
                    let label = self
                        .message
                        .get(self.pos + 1..self.pos + 1 + count as usize)?;
                    self.pos += 1 + count as usize;
                    return Some(label);
                }
            }
        }
    }
}

/// The name in presentation format, as dnspython's `Name.to_text()`: labels
/// joined by dots, a dot at the end, `.` for the root; `"().;\@$` escaped
/// with a backslash, bytes outside `!`..`~` as `\DDD`.
impl fmt::Display for Name<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_labels(f, self.labels())
    }
}

/// Writes `labels` in presentation format.
pub fn write_labels<'l>(
    f: &mut impl fmt::Write,
    labels: impl Iterator<Item = &'l [u8]>,
) -> fmt::Result {
    let mut any = false;
    for label in labels {
        any = true;
        for &c in label {
            match c {
                b'"' | b'(' | b')' | b'.' | b';' | b'\\' | b'@' | b'$' => {
                    f.write_char('\\')?;
                    f.write_char(c as char)?;
                }
                0x21..=0x7e => f.write_char(c as char)?,
                _ => write!(f, "\\{c:03}")?,
            }
        }
        f.write_char('.')?;
    }
    if !any {
        f.write_char('.')?;
    }
    Ok(())
}

/// Why a name given as text cannot be sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadName(pub String);

impl fmt::Display for BadName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A name typed by a person (`www.example.com`, with or without the final
/// dot; `.` is the root) in uncompressed wire form. Escapes (`\.`, `\DDD`)
/// are not read: a backslash is refused.
pub fn from_text(text: &str) -> Result<Vec<u8>, BadName> {
    let bad = |why: String| Err(BadName(format!("the name {text:?} {why}")));
    if text.contains('\\') {
        return bad("has a backslash (escapes are not supported here)".into());
    }
    let trimmed = text.strip_suffix('.').unwrap_or(text);
    let mut wire = Vec::with_capacity(text.len() + 2);
    if !trimmed.is_empty() {
        for label in trimmed.split('.') {
            if label.is_empty() {
                return bad("has an empty label".into());
            }
            if label.len() > MAX_LABEL {
                return bad(format!(
                    "has a label of {} bytes (at most {MAX_LABEL})",
                    label.len()
                ));
            }
            wire.push(label.len() as u8);
            wire.extend_from_slice(label.as_bytes());
        }
    } else if text.is_empty() {
        return bad("is empty (the root is `.`)".into());
    }
    wire.push(0);
    if wire.len() > MAX_NAME {
        return bad(format!(
            "is {} bytes on the wire (at most {MAX_NAME})",
            wire.len()
        ));
    }
    Ok(wire)
}

/// The names written so far into one message, for compression: where each
/// suffix of each name starts, in the order dnspython's renderer records them
/// (`Name.to_wire(file, compress)`), so that a message re-encoded here is
/// dnspython's bytes.
#[derive(Default)]
pub struct Compressor {
    /// Offsets (from the message's start) of names written in place.
    offsets: Vec<u16>,
}

impl Compressor {
    /// Forgets the names of the previous message.
    pub fn clear(&mut self) {
        self.offsets.clear();
    }

    /// Writes `labels` at the end of `out`, whose message starts at `base`:
    /// the longest suffix already written becomes a pointer to it (names
    /// compared without ASCII case, as dnspython's dictionary does); every
    /// suffix written in place below offset 0x4000 is remembered.
    pub fn write(&mut self, labels: Labels<'_>, out: &mut Vec<u8>, base: usize) {
        let mut rest = labels;
        loop {
            let mut probe = rest.clone();
            let Some(label) = probe.next() else {
                out.push(0);
                return;
            };
            if let Some(at) = self.find(rest.clone(), &out[base..]) {
                out.extend_from_slice(&(0xc000 | at).to_be_bytes());
                return;
            }
            let here = out.len() - base;
            if here <= 0x3fff {
                self.offsets.push(here as u16);
            }
            out.push(label.len() as u8);
            out.extend_from_slice(label);
            rest = probe;
        }
    }

    /// The offset of a name written before that equals `labels`.
    fn find(&self, labels: Labels<'_>, message: &[u8]) -> Option<u16> {
        self.offsets.iter().copied().find(|&at| {
            let written = Labels {
                message,
                pos: at as usize,
            };
            written.zip_longest_eq(labels.clone())
        })
    }
}

impl Labels<'_> {
    /// Whether both iterators give the same labels, without ASCII case.
    fn zip_longest_eq(mut self, mut other: Labels<'_>) -> bool {
        loop {
            match (self.next(), other.next()) {
                (None, None) => return true,
                (Some(a), Some(b)) if a.eq_ignore_ascii_case(b) => {}
                _ => return false,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(message: &[u8], at: usize) -> Result<(String, usize), NameError> {
        Name::read(message, at, message.len()).map(|(n, end)| (n.to_string(), end))
    }

    #[test]
    fn names_and_pointers() {
        let m = b"\x03www\x07example\x03com\x00\x04mail\xc0\x04\xc0\x00";
        assert_eq!(read(m, 0), Ok(("www.example.com.".into(), 17)));
        assert_eq!(read(m, 17), Ok(("mail.example.com.".into(), 24)));
        assert_eq!(read(m, 24), Ok(("www.example.com.".into(), 26)));
        assert_eq!(read(b"\x00", 0), Ok((".".into(), 1)));
    }

    #[test]
    fn pointers_that_do_not_point_back_are_refused() {
        assert_eq!(
            read(b"\xc0\x00", 0),
            Err(NameError::BadPointer { target: 0 })
        );
        assert_eq!(
            read(b"\x01a\x00\x01b\xc0\x03", 3),
            Err(NameError::BadPointer { target: 3 })
        );
        assert_eq!(
            read(b"\xc0\x05\x00", 0),
            Err(NameError::BadPointer { target: 5 })
        );
        assert_eq!(read(b"\x01a\xc0", 0), Err(NameError::Truncated));
        assert_eq!(
            read(b"\x41a\x00", 0),
            Err(NameError::BadLabelType { byte: 0x41 })
        );
        assert_eq!(read(b"\x05ab", 0), Err(NameError::Truncated));
    }

    #[test]
    fn text_to_wire() {
        assert_eq!(from_text("a.bc").unwrap(), b"\x01a\x02bc\x00");
        assert_eq!(from_text("a.bc.").unwrap(), b"\x01a\x02bc\x00");
        assert_eq!(from_text(".").unwrap(), b"\x00");
        assert!(from_text("a..b").is_err());
        assert!(from_text("").is_err());
        assert!(from_text(&"a".repeat(64)).is_err());
        assert!(from_text(&["a"; 128].join(".")).is_err());
    }

    #[test]
    fn compression_points_at_the_first_suffix_written() {
        let m = b"\x03www\x07example\x03com\x00";
        let (name, _) = Name::read(m, 0, m.len()).unwrap();
        let mut out = vec![0xaa];
        let mut c = Compressor::default();
        c.write(name.labels(), &mut out, 1);
        assert_eq!(&out[1..], m);
        let upper = b"\x04mail\x07EXAMPLE\x03com\x00";
        let (other, _) = Name::read(upper, 0, upper.len()).unwrap();
        c.write(other.labels(), &mut out, 1);
        assert_eq!(&out[1 + m.len()..], b"\x04mail\xc0\x04");
    }
}
