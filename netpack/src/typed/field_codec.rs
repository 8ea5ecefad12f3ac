//! [`FieldCodec`]: a user's own decoding and encoding of one message field,
//! `#[netpack(with = "Codec")]`, for what attributes cannot say: DNS names with
//! compression pointers into the whole message, values found at absolute
//! offsets of a file.

use crate::error::Error;
use alloc::vec::Vec;

/// The decoding and encoding of a field of type `T`, chosen with
/// `#[netpack(with = "Codec")]` on the field. Implement it on a type of your
/// own (a unit struct): the derived message calls it with the **whole input**
/// and the field's position in it, so a codec can follow offsets that count
/// from the start of the input, as DNS compression pointers do.
///
/// The derived message adds the field path and the field's offset in the
/// whole input to the codec's errors; build them with
/// [`Error::invalid_data`] (bytes that are no value) or
/// [`Error::buffer_too_small`] (the input ends too early).
///
/// A message with a `with` field is not [`Capped`](crate::Capped): stream
/// readers cannot bound it; decode it from a datagram or a frame.
///
/// DNS names (RFC 1035 4.1.4): labels up to the empty one, or a pointer to an
/// earlier name anywhere in the message. Python: a `read_name(msg, off)`
/// function that follows pointers in `msg`, the whole message.
///
#[cfg_attr(feature = "derive", doc = "```")]
#[cfg_attr(not(feature = "derive"), doc = "```ignore")]
/// use netpack::{Error, FieldCodec, Message, NetPack};
///
/// /// A name as dotted text, `example.com`.
/// struct DnsName;
///
/// impl<'a> FieldCodec<'a, String> for DnsName {
///     fn decode(input: &'a [u8], pos: usize) -> Result<(String, usize), Error> {
///         let (mut name, mut at, mut used) = (String::new(), pos, None);
///         for _ in 0..128 {
///             // Each pointer goes back, so 128 hops end any name.
///             let len = *input.get(at).ok_or(Error::buffer_too_small(at + 1, input.len()))?;
///             if len & 0xc0 == 0xc0 {
///                 let low = *input.get(at + 1).ok_or(Error::buffer_too_small(at + 2, input.len()))?;
///                 let target = usize::from(len & 0x3f) << 8 | usize::from(low);
///                 if target >= at {
///                     return Err(Error::invalid_data("DNS pointer does not point back"));
///                 }
///                 if used.is_none() {
///                     used = Some(at + 2 - pos);
///                 }
///                 at = target;
///             } else if len == 0 {
///                 return Ok((name, used.unwrap_or_else(|| at + 1 - pos)));
///             } else {
///                 let end = at + 1 + usize::from(len);
///                 let label = input.get(at + 1..end).ok_or(Error::buffer_too_small(end, input.len()))?;
///                 if !name.is_empty() {
///                     name.push('.');
///                 }
///                 name.push_str(core::str::from_utf8(label).map_err(|_| Error::invalid_data("label is not UTF-8"))?);
///                 at = end;
///             }
///         }
///         Err(Error::invalid_data("DNS name too long"))
///     }
///
///     fn encoded_len(name: &String) -> usize {
///         name.split('.').filter(|l| !l.is_empty()).map(|l| 1 + l.len()).sum::<usize>() + 1
///     }
///
///     fn encode(name: &String, out: &mut Vec<u8>, _base: usize) -> Result<(), Error> {
///         // Written uncompressed, which every reader accepts.
///         for label in name.split('.').filter(|l| !l.is_empty()) {
///             let len = u8::try_from(label.len()).ok().filter(|&n| n < 64);
///             out.push(len.ok_or(Error::invalid_data("DNS label over 63 bytes"))?);
///             out.extend_from_slice(label.as_bytes());
///         }
///         out.push(0);
///         Ok(())
///     }
/// }
///
/// #[derive(NetPack, Debug, PartialEq)]
/// struct Question {
///     #[netpack(with = "DnsName")]
///     name: String,
///     qtype: u16,
///     qclass: u16,
/// }
///
/// #[derive(NetPack, Debug, PartialEq)]
/// struct Query {
///     id: u16,
///     #[netpack(message)]
///     first: Question,
///     #[netpack(message)]
///     second: Question,
/// }
///
/// // The second name is a pointer to offset 2, the first name.
/// let wire = b"\x00\x07\x07example\x03com\x00\x00\x01\x00\x01\xc0\x02\x00\x1c\x00\x01";
/// let query = Query::decode(wire)?;
/// assert_eq!(query.second.name, "example.com");
/// assert_eq!(query.second.qtype, 28);
/// // Encoding writes names in full.
/// assert_eq!(Query::decode(&query.encode()?)?, query);
///
/// // A pointer forward is an error at the name's offset in the whole input.
/// let err = Query::decode(b"\x00\x07\xc0\x09\x00\x01\x00\x01\x00\x00\x01\x00\x01").unwrap_err();
/// assert_eq!(err.offset(), Some(2));
/// assert_eq!(err.kind(), netpack::ErrorKind::InvalidValue);
/// # Ok::<(), netpack::Error>(())
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is no `FieldCodec` for a field of type `{T}`",
    label = "named by `with = \"…\"`",
    note = "implement `netpack::FieldCodec<'a, {T}>` for it: `decode`, `encoded_len` and `encode`"
)]
pub trait FieldCodec<'a, T> {
    /// The most bytes [`encode`](FieldCodec::encode) writes, for the message's
    /// `MAX_SIZE`; `None` (the default) when there is no bound.
    const MAX_SIZE: Option<usize> = None;

    /// Decodes the field at `pos` of `input`, the whole input of the outermost
    /// decode; returns it and the bytes it takes at `pos` (a pointer elsewhere
    /// counts only its own bytes).
    ///
    /// # Errors
    ///
    /// Any; the message adds the field path and `pos`.
    fn decode(input: &'a [u8], pos: usize) -> Result<(T, usize), Error>;

    /// The bytes [`encode`](FieldCodec::encode) appends for `value`.
    fn encoded_len(value: &T) -> usize;

    /// Appends `value` to `out`, where `out[base..]` is the outermost message
    /// encoded so far (its offsets count from `base`).
    ///
    /// # Errors
    ///
    /// Any; the message adds the field path. Nothing is kept of a message whose
    /// encoding fails.
    fn encode(value: &T, out: &mut Vec<u8>, base: usize) -> Result<(), Error>;
}
