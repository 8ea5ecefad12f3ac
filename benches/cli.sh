#!/usr/bin/env bash
# The `netpack` command against CPython on the W4 file: 1,000,000 "<Ihd" records
# (14 MB, the records of benches/cpython_bench.py, CRC-checked), as CSV.
#
#   bash benches/cli.sh            # release build, then 5 interleaved rounds of each
#   ROUNDS=9 bash benches/cli.sh
#
# netpack:  netpack iter '<Ihd' w4.bin --csv
# CPython:  csv.writer(sys.stdout).writerows(struct.iter_unpack('<Ihd', data))
#           (data = the whole file, read at once: CPython's fastest way)
#
# Both write to /dev/null, after a first run checks that their outputs are equal
# byte for byte. Each round times both, one after the other; the ratio reported is
# the median of the per-round ratios, in wall time and in CPU time (user + sys of
# the child), so a burst of load from other jobs hits both sides of a round alike.
# The target is netpack >= 10x faster than CPython.
set -euo pipefail
cd "$(dirname "$0")/.."
DIR=${CARGO_TARGET_DIR:-target}/cli-bench
mkdir -p "$DIR"
cargo build --release -p netpack-cli 2>&1 | tail -1 >&2
BIN=${CARGO_TARGET_DIR:-target}/release/netpack

python3 - "$BIN" "$DIR" "${ROUNDS:-5}" <<'PY'
import os, resource, statistics, struct, subprocess, sys, time, zlib

binary, directory, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
W4_CRC32 = 0x75AE2223
path = os.path.join(directory, "w4.bin")
if not os.path.exists(path) or zlib.crc32(open(path, "rb").read()) != W4_CRC32:
    s = struct.Struct("<Ihd")
    data = b"".join(s.pack((i * 2654435761) & 0xFFFFFFFF, (i % 65536) - 32768, i * 0.25)
                    for i in range(1_000_000))
    assert zlib.crc32(data) == W4_CRC32, "the W4 records changed"
    open(path, "wb").write(data)

script = os.path.join(directory, "w4_csv.py")
open(script, "w").write(
    "import csv, struct, sys\n"
    "with open(sys.argv[2], 'rb') as f:\n"
    "    data = f.read()\n"
    "csv.writer(sys.stdout).writerows(struct.iter_unpack(sys.argv[1], data))\n"
)
netpack = [binary, "iter", "<Ihd", path, "--csv"]
cpython = [sys.executable, script, "<Ihd", path]

ours = subprocess.run(netpack, stdout=subprocess.PIPE, check=True).stdout
theirs = subprocess.run(cpython, stdout=subprocess.PIPE, check=True).stdout
assert ours == theirs, "netpack's CSV differs from CPython's"
print(f"W4: 1,000,000 '<Ihd' records, {os.path.getsize(path):,} bytes -> "
      f"{len(ours):,} bytes of CSV (identical)")

def timed(argv):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu

rows = []
for _ in range(rounds):
    n_wall, n_cpu = timed(netpack)
    c_wall, c_cpu = timed(cpython)
    rows.append((n_wall, n_cpu, c_wall, c_cpu))
med = lambda i: statistics.median(r[i] for r in rows)
wall_ratio = statistics.median(r[2] / r[0] for r in rows)
cpu_ratio = statistics.median(r[3] / max(r[1], 1e-9) for r in rows)
print(f"{'':24} {'wall':>9} {'cpu':>9}")
print(f"{'netpack iter --csv':24} {med(0) * 1000:7.0f}ms {med(1) * 1000:7.0f}ms")
print(f"{'CPython csv.writer':24} {med(2) * 1000:7.0f}ms {med(3) * 1000:7.0f}ms")
print(f"{'netpack is faster by':24} {wall_ratio:8.1f}x {cpu_ratio:8.1f}x   (median of {rounds} rounds; target 10x)")
PY
