//! The Arrow schema of a format: one field per value, named and typed.

use super::FORMAT_KEY;
use crate::error::{Detail, Error};
use crate::runtime::plan::{Op, Step};
use crate::Struct;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use arrow_schema::{DataType, Field, Schema};
use std::collections::HashMap;

/// The schema of `format`'s records, its fields named by `names` (see
/// [`RecordBatchDecoder::with_names`](super::RecordBatchDecoder::with_names)).
pub(super) fn schema<I, S>(format: &Struct, names: I) -> Result<Schema, Error>
where
    I: IntoIterator<Item = S>,
    S: Into<String>,
{
    let names = field_names(format.values(), names)?;
    let mut fields = Vec::with_capacity(names.len());
    for ((op, arg), name) in values(format).zip(names) {
        fields.push(Field::new(name, data_type(op, arg)?, false));
    }
    let metadata = HashMap::from([(FORMAT_KEY.to_string(), format.format().to_string())]);
    Ok(Schema::new_with_metadata(fields, metadata))
}

/// Each value of `s` with its op and index.
pub(super) fn values(s: &Struct) -> impl Iterator<Item = (&Op, usize)> + '_ {
    s.plan()
        .ops()
        .iter()
        .flat_map(|op| (op.arg..op.arg + op.count).map(move |arg| (op, arg)))
}

/// One name per value: `names` with `f{i}` for the empty ones, or all `f{i}`.
fn field_names<I, S>(values: usize, names: I) -> Result<Vec<String>, Error>
where
    I: IntoIterator<Item = S>,
    S: Into<String>,
{
    let mut names: Vec<String> = names.into_iter().map(Into::into).collect();
    if names.is_empty() {
        names.resize(values, String::new());
    }
    if names.len() != values {
        return Err(Error::new(Detail::NameCount {
            expected: values,
            got: names.len(),
        }));
    }
    for (i, name) in names.iter_mut().enumerate() {
        if name.is_empty() {
            *name = alloc::format!("f{i}");
        }
    }
    let mut first = HashMap::with_capacity(names.len());
    for (index, name) in names.iter().enumerate() {
        if let Some(&first) = first.get(name.as_str()) {
            return Err(Error::new(Detail::DuplicateName { first, index }));
        }
        first.insert(name.as_str(), index);
    }
    Ok(names)
}

/// The Arrow type of value `arg`, taken by `op`.
fn data_type(op: &Op, arg: usize) -> Result<DataType, Error> {
    Ok(match op.step {
        Step::Bool => DataType::Boolean,
        Step::Half => DataType::Float16,
        Step::F32 | Step::F32Checked => DataType::Float32,
        Step::F64 => DataType::Float64,
        Step::Char => DataType::FixedSizeBinary(1),
        Step::Bytes => DataType::FixedSizeBinary(
            i32::try_from(op.size)
                .map_err(|_| Error::new(Detail::ArrowWidth { size: op.size }).at_argument(arg))?,
        ),
        Step::Pascal => DataType::Binary,
        _ => match (op.code.is_signed_int(), op.size) {
            (true, 1) => DataType::Int8,
            (true, 2) => DataType::Int16,
            (true, 4) => DataType::Int32,
            (true, _) => DataType::Int64,
            (false, 1) => DataType::UInt8,
            (false, 2) => DataType::UInt16,
            (false, 4) => DataType::UInt32,
            (false, _) => DataType::UInt64,
        },
    })
}
