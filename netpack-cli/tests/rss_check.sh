#!/usr/bin/env bash
# Peak RSS of `netpack iter` over a 500 MB file of "<Ihd" records: it must stay
# under 64 MB, because iter streams the file through one reused buffer.
#
#   bash netpack-cli/tests/rss_check.sh      # about a minute: release build, 500 MB
#                                            # of random records, one CSV pass
#
# The file (random bytes: every 14 bytes are a valid "<Ihd" record) is kept in
# target/cli-rss/ for the next run. The test suite does a smaller version of this
# check (48 MB, debug build) on every `cargo test`.
set -euo pipefail
cd "$(dirname "$0")/../.."
LIMIT_KB=$((64 * 1024))
RECORDS=35714285                      # 35,714,285 x 14 bytes = 499,999,990 bytes
SIZE=$((RECORDS * 14))
DIR=${CARGO_TARGET_DIR:-target}/cli-rss
FILE=$DIR/records.bin
mkdir -p "$DIR"

cargo build --release -p netpack-cli 2>&1 | tail -1
BIN=${CARGO_TARGET_DIR:-target}/release/netpack
if [ "$(stat -c %s "$FILE" 2>/dev/null || echo 0)" != "$SIZE" ]; then
  echo "making $FILE ($SIZE bytes)"
  head -c "$SIZE" /dev/urandom >"$FILE"
fi

python3 - "$BIN" "$FILE" "$LIMIT_KB" <<'PY'
import resource, subprocess, sys, time
binary, path, limit_kb = sys.argv[1], sys.argv[2], int(sys.argv[3])
start = time.perf_counter()
run = subprocess.run([binary, "iter", "<Ihd", path, "--csv"], stdout=subprocess.DEVNULL)
seconds = time.perf_counter() - start
peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(f"netpack iter '<Ihd' {path} --csv: exit {run.returncode}, {seconds:.1f} s, "
      f"peak RSS {peak_kb / 1024:.1f} MB (limit {limit_kb / 1024:.0f} MB)")
sys.exit(0 if run.returncode == 0 and peak_kb < limit_kb else 1)
PY
