//! [`RecordBatches`]: a reader's records, a batch at a time.

use super::RecordBatchDecoder;
use crate::error::{Detail, Error};
use alloc::vec::Vec;
use arrow_array::RecordBatch;
use arrow_schema::SchemaRef;
use std::io::Read;

/// The batches of a reader: see [`RecordBatchDecoder::batches`].
#[derive(Debug)]
pub struct RecordBatches<R> {
    decoder: RecordBatchDecoder,
    reader: R,
    /// The bytes of a whole batch.
    bytes: usize,
    buf: Vec<u8>,
    state: State,
}

#[derive(Clone, Copy, Debug)]
enum State {
    Reading,
    /// The input ended `got` bytes into a record: the error is next.
    Truncated {
        got: usize,
    },
    Done,
}

impl<R> RecordBatches<R> {
    /// The batches of `rows` records of `decoder`'s format read from `reader`:
    /// see [`RecordBatchDecoder::batches`].
    pub(super) fn new(
        decoder: RecordBatchDecoder,
        reader: R,
        rows: usize,
    ) -> Result<RecordBatches<R>, Error> {
        let size = decoder.format().size();
        if size == 0 {
            return Err(Error::new(Detail::ZeroSizeIter));
        }
        let bytes = rows.max(1).checked_mul(size);
        let mut buf = Vec::new();
        match bytes {
            Some(bytes) if buf.try_reserve_exact(bytes).is_ok() => {}
            _ => return Err(Error::new(Detail::NoMemory { size })),
        }
        Ok(RecordBatches {
            decoder,
            reader,
            bytes: bytes.unwrap_or(size),
            buf,
            state: State::Reading,
        })
    }

    /// The schema of every batch.
    pub fn schema(&self) -> SchemaRef {
        self.decoder.schema()
    }

    /// The reader, positioned after the bytes read so far.
    pub fn into_inner(self) -> R {
        self.reader
    }
}

impl<R: Read> Iterator for RecordBatches<R> {
    type Item = Result<RecordBatch, crate::io::Error>;

    fn next(&mut self) -> Option<Self::Item> {
        let size = self.decoder.format().size();
        match self.state {
            State::Reading => {}
            State::Truncated { got } => {
                self.state = State::Done;
                return Some(Err(crate::io::Error::Truncated { needed: size, got }));
            }
            State::Done => return None,
        }
        self.buf.clear();
        let want = self.bytes as u64;
        if let Err(e) = (&mut self.reader).take(want).read_to_end(&mut self.buf) {
            self.state = State::Done;
            return Some(Err(e.into()));
        }
        let got = self.buf.len();
        if got < self.bytes {
            self.state = match got % size {
                0 => State::Done,
                got => State::Truncated { got },
            };
        }
        let whole = got - got % size;
        if whole == 0 {
            return self.next();
        }
        Some(self.decoder.decode(&self.buf[..whole]).map_err(Into::into))
    }
}
