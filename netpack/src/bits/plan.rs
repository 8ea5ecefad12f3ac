//! A bit format compiled for packing and unpacking: one op per field, with what
//! depends only on the format (code, length, offset, whether the bits are
//! reversed and whether the byte order reorders them) decided once, and the
//! loops that write and read the fields through 64-bit windows.
//!
//! Also decided once: the 64-bit word of the format that holds each field and
//! the shift and mask that take it out of that word. From a whole byte, a
//! field inside its word is read from the word loaded once ([`Kind::Plain`],
//! [`Kind::Short`]); a format whose every value is such a field packs into
//! words in registers ([`Words`]), and one of only plain unsigned fields goes
//! through a list of [`Step`]s with no per-field dispatch.
//!
//! The model is bitstruct's pure-Python one, which builds a string of `'0'` and
//! `'1'`: a field is its value's bits, reversed for the `<` bit order, written
//! in pieces from the least significant end for the `<` byte order; a raw or
//! text value shorter than its field writes fewer bits (the fields after it
//! move up, as in bitstruct); `pack_into` rewrites the whole buffer at the end,
//! so nothing changes in it when an argument is refused.

use crate::bits::convert::{float_of, int_of, raw_of, text_of, PyInt};
use crate::bits::error::{BitsError, Got, Num};
use crate::bits::text::DecodeFailure;
use crate::bits::window::{get, get_padded, mask, pieces, put, reorder, reverse, unorder};
use crate::error::{Detail, Error};
use crate::wire::float;
use crate::{Value, ValueRef};
use alloc::string::String;
use alloc::vec::Vec;
use netpack_format::bits::{BitCode, BitOrder, Item, Parser, Summary};

/// One field: where it is and how its bits are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Op {
    pub(crate) code: BitCode,
    /// The `<` bit order: the field's bits are reversed.
    lsb: bool,
    /// The `<` byte order, on a field that is not text or raw.
    reordered: bool,
    pub(crate) bits: usize,
    /// The bit offset from the start of the format (as laid out; a short raw or
    /// text value moves the fields after it when packing).
    pub(crate) offset: usize,
    /// The index of the value it takes.
    pub(crate) value: usize,
    /// The format position of its code.
    pub(crate) position: usize,
    /// The 64-bit word of the format (bits `64 * word..64 * word + 64` from
    /// its start) that holds the field's first bit.
    word: usize,
    /// For a number or bool of up to 64 bits (not a float of a size bitstruct
    /// refuses) inside its word: how far its last bit is from the word's last
    /// bit. Such a field is read and written with shifts of its word.
    shift: Option<u32>,
    /// An unsigned integer in `>` bit order whose bits the byte order leaves
    /// as they are: its value is its bits.
    plain: bool,
    /// How it is read.
    kind: Kind,
    /// `mask(bits)` for a field of up to 64 bits.
    mask: u64,
}

/// How a field is read, decided when the format is compiled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// Padding: nothing.
    Padding,
    /// A [`plain`](Op::plain) field with a [`shift`](Op::shift).
    Plain,
    /// Another field with a shift.
    Short,
    /// Any other: [`read`].
    Other,
}

impl Op {
    fn of(item: &Item) -> Op {
        let inside = item.offset % 64 + item.bits;
        let short = !item.code.is_bytes()
            && !item.code.is_padding()
            && item.bits <= 64
            && inside <= 64
            && (item.code != BitCode::Float || matches!(item.bits, 16 | 32 | 64));
        let plain = item.code == BitCode::Unsigned
            && item.bit_order != BitOrder::LsbFirst
            && !item.is_reordered();
        let kind = match (item.code.is_padding(), short, plain) {
            (true, _, _) => Kind::Padding,
            (false, true, true) => Kind::Plain,
            (false, true, false) => Kind::Short,
            (false, false, _) => Kind::Other,
        };
        Op {
            kind,
            mask: mask(item.bits.min(64)),
            plain,
            word: item.offset / 64,
            shift: short.then(|| (64 - inside) as u32),

            code: item.code,
            lsb: item.bit_order == BitOrder::LsbFirst,
            reordered: item.is_reordered(),
            bits: item.bits,
            offset: item.offset,
            value: item.value,
            position: item.position,
        }
    }

    /// `e` with this field's place: its value, code, length and format position.
    fn fail(&self, e: BitsError, packing: bool) -> Error {
        Error::bits(e).in_bit_field(
            self.value,
            self.position,
            self.code.as_char(),
            self.bits,
            packing,
        )
    }
}

/// A value converted for its field.
#[derive(Clone, Copy, Debug)]
enum Field<'a> {
    /// The field's bits are the two's complement of this integer, extended.
    Int(i128),
    /// Raw or text bytes, and how many bits bitstruct writes of them.
    Bytes(&'a [u8], usize),
}

impl Field<'_> {
    fn bits(&self, op: &Op) -> usize {
        match self {
            Field::Int(_) => op.bits,
            Field::Bytes(_, n) => *n,
        }
    }
}

/// How many 64-bit words a format packed in one pass can have.
const FAST_WORDS: usize = 16;

/// A format of at most [`FAST_WORDS`] words whose every value is a field with
/// a [`shift`](Op::shift): it packs into words in registers, one value
/// converted once each, then each word is stored with one 8-byte write.
#[derive(Clone, Copy, Debug)]
struct Words {
    /// How many words the format has.
    len: usize,
    /// The bits of each word that fields take.
    fields: [u64; FAST_WORDS],
    /// The bits of each word that padding takes.
    padding: [u64; FAST_WORDS],
    /// The bits of each word that `P` padding takes.
    ones: [u64; FAST_WORDS],
}

impl Words {
    fn of(ops: &[Op], bits: usize) -> Option<Words> {
        let len = bits.div_ceil(64);
        if len > FAST_WORDS {
            return None;
        }
        let mut words = Words {
            len,
            fields: [0; FAST_WORDS],
            padding: [0; FAST_WORDS],
            ones: [0; FAST_WORDS],
        };
        for op in ops {
            if op.code.is_padding() {
                set_bits(&mut words.padding, op.offset, op.bits);
                if op.code == BitCode::PadOnes {
                    set_bits(&mut words.ones, op.offset, op.bits);
                }
            } else {
                words.fields[op.word] |= mask(op.bits) << op.shift?;
            }
        }
        Some(words)
    }
}

/// Sets bits `from..from + len` of the words (bit 0: the first word's most
/// significant bit).
fn set_bits(words: &mut [u64; FAST_WORDS], from: usize, len: usize) {
    let mut pos = from;
    let end = from + len;
    while pos < end {
        let at = pos % 64;
        let take = (64 - at).min(end - pos);
        words[pos / 64] |= mask(take) << (64 - at - take);
        pos += take;
    }
}

/// The 8 bytes at `byte` of `data` as a big-endian word, zeros past its end.
#[inline(always)]
fn load(data: &[u8], byte: usize) -> u64 {
    let rest = data.get(byte..).unwrap_or_default();
    if let Some(w) = rest.first_chunk::<8>() {
        return u64::from_be_bytes(*w);
    }
    let mut w = [0u8; 8];
    w[..rest.len()].copy_from_slice(rest);
    u64::from_be_bytes(w)
}

/// Stores the bits of `w` that `keep` selects into the 8 bytes at `byte` of
/// `buf` (big-endian); the selected bits must lie inside `buf`.
#[inline(always)]
fn store(buf: &mut [u8], byte: usize, w: u64, keep: u64) {
    let rest = buf.get_mut(byte..).unwrap_or_default();
    if let Some(window) = rest.first_chunk_mut::<8>() {
        let old = u64::from_be_bytes(*window);
        *window = ((old & !keep) | (w & keep)).to_be_bytes();
        return;
    }
    for (k, b) in rest.iter_mut().enumerate() {
        let at = 56 - 8 * k;
        let m = (keep >> at) as u8;
        *b = (*b & !m) | ((w >> at) as u8 & m);
    }
}

/// A [`plain`](Op::plain) field inside a word: its value is
/// `(word >> shift) & mask`.
#[derive(Clone, Copy, Debug)]
struct Step {
    /// Its word, below [`FAST_WORDS`].
    word: usize,
    shift: u32,
    mask: u64,
    /// Its op's index.
    op: usize,
}

/// A format compiled for packing and unpacking.
#[derive(Clone, Debug)]
pub(crate) struct Plan {
    ops: Vec<Op>,
    summary: Summary,
    /// Set when the format packs in one pass over words.
    words: Option<Words>,
    /// When [`words`](Plan::words) is set and every value is a plain field:
    /// the values' steps, in order (else empty).
    steps: Vec<Step>,
    /// Whether [`steps`](Plan::steps) is set.
    all_plain: bool,
}

impl Plan {
    /// Parses `format` and lays out one op per field. The op list is allocated
    /// once, at its exact size, and fallibly.
    pub(crate) fn compile(format: &str) -> Result<Plan, Error> {
        let reject = |e| Error::bits(BitsError::format(e, format));
        let summary = netpack_format::bits::summarize(format.as_bytes()).map_err(reject)?;
        let mut ops = Vec::new();
        ops.try_reserve_exact(summary.items).map_err(|_| {
            Error::new(Detail::NoMemory {
                size: summary.bytes(),
            })
        })?;
        for item in Parser::new(format.as_bytes()).map_err(reject)? {
            ops.push(Op::of(&item.map_err(reject)?));
        }
        let words = Words::of(&ops, summary.bits);
        let all_plain = words.is_some()
            && ops
                .iter()
                .all(|op| matches!(op.kind, Kind::Padding | Kind::Plain));
        let mut steps = Vec::new();
        if all_plain {
            steps.try_reserve_exact(summary.values).map_err(|_| {
                Error::new(Detail::NoMemory {
                    size: summary.bytes(),
                })
            })?;
            steps.extend(
                ops.iter()
                    .enumerate()
                    .filter(|(_, op)| op.kind == Kind::Plain)
                    .map(|(at, op)| Step {
                        word: op.word,
                        shift: op.shift.unwrap_or(0),
                        mask: op.mask,
                        op: at,
                    }),
            );
        }
        Ok(Plan {
            ops,
            summary,
            words,
            steps,
            all_plain,
        })
    }

    /// A copy, `None` when its ops cannot be allocated.
    pub(crate) fn try_clone(&self) -> Option<Plan> {
        let mut ops = Vec::new();
        ops.try_reserve_exact(self.ops.len()).ok()?;
        ops.extend_from_slice(&self.ops);
        let mut steps = Vec::new();
        steps.try_reserve_exact(self.steps.len()).ok()?;
        steps.extend_from_slice(&self.steps);
        Some(Plan {
            ops,
            steps,
            summary: self.summary,
            words: self.words,
            all_plain: self.all_plain,
        })
    }

    pub(crate) fn summary(&self) -> &Summary {
        &self.summary
    }

    /// bitstruct's count check: at least as many values as fields that take one
    /// (more are ignored).
    fn check_count(&self, args: &[Value]) -> Result<(), Error> {
        if args.len() < self.summary.values {
            return Err(Error::bits(BitsError::ArgCount {
                expected: Num::new(self.summary.values),
                got: Num::new(args.len()),
            }));
        }
        Ok(())
    }

    /// `bitstruct.pack`.
    pub(crate) fn pack(&self, args: &[Value]) -> Result<Vec<u8>, Error> {
        self.check_count(args)?;
        let size = self.summary.bytes();
        let mut buf = Vec::new();
        buf.try_reserve_exact(size)
            .map_err(|_| Error::new(Detail::NoMemory { size }))?;
        buf.resize(size, 0);
        if let Some(words) = &self.words {
            self.pack_words(words, &mut buf, 0, args, true)?;
            return Ok(buf);
        }
        let mut pos = 0;
        for op in &self.ops {
            if op.code.is_padding() {
                if op.code == BitCode::PadOnes {
                    fill(&mut buf, pos, op.bits, true);
                }
                pos += op.bits;
                continue;
            }
            let field = convert(op, (&args[op.value]).into()).map_err(|e| op.fail(e, true))?;
            write(&mut buf, pos, op, field);
            pos += field.bits(op);
        }
        // A short raw or text value packs fewer bits than the format has.
        buf.truncate(pos.div_ceil(8));
        Ok(buf)
    }

    /// `bitstruct.pack_into` at bit `offset`; `fill_padding` as bitstruct's
    /// keyword (false: the padding keeps the buffer's bits).
    pub(crate) fn pack_into(
        &self,
        buf: &mut [u8],
        offset: usize,
        args: &[Value],
        fill_padding: bool,
    ) -> Result<(), Error> {
        self.check_count(args)?;
        let total = buf.len().saturating_mul(8);
        if let Some(words) = &self.words {
            // Whole bytes from `offset`, all of the format inside `buf`: where
            // every field goes is known (else the general path, with its
            // errors in bitstruct's order).
            if offset.is_multiple_of(8) && offset.saturating_add(self.summary.bits) <= total {
                return self.pack_words(words, buf, offset / 8, args, fill_padding);
            }
        }
        // bitstruct starts from the buffer's first `offset` bits: an offset past
        // the end starts at the end.
        let start = offset.min(total);
        let skip = |pos: usize, bits: usize| bits.min(total.saturating_sub(pos));
        // Every value is converted, and the length known, before a bit changes.
        let mut end = start;
        for op in &self.ops {
            end = end.saturating_add(if op.code.is_padding() {
                if fill_padding {
                    op.bits
                } else {
                    skip(end, op.bits)
                }
            } else {
                let field = convert(op, (&args[op.value]).into()).map_err(|e| op.fail(e, true))?;
                field.bits(op)
            });
        }
        if end > total {
            return Err(Error::bits(BitsError::PackInto {
                needed: Num::new(end),
            }));
        }
        let mut pos = start;
        for op in &self.ops {
            if op.code.is_padding() {
                if fill_padding {
                    fill(buf, pos, op.bits, op.code == BitCode::PadOnes);
                    pos += op.bits;
                } else {
                    pos += skip(pos, op.bits);
                }
                continue;
            }
            let field = convert(op, (&args[op.value]).into()).map_err(|e| op.fail(e, true))?;
            write(buf, pos, op, field);
            pos += field.bits(op);
        }
        Ok(())
    }

    /// `pack_into` of a format that packs into [`Words`], at byte `base` of
    /// `buf`, which holds the whole format: each value converted once, into
    /// its word; the words stored once every value is (so nothing changes on
    /// an error).
    fn pack_words(
        &self,
        words: &Words,
        buf: &mut [u8],
        base: usize,
        args: &[Value],
        fill_padding: bool,
    ) -> Result<(), Error> {
        let mut out = [0u64; FAST_WORDS];
        if self.all_plain {
            // Each value is the field's bits: an `int` in range is or-ed into
            // its word as it is (anything else converts as bitstruct does).
            for (step, arg) in self.steps.iter().zip(args) {
                let w = match arg {
                    // A negative `i` is beyond every mask as a `u128`.
                    Value::Int(i) if *i as u128 <= u128::from(step.mask) => *i as u64,
                    _ => {
                        let op = &self.ops[step.op];
                        field_word(op, arg).map_err(|e| op.fail(e, true))?
                    }
                };
                out[step.word % FAST_WORDS] |= w << step.shift;
            }
            return self.store_words(words, buf, base, &out, fill_padding);
        }
        for op in &self.ops {
            if op.code.is_padding() {
                continue;
            }
            let w = field_word(op, &args[op.value]).map_err(|e| op.fail(e, true))?;
            out[op.word] |= w << op.shift.unwrap_or(0);
        }
        self.store_words(words, buf, base, &out, fill_padding)
    }

    /// Stores the packed words `out` at byte `base` of `buf`, with the
    /// padding when `fill_padding`.
    #[inline(always)]
    fn store_words(
        &self,
        words: &Words,
        buf: &mut [u8],
        base: usize,
        out: &[u64; FAST_WORDS],
        fill_padding: bool,
    ) -> Result<(), Error> {
        for (k, &w) in out.iter().enumerate().take(words.len) {
            let (keep, w) = if fill_padding {
                (words.fields[k] | words.padding[k], w | words.ones[k])
            } else {
                (words.fields[k], w)
            };
            store(buf, base + 8 * k, w, keep);
        }
        Ok(())
    }

    /// `bitstruct.unpack_from(fmt, data, offset, allow_truncated)`.
    pub(crate) fn unpack_from(
        &self,
        data: &[u8],
        offset: usize,
        allow_truncated: bool,
    ) -> Result<Vec<Value>, Error> {
        let mut out = Vec::new();
        self.unpack_into(data, offset, allow_truncated, &mut out)?;
        Ok(out)
    }

    /// [`unpack_from`](Plan::unpack_from) into `out`, which is cleared first
    /// (on an error it holds the fields before the one refused).
    pub(crate) fn unpack_into(
        &self,
        data: &[u8],
        offset: usize,
        allow_truncated: bool,
        out: &mut Vec<Value>,
    ) -> Result<(), Error> {
        let have = data.len().saturating_mul(8).saturating_sub(offset);
        if !allow_truncated && self.summary.bits > have {
            out.clear();
            return Err(Error::bits(BitsError::Unpack {
                needed: Num::new(self.summary.bits),
                got: Num::new(have),
            }));
        }
        // Every field is at least a bit long: no more values than bits.
        let values = self.summary.values.min(have);
        if out.try_reserve(values.saturating_sub(out.len())).is_err() {
            out.clear();
            return Err(Error::new(Detail::NoMemory { size: data.len() }));
        }
        // The values overwrite the ones `out` holds (an integer over an
        // integer drops nothing), then what is left of them goes.
        let mut done = 0;
        if self.all_plain && offset.is_multiple_of(8) && have >= self.summary.bits {
            self.unpack_plain(data, offset / 8, out);
            return Ok(());
        }
        let filled = if offset.is_multiple_of(8) && have >= self.summary.bits {
            self.unpack_values::<true, false>(data, offset, have, out, &mut done)
        } else if offset.is_multiple_of(8) {
            self.unpack_values::<true, true>(data, offset, have, out, &mut done)
        } else {
            self.unpack_values::<false, true>(data, offset, have, out, &mut done)
        };
        out.truncate(done);
        filled
    }

    /// Unpacks a format of plain fields (all of it in `data` from byte
    /// `base`): its words loaded once, the values written over the integers
    /// `out` holds, the rest added in one go.
    fn unpack_plain(&self, data: &[u8], base: usize, out: &mut Vec<Value>) {
        let mut words = [0u64; FAST_WORDS];
        let len = self.words.map_or(0, |w| w.len);
        for (k, w) in words.iter_mut().enumerate().take(len) {
            *w = load(data, base + 8 * k);
        }
        let value = |step: &Step| (words[step.word % FAST_WORDS] >> step.shift) & step.mask;
        out.truncate(self.steps.len());
        let reused = out.len();
        for (slot, step) in out.iter_mut().zip(&self.steps) {
            let v = i128::from(value(step));
            match slot {
                Value::Int(x) => *x = v,
                other => *other = Value::Int(v),
            }
        }
        out.extend(
            self.steps[reused..]
                .iter()
                .map(|step| Value::Int(i128::from(value(step)))),
        );
    }

    /// The values of the fields that lie in the `have` bits from `offset`,
    /// put at `out[0..]`; `done` counts them. `ALIGNED`: `offset` is a whole
    /// byte, and a field inside a word of the format is shifted out of that
    /// word, read once for all its fields. `CHECK`: the fields may not all
    /// lie in the `have` bits.
    #[inline(always)]
    fn unpack_values<const ALIGNED: bool, const CHECK: bool>(
        &self,
        data: &[u8],
        offset: usize,
        have: usize,
        out: &mut Vec<Value>,
        done: &mut usize,
    ) -> Result<(), Error> {
        let base = offset / 8;
        let mut loaded = usize::MAX;
        let mut word = 0;
        for op in &self.ops {
            if CHECK && op.offset + op.bits > have {
                break;
            }
            match op.kind {
                Kind::Padding => continue,
                Kind::Plain if ALIGNED => {
                    if op.word != loaded {
                        word = load(data, base + 8 * op.word);
                        loaded = op.word;
                    }
                    let w = (word >> op.shift.unwrap_or(0)) & op.mask;
                    set_int(out, *done, i128::from(w));
                }
                Kind::Short if ALIGNED => {
                    if op.word != loaded {
                        word = load(data, base + 8 * op.word);
                        loaded = op.word;
                    }
                    let w = (word >> op.shift.unwrap_or(0)) & op.mask;
                    set(out, *done, short_field(op, w));
                }
                _ => {
                    let value =
                        read(data, offset + op.offset, op).map_err(|e| op.fail(e, false))?;
                    set(out, *done, value);
                }
            }
            *done += 1;
        }
        Ok(())
    }
}

/// Puts `v` at `out[at]` (`at` ≤ `out.len()`), at the end when `at` is; over
/// an integer, without dropping it.
#[inline(always)]
fn set_int(out: &mut Vec<Value>, at: usize, v: i128) {
    if let Some(Value::Int(slot)) = out.get_mut(at) {
        *slot = v;
    } else {
        set(out, at, Value::Int(v));
    }
}

/// Puts `value` at `out[at]` (`at` ≤ `out.len()`), at the end when `at` is.
#[inline(always)]
fn set(out: &mut Vec<Value>, at: usize, value: Value) {
    if let Some(slot) = out.get_mut(at) {
        *slot = value;
    } else {
        out.push(value);
    }
}

/// How many bits bitstruct writes of `len` bytes for a field of `bits`: all of
/// the field, or when the bytes are fewer, only its whole bytes (bitstruct pads
/// with `(bits - 8 * len) // 8` zero bytes, then cuts at `bits`).
fn written(bits: usize, len: usize) -> usize {
    if (len as u128) * 8 >= bits as u128 {
        bits
    } else {
        bits - bits % 8
    }
}

/// Python's `bool(arg)`.
fn truthy(arg: ValueRef<'_>) -> bool {
    match arg {
        ValueRef::Int(i) => i != 0,
        ValueRef::Bool(b) => b,
        ValueRef::Float(x) => x != 0.0,
        ValueRef::Bytes(b) => !b.is_empty(),
        ValueRef::Str(s) => !s.is_empty(),
    }
}

/// The field for `arg`, or the exception bitstruct raises for it.
fn convert<'a>(op: &Op, arg: ValueRef<'a>) -> Result<Field<'a>, BitsError> {
    let n = op.bits;
    Ok(match op.code {
        BitCode::Unsigned | BitCode::Signed => {
            let value = int_of(arg)?;
            if !value.fits(op.code == BitCode::Signed, n as u64) {
                return Err(BitsError::IntRange { got: Got::of(arg) });
            }
            match value {
                PyInt::Small(i) => Field::Int(i),
                PyInt::Big { .. } => return Err(BitsError::Unrepresentable),
            }
        }
        BitCode::Bool => Field::Int(i128::from(truthy(arg))),
        BitCode::Float => {
            let x = float_of(arg)?;
            let pattern = match n {
                16 => u64::from(
                    float::f64_to_f16_bits(x).ok_or(BitsError::FloatTooLarge { code: b'e' })?,
                ),
                32 => u64::from(
                    float::f64_to_f32_checked(x)
                        .ok_or(BitsError::FloatTooLarge { code: b'f' })?
                        .to_bits(),
                ),
                64 => x.to_bits(),
                _ => return Err(BitsError::FloatSize),
            };
            Field::Int(i128::from(pattern))
        }
        BitCode::Text => {
            let bytes = text_of(arg)?;
            Field::Bytes(bytes, written(n, bytes.len()))
        }
        BitCode::Raw => {
            let bytes = raw_of(arg)?;
            Field::Bytes(bytes, written(n, bytes.len()))
        }
        BitCode::PadZeros | BitCode::PadOnes => Field::Int(0),
    })
}

/// Sets `len` bits at `pos` to all ones or all zeros.
fn fill(buf: &mut [u8], mut pos: usize, mut len: usize, ones: bool) {
    let word = if ones { u64::MAX } else { 0 };
    // Up to the next byte boundary, whole bytes at once, then the tail.
    let head = ((8 - pos % 8) % 8).min(len);
    put(buf, pos, head, word);
    pos += head;
    len -= head;
    let bytes = len / 8;
    buf[pos / 8..pos / 8 + bytes].fill(word as u8);
    pos += bytes * 8;
    put(buf, pos, len % 8, word);
}

/// Bits `start..start + len` (`len` ≤ 64) of the `n`-bit two's complement of
/// `v`, most significant first.
fn int_bits(v: i128, n: usize, start: usize, len: usize) -> u64 {
    let low = n - start - len;
    if low >= 128 {
        if v < 0 {
            mask(len)
        } else {
            0
        }
    } else {
        (v >> low) as u64 & mask(len)
    }
}

/// Writes `field` at bit `pos`.
fn write(buf: &mut [u8], pos: usize, op: &Op, field: Field<'_>) {
    match field {
        Field::Int(v) => write_int(buf, pos, op, v),
        Field::Bytes(bytes, n) => write_bytes(buf, pos, n, bytes, op.lsb),
    }
}

fn write_int(buf: &mut [u8], pos: usize, op: &Op, v: i128) {
    let n = op.bits;
    if n <= 64 {
        let mut w = v as u64 & mask(n);
        if op.lsb {
            w = reverse(w, n);
        }
        if op.reordered {
            w = reorder(w, n, pos % 8);
        }
        put(buf, pos, n, w);
        return;
    }
    // A long field: its pieces (bytes under `<` byte order), 64 bits at most
    // at a time.
    for piece in pieces(n, pos % 8, op.reordered) {
        let mut done = 0;
        while done < piece.len {
            let len = (piece.len - done).min(64);
            let from = piece.from + done;
            let bits = if op.lsb {
                reverse(int_bits(v, n, n - from - len, len), len)
            } else {
                int_bits(v, n, from, len)
            };
            put(buf, pos + piece.at + done, len, bits);
            done += len;
        }
    }
}

/// Writes `n` bits of `bytes` (zeros past its end) at `pos`, reversed for the
/// `<` bit order; whole bytes are copied when the field starts on a byte.
fn write_bytes(buf: &mut [u8], pos: usize, n: usize, bytes: &[u8], lsb: bool) {
    if !lsb && pos.is_multiple_of(8) {
        let whole = n / 8;
        let at = pos / 8;
        let copied = whole.min(bytes.len());
        buf[at..at + copied].copy_from_slice(&bytes[..copied]);
        buf[at + copied..at + whole].fill(0);
        put(
            buf,
            pos + whole * 8,
            n % 8,
            get_padded(bytes, whole * 8, n % 8),
        );
        return;
    }
    let mut done = 0;
    while done < n {
        let len = (n - done).min(64);
        let bits = if lsb {
            reverse(get_padded(bytes, n - done - len, len), len)
        } else {
            get_padded(bytes, done, len)
        };
        put(buf, pos + done, len, bits);
        done += len;
    }
}

/// Reads the field of `op` at bit `pos` of `data` (its offset in the format
/// is what the `<` byte order counts from).
fn read(data: &[u8], pos: usize, op: &Op) -> Result<Value, BitsError> {
    let n = op.bits;
    match op.code {
        BitCode::Text | BitCode::Raw => {
            let bytes = read_long(data, pos, op)?;
            if op.code == BitCode::Raw {
                return Ok(Value::Bytes(bytes));
            }
            match String::from_utf8(bytes) {
                Ok(text) => Ok(Value::Str(text)),
                Err(e) => Err(BitsError::decode(DecodeFailure::of(
                    e.as_bytes(),
                    e.utf8_error(),
                ))),
            }
        }
        BitCode::Float if !matches!(n, 16 | 32 | 64) => Err(BitsError::FloatSize),
        _ if n <= 64 => Ok(short_field(op, get(data, pos, n))),
        _ => long_value(op.code, n, &read_long(data, pos, op)?),
    }
}

/// The value of the field of `op` (up to 64 bits, not text or raw) from its
/// bits `w` as read.
#[inline(always)]
fn short_field(op: &Op, mut w: u64) -> Value {
    if op.plain {
        return Value::Int(i128::from(w));
    }
    let n = op.bits;
    if op.reordered {
        w = unorder(w, n, op.offset % 8);
    }
    if op.lsb {
        w = reverse(w, n);
    }
    short_value(op.code, n, w)
}

/// The bits of `arg` as the field of `op` (a number or bool of up to 64 bits)
/// writes them at a whole byte from the format's start: converted once, the
/// common case (an `int` in range) without [`convert`].
#[inline(always)]
fn field_word(op: &Op, arg: &Value) -> Result<u64, BitsError> {
    let n = op.bits;
    let mut w = match (op.code, arg) {
        (BitCode::Unsigned, Value::Int(i)) if *i as u128 <= u128::from(op.mask) => *i as u64,
        (BitCode::Signed, Value::Int(i))
            if *i >= -(1i128 << (n - 1)) && *i < (1i128 << (n - 1)) =>
        {
            *i as u64 & mask(n)
        }
        _ => match convert(op, arg.into())? {
            Field::Int(v) => v as u64 & mask(n),
            Field::Bytes(bytes, _) => get_padded(bytes, 0, n),
        },
    };
    if op.lsb {
        w = reverse(w, n);
    }
    if op.reordered {
        w = reorder(w, n, op.offset % 8);
    }
    Ok(w)
}

/// The value of a field of up to 64 bits.
fn short_value(code: BitCode, n: usize, w: u64) -> Value {
    match code {
        BitCode::Signed if n < 64 && w >> (n - 1) & 1 == 1 => {
            Value::Int(i128::from(w) - (1i128 << n))
        }
        BitCode::Signed => Value::Int(i128::from(w as i64)),
        BitCode::Bool => Value::Bool(w != 0),
        BitCode::Float => Value::Float(match n {
            16 => float::f16_bits_to_f64(w as u16),
            32 => float::f32_to_f64(f32::from_bits(w as u32)),
            _ => f64::from_bits(w),
        }),
        _ => Value::Int(i128::from(w)),
    }
}

/// The bits of a long field, or a text or raw one, in `>` order, as bytes (the
/// last one padded with zeros): at most the input's size.
fn read_long(data: &[u8], pos: usize, op: &Op) -> Result<Vec<u8>, BitsError> {
    let n = op.bits;
    let size = n.div_ceil(8);
    let mut out = Vec::new();
    if out.try_reserve_exact(size).is_err() {
        // Cannot happen for a field that fits in `data`.
        return Err(BitsError::Unrepresentable);
    }
    if !op.lsb && !op.reordered && pos.is_multiple_of(8) {
        out.extend_from_slice(&data[pos / 8..pos / 8 + n / 8]);
        if !n.is_multiple_of(8) {
            out.push((get(data, pos + n / 8 * 8, n % 8) << (8 - n % 8)) as u8);
        }
        return Ok(out);
    }
    out.resize(size, 0);
    for piece in pieces(n, op.offset % 8, op.reordered) {
        let mut done = 0;
        while done < piece.len {
            let len = (piece.len - done).min(64);
            let bits = get(data, pos + piece.at + done, len);
            let from = piece.from + done;
            if op.lsb {
                put(&mut out, n - from - len, len, reverse(bits, len));
            } else {
                put(&mut out, from, len, bits);
            }
            done += len;
        }
    }
    Ok(out)
}

/// Whether bits `0..len` of `bits` are all `bit`.
fn all_bits(bits: &[u8], len: usize, bit: bool) -> bool {
    let fill = if bit { 0xff } else { 0 };
    bits[..len / 8].iter().all(|&b| b == fill) && {
        let tail = len % 8;
        tail == 0 || get(bits, len / 8 * 8, tail) == (if bit { mask(tail) } else { 0 })
    }
}

/// The value of a field of more than 64 bits, from its bits in `>` order.
fn long_value(code: BitCode, n: usize, bits: &[u8]) -> Result<Value, BitsError> {
    if code == BitCode::Bool {
        return Ok(Value::Bool(bits.iter().any(|&b| b != 0)));
    }
    let negative = code == BitCode::Signed && get(bits, 0, 1) == 1;
    // The low 128 bits, and whether the bits above them carry only the sign
    // (or, unsigned, nothing): else the value is beyond `i128`.
    let low = get(bits, n - 64, 64);
    let high_len = (n - 64).min(64);
    let high = get(bits, n - 64 - high_len, high_len);
    let mut wide = (u128::from(high) << 64) | u128::from(low);
    if n < 128 && negative {
        wide |= !0u128 << n;
    }
    let sign_len = (n + 1).saturating_sub(128);
    if !all_bits(bits, sign_len, negative) {
        return Err(BitsError::Unrepresentable);
    }
    let value = wide as i128;
    if code == BitCode::Unsigned && value < 0 {
        return Err(BitsError::Unrepresentable);
    }
    Ok(Value::Int(value))
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::format;
    use alloc::string::ToString;
    use alloc::vec;

    /// The plan with every fast path off: each field through [`read`] and
    /// [`convert`], as before the words.
    fn general(plan: &Plan) -> Plan {
        let ops = plan
            .ops
            .iter()
            .map(|op| Op {
                shift: None,
                kind: if op.kind == Kind::Padding {
                    Kind::Padding
                } else {
                    Kind::Other
                },
                ..*op
            })
            .collect();
        Plan {
            ops,
            summary: plan.summary,
            words: None,
            steps: Vec::new(),
            all_plain: false,
        }
    }

    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn below(&mut self, n: u64) -> u64 {
            self.next() % n
        }
    }

    const GROUPS: [&str; 16] = [
        "u4", "u3", "s5", "b1", "u17", "s64", "u64", "p3", "P5", "f32", "<u7", ">s9", "u1", "u32",
        "f16", "u57",
    ];

    fn format(rng: &mut Rng) -> String {
        let mut f = String::new();
        for _ in 0..1 + rng.below(12) {
            f.push_str(GROUPS[rng.below(GROUPS.len() as u64) as usize]);
        }
        if rng.below(3) == 0 {
            f.push('<');
        }
        f
    }

    fn show(r: &Result<(), Error>) -> String {
        match r {
            Ok(()) => "ok".to_string(),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn words_and_steps_agree_with_the_general_path() {
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        let mut plain = 0;
        // Under Miri (CI's s390x run) a sample: each format is thousands of
        // interpreted calls.
        let rounds = if cfg!(miri) { 30 } else { 3000 };
        for _ in 0..rounds {
            let f = format(&mut rng);
            let fast = Plan::compile(&f).unwrap();
            plain += usize::from(fast.all_plain);
            let slow = general(&fast);
            let len = fast.summary.bytes() + 3;
            let data: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
            for offset in [0, 8, 16, 24, 3] {
                for truncated in [false, true] {
                    let mut a = vec![Value::Bool(true), Value::Int(7), Value::Str("x".into())];
                    let mut b = Vec::new();
                    let ra = fast.unpack_into(&data, offset, truncated, &mut a);
                    let rb = slow.unpack_into(&data, offset, truncated, &mut b);
                    assert_eq!(show(&ra), show(&rb), "{f} at {offset}");
                    assert_eq!(format!("{a:?}"), format!("{b:?}"), "{f} at {offset}");
                }
            }
            let Ok(mut values) = slow.unpack_from(&data, 0, false) else {
                continue;
            };
            // Sometimes a value its field refuses, or a bool for an int.
            if !values.is_empty() && rng.below(4) == 0 {
                let at = rng.below(values.len() as u64) as usize;
                values[at] = match rng.below(3) {
                    0 => Value::Int(1 << 70),
                    1 => Value::Int(-1),
                    _ => Value::Bool(true),
                };
            }
            for offset in [0, 8, 16, 5] {
                for fill in [true, false] {
                    for size in [len, len - 3] {
                        let mut a: Vec<u8> = (0..size).map(|_| rng.next() as u8).collect();
                        let mut b = a.clone();
                        let ra = fast.pack_into(&mut a, offset, &values, fill);
                        let rb = slow.pack_into(&mut b, offset, &values, fill);
                        assert_eq!(show(&ra), show(&rb), "{f} at {offset}");
                        assert_eq!(a, b, "{f} at {offset}, fill {fill}");
                    }
                }
            }
            let pa = fast.pack(&values).map_err(|e| e.to_string());
            let pb = slow.pack(&values).map_err(|e| e.to_string());
            assert_eq!(pa, pb, "{f}");
        }
        assert!(cfg!(miri) || plain > 50, "only {plain} plain formats");
    }
}
