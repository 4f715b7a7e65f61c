#!/usr/bin/env bash
# make run: the workstation when a display is there, else the CLI's help until the
# demo recovery lands (issue 5).
set -euo pipefail
build_dir=${1:-build/release}
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  exec "$build_dir/app/filmrecover"
fi
exec "$build_dir/app/filmrecover-cli" --help
