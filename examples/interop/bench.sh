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
for tool in curl:curl in.tftpd:tftpd-hpa; do
    if ! command -v "${tool%%:*}" >/dev/null && [ ! -x "/usr/sbin/${tool%%:*}" ]; then
        apt-get update -qq >/dev/null
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${tool#*:}" >/dev/null
    fi
done
cargo build -q --release -p netpack-examples --bin tftp
work=$(mktemp -d)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$work/root"
head -c "$SIZE" /dev/urandom > "$work/root/big"
chmod 755 "$work/root" && chmod 644 "$work/root/big"
"$TARGET/release/tftp" serve --root "$work/root" --port 0 2> "$work/netpack.log" &
pids+=($!)
for _ in $(seq 100); do grep -q serving "$work/netpack.log" 2>/dev/null && break; sleep 0.05; done
NP=$(sed -n 's/.* on 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$work/netpack.log" | head -1)
HP=$(python3 -c 'import socket; s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
/usr/sbin/in.tftpd -L -s "$work/root" -a "127.0.0.1:$HP" -u nobody &
pids+=($!)
sleep 0.3

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
