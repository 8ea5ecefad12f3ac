//! `netpack unpack FMT [FILE|-] [--offset N] [--hex HEX] [--json]`: one record, as
//! `print(struct.unpack_from(FMT, data, N))` prints it.
//!
//! Only the record's bytes are kept in memory: a file is seeked, a stream is read
//! up to the end of the record and no further (the record is printed as soon as
//! it is whole, even on an endless stream); with a negative offset a stream is
//! read to its end keeping only its last `-offset` bytes.

use crate::cli::UnpackArgs;
use crate::fail::{self, Failure, Format};
use crate::render;
use crate::source;
use netpack::Value;

/// Runs `netpack unpack`.
pub fn run(args: &UnpackArgs) -> Result<(), Failure> {
    let format = Format::new(&args.format);
    let layout = format.layout()?;
    let offset = source::offset(&args.offset)?;
    let mut input = args.input.open()?;
    let size = layout.size() as u64;
    let mut record = Vec::new();
    match input.len {
        Some(len) => {
            let start =
                locate(size, offset, len).map_err(|m| short(m, &input.name, len, size, offset))?;
            input.skip(start)?;
            let got = input.read_up_to(&mut record, size)?;
            if got < size {
                let message = format!("{} ended before byte {}", input.name, start + size);
                return Err(Failure::data(message));
            }
        }
        None if offset >= 0 => {
            // The record is printed as soon as it is whole: the rest of a stream
            // is never read (it may not end: `/dev/zero`, a socket).
            let skipped = input.skip(offset as u64)?;
            let got = input.read_up_to(&mut record, size)?;
            // A record of size 0 is whole at once, but the offset must still be
            // inside the data (CPython: `unpack_from("0s", b"", 1)` fails).
            if got < size || skipped < offset as u64 {
                let len = skipped + got;
                locate(size, offset, len).map_err(|m| short(m, &input.name, len, size, offset))?;
            }
        }
        None => {
            // Counted from the end: only the last `-offset` bytes can hold the
            // record, so only they are kept while the stream is read to its end.
            let (tail, len) = input.read_tail(offset.unsigned_abs())?;
            let start =
                locate(size, offset, len).map_err(|m| short(m, &input.name, len, size, offset))?;
            let from = (start - (len - tail.len() as u64)) as usize;
            record = tail[from..from + size as usize].to_vec();
        }
    }
    let values = layout.unpack(&record).map_err(|e| format.failure(e, &[]))?;
    print_record(&values, args.json)
}

/// Prints one record as Python prints its tuple, or as a JSON array.
pub fn print_record(values: &[Value], json: bool) -> Result<(), Failure> {
    let mut out = Vec::new();
    if json {
        render::json_array(&mut out, values);
    } else {
        render::tuple(&mut out, values);
    }
    out.push(b'\n');
    fail::write_stdout(&out)
}

/// Where a record of `size` bytes starts in `len` bytes of data when asked for at
/// `offset`, with CPython's `unpack_from` rules and messages: a negative offset
/// counts from the end.
fn locate(size: u64, offset: i64, len: u64) -> Result<u64, String> {
    let (size, len) = (i128::from(size), i128::from(len));
    let mut start = i128::from(offset);
    if start < 0 {
        if start + size > 0 {
            return Err(format!(
                "not enough data to unpack {size} bytes at offset {offset}"
            ));
        }
        if start + len < 0 {
            return Err(format!(
                "offset {offset} out of range for {len}-byte buffer"
            ));
        }
        start += len;
    }
    if len - start < size {
        return Err(format!(
            "unpack_from requires a buffer of at least {} bytes for unpacking {size} bytes \
             at offset {start} (actual buffer size is {len})",
            size + start
        ));
    }
    Ok(start as u64)
}

/// The failure for data too short for the record at the offset: which bytes the
/// record needs, and how many there are.
fn short(message: String, name: &str, len: u64, size: u64, offset: i64) -> Failure {
    let start = if offset < 0 {
        i128::from(len) + i128::from(offset)
    } else {
        i128::from(offset)
    };
    let end = start + i128::from(size);
    let s = if len == 1 { "" } else { "s" };
    let note = if start < 0 {
        format!("{name} has {len} byte{s}")
    } else {
        format!(
            "{name} has {len} byte{s}; the record at offset {offset} needs bytes {start}..{end}"
        )
    };
    Failure::data(message).note(note)
}

#[cfg(test)]
mod tests {
    use super::locate;

    #[test]
    fn locates_as_cpython() {
        assert_eq!(locate(2, 0, 2), Ok(0));
        assert_eq!(locate(2, -2, 5), Ok(3));
        assert_eq!(locate(0, 5, 5), Ok(5));
        assert_eq!(
            locate(2, -1, 5).unwrap_err(),
            "not enough data to unpack 2 bytes at offset -1"
        );
        assert_eq!(
            locate(2, -9, 5).unwrap_err(),
            "offset -9 out of range for 5-byte buffer"
        );
        assert_eq!(
            locate(11, 2, 11).unwrap_err(),
            "unpack_from requires a buffer of at least 13 bytes for unpacking 11 bytes at \
             offset 2 (actual buffer size is 11)"
        );
    }
}
