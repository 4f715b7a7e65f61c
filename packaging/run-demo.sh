#!/usr/bin/env bash
# make run: the bundled demo. Generates a short faded "film" and a colour reference of part
# of it (procedurally, no downloads), recovers it end to end with `filmrecover-cli demo`
# (a few minutes on 2 cores), then opens the workstation on source and result when a
# display is there, else prints where the report is.
# Usage: packaging/run-demo.sh [BUILD_DIR] ; FILMRECOVER_DEMO_DIR overrides the demo folder.
set -euo pipefail
build_dir=${1:-build/release}
cli="$build_dir/app/filmrecover-cli"
gui="$build_dir/app/filmrecover"
demo_dir=${FILMRECOVER_DEMO_DIR:-$build_dir/demo}
if [ ! -x "$cli" ]; then
  echo "run-demo: $cli is not built (run make build first)" >&2
  exit 1
fi
echo "filmrecover demo: material and result in $demo_dir"
"$cli" demo "$demo_dir" --frames "${FILMRECOVER_DEMO_FRAMES:-60}" \
  --width "${FILMRECOVER_DEMO_WIDTH:-640}" --height "${FILMRECOVER_DEMO_HEIGHT:-360}"
source_pattern="$demo_dir/material/source/source.####.png"
restored_pattern="$demo_dir/restored/restored.####.exr"
report="$demo_dir/work/report.html"
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -x "$gui" ]; then
  echo "opening the workstation: faded source (A) against the recovery (B); report: $report"
  exec "$gui" "$source_pattern" "$restored_pattern" --compare wipe
fi
echo "no display: the recovered frames are $restored_pattern"
echo "report: $report"
