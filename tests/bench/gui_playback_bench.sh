#!/bin/sh
# GUI playback benchmark: a 2K EXR sequence (48 frames, half float) played from the frame cache
# at 24 fps in the real main window (OCIO shader, live scopes) under Xvfb with whatever GL the
# display offers (llvmpipe in CI). Prints one JSON object with shown and dropped frames.
# Usage: tests/bench/gui_playback_bench.sh BUILD_DIR [SECONDS]
set -eu
build=${1:-build/release}
seconds=${2:-10}
work=${FILMRECOVER_BENCH_DIR:-${TMPDIR:-/tmp}/filmrecover-gui-bench}
run() { "$build/app/filmrecover" --bench-playback "$work" --bench-seconds "$seconds"; }
if [ -n "${DISPLAY:-}" ]; then run; else xvfb-run -a -s "-screen 0 1920x1080x24" sh -c "$(command -v "$build/app/filmrecover" >/dev/null; echo "\"$build/app/filmrecover\" --bench-playback \"$work\" --bench-seconds \"$seconds\"")"; fi
