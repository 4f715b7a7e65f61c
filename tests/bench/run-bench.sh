#!/usr/bin/env bash
# Throughput of filmrecover's engine against the PyTorch peer (shared/bench/torch_reference.py),
# run one after the other on this machine, same network (U-Net width 32), batch, crop and frame
# size. Prints each JSON line and a side-by-side table with ratios (ours / peer).
#   tests/bench/run-bench.sh BUILD_DIR [--repeat N] [--threads N]
# The machine may be shared: each figure is the best of --repeat runs (default 2).
set -euo pipefail
BUILD_DIR=${1:?usage: run-bench.sh BUILD_DIR [--repeat N] [--threads N]}
shift
REPEAT=2
THREADS=$(nproc)
while [ $# -gt 0 ]; do
  case "$1" in
    --repeat) REPEAT=$2; shift 2 ;;
    --threads) THREADS=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 1 ;;
  esac
done
HERE=$(cd "$(dirname "$0")" && pwd)
CLI="$BUILD_DIR/app/filmrecover-cli"
[ -x "$CLI" ] || CLI=$(find "$BUILD_DIR" -name filmrecover-cli -type f -perm -u+x | head -1)
[ -x "$CLI" ] || { echo "filmrecover-cli not found under $BUILD_DIR" >&2; exit 1; }
PEER=${FILMRECOVER_PEER_SCRIPT:-$HERE/../../../shared/bench/torch_reference.py}
[ -f "$PEER" ] || PEER=/work/shared/bench/torch_reference.py
COMMON=(--batch 4 --crop 256 --steps 20 --infer-size 1920x1080 --threads "$THREADS")

OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
for i in $(seq "$REPEAT"); do
  echo "round $i/$REPEAT" >&2
  /usr/bin/python3 "$PEER" "${COMMON[@]}" --width 32 | tail -1 >> "$OUT/peer.jsonl"
  /usr/bin/python3 "$PEER" "${COMMON[@]}" --width 32 --tuned | tail -1 >> "$OUT/tuned.jsonl"
  "$CLI" bench train --size M "${COMMON[@]}" | tail -1 >> "$OUT/ours-train.jsonl"
  "$CLI" bench infer --size M "${COMMON[@]}" | tail -1 >> "$OUT/ours-infer.jsonl"
done
cat "$OUT"/*.jsonl
/usr/bin/python3 - "$OUT" <<'PY'
import json, sys, os
d = sys.argv[1]
def best(name, key):
    rows = [json.loads(l) for l in open(os.path.join(d, name)) if l.strip()]
    return max(r[key] for r in rows)
peer = {k: best("peer.jsonl", k) for k in ("train_steps_per_s", "infer_frames_per_s")}
tuned = {k: best("tuned.jsonl", k) for k in ("train_steps_per_s", "infer_frames_per_s")}
ours = {"train_steps_per_s": best("ours-train.jsonl", "train_steps_per_s"),
        "infer_frames_per_s": best("ours-infer.jsonl", "infer_frames_per_s")}
print("\n%-20s %12s %12s %12s %10s %10s" % ("figure (best of runs)", "filmrecover", "peer", "peer-tuned", "vs peer", "vs tuned"))
for k in ("train_steps_per_s", "infer_frames_per_s"):
    print("%-20s %12.3f %12.3f %12.3f %9.2fx %9.2fx" % (k, ours[k], peer[k], tuned[k], ours[k] / peer[k], ours[k] / tuned[k]))
PY
