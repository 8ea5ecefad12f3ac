//! `netpack::bits` against bitstruct: the vector file's encoding
//! (`tests/bitstruct/`), and the checks the property tests and the `bits_any`
//! fuzz target share (never a panic; the compiled form and the free functions
//! agree; what packs unpacks to the same values).

use arbitrary::{Arbitrary, Unstructured};
use netpack::bits::{self, CompiledFormat};
use netpack::{Error, Value};
use std::path::{Path, PathBuf};

/// `tests/bitstruct/`.
pub fn bitstruct_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("bitstruct")
}

/// A value as the vectors encode it, `None` for an int beyond `i128` (`I<hex>`),
/// which no `Value` holds.
pub fn decode_value(s: &str) -> Option<Value> {
    let (tag, rest) = s.split_at(1);
    Some(match tag {
        "i" => Value::Int(rest.parse::<i128>().expect("bad int")),
        "I" => return None,
        "b" => Value::Bool(rest == "1"),
        "f" => Value::Float(f64::from_bits(
            u64::from_str_radix(rest, 16).expect("bad float bits"),
        )),
        "y" => Value::Bytes(crate::vectors::decode_hex(rest)),
        "t" => Value::Str(String::from_utf8(crate::vectors::decode_hex(rest)).expect("UTF-8")),
        _ => panic!("bad value encoding {s:?}"),
    })
}

/// Values bit for bit (floats by their bits, NaN payloads included).
pub fn same_values(a: &[Value], b: &[Value]) -> bool {
    a.len() == b.len()
        && a.iter().zip(b).all(|(x, y)| match (x, y) {
            (Value::Float(x), Value::Float(y)) => x.to_bits() == y.to_bits(),
            _ => x == y,
        })
}

/// One operation of `netpack::bits`, as the vectors and the fuzz target run it.
#[derive(Clone, Debug)]
pub enum Op {
    /// `pack(args)`.
    Pack(Vec<Value>),
    /// `pack_into(buf, offset, args)`; `keep`: `fill_padding=False`.
    PackInto {
        /// The buffer before.
        buf: Vec<u8>,
        /// The bit offset.
        offset: usize,
        /// The values.
        args: Vec<Value>,
        /// `fill_padding=False`.
        keep: bool,
    },
    /// `unpack_from(data, offset)`, with `allow_truncated` when `truncated`.
    Unpack {
        /// The data.
        data: Vec<u8>,
        /// The bit offset.
        offset: usize,
        /// `allow_truncated=True`.
        truncated: bool,
    },
}

/// What an operation gave: bytes (`pack`; the whole buffer for `pack_into`),
/// values, or an error (with the buffer after a refused `pack_into`).
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// `pack`'s bytes, or `pack_into`'s buffer.
    Bytes(Vec<u8>),
    /// `unpack`'s values.
    Values(Vec<Value>),
    /// An error, and for `pack_into` the buffer after it.
    Err(Error, Option<Vec<u8>>),
}

impl Outcome {
    /// Equal, floats by their bits.
    pub fn same(&self, other: &Outcome) -> bool {
        match (self, other) {
            (Outcome::Values(a), Outcome::Values(b)) => same_values(a, b),
            _ => self == other,
        }
    }
}

/// Runs `op` through the free functions of `netpack::bits`.
pub fn run_free(format: &str, op: &Op) -> Outcome {
    match op {
        Op::Pack(args) => {
            bits::pack(format, args).map_or_else(|e| Outcome::Err(e, None), Outcome::Bytes)
        }
        Op::PackInto {
            buf,
            offset,
            args,
            keep,
        } => {
            let mut buf = buf.clone();
            let done = if *keep {
                bits::pack_into_keep_padding(format, &mut buf, *offset, args)
            } else {
                bits::pack_into(format, &mut buf, *offset, args)
            };
            match done {
                Ok(()) => Outcome::Bytes(buf),
                Err(e) => Outcome::Err(e, Some(buf)),
            }
        }
        Op::Unpack {
            data,
            offset,
            truncated,
        } => {
            let got = match (*offset, *truncated) {
                (0, false) => bits::unpack(format, data),
                (0, true) => bits::unpack_truncated(format, data),
                (n, false) => bits::unpack_from(format, data, n),
                (n, true) => bits::unpack_from_truncated(format, data, n),
            };
            got.map_or_else(|e| Outcome::Err(e, None), Outcome::Values)
        }
    }
}

/// Runs `op` through a [`CompiledFormat`].
pub fn run_compiled(cf: &CompiledFormat, op: &Op) -> Outcome {
    match op {
        Op::Pack(args) => cf
            .pack(args)
            .map_or_else(|e| Outcome::Err(e, None), Outcome::Bytes),
        Op::PackInto {
            buf,
            offset,
            args,
            keep,
        } => {
            let mut buf = buf.clone();
            let done = if *keep {
                cf.pack_into_keep_padding(&mut buf, *offset, args)
            } else {
                cf.pack_into(&mut buf, *offset, args)
            };
            match done {
                Ok(()) => Outcome::Bytes(buf),
                Err(e) => Outcome::Err(e, Some(buf)),
            }
        }
        Op::Unpack {
            data,
            offset,
            truncated,
        } => {
            let got = match (*offset, *truncated) {
                (0, false) => cf.unpack(data),
                (0, true) => cf.unpack_truncated(data),
                (n, false) => cf.unpack_from(data, n),
                (n, true) => cf.unpack_from_truncated(data, n),
            };
            // The same through `unpack_into`, into a vector that holds values.
            let mut into = vec![Value::Bool(true); 3];
            let again = if *truncated {
                cf.unpack_into_truncated(data, *offset, &mut into)
            } else {
                cf.unpack_into(data, *offset, &mut into)
            };
            match (&got, again) {
                (Ok(values), Ok(())) => assert!(
                    same_values(values, &into),
                    "unpack_into gave {into:?}, unpack_from {values:?}"
                ),
                (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string()),
                (a, b) => panic!("unpack_into gave {b:?}, unpack_from {a:?}"),
            }
            got.map_or_else(|e| Outcome::Err(e, None), Outcome::Values)
        }
    }
}

/// A bit format made of groups, as the fuzz target and the property tests draw
/// them: mostly valid, sometimes not.
#[derive(Arbitrary, Clone, Debug)]
pub struct FormatSpec {
    /// The groups.
    pub groups: Vec<Group>,
    /// 0: no byte order; 1: `<`; 2: `>`; other values: a stray character.
    pub byte_order: u8,
}

/// One group of a [`FormatSpec`].
#[derive(Arbitrary, Clone, Debug)]
pub struct Group {
    /// 0: none; 1: `<`; 2: `>`.
    pub bit_order: u8,
    /// Index into `usfbtrpP` and a few letters that are not codes.
    pub code: u8,
    /// The length (kept small: see [`FormatSpec::render`]).
    pub bits: u16,
    /// 0: none, 1: a space, 2: a tab.
    pub space: u8,
}

impl FormatSpec {
    /// The format text. Lengths are kept under 300 bits per field, so that
    /// packing never allocates much.
    pub fn render(&self) -> String {
        const CODES: &[u8] = b"usfbtrpPusbux";
        let mut out = String::new();
        for g in self.groups.iter().take(12) {
            match g.bit_order % 4 {
                1 => out.push('<'),
                2 => out.push('>'),
                _ => {}
            }
            let code = CODES[usize::from(g.code) % CODES.len()] as char;
            out.push(code);
            let bits = match code {
                'f' if g.bits % 8 != 0 => [16, 32, 64][usize::from(g.bits) % 3],
                _ => g.bits % 300,
            };
            out.push_str(&bits.to_string());
            match g.space % 8 {
                1 => out.push(' '),
                2 => out.push('\t'),
                _ => {}
            }
        }
        match self.byte_order % 8 {
            1 => out.push('<'),
            2 => out.push('>'),
            3 => out.push('?'),
            _ => {}
        }
        out
    }
}

/// A value the fuzz target packs: of every kind `Value` has.
#[derive(Arbitrary, Clone, Debug)]
pub enum ValueChoice {
    /// An int.
    Int(i128),
    /// A small int (most fields are short).
    Small(i8),
    /// A bool.
    Bool(bool),
    /// A float from any bits.
    Float(u64),
    /// Bytes.
    Bytes(Vec<u8>),
    /// Text.
    Str(String),
}

impl ValueChoice {
    /// The value.
    pub fn value(&self) -> Value {
        match self {
            ValueChoice::Int(i) => Value::Int(*i),
            ValueChoice::Small(i) => Value::Int(i128::from(*i)),
            ValueChoice::Bool(b) => Value::Bool(*b),
            ValueChoice::Float(bits) => Value::Float(f64::from_bits(*bits)),
            ValueChoice::Bytes(b) => Value::Bytes(b.clone()),
            ValueChoice::Str(s) => Value::Str(s.clone()),
        }
    }
}

/// The input of `bits_any`: a format, values, a buffer and offsets.
#[derive(Arbitrary, Clone, Debug)]
pub struct BitsInput {
    /// The format, as groups.
    pub format: FormatSpec,
    /// Raw format bytes instead, when set (any text at all).
    pub raw_format: Option<String>,
    /// The values to pack.
    pub values: Vec<ValueChoice>,
    /// The buffer for `pack_into` and the data for `unpack`.
    pub data: Vec<u8>,
    /// A bit offset.
    pub offset: u16,
}

/// The fuzz target `bits_any`: any format, values and data through every
/// operation of `netpack::bits`. Nothing panics; the free functions and the
/// compiled form agree on every outcome; `calcsize` is the compiled form's; a
/// refused `pack_into` leaves the buffer as it was; what `pack` gives unpacks
/// to values that pack to the same bytes; `pack_into` at a byte offset writes
/// what `pack` gives.
pub fn bits_any(data: &[u8]) {
    let Ok(input) = BitsInput::arbitrary(&mut Unstructured::new(data)) else {
        return;
    };
    check_bits(&input);
}

/// The body of [`bits_any`].
pub fn check_bits(input: &BitsInput) {
    let format = match &input.raw_format {
        Some(text) => text.clone(),
        None => input.format.render(),
    };
    let args: Vec<Value> = input.values.iter().map(ValueChoice::value).collect();
    let offset = usize::from(input.offset % 64);
    let compiled = CompiledFormat::new(&format);
    let size = bits::calcsize(&format);
    match (&compiled, &size) {
        (Ok(cf), Ok(n)) => assert_eq!(cf.calcsize(), *n, "{format:?}"),
        (Err(a), Err(b)) => assert_eq!(a, b, "{format:?}"),
        _ => panic!("{format:?}: calcsize {size:?} but compile {compiled:?}"),
    }
    // A format of megabytes packs megabytes: not what this target looks for
    // (the allocation is fallible, and `no_abort.rs` checks the huge ones).
    let small = size.as_ref().is_ok_and(|&n| n <= 1 << 20);
    let ops = [
        Op::Pack(args.clone()),
        Op::PackInto {
            buf: input.data.clone(),
            offset,
            args: args.clone(),
            keep: false,
        },
        Op::PackInto {
            buf: input.data.clone(),
            offset,
            args: args.clone(),
            keep: true,
        },
        Op::Unpack {
            data: input.data.clone(),
            offset: 0,
            truncated: false,
        },
        Op::Unpack {
            data: input.data.clone(),
            offset,
            truncated: true,
        },
    ];
    for op in &ops {
        if !small && !matches!(op, Op::Unpack { .. }) {
            continue;
        }
        let free = run_free(&format, op);
        if let Ok(cf) = &compiled {
            let got = run_compiled(cf, op);
            assert!(
                free.same(&got),
                "{format:?} {op:?}: free {free:?}, compiled {got:?}"
            );
        }
        if let Outcome::Err(e, Some(after)) = &free {
            let Op::PackInto { buf, .. } = op else {
                unreachable!()
            };
            assert_eq!(
                after, buf,
                "{format:?}: a refused pack_into changed the buffer ({e})"
            );
        }
    }
    let Ok(cf) = compiled else { return };
    if !small {
        return;
    }
    let Ok(packed) = cf.pack(&args) else { return };
    // A raw or text value shorter than its field packs fewer bits, and the
    // fields after it move up: unpacking reads them where the format has them.
    let whole = cf.items().filter(|i| i.code.is_bytes()).all(|i| {
        let len = match &args[i.value] {
            Value::Bytes(b) => b.len(),
            Value::Str(s) => s.len(),
            _ => 0,
        };
        len * 8 >= i.bits
    });
    if !whole {
        return;
    }
    if let Ok(values) = cf.unpack(&packed) {
        let again = cf.pack(&values).expect("what unpacked packs");
        assert_eq!(
            again, packed,
            "{format:?}: unpack then pack changed the bytes"
        );
    }
    // At a byte offset, pack_into writes pack's bytes (the byte order counts
    // from the buffer's start, and a whole byte changes no alignment).
    let mut buf = vec![0u8; packed.len() + 2];
    cf.pack_into(&mut buf, 8, &args)
        .expect("pack_into where pack succeeds");
    assert_eq!(
        buf[1..1 + packed.len()],
        packed[..],
        "{format:?}: pack_into at byte 1"
    );
}
