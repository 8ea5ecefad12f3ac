#!/usr/bin/env bash
# Peak RSS of `netpack iter '<Ihd' FILE --parquet OUT` over a 1 GB file: it must
# stay under 128 MB, because iter decodes and writes the file batch by batch
# (65,536 records a batch, Parquet row groups flushed at 64 MiB) and never holds
# it whole. Run by .ci/run.
#
#   bash netpack-cli/tests/parquet_rss_check.sh   # release build (about 3 minutes
#                                                 # the first time), then ~15 s
#
# The file (71,428,571 records of 14 bytes, 999,999,994 bytes of seeded random
# bytes: every 14 bytes are a valid "<Ihd" record, and random doubles defeat
# Parquet's dictionaries, its worst case for memory) is made in
# ${CARGO_TARGET_DIR:-target}/cli-rss/ and deleted afterwards with the Parquet file.
# The peak is the child's ru_maxrss (getrusage, the kernel's VmHWM of the process).
# With NETPACK_PYTHON set to the oracles' Python, pyarrow also checks that the file
# holds every record.
set -euo pipefail
cd "$(dirname "$0")/../.."
LIMIT_KB=$((128 * 1024))
RECORDS=71428571
DIR=${CARGO_TARGET_DIR:-target}/cli-rss
FILE=$DIR/records-1g.bin
OUT=$DIR/records-1g.parquet
mkdir -p "$DIR"
trap 'rm -f "$FILE" "$OUT"' EXIT

cargo build --release -p netpack-cli 2>&1 | tail -1
BIN=${CARGO_TARGET_DIR:-target}/release/netpack

python3 - "$FILE" "$RECORDS" <<'PY'
import random, sys
path, records = sys.argv[1], int(sys.argv[2])
rng = random.Random(20)
left = records * 14
with open(path, "wb") as f:
    while left:
        n = min(left, 14 << 20)
        f.write(rng.randbytes(n))
        left -= n
PY

"${NETPACK_PYTHON:-python3}" - "$BIN" "$FILE" "$OUT" "$RECORDS" "$LIMIT_KB" <<'PY'
import os, resource, subprocess, sys, time
binary, path, out, records, limit_kb = sys.argv[1:4] + [int(a) for a in sys.argv[4:]]
start = time.perf_counter()
run = subprocess.run([binary, "iter", "<Ihd", path, "--parquet", out])
seconds = time.perf_counter() - start
peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(f"netpack iter '<Ihd' {os.path.getsize(path):,}-byte file --parquet: exit "
      f"{run.returncode}, {seconds:.1f} s, {os.path.getsize(out):,}-byte Parquet file, "
      f"peak RSS {peak_kb / 1024:.1f} MB (limit {limit_kb / 1024:.0f} MB)")
try:
    import pyarrow.parquet as pq
except ImportError:
    print("(no pyarrow: the row count is not checked)")
else:
    rows = pq.ParquetFile(out).metadata.num_rows
    print(f"pyarrow: {rows:,} rows in the file")
    if rows != records:
        sys.exit(f"the file holds {rows} rows, not {records}")
sys.exit(0 if run.returncode == 0 and peak_kb < limit_kb else 1)
PY
