#!/usr/bin/env bash
# The fuzz smoke test CI runs: builds every cargo-fuzz target (AddressSanitizer,
# release with debug assertions) and runs each for a bounded time, failing on any
# finding (a panic, a sanitizer report, a leak, an allocation over
# -malloc_limit_mb, an RSS over -rss_limit_mb or an input slower than -timeout).
# The targets share one time budget, so that adding a target does not lengthen CI.
#
#   bash fuzz/smoke.sh                   # 120 s shared by the targets (20 s each for 6)
#   FUZZ_BUDGET=600 bash fuzz/smoke.sh   # a longer shared budget
#   FUZZ_SECONDS=600 bash fuzz/smoke.sh  # 600 s per target
#   bash fuzz/smoke.sh unpack_any        # some targets only (sharing the budget)
#
# cargo-fuzz needs unstable rustc flags (-Zsanitizer, sancov): RUSTC_BOOTSTRAP=1
# lets the stable toolchain accept them; no nightly toolchain is used.
set -euo pipefail

FUZZ_BUDGET="${FUZZ_BUDGET:-120}"
export RUSTC_BOOTSTRAP=1
cd "$(dirname "${BASH_SOURCE[0]}")"

if ! cargo fuzz --version 2>/dev/null | grep -q '^cargo-fuzz 0\.13\.2'; then
    echo "smoke: installing cargo-fuzz 0.13.2"
    cargo install cargo-fuzz --version 0.13.2 --locked
fi

if [ "$#" -gt 0 ]; then
    targets=("$@")
else
    mapfile -t targets < <(cargo fuzz list)
fi

if [ -z "${FUZZ_SECONDS:-}" ]; then
    FUZZ_SECONDS=$((FUZZ_BUDGET / ${#targets[@]}))
    [ "$FUZZ_SECONDS" -ge 10 ] || FUZZ_SECONDS=10
fi

echo "smoke: building ${targets[*]}"
cargo fuzz build

failed=()
for target in "${targets[@]}"; do
    # New inputs go to a scratch directory; the checked-in seeds and crash inputs
    # are only read (libFuzzer writes to its first corpus directory alone).
    work="$(mktemp -d)"
    dirs=("$work")
    for dir in "corpus/$target" "regressions/$target"; do
        [ -d "$dir" ] && dirs+=("$dir")
    done
    echo "smoke: $target for ${FUZZ_SECONDS}s"
    status=0
    cargo fuzz run "$target" "${dirs[@]}" -- \
        -max_total_time="$FUZZ_SECONDS" \
        -rss_limit_mb=1024 \
        -malloc_limit_mb=64 \
        -timeout=10 \
        -print_final_stats=1 >"$work.log" 2>&1 || status=$?
    grep -E '^(#[0-9]+[[:space:]]+DONE|stat::peak_rss_mb)' "$work.log" || true
    if [ "$status" -ne 0 ]; then
        echo "smoke: FINDING in $target (exit $status; full log: $work.log)"
        echo "smoke: the input is in fuzz/artifacts/$target/; replay it with"
        echo "smoke:   RUSTC_BOOTSTRAP=1 cargo fuzz run $target fuzz/artifacts/$target/<file>"
        tail -n 80 "$work.log"
        failed+=("$target")
    fi
    rm -rf "$work"
done

if [ "${#failed[@]}" -gt 0 ]; then
    echo "smoke: findings in: ${failed[*]}"
    exit 1
fi
echo "smoke: ${#targets[@]} targets, ${FUZZ_SECONDS}s each, no findings"
