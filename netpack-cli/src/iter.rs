//! `netpack iter FMT FILE`: every record of a file of any size, as
//! `struct.iter_unpack`, one line each, in constant memory; or, with
//! `--parquet`/`--arrow`, as columns (`columnar`).
//!
//! The input is read in chunks of whole records into one reused buffer, each
//! record is decoded into one reused vector of values, and the lines are written
//! through one reused output buffer: memory stays at about two chunks whatever the
//! input's size. Columnar output reads a batch of records per chunk instead.

use crate::cli::IterArgs;
#[cfg(feature = "columnar")]
use crate::columnar::Output;
use crate::fail::{Failure, Format};
use crate::render;
use crate::source::{self, Source};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use netpack::{Struct, Value};
use std::io::{self, IsTerminal, Write};

/// How many bytes of records are read at a time (rounded down to whole records).
const CHUNK: u64 = 1 << 20;
/// How much output is gathered before it is written.
const OUTPUT: usize = 1 << 16;
/// Inputs from this size on get a progress bar (when stderr is a terminal).
const LARGE: u64 = 64 << 20;

/// Runs `netpack iter`.
pub fn run(args: &IterArgs) -> Result<(), Failure> {
    let format = Format::new(&args.format);
    let layout = format.layout()?;
    if let Err(e) = layout.iter_unpack(&[]) {
        // A format of size 0: CPython's "cannot iteratively unpack ...".
        return Err(format.failure(e, &[]));
    }
    let offset = source::offset(&args.offset)?;
    let offset = u64::try_from(offset)
        .map_err(|_| Failure::usage("--offset must not be negative for iter (it skips bytes)"))?;
    let line: fn(&mut Vec<u8>, &[Value]) = if args.style.csv {
        render::csv_row
    } else if args.style.jsonl {
        |out, values| {
            render::json_array(out, values);
            out.push(b'\n');
        }
    } else {
        |out, values| {
            render::tuple(out, values);
            out.push(b'\n');
        }
    };
    let mut input = Source::open(Some(&args.file))?;
    let size = layout.size() as u64;
    input.skip(offset)?;
    let remaining = input.len.map(|len| len.saturating_sub(offset));
    let wanted = args.count.and_then(|n| n.checked_mul(size));
    if let Some(remaining) = remaining {
        // A file's length is known: like CPython, refuse a partial record before
        // printing anything (unless --count stops before it).
        let stops_before = wanted.is_some_and(|w| w <= remaining);
        if remaining % size != 0 && !stops_before && !args.allow_partial {
            return Err(partial(&layout, &format, &input.name, offset, remaining));
        }
    }
    #[cfg(feature = "columnar")]
    if args.columnar.wanted() {
        let input_path = Some(args.file.as_path()).filter(|p| *p != std::path::Path::new("-"));
        let mut output = Output::open(&args.columnar, &format, &layout, input_path)?;
        let progress = progress(remaining, false);
        let chunk = args.columnar.batch_rows(size).saturating_mul(size);
        let read = stream(
            &mut input,
            size,
            chunk,
            args.count,
            progress.as_ref(),
            &mut |bytes| output.write(bytes),
        );
        let result = read
            .and_then(|(total, leftover)| {
                end_of_input(args, &layout, &format, &input.name, offset, total, leftover)
            })
            .and_then(|()| output.finish());
        if result.is_err() {
            output.abort();
        }
        return result;
    }
    let progress = progress(remaining, true);
    let mut records = Records {
        layout: &layout,
        line,
        out: Vec::with_capacity(OUTPUT + 4096),
        // Grown by the runtime, fallibly: a format of millions of values on a
        // machine without the memory for them is an error, not an abort.
        values: Vec::new(),
        stdout: io::stdout().lock(),
    };
    let chunk = (CHUNK / size).max(1) * size;
    let (total, leftover) = stream(
        &mut input,
        size,
        chunk,
        args.count,
        progress.as_ref(),
        &mut |bytes| records.write(bytes),
    )?;
    records.flush()?;
    end_of_input(args, &layout, &format, &input.name, offset, total, leftover)
}

/// Reads `input` in chunks of `chunk` bytes (whole records of `size` bytes;
/// fewer at the end, or when `count` records are enough) and hands the whole
/// records of each to `write`. Returns how many bytes were read and how many
/// of them were left over after the last whole record.
fn stream(
    input: &mut Source,
    size: u64,
    chunk: u64,
    count: Option<u64>,
    progress: Option<&ProgressBar>,
    write: &mut dyn FnMut(&[u8]) -> Result<(), Failure>,
) -> Result<(u64, u64), Failure> {
    let mut buf: Vec<u8> = Vec::new();
    let mut left = count;
    let mut read_total = 0u64;
    let leftover = loop {
        let target = match left {
            Some(n) => chunk.min(n.saturating_mul(size)),
            None => chunk,
        };
        if target == 0 {
            break 0;
        }
        buf.clear();
        let got = input.read_up_to(&mut buf, target)?;
        read_total += got;
        let whole = got / size;
        if whole > 0 {
            write(&buf[..(whole * size) as usize])?;
        }
        if let Some(n) = left.as_mut() {
            *n -= whole;
        }
        if let Some(bar) = progress {
            bar.set_position(read_total);
        }
        if got < target {
            break got % size;
        }
    };
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    Ok((read_total, leftover))
}

/// After the last record: a partial record is an error, or, with
/// `--allow-partial`, a note on stderr.
fn end_of_input(
    args: &IterArgs,
    layout: &Struct,
    format: &Format,
    name: &str,
    offset: u64,
    total: u64,
    leftover: u64,
) -> Result<(), Failure> {
    if leftover == 0 {
        return Ok(());
    }
    if !args.allow_partial {
        return Err(partial(layout, format, name, offset, total));
    }
    let size = layout.size();
    let b = if leftover == 1 { "" } else { "s" };
    let _ = writeln!(
        io::stderr(),
        "note: {name}: ignored the last {leftover} byte{b} (a partial record of {size})"
    );
    Ok(())
}

/// The decoder and writer of records, with their reused buffers.
struct Records<'a> {
    layout: &'a Struct,
    line: fn(&mut Vec<u8>, &[Value]),
    out: Vec<u8>,
    values: Vec<Value>,
    stdout: io::StdoutLock<'static>,
}

impl Records<'_> {
    /// Decodes and prints the whole records in `bytes`.
    fn write(&mut self, bytes: &[u8]) -> Result<(), Failure> {
        let size = self.layout.size();
        for record in bytes.chunks_exact(size) {
            // A record of exactly `size` bytes unpacks, unless its values do
            // not fit in memory.
            self.layout
                .unpack_into(record, &mut self.values)
                .map_err(|e| Failure::data(e.to_string()))?;
            (self.line)(&mut self.out, &self.values);
            if self.out.len() >= OUTPUT {
                self.stdout.write_all(&self.out).map_err(Failure::output)?;
                self.out.clear();
            }
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<(), Failure> {
        self.stdout.write_all(&self.out).map_err(Failure::output)?;
        self.out.clear();
        self.stdout.flush().map_err(Failure::output)
    }
}

/// CPython's error for data that is not a whole number of records, with how many
/// bytes are left over.
fn partial(layout: &Struct, format: &Format, name: &str, offset: u64, len: u64) -> Failure {
    let size = layout.size() as u64;
    let leftover = (len % size) as usize;
    // The runtime words the error: a buffer of `leftover` bytes is not a multiple.
    let failure = match layout.iter_unpack(&vec![0; leftover]) {
        Err(e) => format.failure(e, &[]),
        Ok(_) => Failure::data("a partial record at the end"),
    };
    let from = if offset > 0 {
        format!(" after offset {offset}")
    } else {
        String::new()
    };
    let records = len / size;
    let s = if records == 1 { "" } else { "s" };
    let b = if leftover == 1 { "" } else { "s" };
    failure
        .note(format!(
            "{name} has {len} bytes{from}: {records} record{s} of {size} bytes and \
             {leftover} byte{b} left over"
        ))
        .note("pass --allow-partial to ignore them")
}

/// A progress bar on stderr, when stderr is a terminal (and, for `lines` on
/// stdout, stdout is not the terminal they go to) and the input is large.
fn progress(len: Option<u64>, lines: bool) -> Option<ProgressBar> {
    let len = len?;
    if len < LARGE || !io::stderr().is_terminal() || (lines && io::stdout().is_terminal()) {
        return None;
    }
    let bar = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template(
        "{bytes}/{total_bytes} [{wide_bar}] {binary_bytes_per_sec}, {eta} left",
    ) {
        bar.set_style(style.progress_chars("=> "));
    }
    Some(bar)
}
