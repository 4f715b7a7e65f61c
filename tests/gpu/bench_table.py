#!/usr/bin/env python3
"""Side-by-side table of the engine benchmark and the GPU peer, with ratios.

  bench_table.py OURS.jsonl [PEER.jsonl]

OURS: lines of filmrecover-engine-bench (train / infer, one precision each). PEER: lines of
shared/bench/torch_reference_gpu.py (one per variant: fp32, tf32, bf16-cl, ...). The issue's
targets: training >= 1.5x and inference >= 2x the bf16 channels-last eager peer.
"""
import json
import os
import sys


def rows(path):
    if not path or not os.path.exists(path):
        return []
    return [json.loads(l) for l in open(path) if l.strip().startswith("{")]


ours = rows(sys.argv[1])
peer = {r["peer"]: r for r in rows(sys.argv[2] if len(sys.argv) > 2 else None) if "peer" in r}

figures = []  # (label, our key filter, our value key, peer value key, target)
for r in ours:
    if "train_steps_per_s" in r:
        figures.append(("train steps/s", r["precision"], r["device"], r["train_steps_per_s"],
                        "train_steps_per_s", 1.5))
    if "infer_frames_per_s" in r:
        figures.append((f"infer {r['infer_size']} frames/s", r["precision"], r["device"],
                        r["infer_frames_per_s"], f"infer_{r['infer_size']}_fps", 2.0))

variants = [v for v in ("fp32", "tf32", "bf16-cl") if v in peer]
head = "%-28s %-5s %-5s %10s" % ("figure", "ours", "dev", "ours")
for v in variants:
    head += " %10s %8s" % ("peer " + v, "ratio")
print(head + ("   target vs bf16-cl" if "bf16-cl" in peer else ""))
for label, prec, dev, value, key, target in figures:
    line = "%-28s %-5s %-5s %10.3f" % (label, prec, dev, value)
    for v in variants:
        p = peer[v].get(key)
        line += " %10s %7s" % (("%.3f" % p) if p else "-", ("%.2fx" % (value / p)) if p else "-")
    if "bf16-cl" in peer and peer["bf16-cl"].get(key):
        ratio = value / peer["bf16-cl"][key]
        line += "   %.1fx: %s" % (target, "met" if ratio >= target else "NOT met")
    print(line)
if not peer:
    print("(no GPU peer figures: ratios need a CUDA machine)")
