//! Reads RIFF and RIFX WAVE files: the magic, every chunk with its pad byte,
//! the `fmt ` chunk in its three sizes (16 bytes; 18 with `cbSize`; 40,
//! WAVE_FORMAT_EXTENSIBLE), unknown chunks skipped, and the first samples.
//!
//! ```text
//! cargo run -p netpack-examples --bin wav_info -- sound.wav
//! ```
//!
//! The Python a programmer writes for the same file:
//!
//! ```python
//! magic, size, form = struct.unpack_from("<4sI4s", data)     # ">4sI4s" for RIFX
//! off = 12
//! while off < 8 + size:
//!     cid, n = struct.unpack_from(order + "4sI", data, off)
//!     body = data[off + 8 : off + 8 + n]
//!     if cid == b"fmt ":
//!         tag, channels, rate, byte_rate, block_align, bits = struct.unpack_from(order + "HHIIHH", body)
//!     off += 8 + n + (n & 1)                                   # chunks are padded to even
//! ```
//!
//! Here the fixed parts are derived types with no byte order written
//! ([`FileHeader`], [`ChunkHeader`], [`Fmt`], [`FmtExtension`]), read as
//! `netpack::Le<…>` or `netpack::Be<…>` as the magic says; a chunk's body is
//! borrowed from the file. A file whose chunks run past its end, or whose
//! RIFF size does, is an error naming the chunk and its offset; so is a
//! `fmt ` chunk that contradicts itself (no channels, a block size that is
//! not channels × bytes per sample), a `data` chunk before `fmt `, or a
//! missing one. The pad byte after the last chunk may be missing, as Python's
//! `wave` module writes it.

use netpack::{Be, Le, Message as _, NetPack};
use std::fmt;

/// Python: `struct.unpack_from("<4sI4s", data)`: `RIFF`, the size of what
/// follows, `WAVE`.
#[derive(NetPack, Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileHeader {
    pub magic: [u8; 4],
    pub size: u32,
    pub form: [u8; 4],
}

/// Python: `cid, size = struct.unpack_from("<4sI", data, off)`.
#[derive(NetPack, Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChunkHeader {
    pub id: [u8; 4],
    pub size: u32,
}

/// The 16 bytes every `fmt ` chunk starts with. Python:
/// `struct.unpack_from("<HHIIHH", body)`.
#[derive(NetPack, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fmt {
    pub format_tag: u16,
    pub channels: u16,
    pub sample_rate: u32,
    pub byte_rate: u32,
    pub block_align: u16,
    pub bits_per_sample: u16,
}

/// WAVE_FORMAT_EXTENSIBLE's 24 bytes after [`Fmt`]. Python:
/// `struct.unpack_from("<HHI16s", body, 16)`; the sub-format GUID starts with
/// the real format tag, little-endian in both orders.
#[derive(NetPack, Debug, Clone, Copy, PartialEq, Eq)]
pub struct FmtExtension {
    pub cb_size: u16,
    pub valid_bits: u16,
    pub channel_mask: u32,
    pub sub_format: [u8; 16],
}

/// PCM integers.
pub const WAVE_FORMAT_PCM: u16 = 1;
/// IEEE floats.
pub const WAVE_FORMAT_IEEE_FLOAT: u16 = 3;
/// The format is in the extension's sub-format GUID.
pub const WAVE_FORMAT_EXTENSIBLE: u16 = 0xfffe;

/// One chunk, its body borrowed from the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Chunk<'a> {
    pub id: [u8; 4],
    /// Where the chunk's header starts in the file.
    pub offset: usize,
    pub body: &'a [u8],
}

/// A chunk's id as text: `fmt `, or the bytes escaped.
pub struct Id<'a>(pub &'a [u8; 4]);

impl fmt::Display for Id<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for &b in self.0 {
            if b.is_ascii_graphic() || b == b' ' {
                write!(f, "{}", b as char)?;
            } else {
                write!(f, "\\x{b:02x}")?;
            }
        }
        Ok(())
    }
}

/// Why a file is not a WAVE file this reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WavError(pub String);

impl fmt::Display for WavError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for WavError {}

fn bad<T>(why: impl Into<String>) -> Result<T, WavError> {
    Err(WavError(why.into()))
}

/// A byte order chosen by the file: RIFF is little-endian, RIFX big-endian.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    Little,
    Big,
}

impl Order {
    /// Decodes the fixed type `T` from the start of `bytes` in this order.
    #[inline]
    fn decode<T: NetPack + for<'a> netpack::Message<'a>>(
        self,
        bytes: &[u8],
    ) -> Result<T, netpack::Error> {
        match self {
            Order::Little => Le::<T>::decode_prefix(bytes).map(|(v, _)| v.into_inner()),
            Order::Big => Be::<T>::decode_prefix(bytes).map(|(v, _)| v.into_inner()),
        }
    }
}

/// The chunks of a RIFF/RIFX body, in order: an iterator of results that ends
/// after the first error.
pub struct Chunks<'a> {
    file: &'a [u8],
    order: Order,
    pos: usize,
    end: usize,
    failed: bool,
}

impl<'a> Chunks<'a> {
    /// The chunks of `file`, after its 12-byte header; returns them and the
    /// byte order.
    pub fn new(file: &'a [u8]) -> Result<(Chunks<'a>, Order), WavError> {
        let Some(magic) = file.first_chunk::<4>() else {
            return bad(format!(
                "{} bytes, shorter than the 12-byte RIFF header",
                file.len()
            ));
        };
        let order = match magic {
            b"RIFF" => Order::Little,
            b"RIFX" => Order::Big,
            other => {
                return bad(format!(
                    "the file starts with {}, not RIFF or RIFX",
                    Id(other)
                ))
            }
        };
        let header: FileHeader = order.decode(file).map_err(|_| {
            WavError(format!(
                "{} bytes, shorter than the 12-byte RIFF header",
                file.len()
            ))
        })?;
        if &header.form != b"WAVE" {
            return bad(format!(
                "a RIFF file of form {}, not WAVE",
                Id(&header.form)
            ));
        }
        let end = 8 + header.size as usize;
        if end > file.len() {
            return bad(format!(
                "the RIFF size says {} bytes of chunks, the file has {}",
                header.size,
                file.len() - 8
            ));
        }
        let chunks = Chunks {
            file,
            order,
            pos: 12,
            end,
            failed: false,
        };
        Ok((chunks, order))
    }
}

impl<'a> Iterator for Chunks<'a> {
    type Item = Result<Chunk<'a>, WavError>;

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        if self.failed || self.pos >= self.end {
            return None;
        }
        let at = self.pos;
        let header: ChunkHeader = match self.order.decode(&self.file[at..self.end]) {
            Ok(h) => h,
            Err(_) => {
                self.failed = true;
                return Some(bad(format!(
                    "{} bytes at byte {at}, too few for a chunk header",
                    self.end - at
                )));
            }
        };
        let start = at + 8;
        let size = header.size as usize;
        let Some(body) = self.file[..self.end].get(start..start + size) else {
            self.failed = true;
            return Some(bad(format!(
                "chunk {} at byte {at} says {size} bytes, {} are left",
                Id(&header.id),
                self.end - start
            )));
        };
        // The pad byte after an odd size; the last chunk may lack it.
        self.pos = (start + size + (size & 1)).min(self.end);
        Some(Ok(Chunk {
            id: header.id,
            offset: at,
            body,
        }))
    }
}

/// What `fmt ` says about the samples.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Format {
    /// PCM or IEEE float: the tag, or the sub-format's for EXTENSIBLE.
    pub format_tag: u16,
    /// Whether the `fmt ` chunk is WAVE_FORMAT_EXTENSIBLE.
    pub extensible: bool,
    pub channels: u16,
    pub sample_rate: u32,
    pub block_align: u16,
    /// The container's bits per sample.
    pub bits_per_sample: u16,
    /// The bits that carry the sample (EXTENSIBLE), else `bits_per_sample`.
    pub valid_bits: u16,
}

impl Format {
    /// Reads and checks a `fmt ` chunk's body.
    pub fn read(body: &[u8], order: Order) -> Result<Format, WavError> {
        let fmt: Fmt = order
            .decode(body)
            .map_err(|_| WavError(format!("a fmt chunk of {} bytes, under 16", body.len())))?;
        let mut format = Format {
            format_tag: fmt.format_tag,
            extensible: false,
            channels: fmt.channels,
            sample_rate: fmt.sample_rate,
            block_align: fmt.block_align,
            bits_per_sample: fmt.bits_per_sample,
            valid_bits: fmt.bits_per_sample,
        };
        if fmt.format_tag == WAVE_FORMAT_EXTENSIBLE {
            let ext: FmtExtension = order.decode(&body[Fmt::SIZE..]).map_err(|_| {
                WavError(format!(
                    "a WAVE_FORMAT_EXTENSIBLE fmt chunk of {} bytes, under 40",
                    body.len()
                ))
            })?;
            if ext.cb_size < 22 {
                return bad(format!(
                    "WAVE_FORMAT_EXTENSIBLE with cbSize {}, under 22",
                    ext.cb_size
                ));
            }
            format.extensible = true;
            format.format_tag = u16::from_le_bytes([ext.sub_format[0], ext.sub_format[1]]);
            format.valid_bits = ext.valid_bits;
        }
        let bytes = format.bits_per_sample.div_ceil(8);
        if format.channels == 0 || bytes == 0 {
            return bad(format!(
                "fmt says {} channels of {} bits",
                format.channels, format.bits_per_sample
            ));
        }
        if u32::from(format.block_align) != u32::from(format.channels) * u32::from(bytes) {
            return bad(format!(
                "fmt says blocks of {} bytes, not {} channels × {bytes} bytes",
                format.block_align, format.channels
            ));
        }
        Ok(format)
    }

    /// The format's name: `PCM`, `IEEE float`, or the tag.
    pub fn name(&self) -> String {
        match self.format_tag {
            WAVE_FORMAT_PCM => "PCM".into(),
            WAVE_FORMAT_IEEE_FLOAT => "IEEE float".into(),
            n => format!("format {n:#06x}"),
        }
    }
}

/// One sample, as the file stores it: 8-bit PCM is unsigned, wider PCM
/// signed, floats 32 or 64 bits.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Sample {
    Int(i64),
    Float(f64),
}

impl fmt::Display for Sample {
    /// Integers as they are, floats as Python's `repr` writes them.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Sample::Int(v) => write!(f, "{v}"),
            Sample::Float(v) => write!(f, "{v:?}"),
        }
    }
}

/// A whole WAVE file, read.
#[derive(Debug, Clone, PartialEq)]
pub struct Wave<'a> {
    pub order: Order,
    pub format: Format,
    /// Every chunk, in order.
    pub chunks: Vec<Chunk<'a>>,
    /// The `data` chunk's body.
    pub data: &'a [u8],
}

impl<'a> Wave<'a> {
    /// Reads `file`: every chunk, `fmt ` before `data`.
    pub fn read(file: &'a [u8]) -> Result<Wave<'a>, WavError> {
        let (chunks, order) = Chunks::new(file)?;
        let mut format = None;
        let mut data = None;
        let mut all = Vec::new();
        for chunk in chunks {
            let chunk = chunk?;
            match &chunk.id {
                b"fmt " if format.is_none() => {
                    let f = Format::read(chunk.body, order).map_err(|e| {
                        WavError(format!("chunk fmt at byte {}: {e}", chunk.offset))
                    })?;
                    format = Some(f);
                }
                b"data" if data.is_none() => {
                    if format.is_none() {
                        return bad(format!(
                            "a data chunk at byte {} before the fmt chunk",
                            chunk.offset
                        ));
                    }
                    data = Some(chunk.body);
                }
                _ => {}
            }
            all.push(chunk);
        }
        let (Some(format), Some(data)) = (format, data) else {
            return bad("no fmt chunk and data chunk");
        };
        Ok(Wave {
            order,
            format,
            chunks: all,
            data,
        })
    }

    /// Whole frames in the data chunk.
    pub fn frames(&self) -> usize {
        self.data.len() / self.format.block_align as usize
    }

    /// The samples of the first `frames` frames, channel by channel.
    pub fn samples(&self, frames: usize) -> Vec<Sample> {
        let width = self.format.bits_per_sample.div_ceil(8) as usize;
        let count = frames.min(self.frames()) * self.format.channels as usize;
        self.data
            .chunks_exact(width)
            .take(count)
            .map(|b| self.sample(b))
            .collect()
    }

    fn sample(&self, b: &[u8]) -> Sample {
        let mut bytes = [0u8; 8];
        bytes[..b.len()].copy_from_slice(b);
        if self.order == Order::Big {
            bytes[..b.len()].reverse();
        }
        let raw = u64::from_le_bytes(bytes);
        if self.format.format_tag == WAVE_FORMAT_IEEE_FLOAT {
            return match b.len() {
                4 => Sample::Float(f64::from(f32::from_bits(raw as u32))),
                _ => Sample::Float(f64::from_bits(raw)),
            };
        }
        if b.len() == 1 {
            return Sample::Int(raw as i64);
        }
        let shift = 64 - 8 * b.len() as u32;
        Sample::Int((raw << shift) as i64 >> shift)
    }
}

/// How many frames' samples `info` shows.
pub const FIRST_FRAMES: usize = 4;

/// The lines `wav_info` prints for `file`.
pub fn info(file: &[u8]) -> Result<String, WavError> {
    let w = Wave::read(file)?;
    let f = &w.format;
    let mut out = String::new();
    let order = match w.order {
        Order::Little => "RIFF (little-endian)",
        Order::Big => "RIFX (big-endian)",
    };
    let chunks: Vec<String> = w
        .chunks
        .iter()
        .map(|c| format!("{} ({} bytes)", Id(&c.id), c.body.len()))
        .collect();
    let ext = if f.extensible {
        ", WAVE_FORMAT_EXTENSIBLE"
    } else {
        ""
    };
    let valid = if f.valid_bits != f.bits_per_sample {
        format!(" ({} valid)", f.valid_bits)
    } else {
        String::new()
    };
    let seconds = w.frames() as f64 / f64::from(f.sample_rate.max(1));
    let samples: Vec<String> = w
        .samples(FIRST_FRAMES)
        .chunks(f.channels as usize)
        .map(|frame| {
            frame
                .iter()
                .map(Sample::to_string)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    let lines = [
        format!("{order} WAVE, chunks: {}", chunks.join(", ")),
        format!("format: {} ({}){ext}", f.name(), f.format_tag),
        format!("channels: {}", f.channels),
        format!("sample rate: {} Hz", f.sample_rate),
        format!("bits per sample: {}{valid}", f.bits_per_sample),
        format!("frames: {} ({seconds:.3} s)", w.frames()),
        format!("first samples: {}", samples.join(" | ")),
    ];
    for line in lines {
        out.push_str(&line);
        out.push('\n');
    }
    Ok(out)
}
