#!/usr/bin/env bash
# netpack's TFTP server and client against programs nobody here wrote: curl,
# tftp-hpa, atftp and tftpy as clients of netpack's server, and netpack's
# client against tftpd-hpa. Each file (0, 512, 513 bytes, 1 MiB, 33 MiB: the
# block numbers roll over) goes both ways, with and without `blksize 1468`
# where the client can ask for it, and its sha256 is compared. Timings are
# printed, not judged (the machine is shared).
#
#   bash examples/interop/run.sh            # installs what is missing (apt, as root)
#
# Python: $NETPACK_PYTHON (bash .ci/python-env makes one with tftpy), else
# python3. With NETPACK_REQUIRE_ORACLES=1 (as .ci/run sets it) a missing tool
# fails the run instead of being skipped.
set -euo pipefail
cd "$(dirname "$0")/../.."
started=$(date +%s)
PY=${NETPACK_PYTHON:-python3}
TARGET=${CARGO_TARGET_DIR:-target}

. examples/interop/common.sh
install_missing curl:curl tftp:tftp-hpa atftp:atftp in.tftpd:tftpd-hpa
have_tftpy=1
"$PY" -c "import tftpy" 2>/dev/null || have_tftpy=0
if [ $have_tftpy = 0 ]; then
    [ "${NETPACK_REQUIRE_ORACLES:-}" = 1 ] && { echo "interop: $PY has no tftpy (bash .ci/python-env)"; exit 1; }
    echo "note: $PY has no tftpy; its transfers are skipped (bash .ci/python-env makes one)"
fi

cargo build -q -p netpack-examples --bin tftp
BIN=$TARGET/debug/tftp
mkdir -p "$work/served" "$work/hpa" "$work/got"
chmod 777 "$work/hpa"
sizes=(0 512 513 1048576 34603008)
for size in "${sizes[@]}"; do
    head -c "$size" /dev/urandom > "$work/served/f$size"
    cp "$work/served/f$size" "$work/hpa/f$size"
    cp "$work/served/f$size" "$work/local$size"
done
chmod 644 "$work/hpa"/*

start_netpack "$BIN" "$work/served" --writable --max-upload 67108864
start_hpa "$work/hpa" -c

# tftpy as a client: get|put PORT REMOTE LOCAL BLKSIZE ("-": no option).
cat > "$work/tftpy_client.py" <<'PY'
import logging, sys, tftpy
logging.getLogger("tftpy").setLevel(logging.CRITICAL)
verb, port, remote, local, blksize = sys.argv[1:]
options = {"blksize": int(blksize)} if blksize != "-" else {}
client = tftpy.TftpClient("127.0.0.1", int(port), options=options)
if verb == "get":
    client.download(remote, local, timeout=5)
else:
    client.upload(remote, local, timeout=5)
PY

failures=0
rows=()
n=0
# run CLIENT DIRECTION SIZE BLKSIZE EXPECTED-FILE RESULT-FILE COMMAND...
run() {
    local client=$1 dir=$2 size=$3 blk=$4 want=$5 got=$6
    shift 6
    local t0 t1 ok
    t0=$(date +%s.%N)
    if timeout 300 "$@" >"$work/out" 2>&1 && [ -f "$got" ] \
        && [ "$(sha256sum < "$want")" = "$(sha256sum < "$got")" ]; then
        ok=ok
    else
        ok=FAILED
        failures=$((failures + 1))
        sed 's/^/    /' "$work/out" | tail -5
    fi
    t1=$(date +%s.%N)
    rows+=("$(printf '%-26s %-4s %9s %-7s %7.2f  %s' "$client" "$dir" "$size" "$blk" "$(echo "$t1 - $t0" | bc)" "$ok")")
    echo "${rows[-1]}"
}

printf '%-26s %-4s %9s %-7s %7s  %s\n' "client -> server" way bytes blksize seconds sha256
for size in "${sizes[@]}"; do
    for blk in - 1468; do
        n=$((n + 1))
        opt_curl=(); opt_atftp=(); opt_np=()
        if [ "$blk" != - ]; then
            opt_curl=(--tftp-blksize "$blk"); opt_atftp=(--option "blksize $blk"); opt_np=(--blksize "$blk")
        fi
        want=$work/served/f$size
        # curl 7.88 cannot fetch an empty file from any server (tftpd-hpa
        # too: "getpeername() failed with errno 107").
        if [ "$size" != 0 ]; then
            run "curl -> netpack" get "$size" "$blk" "$want" "$work/got/c$n" \
                curl -sS "${opt_curl[@]}" -o "$work/got/c$n" "tftp://127.0.0.1:$NP/f$size"
        fi
        run "curl -> netpack" put "$size" "$blk" "$want" "$work/served/c$n" \
            curl -sS "${opt_curl[@]}" -T "$work/local$size" "tftp://127.0.0.1:$NP/c$n"
        if [ "$blk" = - ]; then # tftp-hpa's client asks for no options
            run "tftp-hpa -> netpack" get "$size" "$blk" "$want" "$work/got/h$n" \
                tftp -m binary 127.0.0.1 "$NP" -c get "f$size" "$work/got/h$n"
            run "tftp-hpa -> netpack" put "$size" "$blk" "$want" "$work/served/h$n" \
                tftp -m binary 127.0.0.1 "$NP" -c put "$work/local$size" "h$n"
        fi
        run "atftp -> netpack" get "$size" "$blk" "$want" "$work/got/a$n" \
            atftp "${opt_atftp[@]}" -g -r "f$size" -l "$work/got/a$n" 127.0.0.1 "$NP"
        run "atftp -> netpack" put "$size" "$blk" "$want" "$work/served/a$n" \
            atftp "${opt_atftp[@]}" -p -l "$work/local$size" -r "a$n" 127.0.0.1 "$NP"
        if [ $have_tftpy = 1 ]; then
            run "tftpy -> netpack" get "$size" "$blk" "$want" "$work/got/y$n" \
                "$PY" "$work/tftpy_client.py" get "$NP" "f$size" "$work/got/y$n" "$blk"
            run "tftpy -> netpack" put "$size" "$blk" "$want" "$work/served/y$n" \
                "$PY" "$work/tftpy_client.py" put "$NP" "y$n" "$work/local$size" "$blk"
        fi
        run "netpack -> tftpd-hpa" get "$size" "$blk" "$want" "$work/got/n$n" \
            "$BIN" get "f$size" --server "127.0.0.1:$HP" --out "$work/got/n$n" "${opt_np[@]}"
        run "netpack -> tftpd-hpa" put "$size" "$blk" "$want" "$work/hpa/n$n" \
            "$BIN" put "$work/local$size" --as "n$n" --server "127.0.0.1:$HP" "${opt_np[@]}"
    done
done
total=${#rows[@]}
echo "interop: $((total - failures)) passed, $failures failed, in $(( $(date +%s) - started )) s"
[ "$failures" = 0 ]
