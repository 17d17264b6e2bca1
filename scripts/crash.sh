#!/usr/bin/env bash
# The long crash harness: SIGKILL the real binary at random moments while it
# commits edits, from the command line and from the terminal UI, and check
# that nothing acknowledged is lost. CI runs the same tests with 24 CLI kills
# and 4 TUI kills; this runs as many as asked.
#
#   scripts/crash.sh [CLI_KILLS] [TUI_KILLS] [SEED]     (default 200 40 random)
set -euo pipefail
cd "$(dirname "$0")/.."

cli_kills=${1:-200}
tui_kills=${2:-40}
seed=${3:-$(( (RANDOM << 16) | RANDOM ))}

echo "crash harness: $cli_kills CLI kills, $tui_kills TUI kills, seed $seed"
UNCONF_CRASH_KILLS=$cli_kills UNCONF_CRASH_TUI_KILLS=$tui_kills UNCONF_CRASH_SEED=$seed \
    cargo test --test crash_cli --test crash_tui -- --nocapture --test-threads=1 2>&1 \
    | grep -E "crash harness|test result|panicked|FAILED|lost"
