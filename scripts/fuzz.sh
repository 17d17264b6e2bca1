#!/usr/bin/env bash
# Fuzz the device-file loader, reference resolution and the TUI's update for
# a chosen time each, on stable Rust (see tests/fuzz_kit/mod.rs). A failing
# input is saved under target/tmp/fuzz-failures/; add it to
# tests/fixtures/fuzz-corpus/<target>/ with the fix so CI replays it.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [SEED]     (default 60, random)
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-60}
seed=${2:-$(( (RANDOM << 16) | RANDOM ))}

for target in fuzz_loader fuzz_reference fuzz_update fuzz_import; do
    UNCONF_FUZZ_SECONDS=$seconds UNCONF_FUZZ_SEED=$seed \
        cargo test --test "$target" -- --nocapture 2>&1 \
        | grep -E "^fuzz |test result|panicked|failed on"
done
