#!/usr/bin/env bash
# Runs the budgeted benchmarks (perf, then latency) N times and prints, for
# each budget, its spread over the runs as a Markdown table ready for
# docs/PERFORMANCE.md: limit, runs measured, min, median, max, and in how
# many runs it held.
#
#   benches/runs.sh 5                  # five runs of both (about 12 minutes each)
#   benches/runs.sh 5 perf             # only perf
#   benches/runs.sh --summary FILE     # summarise a log again
#
# Each run's budgets go to target/bench-runs/runs-<time>.tsv (one line per
# budget: run, bench, budget, measured, limit, unit, verdict) and each run's
# full output beside it. A run over budget exits non-zero but does not stop
# the others: the table says how often each budget held.
# UNCONF_BENCH_QUICK=1 passes through (fewer rounds; to check the machinery).
set -uo pipefail
cd "$(dirname "$0")/.."

summarise() {
    local log=$1
    printf '| budget | limit | runs | min | median | max | holds |\n'
    printf '| --- | --- | --- | --- | --- | --- | --- |\n'
    # Measured lines only ("not-run" and "unmeasured" have no figure),
    # grouped by budget, each group sorted by its measured value.
    awk -F '\t' '$7 == "meets" || $7 == "over"' "$log" |
        sort -t "$(printf '\t')" -k3,3 -k4,4g |
        awk -F '\t' '
            function show(v, unit) {
                return unit == "x" ? sprintf("%.2fx", v) : sprintf("%.1f %s", v, unit)
            }
            function flush() {
                if (k == 0) return
                median = (k % 2) ? v[(k + 1) / 2] : (v[k / 2] + v[k / 2 + 1]) / 2
                holds = (over == 0) ? sprintf("in all %d", k) : sprintf("OVER in %d of %d", over, k)
                printf "| %s | %s %s | %d | %s | %s | %s | %s |\n", name, \
                    (strict[name] ? "<" : "≤"), show(limit, unit), k, \
                    show(v[1], unit), show(median, unit), show(v[k], unit), holds
                k = 0; over = 0
            }
            BEGIN { strict["start-up to first full frame: unconf / vim"] = 1 }
            $3 != name { flush(); name = $3 }
            { v[++k] = $4; limit = $5; unit = $6; if ($7 == "over") over++ }
            END { flush() }'
    local unmeasured
    unmeasured=$(awk -F '\t' '$7 == "unmeasured" { n++ } END { print n + 0 }' "$log")
    if [ "$unmeasured" -gt 0 ]; then
        printf '\n%s budget figures could not be taken; see the runs'"'"' output.\n' "$unmeasured"
    fi
}

if [ "${1:-}" = "--summary" ]; then
    summarise "${2:?the log to summarise}"
    exit 0
fi

runs=${1:-5}
which=${2:-both}
case $runs in '' | *[!0-9]*)
    echo "usage: benches/runs.sh N [perf|latency|both] | --summary FILE" >&2
    exit 2
    ;;
esac
case $which in
perf) benches=(perf) ;;
latency) benches=(latency) ;;
both) benches=(perf latency) ;;
*)
    echo "the second argument is perf, latency or both, not '$which'" >&2
    exit 2
    ;;
esac

export CARGO_BUILD_JOBS=${CARGO_BUILD_JOBS:-1}
dir=$PWD/target/bench-runs
mkdir -p "$dir"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
export UNCONF_BENCH_LOG=$dir/runs-$stamp.tsv
: >"$UNCONF_BENCH_LOG"

build=()
for bench in "${benches[@]}"; do build+=(--bench "$bench"); done
cargo bench --locked --no-run "${build[@]}" || exit 1

for run in $(seq 1 "$runs"); do
    for bench in "${benches[@]}"; do
        out=$dir/$bench-$stamp-$run.out
        start=$(date +%s)
        cargo bench --locked --bench "$bench" >"$out" 2>&1
        code=$?
        echo "run $run of $runs, $bench: $(($(date +%s) - start)) s, exit $code ($out)" >&2
    done
done
echo >&2
summarise "$UNCONF_BENCH_LOG"
