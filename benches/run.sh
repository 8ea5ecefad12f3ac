#!/usr/bin/env bash
# The whole benchmark: the Rust columns (release build, interleaved rounds) and
# CPython's struct on the same workloads, merged into one table with the issue's
# targets. About 2-3 minutes on 2 cores, plus the first build.
#
#   bash benches/run.sh            # the table in benches/README.md
#   bash benches/run.sh --quick    # a smoke run in seconds (numbers indicative)
#   bash benches/run.sh --wall     # wall-clock time instead of the thread's CPU
#                                  # time (only meaningful on an idle machine)
#
# Results are kept in $OUT (default target/bench-results/): rust.json,
# cpython.json and table.md.
set -euo pipefail
cd "$(dirname "$0")/.."
FLAGS=()
for arg in "$@"; do
  case "$arg" in
    --quick|--wall) FLAGS+=("$arg") ;;
    --print-out) PRINT_OUT=1 ;;
    *) echo "usage: bash benches/run.sh [--quick] [--wall]" >&2; exit 2 ;;
  esac
done
OUT=${OUT:-${CARGO_TARGET_DIR:-target}/bench-results}
mkdir -p "$OUT"
# Absolute: `cargo bench` runs the bench binary from benches/, not from here.
OUT=$(cd "$OUT" && pwd)
# (For benches/tests/run_sh.rs: where the results go, and nothing else.)
if [ -n "${PRINT_OUT:-}" ]; then echo "$OUT"; exit 0; fi
PYTHON=${PYTHON:-python3}

# numpy for the W4 numpy column: the system's, else a virtual environment of our
# own (created once, next to the results).
if ! "$PYTHON" -c 'import numpy' 2>/dev/null; then
  VENV=$(dirname "$OUT")/bench-venv
  if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import numpy' 2>/dev/null; then
    echo "== numpy is missing: installing it into $VENV" >&2
    "$PYTHON" -m venv "$VENV" >&2 && "$VENV/bin/python" -m pip install -q numpy >&2 || true
  fi
  if "$VENV/bin/python" -c 'import numpy' 2>/dev/null; then
    PYTHON=$VENV/bin/python
  else
    echo "== numpy could not be installed: the table has no numpy column" >&2
  fi
fi

echo "== machine" >&2
{ lscpu | grep -E '^(Model name|CPU\(s\)):' ; rustc --version; "$PYTHON" --version; } >&2

echo "== building" >&2
cargo bench -p netpack-benches --bench codecs --no-run 2>&1 | tail -1 >&2

echo "== Rust columns" >&2
cargo bench -p netpack-benches --bench codecs -- "${FLAGS[@]}" --json "$OUT/rust.json" >"$OUT/rust.md"

echo "== CPython" >&2
# OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE may be set on shared machines and slow
# numpy down; they are unset for the benchmark only.
env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE \
  "$PYTHON" benches/cpython_bench.py "${FLAGS[@]}" --json "$OUT/cpython.json" >/dev/null

"$PYTHON" benches/cpython_bench.py --cpython-json "$OUT/cpython.json" --merge "$OUT/rust.json" | tee "$OUT/table.md"
