#!/usr/bin/env bash
# The engine on one machine, in one run: configure the engine-only build against a LibTorch,
# build it, run the engine tests (on CUDA when LibTorch sees a GPU: the tests ask for
# --device auto) and print the engine benchmark beside the GPU peer
# (shared/bench/torch_reference_gpu.py) as ratios.
#
#   tests/gpu/check.sh TORCH_DIR [--build-dir DIR] [--skip-tests] [--skip-bench] [--quick]
#
# TORCH_DIR: a LibTorch (the unpacked download, or a Python torch package:
#   python3 -c 'import torch,os;print(os.path.dirname(torch.__file__))'), or the folder of its
#   TorchConfig.cmake (Debian: /usr/lib/x86_64-linux-gnu/cmake/Torch).
# Needs cmake >= 3.25, ninja, a C++17 compiler; GoogleTest sources and nlohmann/json.hpp from
# the system or from .engine-deps/ (tests/gpu/pack-deps.sh). Without CUDA (a CPU LibTorch or
# no GPU) the CUDA-only parts are skipped with the reason printed, so the script itself can
# be checked on any machine. --quick: short CPU-sized benchmark runs (checks the plumbing).
set -euo pipefail
TORCH_DIR=${1:?usage: tests/gpu/check.sh TORCH_DIR [--build-dir DIR] [--skip-tests] [--skip-bench] [--quick]}
shift
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD_DIR=$ROOT/build/engine-check
RUN_TESTS=1 RUN_BENCH=1 QUICK=0
while [ $# -gt 0 ]; do
  case "$1" in
    --build-dir) BUILD_DIR=$2; shift 2 ;;
    --skip-tests) RUN_TESTS=0; shift ;;
    --skip-bench) RUN_BENCH=0; shift ;;
    --quick) QUICK=1; shift ;;
    *) echo "unknown option $1" >&2; exit 1 ;;
  esac
done
section() { printf '\n== %s\n' "$*"; }

# The tools, said up front: a GPU machine may lack them or have older ones.
for tool in cmake ninja python3; do
  command -v "$tool" >/dev/null 2>&1 || { echo "check.sh needs $tool on PATH" >&2; exit 1; }
done
echo "$(cmake --version | head -1), ninja $(ninja --version), $(python3 --version)"

# --- LibTorch's CMake package
TORCH_CMAKE=""
for d in "$TORCH_DIR" "$TORCH_DIR/share/cmake/Torch" "$TORCH_DIR/lib/cmake/Torch" "$TORCH_DIR/cmake/Torch"; do
  if [ -f "$d/TorchConfig.cmake" ]; then TORCH_CMAKE=$(cd "$d" && pwd); break; fi
done
[ -n "$TORCH_CMAKE" ] || { echo "no TorchConfig.cmake under $TORCH_DIR" >&2; exit 1; }
section "LibTorch: $TORCH_CMAKE"

CMAKE_ARGS=(-G Ninja -DCMAKE_BUILD_TYPE=Release -DFILMRECOVER_ENGINE_ONLY=ON -DTorch_DIR="$TORCH_CMAKE")
# A CUDA LibTorch's CMake package looks for the CUDA toolkit; compile for the card present only
# (every architecture of the list costs build time; none of our code is CUDA source).
if command -v nvidia-smi >/dev/null 2>&1; then
  CAP=$(nvidia-smi --query-gpu=compute_cap --format=csv,noheader 2>/dev/null | head -1 | tr -d ' ' || true)
  if [ -n "$CAP" ]; then
    CMAKE_ARGS+=(-DTORCH_CUDA_ARCH_LIST="$CAP" -DCMAKE_CUDA_ARCHITECTURES="${CAP/./}")
    echo "GPU: $(nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader | head -1), compute capability $CAP"
  fi
fi
for nvcc in "${CUDACXX:-}" /usr/local/cuda/bin/nvcc "$(command -v nvcc || true)"; do
  if [ -n "$nvcc" ] && [ -x "$nvcc" ]; then CMAKE_ARGS+=(-DCMAKE_CUDA_COMPILER="$nvcc"); break; fi
done
[ -n "${CCACHE_DIR:-}" ] || export CCACHE_DIR=$HOME/.cache/filmrecover-ccache

section "configure $BUILD_DIR"
cmake -S "$ROOT" -B "$BUILD_DIR" "${CMAKE_ARGS[@]}" | grep -E "LibTorch|Torch:|Error|error" || true
section "build"
cmake --build "$BUILD_DIR" -j "${JOBS:-$(nproc)}"

BENCH="$BUILD_DIR/tests/gpu/bench/filmrecover-engine-bench"
INFO=$("$BENCH" info)
echo "$INFO"
CUDA=$(python3 -c 'import json,sys; print(1 if json.loads(sys.argv[1])["cuda"] else 0)' "$INFO")
if [ "$CUDA" = 0 ]; then
  echo "CUDA-only parts skipped: this LibTorch sees no CUDA GPU (a CPU build, or no card/driver);" \
       "the tests run on the CPU and the benchmark is the CPU one, without the GPU peer."
fi

FAILED=0
if [ "$RUN_TESTS" = 1 ]; then
  section "engine tests ($([ "$CUDA" = 1 ] && echo CUDA || echo CPU))"
  (cd "$BUILD_DIR" && ctest --output-on-failure -j "${CTEST_JOBS:-1}" --timeout 1200) || FAILED=1
fi

if [ "$RUN_BENCH" = 1 ]; then
  OUT=$(mktemp -d)
  trap 'rm -rf "$OUT"' EXIT
  if [ "$CUDA" = 1 ]; then
    DEV=(--device cuda) STEPS=(--steps 100) RUNS=(--runs 20) SIZES="1920x1080 4096x3112"
  else
    DEV=(--device cpu) STEPS=(--steps 5) RUNS=(--runs 1) SIZES="1920x1080"
  fi
  [ "$QUICK" = 1 ] && STEPS=(--steps 3) RUNS=(--runs 1)
  section "engine benchmark (${DEV[*]})"
  # A failing figure is reported and the run goes on: the others are still worth having.
  for p in fp32 bf16; do
    "$BENCH" train --size M --batch 4 --crop 256 "${STEPS[@]}" "${DEV[@]}" --precision $p \
      | tee -a "$OUT/ours.jsonl" || { echo "bench train $p failed"; FAILED=1; }
    for s in $SIZES; do
      "$BENCH" infer --size M --infer-size "$s" "${RUNS[@]}" "${DEV[@]}" --precision $p \
        | tee -a "$OUT/ours.jsonl" || { echo "bench infer $s $p failed"; FAILED=1; }
    done
  done
  # The peer beside the checkout (../shared/bench), or the copy pack-deps.sh carries along.
  PEER="$ROOT/../shared/bench/torch_reference_gpu.py"
  for d in "${FILMRECOVER_PEER_DIR:-}" "$ROOT/../shared/bench" "$ROOT/shared/bench" "$ROOT/.engine-deps/peer"; do
    if [ -n "$d" ] && [ -f "$d/torch_reference_gpu.py" ]; then PEER="$d/torch_reference_gpu.py"; break; fi
  done
  if [ "$CUDA" = 1 ] && [ -f "$PEER" ]; then
    section "GPU peer ($PEER)"
    python3 "$PEER" | tee "$OUT/peer.jsonl" || { echo "GPU peer failed"; FAILED=1; }
  elif [ "$CUDA" = 1 ]; then
    echo "GPU peer skipped: $PEER not found."
  else
    echo "GPU peer skipped: no CUDA GPU."
  fi
  section "ours / peer (same U-Net M, batch 4, crop 256)"
  python3 "$ROOT/tests/gpu/bench_table.py" "$OUT/ours.jsonl" "$OUT/peer.jsonl"
fi
exit $FAILED
