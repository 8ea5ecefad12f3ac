"""`netpack iter --parquet/--arrow`, read back by the real consumers (issue 20).

For formats covering every code and byte order, a seeded file of records (random
bytes, plus records holding NaN payloads, signalling NaNs, -0.0, infinities,
subnormals and the largest finite floats) goes through `netpack iter FMT FILE
--parquet OUT --arrow OUT`; pyarrow reads both files, DuckDB reads the Parquet
file directly and the Arrow file through pyarrow, and every value must equal
what CPython's `struct.iter_unpack(FMT, data)` gives for the same bytes:

- ints, bools and byte strings exactly (`s` and `c` byte for byte, `p` the
  string its length byte announces, capped as CPython caps it);
- floats bit for bit, as Python floats (NaN payloads and `-0.0` included); and
  the Arrow arrays hold the file's own float bits (read from the file with
  CPython's `struct`, as the unsigned integers of the same size), so `e` keeps
  the NaN payloads that CPython 3.11's `unpack` drops, and `f` keeps signalling
  NaNs. Where CPython's `e` value is a NaN without payload, the check is that
  the other side is a NaN of the same sign (DuckDB: a NaN);
- the schema: one non-nullable field per value with the Arrow type of its code
  and size, the names given (or f0, f1, ...), the format in the metadata;
- batches: the Arrow file holds batches of exactly --batch-rows records, the
  last one fewer; empty input is a valid file with the schema and no rows.

DuckDB has no Float16: it reads Parquet's FLOAT16 as FLOAT, and refuses
Arrow's halffloat, so `e` columns go to DuckDB from the Arrow file cast to
float32 (exact).

    python3 netpack-cli/tests/columnar_readback.py NETPACK_BINARY WORK_DIR

Run by `cargo test -p netpack-cli` (tests/cli/columnar.rs) with the Python of
`.ci/python-env`. Prints one line per check and a summary; exits 1 on the first
mismatch, saying where.
"""

import math
import os
import random
import struct
import subprocess
import sys

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.ipc as ipc
import pyarrow.parquet as pq

SEED = 20
RECORDS = 1000
BATCH_ROWS = 64

EVERY_CODE = "xcbB?hHiIlLqQefd5s4p1p3h"
FORMATS = [
    "<" + EVERY_CODE,
    ">" + EVERY_CODE,
    "!" + EVERY_CODE,
    "=" + EVERY_CODE,
    # Native: the target's sizes (l, L, n, N, P of 8 bytes here) and alignment.
    "@" + "xcbB?hHiIlLqQnNPefd5s4p1p3h",
    "@b d ? e x f q 3s h",
    "<255s256p?",
]

SPECIAL_BITS = {
    "d": [0x7FF8000000000001, 0x7FF0000000000001, 0xFFF8000000000000, 0x8000000000000000,
          0x7FF0000000000000, 0xFFF0000000000000, 0x0000000000000001, 0x7FEFFFFFFFFFFFFF,
          0x7FF7FFFFFFFFFFFF, 0x0000000000000000],
    "f": [0x7FC00001, 0x7F800001, 0xFFC00000, 0x80000000, 0x7F800000, 0xFF800000,
          0x00000001, 0x7F7FFFFF, 0xFFBFFFFF, 0x00000000],
    "e": [0x7E01, 0x7C01, 0xFE00, 0x8000, 0x7C00, 0xFC00, 0x0001, 0x7BFF, 0xFDFF, 0x0000],
}
# Each float code read as the unsigned integer of its size and alignment.
BITS_CODE = {"e": "H", "f": "I", "d": "Q"}
SIGNED = set("bhilqn")
UNSIGNED = set("BHILQNP")

checked = 0


def fail(message):
    print(f"FAIL: {message}")
    sys.exit(1)


def value_codes(fmt):
    """The code of each value of `fmt`, in order (`3h` is three `h`s)."""
    codes, count = [], ""
    for ch in fmt.lstrip("@=<>!"):
        if ch.isdigit():
            count += ch
        elif ch.isspace():
            continue
        else:
            n = int(count) if count else 1
            count = ""
            if ch in "sp":
                codes.append((ch, n))
            elif ch != "x":
                codes.extend([(ch, None)] * n)
    return codes


def bits_format(fmt):
    return "".join(BITS_CODE.get(ch, ch) for ch in fmt)


def arrow_type(order, code, n):
    if code in SIGNED or code in UNSIGNED:
        size = struct.calcsize(order + code)
        return getattr(pa, ("int" if code in SIGNED else "uint") + str(size * 8))()
    return {
        "?": pa.bool_(),
        "e": pa.float16(),
        "f": pa.float32(),
        "d": pa.float64(),
        "c": pa.binary(1),
        "s": pa.binary(n) if n is not None else None,
        "p": pa.binary(),
    }[code]


def make_input(fmt, rng, records):
    """Random records, then special floats written into some of them."""
    size = struct.calcsize(fmt)
    data = bytearray(rng.randbytes(size * records))
    bfmt = bits_format(fmt)
    codes = value_codes(fmt)
    floats = [k for k, (c, _) in enumerate(codes) if c in SPECIAL_BITS]
    for r in range(min(records, 40)):
        values = list(struct.unpack_from(bfmt, data, r * size))
        for k in floats:
            specials = SPECIAL_BITS[codes[k][0]]
            values[k] = specials[(r + k) % len(specials)]
        struct.pack_into(bfmt, data, r * size, *values)
    return bytes(data)


def same_float(got, want, code):
    if code == "e" and math.isnan(want):
        # CPython 3.11's `e` NaN has no payload; the Arrow side keeps the
        # file's, checked by the raw bits.
        return isinstance(got, float) and math.isnan(got) and \
            math.copysign(1, got) == math.copysign(1, want)
    return isinstance(got, float) and struct.pack("<d", got) == struct.pack("<d", want)


def check_values(where, fmt, columns, want_rows):
    """`columns`: one list of values per value of the format."""
    global checked
    codes = value_codes(fmt)
    if len(columns) != len(codes):
        fail(f"{where}: {len(columns)} columns for {len(codes)} values")
    for k, (code, _) in enumerate(codes):
        got = columns[k]
        if len(got) != len(want_rows):
            fail(f"{where}: column {k} has {len(got)} values, struct gives {len(want_rows)}")
        for r, row in enumerate(want_rows):
            want, value = row[k], got[r]
            ok = same_float(value, want, code) if code in "efd" else \
                (type(value) is type(want) and value == want)
            if not ok:
                fail(f"{where}: record {r} value {k} ({code!r}): got {value!r}, "
                     f"struct.iter_unpack gives {want!r}")
            checked += 1


def check_raw_bits(where, fmt, table, data):
    """The float arrays hold the file's bits, as CPython reads them as ints."""
    global checked
    want = list(struct.iter_unpack(bits_format(fmt), data))
    for k, (code, _) in enumerate(value_codes(fmt)):
        if code not in BITS_CODE:
            continue
        width = {"e": np.uint16, "f": np.uint32, "d": np.uint64}[code]
        bits = []
        for chunk in table.column(k).chunks:
            raw = np.frombuffer(chunk.buffers()[1], dtype=width)
            bits.extend(int(b) for b in raw[chunk.offset:chunk.offset + len(chunk)])
        if bits != [row[k] for row in want]:
            r = next(i for i, (b, row) in enumerate(zip(bits, want)) if b != row[k])
            fail(f"{where}: value {k} ({code!r}) of record {r} has bits {bits[r]:#x}, "
                 f"the file {want[r][k]:#x}")
        checked += len(bits)


def check_schema(where, fmt, schema, names):
    order = fmt[0] if fmt[0] in "@=<>!" else "@"
    codes = value_codes(fmt)
    if len(schema) != len(codes):
        fail(f"{where}: {len(schema)} fields for {len(codes)} values")
    for k, ((code, n), field) in enumerate(zip(codes, schema)):
        want = arrow_type(order, code, n)
        name = names[k] if names else f"f{k}"
        if field.type != want or field.name != name or field.nullable:
            fail(f"{where}: field {k} is {field}, want {name}: {want} not null")
    if (schema.metadata or {}).get(b"netpack.format") != fmt.encode():
        fail(f"{where}: the metadata {schema.metadata} does not hold the format")


def netpack(binary, *args):
    run = subprocess.run([binary, *args], capture_output=True)
    if run.returncode != 0:
        fail(f"netpack {' '.join(args)}: exit {run.returncode}: {run.stderr.decode()}")
    if run.stdout or run.stderr:
        fail(f"netpack {' '.join(args)} printed {run.stdout!r} {run.stderr!r}")


def duckdb_columns(relation, n):
    rows = relation.fetchall()
    return [[row[k] for row in rows] for k in range(n)]


def check_format(binary, directory, fmt, rng, records=RECORDS, extra=(), names=None):
    data = make_input(fmt, rng, records)
    path = os.path.join(directory, "records.bin")
    with open(path, "wb") as f:
        f.write(data)
    parquet = os.path.join(directory, "records.parquet")
    arrow = os.path.join(directory, "records.arrow")
    args = ["iter", fmt, path, "--parquet", parquet, "--arrow", arrow, *extra]
    if names:
        args += ["--names", ",".join(names)]
    netpack(binary, *args)
    want = list(struct.iter_unpack(fmt, data))
    codes = value_codes(fmt)
    n = len(codes)

    table = pq.read_table(parquet)
    check_schema(f"{fmt} parquet schema", fmt, table.schema, names)
    check_values(f"{fmt} pyarrow parquet", fmt, [c.to_pylist() for c in table.columns], want)
    check_raw_bits(f"{fmt} pyarrow parquet", fmt, table, data)

    reader = ipc.open_file(arrow)
    check_schema(f"{fmt} arrow schema", fmt, reader.schema, names)
    rows = [reader.get_batch(i).num_rows for i in range(reader.num_record_batches)]
    batch = int(extra[extra.index("--batch-rows") + 1]) if "--batch-rows" in extra else None
    if batch and (any(r != batch for r in rows[:-1]) or not 0 < rows[-1] <= batch):
        fail(f"{fmt}: Arrow batches of {rows} rows, want {batch} each but the last")
    table = reader.read_all()
    check_values(f"{fmt} pyarrow arrow", fmt, [c.to_pylist() for c in table.columns], want)
    check_raw_bits(f"{fmt} pyarrow arrow", fmt, table, data)

    con = duckdb.connect()
    relation = con.sql(f"SELECT * FROM read_parquet('{parquet}')")
    check_values(f"{fmt} duckdb parquet", fmt, duckdb_columns(relation, n), want)
    # DuckDB refuses Arrow's halffloat: those columns go over as float32 (exact).
    for k, (code, _) in enumerate(codes):
        if code == "e":
            table = table.set_column(k, table.field(k).name, table.column(k).cast(pa.float32()))
    relation = con.from_arrow(table)
    check_values(f"{fmt} duckdb arrow", fmt, duckdb_columns(relation, n), want)
    print(f"ok: {fmt!r}: {records} records, {len(rows)} Arrow batches, "
          f"{pq.ParquetFile(parquet).metadata.num_row_groups} row group(s)")
    return data


def main():
    binary, directory = sys.argv[1], sys.argv[2]
    rng = random.Random(SEED)
    for fmt in FORMATS:
        check_format(binary, directory, fmt, rng, extra=("--batch-rows", str(BATCH_ROWS)))
    # The default batch size, names, and the batch boundaries: exactly one
    # batch, one record more, one record.
    check_format(binary, directory, "<Ihd", rng, records=3, names=["id", "delta", "value"])
    for records in (BATCH_ROWS, BATCH_ROWS + 1, 1):
        check_format(binary, directory, "<Ihd", rng, records=records,
                     extra=("--batch-rows", str(BATCH_ROWS)))
    # Empty input: a file with the schema and no rows.
    check_format(binary, directory, "<Ihd", rng, records=0)
    # Every codec gives the same values, and says so in the file's metadata
    # (pyarrow names LZ4_RAW "LZ4").
    for codec, name in [("zstd", "ZSTD"), ("snappy", "SNAPPY"), ("lz4", "LZ4"),
                        ("gzip", "GZIP"), ("none", "UNCOMPRESSED")]:
        check_format(binary, directory, "<Ihd5s", rng, records=300,
                     extra=("--compression", codec))
        meta = pq.ParquetFile(os.path.join(directory, "records.parquet")).metadata
        got = meta.row_group(0).column(0).compression
        if got != name:
            fail(f"--compression {codec}: the file says {got}")
    # --offset and --count select the records of struct.iter_unpack(data[N:]).
    data = check_format(binary, directory, ">hq", rng, records=100)
    path = os.path.join(directory, "records.bin")
    parquet = os.path.join(directory, "sliced.parquet")
    netpack(binary, "iter", ">hq", path, "--offset", "30", "--count", "7", "--parquet", parquet)
    want = list(struct.iter_unpack(">hq", data[30:30 + 7 * 10]))
    check_values(">hq --offset 30 --count 7", ">hq",
                 [c.to_pylist() for c in pq.read_table(parquet).columns], want)
    print(f"checked {checked} values: pyarrow and DuckDB read back what "
          f"struct.iter_unpack gives")


main()
