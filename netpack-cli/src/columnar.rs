//! `netpack iter FMT FILE --parquet OUT` and `--arrow OUT`: the records as the
//! columns of a Parquet file or an Arrow IPC file, decoded batch by batch
//! (`netpack::arrow`), so a file of any size goes through a few batches of
//! memory.

use crate::fail::{Failure, Format};
use clap::{ArgGroup, Args, ValueEnum};
use netpack::arrow::arrow_array::RecordBatch;
use netpack::arrow::arrow_schema::{DataType, SchemaRef};
use netpack::arrow::RecordBatchDecoder;
use netpack::Struct;
use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression as Codec, GzipLevel, ZstdLevel};
use parquet::file::properties::WriterProperties;
use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};

/// Records per batch when `--batch-rows` is not given...
const BATCH_ROWS: u64 = 65_536;
/// ...unless that is more than this many bytes of records.
const BATCH_BYTES: u64 = 8 << 20;
/// A Parquet row group is flushed at this encoded size (or at the writer's
/// 1,048,576 rows), which bounds the memory the writer holds.
const ROW_GROUP_BYTES: usize = 64 << 20;
/// A column chunk stops dictionary-encoding when its dictionary passes this
/// size (8,192 distinct 8-byte values, 32,768 2-byte ones): flags, codes and
/// tags keep their dictionaries, while a column of measurements gives up
/// early instead of hashing 131,072 values first (the writer's 1 MiB default),
/// which was half of the time of writing W4 (benches/README.md).
const DICTIONARY_BYTES: usize = 64 << 10;

/// The options of `iter` that write columns instead of lines.
#[derive(Args, Debug)]
#[command(group(ArgGroup::new("columnar_output").multiple(true)))]
pub struct ColumnarArgs {
    /// Write the records to the Parquet file OUT (`-`: stdout) instead of
    /// printing them: one column per value, named by --names.
    #[arg(long, value_name = "OUT", group = "columnar_output", conflicts_with_all = ["csv", "jsonl", "repr"])]
    pub parquet: Option<PathBuf>,
    /// Write the records to the Arrow IPC file OUT (`-`: stdout), as with
    /// --parquet (both may be given: the records are decoded once).
    #[arg(long, value_name = "OUT", group = "columnar_output", conflicts_with_all = ["csv", "jsonl", "repr"])]
    pub arrow: Option<PathBuf>,
    /// The columns' names, one per value of the format, separated by commas
    /// (default: f0,f1,... as numpy names them).
    #[arg(
        long,
        value_name = "A,B,...",
        value_delimiter = ',',
        requires = "columnar_output"
    )]
    pub names: Option<Vec<String>>,
    /// Records per batch: one Arrow record batch, one read of FILE [default:
    /// 65536, fewer for records over 128 bytes, so a batch holds at most 8 MiB].
    #[arg(long, value_name = "N", requires = "columnar_output", value_parser = clap::value_parser!(u64).range(1..))]
    pub batch_rows: Option<u64>,
    /// The compression of the Parquet file's pages.
    #[arg(long, value_enum, value_name = "CODEC", default_value_t = Compression::Zstd, requires = "parquet")]
    pub compression: Compression,
}

/// The codecs `--compression` offers.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Compression {
    /// Zstandard, level 1: small files, fast to read (as pyarrow's and
    /// Polars' zstd).
    Zstd,
    /// Snappy: pyarrow's and Spark's default.
    Snappy,
    /// LZ4 (Parquet's LZ4_RAW).
    Lz4,
    /// Gzip, level 6: the most widely readable, and the slowest.
    Gzip,
    /// No compression.
    None,
}

impl Compression {
    fn codec(self) -> Codec {
        match self {
            Compression::Zstd => Codec::ZSTD(ZstdLevel::default()),
            Compression::Snappy => Codec::SNAPPY,
            Compression::Lz4 => Codec::LZ4_RAW,
            Compression::Gzip => Codec::GZIP(GzipLevel::default()),
            Compression::None => Codec::UNCOMPRESSED,
        }
    }
}

impl ColumnarArgs {
    /// Whether the records go to columnar files rather than to stdout as lines.
    pub fn wanted(&self) -> bool {
        self.parquet.is_some() || self.arrow.is_some()
    }

    /// Whether stdout is one of the outputs (`-`).
    pub fn to_stdout(&self) -> bool {
        [&self.parquet, &self.arrow]
            .into_iter()
            .flatten()
            .any(|p| p == Path::new("-"))
    }

    /// The records per batch for records of `size` bytes.
    pub fn batch_rows(&self, size: u64) -> u64 {
        self.batch_rows
            .unwrap_or_else(|| BATCH_ROWS.min(BATCH_BYTES / size.max(1)).max(1))
    }
}

/// The decoder and the open outputs of one `iter`.
pub struct Output {
    decoder: RecordBatchDecoder,
    writers: Vec<Writer>,
}

/// One output file and its writer.
struct Writer {
    /// How the output is named in messages (the path, or `stdout`).
    name: String,
    /// The file being written and the path it gets when it is complete (none
    /// for stdout).
    path: Option<(PathBuf, PathBuf)>,
    sink: Sink,
}

enum Sink {
    Parquet(ArrowWriter<BufWriter<Box<dyn Write + Send>>>),
    Arrow(arrow_ipc::writer::FileWriter<BufWriter<Box<dyn Write + Send>>>),
    /// Closed, or removed after a failure.
    Done,
}

impl Output {
    /// Checks the arguments against the format and opens the outputs (creating
    /// the files); `input` is the file the records come from, which no output
    /// may be.
    pub fn open(
        args: &ColumnarArgs,
        format: &Format,
        layout: &Struct,
        input: Option<&Path>,
    ) -> Result<Output, Failure> {
        if layout.values() == 0 {
            return Err(Failure::usage(
                "the format has no values: a Parquet or Arrow file needs at least one column",
            ));
        }
        let decoder = match &args.names {
            Some(names) => RecordBatchDecoder::with_names(layout, names.iter().map(String::as_str)),
            None => RecordBatchDecoder::new(layout),
        }
        .map_err(|e| {
            let failure = Failure::usage(format!("--names: {e}"));
            match args.names.as_ref().map(Vec::len) {
                Some(n) if n != layout.values() => failure.note(format.takes()),
                _ => failure,
            }
        })?;
        if args.parquet.is_some() {
            check_parquet_types(format, &decoder.schema())?;
        }
        let outputs = [(&args.parquet, true), (&args.arrow, false)];
        if let (Some(parquet), Some(arrow)) = (&args.parquet, &args.arrow) {
            if parquet == arrow {
                return Err(Failure::usage(format!(
                    "--parquet and --arrow both write to {}",
                    parquet.display()
                )));
            }
        }
        for path in [&args.parquet, &args.arrow].into_iter().flatten() {
            check_not_input(path, input)?;
        }
        if args.to_stdout() && io::stdout().is_terminal() {
            return Err(Failure::usage(
                "not writing a binary file to the terminal: redirect stdout, or give a file name",
            ));
        }
        let mut output = Output {
            decoder,
            writers: Vec::new(),
        };
        for (path, parquet) in outputs {
            let Some(path) = path else { continue };
            let opened = Writer::open(path, parquet, output.decoder.schema(), args.compression);
            match opened {
                Ok(writer) => output.writers.push(writer),
                Err(failure) => {
                    output.abort();
                    return Err(failure);
                }
            }
        }
        Ok(output)
    }

    /// Decodes the whole records in `bytes` into one batch and writes it to
    /// every output.
    pub fn write(&mut self, bytes: &[u8]) -> Result<(), Failure> {
        let batch = self
            .decoder
            .decode(bytes)
            .map_err(|e| Failure::data(e.to_string()))?;
        for writer in &mut self.writers {
            writer.write(&batch)?;
        }
        Ok(())
    }

    /// Closes every output: the Parquet footer, the Arrow file's footer.
    pub fn finish(&mut self) -> Result<(), Failure> {
        for writer in &mut self.writers {
            writer.finish()?;
        }
        Ok(())
    }

    /// Removes the files made so far: the command failed, and a half-written
    /// Parquet or Arrow file is no file at all (a file OUT that was there before
    /// is left as it was).
    pub fn abort(&mut self) {
        for writer in &mut self.writers {
            writer.sink = Sink::Done;
            if let Some((partial, _)) = &writer.path {
                let _ = std::fs::remove_file(partial);
            }
        }
    }
}

impl Writer {
    fn open(
        path: &Path,
        parquet: bool,
        schema: SchemaRef,
        compression: Compression,
    ) -> Result<Writer, Failure> {
        let (name, file, path): (String, Box<dyn Write + Send>, _) = if path == Path::new("-") {
            ("stdout".to_string(), Box::new(io::stdout()), None)
        } else {
            // Written beside OUT and renamed at the end, so that OUT is either
            // the whole file or what it was before (an interrupted run leaves
            // the `.partial` file, never a truncated OUT).
            let name = path.display().to_string();
            let mut partial = path.as_os_str().to_owned();
            partial.push(format!(".partial-{}", std::process::id()));
            let partial = PathBuf::from(partial);
            let file = File::create(&partial)
                .map_err(|e| Failure::data(format!("cannot create {name}: {e}")))?;
            (name, Box::new(file), Some((partial, path.to_path_buf())))
        };
        let out = BufWriter::with_capacity(1 << 20, file);
        let fail = |e: &dyn std::fmt::Display| Failure::data(format!("cannot write {name}: {e}"));
        let sink = if parquet {
            let properties = WriterProperties::builder()
                .set_compression(compression.codec())
                .set_max_row_group_bytes(Some(ROW_GROUP_BYTES))
                .set_dictionary_page_size_limit(DICTIONARY_BYTES)
                .build();
            Sink::Parquet(
                ArrowWriter::try_new(out, schema, Some(properties)).map_err(|e| fail(&e))?,
            )
        } else {
            Sink::Arrow(arrow_ipc::writer::FileWriter::try_new(out, &schema).map_err(|e| fail(&e))?)
        };
        Ok(Writer { name, path, sink })
    }

    fn write(&mut self, batch: &RecordBatch) -> Result<(), Failure> {
        let written = match &mut self.sink {
            Sink::Parquet(w) => w.write(batch).map_err(|e| e.to_string()),
            Sink::Arrow(w) => w.write(batch).map_err(|e| e.to_string()),
            Sink::Done => Ok(()),
        };
        written.map_err(|e| self.failure(&e))
    }

    fn finish(&mut self) -> Result<(), Failure> {
        let closed = match std::mem::replace(&mut self.sink, Sink::Done) {
            Sink::Parquet(w) => w
                .into_inner()
                .map_err(|e| e.to_string())
                .and_then(|out| out.into_inner().map_err(|e| e.error().to_string()))
                .and_then(|mut file| file.flush().map_err(|e| e.to_string())),
            Sink::Arrow(mut w) => w
                .finish()
                .map_err(|e| e.to_string())
                .and_then(|()| w.into_inner().map_err(|e| e.to_string()))
                .and_then(|out| out.into_inner().map_err(|e| e.error().to_string()))
                .and_then(|mut file| file.flush().map_err(|e| e.to_string())),
            Sink::Done => Ok(()),
        };
        closed.map_err(|e| self.failure(&e))?;
        match &self.path {
            Some((partial, path)) => std::fs::rename(partial, path).map_err(|e| {
                Failure::data(format!(
                    "cannot rename {} to {}: {e}",
                    partial.display(),
                    self.name
                ))
            }),
            None => Ok(()),
        }
    }

    fn failure(&self, e: &str) -> Failure {
        Failure::data(format!("cannot write {}: {e}", self.name))
    }
}

/// Refuses a schema Parquet cannot store: a `0s` value is a FixedSizeBinary(0),
/// and a Parquet FIXED_LEN_BYTE_ARRAY has at least one byte.
fn check_parquet_types(format: &Format, schema: &SchemaRef) -> Result<(), Failure> {
    let empty = schema
        .fields()
        .iter()
        .position(|f| *f.data_type() == DataType::FixedSizeBinary(0));
    let Some(k) = empty else { return Ok(()) };
    let mut failure = Failure::usage(format!(
        "value {k} is a 0-byte string, for which Parquet has no column type"
    ));
    if let Some((item, position)) = format.position_of_value(k) {
        let width = format.item_text(&item).len();
        failure = failure.point("format", format.bytes(), position, width);
    }
    Err(failure.note("write it with --arrow instead, or leave the 0s out of the format"))
}

/// Refuses an output that is the input file: creating it would empty the
/// records before they are read.
fn check_not_input(out: &Path, input: Option<&Path>) -> Result<(), Failure> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let (Some(input), Ok(o)) = (input, std::fs::metadata(out)) else {
            return Ok(());
        };
        if let Ok(i) = std::fs::metadata(input) {
            if (i.dev(), i.ino()) == (o.dev(), o.ino()) {
                return Err(Failure::usage(format!(
                    "{} is the input file: writing it would destroy the records",
                    out.display()
                )));
            }
        }
    }
    #[cfg(not(unix))]
    let _ = (out, input);
    Ok(())
}
