#!/usr/bin/env bash
# A benchmark, not a test: the 33 MiB download with curl --tftp-blksize 1468
# from netpack's TFTP server (release build) and from tftpd-hpa, in the same
# run, interleaved, ROUNDS times each; prints each server's median and the
# ratio. The target is netpack on par (ratio <= 1.0).
#
#   bash examples/interop/bench.sh          # ROUNDS=7 by default
#
# Needs curl and tftpd-hpa (installed with apt when missing, as root).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS=${ROUNDS:-7}
SIZE=${SIZE:-34603008}
TARGET=${CARGO_TARGET_DIR:-target}
. examples/interop/common.sh
install_missing curl:curl in.tftpd:tftpd-hpa
cargo build -q --release -p netpack-examples --bin tftp
mkdir -p "$work/root"
head -c "$SIZE" /dev/urandom > "$work/root/big"
chmod 755 "$work/root" && chmod 644 "$work/root/big"
start_netpack "$TARGET/release/tftp" "$work/root"
start_hpa "$work/root"

once() { # PORT: seconds for one download
    local t0 t1
    t0=$(date +%s.%N)
    curl -sS --tftp-blksize 1468 -o "$work/out" "tftp://127.0.0.1:$1/big"
    t1=$(date +%s.%N)
    cmp -s "$work/out" "$work/root/big" || { echo "bench: the copy differs" >&2; exit 1; }
    echo "$t1 - $t0" | bc
}
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
: > "$work/np"; : > "$work/hp"
for round in $(seq "$ROUNDS"); do
    once "$NP" >> "$work/np"
    once "$HP" >> "$work/hp"
done
np=$(median < "$work/np"); hp=$(median < "$work/hp")
printf '%d bytes, curl --tftp-blksize 1468, median of %d: netpack %.3f s, tftpd-hpa %.3f s, netpack/tftpd-hpa %.2f\n' \
    "$SIZE" "$ROUNDS" "$np" "$hp" "$(echo "$np / $hp" | bc -l)"
