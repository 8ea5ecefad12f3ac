//! The `wav_info` example against Python: files written by Python's `wave`
//! module, and RIFX, odd-sized and EXTENSIBLE files written with `struct`,
//! read into what Python reads from them; broken files and every truncation
//! of every file are errors. The vectors are `tests/data/wav.txt`, written by
//! `examples/python/gen_wav.py` (seeded; see its docstring).

use netpack_examples::dns::from_hex;
use netpack_examples::wav::{self, Order, Wave, FIRST_FRAMES};

#[derive(Debug, Default)]
struct Case {
    kind: String,
    label: String,
    file: Vec<u8>,
    /// `key value` lines other than the label and the file.
    expect: Vec<(String, String)>,
}

fn cases(kind: &str) -> Vec<Case> {
    let mut cases = Vec::new();
    let mut case = Case::default();
    for line in include_str!("data/wav.txt")
        .lines()
        .filter(|l| !l.starts_with('#'))
    {
        let (key, value) = line.split_once(' ').unwrap_or((line, ""));
        match key {
            "wav" | "error" => {
                case = Case {
                    kind: key.into(),
                    label: value.into(),
                    ..Case::default()
                }
            }
            "hex" => case.file = from_hex(value).unwrap(),
            "end" => cases.push(std::mem::take(&mut case)),
            _ => case.expect.push((key.into(), value.into())),
        }
    }
    cases.retain(|c| c.kind == kind);
    assert!(!cases.is_empty(), "no {kind} vectors");
    cases
}

/// What the example reads, in the vectors' words.
fn read(w: &Wave<'_>) -> Vec<(String, String)> {
    let f = &w.format;
    let chunks: Vec<String> = w
        .chunks
        .iter()
        .map(|c| {
            format!(
                "{}:{}",
                wav::Id(&c.id).to_string().replace(' ', "_"),
                c.body.len()
            )
        })
        .collect();
    let samples: Vec<String> = w
        .samples(FIRST_FRAMES)
        .iter()
        .map(|s| s.to_string())
        .collect();
    [
        (
            "order",
            if w.order == Order::Little {
                "little"
            } else {
                "big"
            }
            .to_string(),
        ),
        ("format", f.format_tag.to_string()),
        ("channels", f.channels.to_string()),
        ("rate", f.sample_rate.to_string()),
        ("bits", f.bits_per_sample.to_string()),
        ("frames", w.frames().to_string()),
        ("chunks", chunks.join(" ")),
        ("samples", samples.join(" ")),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect()
}

#[test]
fn files_read_as_python_reads_them() {
    let cases = cases("wav");
    assert!(
        cases
            .iter()
            .filter(|c| c.label.starts_with("wave module"))
            .count()
            >= 5
    );
    assert!(cases.iter().any(|c| c.label.starts_with("RIFX")));
    for case in &cases {
        let w = Wave::read(&case.file).unwrap_or_else(|e| panic!("{}: {e}", case.label));
        assert_eq!(read(&w), case.expect, "{}", case.label);
    }
}

#[test]
fn the_printed_lines() {
    let case = cases("wav")
        .into_iter()
        .find(|c| c.label == "RIFF EXTENSIBLE 24-bit, 20 valid bits")
        .unwrap();
    let text = wav::info(&case.file).unwrap();
    let want = "\
RIFF (little-endian) WAVE, chunks: fmt  (40 bytes), data (24 bytes)
format: PCM (1), WAVE_FORMAT_EXTENSIBLE
channels: 2
sample rate: 96000 Hz
bits per sample: 24 (20 valid)
frames: 4 (0.000 s)
first samples: -8388608 -8388608 | 0 0 | 1587635 0 | 0 -8388608
";
    assert_eq!(text, want);
}

#[test]
fn broken_files_are_errors() {
    for case in cases("error") {
        let err = Wave::read(&case.file).expect_err(&case.label);
        assert!(!err.to_string().is_empty());
    }
    let by_label = |label: &str| {
        let case = cases("error")
            .into_iter()
            .find(|c| c.label == label)
            .unwrap();
        Wave::read(&case.file).unwrap_err().to_string()
    };
    assert_eq!(
        by_label("not RIFF"),
        "the file starts with RIFZ, not RIFF or RIFX"
    );
    assert_eq!(by_label("not WAVE"), "a RIFF file of form AVI , not WAVE");
    assert_eq!(
        by_label("chunk size past the end"),
        "chunk odd  at byte 12 says 1000 bytes, 70 are left"
    );
    assert_eq!(
        by_label("data before fmt"),
        "a data chunk at byte 12 before the fmt chunk"
    );
}

#[test]
fn every_truncation_is_an_error() {
    for case in cases("wav") {
        for cut in 0..case.file.len() {
            assert!(
                Wave::read(&case.file[..cut]).is_err(),
                "{} cut at {cut} read",
                case.label
            );
        }
    }
}

/// A file cut anywhere with its RIFF size made to agree, so that the chunks'
/// own sizes must catch the cut: either an error, or (cut after a whole
/// chunk, or before the last pad byte) the same chunks as the whole file up
/// to the cut, the data chunk whole.
#[test]
fn every_cut_with_a_consistent_size_is_caught_by_the_chunks() {
    let mut caught = 0;
    for case in cases("wav") {
        let whole = Wave::read(&case.file).unwrap();
        for cut in 12..case.file.len() {
            let mut file = case.file[..cut].to_vec();
            let size = (cut - 8) as u32;
            let size = if whole.order == Order::Little {
                size.to_le_bytes()
            } else {
                size.to_be_bytes()
            };
            file[4..8].copy_from_slice(&size);
            match Wave::read(&file) {
                Err(_) => caught += 1,
                Ok(w) => {
                    assert_eq!(
                        w.chunks[..],
                        whole.chunks[..w.chunks.len()],
                        "{} cut at {cut}",
                        case.label
                    );
                    assert_eq!(w.data, whole.data, "{} cut at {cut}", case.label);
                }
            }
        }
    }
    assert!(caught > 500, "{caught}");
}
