#!/usr/bin/env bash
# The Debian package, end to end: cpack builds the .deb from the built tree (the install
# step and dpkg-deb, no compilation), dpkg-deb unpacks it into a scratch root, and the
# programs run from there with LD_LIBRARY_PATH unset: --version, info, a tiny train and a
# short render of a generated sequence. The desktop entry and the AppStream metadata go
# through their validators, the man pages through groff, the OCIO config through ociocheck.
# Usage: package_test.sh BUILD_DIR VERSION
set -euo pipefail
build_dir=$(cd "$1" && pwd)
version=$2
scratch=$(mktemp -d "${TMPDIR:-/tmp}/filmrecover-package.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
fail() { echo "package test: $*" >&2; exit 1; }
step() { echo "--- $*"; }
# Every program below gets a time limit: a hang fails the test instead of stalling CTest.
limit() { timeout --kill-after=10 "$@"; }

step "cpack (install step + dpkg-deb)"
start=$(date +%s)
limit 600 cpack -G DEB --config "$build_dir/CPackConfig.cmake" -B "$scratch/out" > "$scratch/cpack.log" 2>&1 \
  || { cat "$scratch/cpack.log"; fail "cpack failed"; }
echo "cpack took $(( $(date +%s) - start )) s"
debs=("$scratch"/out/*.deb)
[ ${#debs[@]} -eq 1 ] && [ -f "${debs[0]}" ] || fail "expected one .deb in $scratch/out, found: ${debs[*]}"
deb=${debs[0]}
[ "$(basename "$deb")" = "filmrecover_${version}_$(dpkg --print-architecture).deb" ] \
  || fail "package file is named $(basename "$deb")"
echo "package: $(basename "$deb"), $(stat -c %s "$deb") bytes"

step "control fields"
dpkg-deb -f "$deb" Package Version Depends > "$scratch/control"
cat "$scratch/control"
grep -qx "Version: $version" "$scratch/control" || fail "Version is not $version"
# dpkg-shlibdeps found the libraries the programs link: LibTorch, OIIO, OCIO, Qt.
for lib in libc6 libtorch libopenimageio libopencolorio libqt6widgets6; do
  grep -q "^Depends:.*\b$lib" "$scratch/control" || fail "Depends lacks $lib (dpkg-shlibdeps)"
done

step "contents"
dpkg-deb -c "$deb" | awk '{print $NF}' > "$scratch/contents"
for path in ./usr/bin/filmrecover ./usr/bin/filmrecover-cli \
    ./usr/share/filmrecover/ocio/config.ocio \
    ./usr/share/filmrecover/farm/opencue-render.cuespec.xml ./usr/share/filmrecover/farm/slurm-render.sbatch \
    ./usr/share/applications/filmrecover.desktop ./usr/share/metainfo/io.github.filmrecover.metainfo.xml \
    ./usr/share/icons/hicolor/scalable/apps/filmrecover.svg \
    ./usr/share/man/man1/filmrecover-cli.1.gz ./usr/share/man/man1/filmrecover.1.gz \
    ./usr/share/doc/filmrecover/farm.md ./usr/share/doc/filmrecover/cli/submit.md; do
  grep -qx -- "$path" "$scratch/contents" || fail "the package lacks $path"
done
# Nothing of the build tree or of the tests travels.
if grep -q "tests\|CMakeFiles\|\.a$" "$scratch/contents"; then fail "build files in the package"; fi

step "unpack into a scratch root"
root=$scratch/root
dpkg-deb -x "$deb" "$root"
cli=$root/usr/bin/filmrecover-cli
gui=$root/usr/bin/filmrecover
# The installed programs must not look into the build tree for libraries.
for exe in "$cli" "$gui"; do
  if readelf -d "$exe" | grep -q "RPATH\|RUNPATH"; then
    readelf -d "$exe" | grep "RPATH\|RUNPATH"
    fail "$(basename "$exe") carries an RPATH"
  fi
  env -u LD_LIBRARY_PATH ldd "$exe" > "$scratch/ldd" || fail "ldd $(basename "$exe") failed"
  if grep -q "not found" "$scratch/ldd"; then grep "not found" "$scratch/ldd"; fail "unresolved libraries"; fi
done

step "validators"
limit 60 desktop-file-validate "$root/usr/share/applications/filmrecover.desktop" \
  || fail "desktop-file-validate rejected the desktop entry"
limit 60 appstreamcli validate --no-net "$root/usr/share/metainfo/io.github.filmrecover.metainfo.xml" \
  || fail "appstreamcli rejected the AppStream metadata"
grep -q "<release version=\"$version\"" "$root/usr/share/metainfo/io.github.filmrecover.metainfo.xml" \
  || fail "the AppStream metadata has no <release> for $version"
limit 60 ociocheck --iconfig "$root/usr/share/filmrecover/ocio/config.ocio" > "$scratch/ociocheck" 2>&1 \
  || { cat "$scratch/ociocheck"; fail "ociocheck rejected the packaged OCIO config"; }

step "man pages"
for page in filmrecover-cli filmrecover; do
  zcat "$root/usr/share/man/man1/$page.1.gz" > "$scratch/$page.1"
  # -ww: every groff warning; a malformed page prints some.
  groff -man -Tutf8 -ww -z "$scratch/$page.1" 2> "$scratch/groff.err" || fail "groff failed on $page.1"
  [ ! -s "$scratch/groff.err" ] || { cat "$scratch/groff.err"; fail "groff warns about $page.1"; }
done
# Every command the installed program lists has its section, with its flags.
commands=$(env -u LD_LIBRARY_PATH "$cli" --help | awk '/^Subcommands:/{on=1; next} on && /^  [a-z]/{print $1}')
[ -n "$commands" ] || fail "filmrecover-cli --help lists no commands"
for c in $commands; do
  grep -qx ".SS $c" "$scratch/filmrecover-cli.1" || fail "filmrecover-cli.1 has no section for '$c'"
done
grep -q '^\\fB\\-\\-skip\\-existing\\fR$' "$scratch/filmrecover-cli.1" || fail "filmrecover-cli.1 lacks render --skip-existing"
grep -q '^\\fB\\-\\-compare MODE\\fR$' "$scratch/filmrecover.1" || fail "filmrecover.1 lacks --compare"

step "run from the scratch root (LD_LIBRARY_PATH unset)"
run() { limit 300 env -u LD_LIBRARY_PATH OMP_NUM_THREADS=1 "$@"; }
got=$(run "$cli" --version)
[ "$got" = "filmrecover-cli $version" ] || fail "--version printed '$got'"
run env QT_QPA_PLATFORM=offscreen "$gui" --help > "$scratch/gui-help" || fail "the installed workstation does not start"
grep -q "^Usage: filmrecover" "$scratch/gui-help" || fail "filmrecover --help printed no usage"

work=$scratch/work
mkdir -p "$work"
# A tiny sequence: three 64x48 frames of different noise.
for f in 1 2 3; do
  oiiotool --pattern "noise:type=uniform:min=0.05:max=0.95:seed=$f" 64x48 3 -d half \
    -o "$work/src.000$f.exr" || fail "oiiotool could not write frame $f"
done
run "$cli" info "$work/src.####.exr" --json > "$scratch/info.json" || fail "info failed"
python3 - "$scratch/info.json" <<'EOF' || fail "info reported the wrong sequence"
import json, sys
info = json.load(open(sys.argv[1]))
got = (info["kind"], info["count"], info["frames"], info["width"], info["height"], info["channels"])
assert got == ("sequence", 3, "1-3", 64, 48, 3), got
EOF
run "$cli" train --mode chroma --input "$work/src.####.exr" --target "$work/src.####.exr" --frames 1-2 \
  -o "$work/m.frm" --size S --steps 3 --crop 32 --batch 1 --threads 1 --preview-every 0 --quiet \
  || fail "train failed from the installed layout"
run "$cli" render --model "$work/m.frm" --input "$work/src.####.exr" -o "$work/out/r.####.exr" \
  --frames 2-3 --threads 1 --json > "$scratch/render.json" || fail "render failed from the installed layout"
python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); assert j["rendered"] == 2, j' "$scratch/render.json" \
  || fail "render did not report 2 frames"
for f in 2 3; do
  out=$work/out/r.000$f.exr
  [ -f "$out" ] || fail "render wrote no $out"
  oiiotool --info "$out" | grep -q "64 x  *48, 3 channel" || fail "$out is not 64x48"
done
echo "package test: passed"
