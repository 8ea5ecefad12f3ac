# Sourced by run.sh and bench.sh: the tools, a work folder removed at exit,
# and the two servers on ports of this machine.

# Installs the apt packages of those TOOL:PACKAGE pairs whose tool is missing.
install_missing() {
    local missing=() tool
    for tool in "$@"; do
        command -v "${tool%%:*}" >/dev/null || [ -x "/usr/sbin/${tool%%:*}" ] || missing+=("${tool#*:}")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        echo "interop: installing ${missing[*]}"
        apt-get update -qq >/dev/null
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    fi
}

work=$(mktemp -d)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT

# start_netpack BIN ROOT ARGS...: netpack's server on a port the system picks
# (its log says which), in $NP.
start_netpack() {
    local bin=$1 root=$2
    shift 2
    "$bin" serve --root "$root" --port 0 "$@" 2> "$work/netpack.log" &
    pids+=($!)
    for _ in $(seq 100); do grep -q serving "$work/netpack.log" 2>/dev/null && break; sleep 0.05; done
    NP=$(sed -n 's/.* on 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$work/netpack.log" | head -1)
}

# start_hpa ROOT ARGS...: tftpd-hpa on a free port (it takes no port 0), in
# $HP; as root it drops to nobody.
start_hpa() {
    local root=$1
    shift
    HP=$(python3 -c 'import socket; s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    /usr/sbin/in.tftpd -L -s "$root" -a "127.0.0.1:$HP" -u nobody "$@" 2> "$work/hpa.log" &
    pids+=($!)
    sleep 0.3
}
