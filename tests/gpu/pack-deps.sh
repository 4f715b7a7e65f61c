#!/usr/bin/env bash
# Copies what the engine-only build needs besides LibTorch from this Debian machine into
# .engine-deps/ (ignored by git; carry it to a GPU machine that has neither):
#   .engine-deps/googletest     GoogleTest sources (Debian package googletest: /usr/src/googletest)
#   .engine-deps/json/include   nlohmann/json.hpp  (Debian package nlohmann-json3-dev)
#   .engine-deps/peer           the PyTorch peers (../shared/bench/torch_reference*.py), when
#                               the GPU machine gets the checkout without the folder beside it
# cmake/FilmrecoverEngineDependencies.cmake looks there when no system package is found.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DEST=$ROOT/.engine-deps
[ -f /usr/src/googletest/CMakeLists.txt ] || { echo "no /usr/src/googletest (apt-get install googletest)" >&2; exit 1; }
[ -f /usr/include/nlohmann/json.hpp ] || { echo "no /usr/include/nlohmann (apt-get install nlohmann-json3-dev)" >&2; exit 1; }
rm -rf "$DEST/googletest" "$DEST/json"
mkdir -p "$DEST/json/include"
cp -r /usr/src/googletest "$DEST/googletest"
cp -r /usr/include/nlohmann "$DEST/json/include/"
if [ -f "$ROOT/../shared/bench/torch_reference_gpu.py" ]; then
  rm -rf "$DEST/peer" && mkdir -p "$DEST/peer"
  cp "$ROOT"/../shared/bench/torch_reference*.py "$DEST/peer/"
fi
cd "$ROOT"
EXCLUDE=$(git -C "$ROOT" rev-parse --git-path info/exclude)
mkdir -p "$(dirname "$EXCLUDE")"
grep -qx "/.engine-deps/" "$EXCLUDE" 2>/dev/null || echo "/.engine-deps/" >> "$EXCLUDE"
du -sh "$DEST"
