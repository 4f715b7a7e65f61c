#!/usr/bin/env bash
# Builds the fuzzers with clang (tests/fuzz/CMakeLists.txt, into build/fuzz) and runs each for a
# bounded time on its seed corpus, printing one summary line per fuzzer. `make test` runs it.
#
#   tests/fuzz/run.sh                      # every fuzzer, FUZZ_SECONDS (default 20) each
#   FUZZ_SECONDS=600 tests/fuzz/run.sh cube catalog   # longer, only these
#   FUZZ_JOBS=2                            # fuzzers run side by side (default: nproc, at most 2)
#
# A crash leaves its input in build/fuzz/crashes/<fuzzer>/ and makes the script exit 1;
# reproduce with build/fuzz/fuzz_<fuzzer> <that file>.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
build="${FUZZ_BUILD_DIR:-$root/build/fuzz}"
seconds="${FUZZ_SECONDS:-20}"
jobs="${FUZZ_JOBS:-$(( $(nproc) < 2 ? 1 : 2 ))}"
export CCACHE_DIR="${CCACHE_DIR:-$HOME/.cache/filmrecover-ccache}"
export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$root}"

all=(frame_set frame_pattern sequence_scan frame_metadata mapping_json transforms_json dataset_json model_file catalog cube
     ocio_config file_completeness)
fuzzers=("$@")
[ ${#fuzzers[@]} -gt 0 ] || fuzzers=("${all[@]}")

start=$(date +%s)
mkdir -p "$build"
# Quiet when it works, the whole output when it does not (a CI log shows the error).
if [ ! -f "$build/build.ninja" ] &&
   ! CC=clang CXX=clang++ cmake -S "$root/tests/fuzz" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=None \
       >"$build/configure.log" 2>&1; then
  cat "$build/configure.log"
  echo "fuzz: configuring the clang build failed (clang and libclang-rt-14-dev installed?)"
  exit 1
fi
if ! cmake --build "$build" -j "$(nproc)" --target $(printf 'fuzz_%s ' "${fuzzers[@]}") >"$build/build.log" 2>&1; then
  tail -n 60 "$build/build.log"
  echo "fuzz: building the fuzzers failed"
  exit 1
fi
echo "fuzz: built in $(( $(date +%s) - start )) s"

run_one() {
  local name="$1" build="$2" seconds="$3" root="$4"
  local work="$build/corpus/$name" crashes="$build/crashes/$name" log="$build/logs/$name.log"
  mkdir -p "$work" "$crashes" "$(dirname "$log")" "$build/tmp/$name"
  local extra=()
  case "$name" in *_json|model_file|catalog|frame_metadata) extra=(-dict="$root/tests/fuzz/json.dict") ;; esac
  # OIIO keeps every metadata string it has seen (ustring), about 1 KB per input here: past
  # ~1.9 million inputs that reaches the 2 GB limit, so long runs of this one stop at a million.
  [ "$name" != frame_metadata ] || extra+=(-runs=1000000)
  # The checked-in seeds stay as they are; what the fuzzer finds goes to build/fuzz/corpus.
  TMPDIR="$build/tmp/$name" "$build/fuzz_$name" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$crashes/" "${extra[@]}" "$work" "$root/tests/fuzz/corpus/$name" \
    >"$log" 2>&1
  echo $? >"$log.rc"
  rm -rf "$build/tmp/$name"
}
export -f run_one
printf '%s\n' "${fuzzers[@]}" | xargs -P "$jobs" -I{} bash -c 'run_one "$@"' _ {} "$build" "$seconds" "$root"

failed=0
for name in "${fuzzers[@]}"; do
  log="$build/logs/$name.log"
  rc=$(cat "$log.rc")
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  last=$(grep -E '^#[0-9]+' "$log" | tail -n 1)
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
  ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
  corp=$(sed -n 's/.* corp: \([0-9]*\).*/\1/p' <<<"$last")
  rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$log" | tail -n 1)
  # crash-, leak-, timeout- and oom- files are failures; slow-unit- files are only notes.
  crashes=$(find "$build/crashes/$name" -type f -newermt "@$start" \( -name 'crash-*' -o -name 'leak-*' \
    -o -name 'timeout-*' -o -name 'oom-*' \) | wc -l)
  echo "fuzz $name: ${execs:-0} executions in ${seconds} s, coverage ${cov:-?} edges / ${ft:-?} features, corpus ${corp:-?}, peak ${rss:-?} MB, crashes ${crashes}$([ "$rc" = 0 ] || echo " (exit $rc)")"
  if [ "$rc" != 0 ]; then
    failed=1
    grep -E 'ERROR|SUMMARY|runtime error|uncaught|Test unit written' "$log" | head -n 8 | sed 's/^/    /'
  fi
done
echo "fuzz: ${#fuzzers[@]} fuzzers, $(( $(date +%s) - start )) s in all"
exit $failed
