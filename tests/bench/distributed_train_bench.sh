#!/usr/bin/env bash
# Training across processes against one process on this machine: the same `train` run (model
# M, the same combined batch, crop and steps) as one process with every core, and as N
# processes (--world-size N on loopback) with cores/N threads each. Prints each run's wall time
# and the ratio (N processes / 1 process wall time; above 1 = slower).
#   tests/bench/distributed_train_bench.sh BUILD_DIR [--processes N] [--steps S] [--repeat R]
# On one machine the processes share its cores, so the ratio shows what distribution costs
# (the all-reduce of 471,586 gradients a step, two copies of the frames, smaller per-process
# batches); the gain comes from machines or GPUs that are added, not measured here.
set -euo pipefail
BUILD_DIR=${1:?usage: distributed_train_bench.sh BUILD_DIR [--processes N] [--steps S] [--repeat R]}
shift
PROCS=2
STEPS=30
REPEAT=3
while [ $# -gt 0 ]; do
  case "$1" in
    --processes) PROCS=$2; shift 2 ;;
    --steps) STEPS=$2; shift 2 ;;
    --repeat) REPEAT=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 1 ;;
  esac
done
# Sleeping, not spinning, OpenMP waits (as the tests run): with spinning threads a 2-thread
# process on a shared 2-core machine waits at every barrier for a thread parked by the
# scheduler (measured 2-3x slower than one thread under load), which would flatter the
# 1-thread ranks. An OMP_WAIT_POLICY in the environment (e.g. ACTIVE) is kept.
export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-PASSIVE}
CLI="$BUILD_DIR/app/filmrecover-cli"
[ -x "$CLI" ] || { echo "filmrecover-cli not found under $BUILD_DIR" >&2; exit 1; }
CORES=$(nproc)
PER=$(( CORES / PROCS > 0 ? CORES / PROCS : 1 ))
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# Four 512x384 frames and a colour-changed reference of each (oiiotool, openimageio-tools).
for f in 1 2 3 4; do
  oiiotool --pattern noise:type=uniform:min=0.1:max=0.9:seed=$f 512x384 3 --blur 5x5 -d float -o "$WORK/src.000$f.exr"
  oiiotool "$WORK/src.000$f.exr" --saturate 1.4 --mulc 1.0,0.9,0.8 -d float -o "$WORK/ref.000$f.exr"
done
COMMON=(train --mode chroma --input "$WORK/src.####.exr" --target "$WORK/ref.####.exr" --frames 1-4
        --size M --batch 4 --crop 256 --steps "$STEPS" --warmup 5 --validate-every 0 --preview-every 0
        --checkpoint-every 0 --quiet)

now() { date +%s.%N; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

one() {  # THREADS
  local t0; t0=$(now)
  "$CLI" "${COMMON[@]}" -o "$WORK/one.frm" --threads "$1" >/dev/null
  awk -v a="$(now)" -v b="$t0" 'BEGIN {printf "%.3f", a - b}'
}
many() {
  local t0 port pids=() r; t0=$(now); port=$(free_port)
  for r in $(seq 0 $((PROCS - 1))); do
    "$CLI" "${COMMON[@]}" -o "$WORK/many.frm" --threads "$PER" \
      --world-size "$PROCS" --rank "$r" --master "127.0.0.1:$port" >/dev/null &
    pids+=($!)
  done
  for p in "${pids[@]}"; do wait "$p"; done
  awk -v a="$(now)" -v b="$t0" 'BEGIN {printf "%.3f", a - b}'
}

echo "1 process x $CORES threads against $PROCS processes x $PER thread(s); batch 4, crop 256, $STEPS steps;" \
     "OMP_WAIT_POLICY=$OMP_WAIT_POLICY;" \
     "also 1 process x $PER thread(s), the work of one rank's share without the others" >&2
RATIOS=()
for i in $(seq "$REPEAT"); do
  a=$(one "$CORES"); b=$(many); c=$(one "$PER")
  r=$(awk -v a="$a" -v b="$b" 'BEGIN {printf "%.3f", b / a}')
  RATIOS+=("$r")
  printf 'round %d: 1 process %.1f s, %d processes %.1f s (ratio %s); 1 process x %d thread(s) %.1f s\n' \
    "$i" "$a" "$PROCS" "$b" "$r" "$PER" "$c"
done
printf '%s\n' "${RATIOS[@]}" | sort -n |
  awk -v p="$PROCS" '{v[NR]=$1} END {printf "median ratio (%d processes / 1 process, wall): %.2fx\n", p, v[int((NR+1)/2)]}'
