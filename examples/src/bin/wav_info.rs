//! `cargo run -p netpack-examples --bin wav_info -- --help`: see `netpack_examples::wav`.

use netpack_examples::cli;
use netpack_examples::wav;
use std::io::Read;
use std::process::ExitCode;

const USAGE: &str = "\
wav_info: print what a WAVE file holds (RIFF or RIFX)

usage: cargo run -p netpack-examples --bin wav_info -- FILE
       cargo run -p netpack-examples --bin wav_info -- -        (read standard input)

Prints the byte order and every chunk, the format (PCM or IEEE float, plain or
WAVE_FORMAT_EXTENSIBLE), channels, sample rate, bits per sample, the number of
frames and the samples of the first 4 frames. Files up to 1 GiB.";

/// The largest file read: the whole file is read into memory.
const MAX_FILE: u64 = 1 << 30;

fn main() -> ExitCode {
    let args = cli::Args::parse(USAGE, &[]);
    let [path] = args.words.as_slice() else {
        cli::fail(USAGE, "give one FILE, or - for standard input");
    };
    let mut bytes = Vec::new();
    let read = if path == "-" {
        std::io::stdin()
            .lock()
            .take(MAX_FILE + 1)
            .read_to_end(&mut bytes)
    } else {
        std::fs::File::open(path).and_then(|f| f.take(MAX_FILE + 1).read_to_end(&mut bytes))
    };
    if let Err(e) = read {
        cli::log(&format!("wav_info: {path}: {e}"));
        return ExitCode::FAILURE;
    }
    if bytes.len() as u64 > MAX_FILE {
        cli::log(&format!("wav_info: {path}: over 1 GiB; not read"));
        return ExitCode::FAILURE;
    }
    match wav::info(&bytes) {
        Ok(text) => {
            cli::say(text.trim_end());
            ExitCode::SUCCESS
        }
        Err(e) => {
            cli::log(&format!("wav_info: {path}: {e}"));
            ExitCode::FAILURE
        }
    }
}
