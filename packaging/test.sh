#!/usr/bin/env bash
# End-to-end checks of the two packages, run by scripts/test.sh after the test suite (about two
# minutes on 2 cores). Each check prints what it showed; any failure stops with a non-zero status.
#
# Desktop (packaging/desktop.sh --deb):
#   - the packaged launcher runs the layered RTM demo and its image.sgy is byte-identical to
#     ./seiswork's (same jars, the packaged runtime: Vector API, EBCDIC headers, no JDK);
#   - under Xvfb it opens the result in the desktop viewer and writes a snapshot;
#   - the .deb names its package, its GTK dependency and its menu entry, and its unpacked launcher runs.
# Worker image (packaging/worker-image.sh):
#   - the image config: user 10001, entry point java ... Main, command worker --cloud aws;
#   - its layers unpacked into a root file system, chrooted as uid 10001 (needs root; a real
#     container runtime does the same with namespaces): the image's own JVM runs a modelling job
#     submitted to the local cloud (scripts/cloud-local.sh), and the fetched shots.sgy equals a
#     local run's byte for byte.
# Option: --no-build (use the jars already in app/target, as scripts/test.sh does after mvn verify).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$repo_root"
build_flag=()
[ "${1:-}" = --no-build ] && build_flag=(--no-build)

tmp="$(mktemp -d)"
mounted="" started_cloud=0
cleanup() {
  [ -n "$mounted" ] && umount "$mounted" 2>/dev/null || true
  [ "$started_cloud" = 1 ] && scripts/cloud-local.sh stop >/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT
fail() { echo "packaging test: FAILED: $*" >&2; exit 1; }
say() { echo "packaging test: $*"; }

# ---- desktop ---------------------------------------------------------------------------------
packaging/desktop.sh --deb ${build_flag[@]+"${build_flag[@]}"}
app="$target/desktop/seiswork/bin/seiswork"
version="$("$app" --version 2>/dev/null | head -1)"
[ "$version" = "Seiswork $(project_version)" ] || fail "packaged --version printed '$version'"

spec=examples/layered-2d-rtm.json
"$app" run "$spec" --out "$tmp/packaged" 2>/dev/null || fail "packaged launcher could not run $spec"
./seiswork run "$spec" --out "$tmp/launcher" 2>/dev/null
cmp "$tmp/packaged/image.sgy" "$tmp/launcher/image.sgy" || fail "packaged image.sgy differs from ./seiswork's"
"$app" segy info "$tmp/packaged/image.sgy" 2>/dev/null | grep -c "C 1" >/dev/null || fail "segy info shows no EBCDIC text header"
say "desktop app image: $version; $spec gives ./seiswork's image.sgy byte for byte; segy info reads the EBCDIC header"

if command -v xvfb-run >/dev/null && ldconfig -p | grep libgtk-3.so.0 >/dev/null; then
  LIBGL_ALWAYS_SOFTWARE=1 xvfb-run -a -s "-screen 0 1280x1024x24" \
    "$app" view "$tmp/packaged/image.swv" --snapshot "$tmp/view.png" >/dev/null 2>&1 || fail "packaged viewer failed"
  size=$(stat -c %s "$tmp/view.png")
  [ "$size" -gt 20000 ] || fail "viewer snapshot is only $size bytes"
  say "desktop app image: the viewer opened image.swv under Xvfb (snapshot $size bytes)"
else
  say "desktop viewer not checked: xvfb-run or GTK 3 missing (apt-get install xvfb libgtk-3-0)"
fi

deb="$(ls "$target"/seiswork_*_amd64.deb)"
info="$(dpkg-deb --info "$deb")"
grep -q "Package: seiswork" <<<"$info" || fail "$deb: no Package: seiswork"
grep -q "Depends:.*libgtk-3-0" <<<"$info" || fail "$deb: does not depend on libgtk-3-0"
contents="$(dpkg-deb --contents "$deb")"
grep -q "\.desktop$" <<<"$contents" || fail "$deb: no menu entry (.desktop file)"
dpkg-deb -x "$deb" "$tmp/deb"
deb_version="$("$tmp/deb/opt/seiswork/bin/seiswork" --version 2>/dev/null | head -1)"
[ "$deb_version" = "$version" ] || fail "the .deb's launcher printed '$deb_version'"
link="$(readlink "$tmp/deb/usr/bin/seiswork" || true)"
[ "$link" = /opt/seiswork/bin/seiswork ] || fail "$deb: usr/bin/seiswork links to '$link', not /opt/seiswork/bin/seiswork"
# The launcher finds its runtime from its own path: run it through a link, as from /usr/bin.
ln -s "$tmp/deb/opt/seiswork/bin/seiswork" "$tmp/seiswork-link"
link_version="$("$tmp/seiswork-link" --version 2>/dev/null | head -1)"
[ "$link_version" = "$version" ] || fail "the .deb's launcher run through a link printed '$link_version'"
say "desktop .deb: $(basename "$deb") ($(du -h "$deb" | cut -f1)), installs /opt/seiswork with a menu entry and /usr/bin/seiswork; its launcher runs, also through a link"

# ---- worker image ------------------------------------------------------------------------------
packaging/worker-image.sh --no-build
image="$target/seiswork-worker.tar"
# Built again elsewhere from the same packages and runtime, the base must be the same bytes.
cp -r "$target/debs" "$tmp/debs"
packaging/worker-image/base.sh "$target/runtime" "$tmp/base-again.tar" 2>/dev/null
[ "$(tar -xOf "$target/worker-base.tar" manifest.json)" = "$(tar -xOf "$tmp/base-again.tar" manifest.json)" ] \
  || fail "the worker image's base layer differs when built again: not reproducible"
mkdir -p "$tmp/image" "$tmp/rootfs"
tar -xf "$image" -C "$tmp/image"
python3 - "$tmp/image" > "$tmp/entrypoint" <<'PY' || fail "image config is not what infra/ runs"
import json, sys
d = sys.argv[1]
manifest = json.load(open(f"{d}/manifest.json"))[0]
config = json.load(open(f"{d}/{manifest['Config']}"))["config"]
assert config["User"] == "10001:10001", config["User"]
assert config["Cmd"] == ["worker", "--cloud", "aws"], config["Cmd"]
assert config["Entrypoint"][0] == "/opt/java/bin/java" and config["Entrypoint"][-1] == "io.seiswork.app.cli.Main", config["Entrypoint"]
assert "SEISWORK_WORK_DIR=/scratch" in config["Env"], config["Env"]
print("\n".join(config["Entrypoint"]))
open(f"{d}/layers.txt", "w").write("\n".join(manifest["Layers"]) + "\n")
PY
mapfile -t layers < "$tmp/image/layers.txt"
for layer in "${layers[@]}"; do
  tar --warning=no-unknown-keyword --numeric-owner -xzf "$tmp/image/$layer" -C "$tmp/rootfs"
done
[ "$(stat -c %u "$tmp/rootfs/scratch")" = 10001 ] || fail "/scratch is not owned by uid 10001"
grep -q '^ID=debian' "$tmp/rootfs/etc/os-release" || fail "/etc/os-release does not name Debian"
for p in base-files libc6 libgcc-s1 libstdc++6; do
  grep -q "^Package: $p\$" "$tmp/rootfs/var/lib/dpkg/status" || fail "/var/lib/dpkg/status does not list $p"
done
say "worker image: base layer reproducible ($(tar -xOf "$target/worker-base.tar" manifest.json | sed -n 's/.*"Config": "\([0-9a-f]\{12\}\).*/config \1…/p')); $(du -h "$image" | cut -f1), ${#layers[@]} layers, user 10001, command worker --cloud aws, Debian 12 packages listed for scanners"

if [ "$(id -u)" != 0 ]; then
  say "worker image not run: chroot needs root (run as root, or load the image with docker load)"
  exit 0
fi
if ! "$(command -v chroot)" / /bin/true 2>/dev/null; then
  say "worker image not run: chroot is not permitted here (no CAP_SYS_CHROOT); load it with docker load to run it"
  exit 0
fi
mkdir -p "$tmp/rootfs/proc"
if ! mount -t proc proc "$tmp/rootfs/proc" 2>/dev/null; then
  # The JVM finds its own libraries through /proc/self/exe, which a container runtime always mounts.
  say "worker image not run: mounting /proc is not permitted here (no CAP_SYS_ADMIN); load it with docker load to run it"
  exit 0
fi
mounted="$tmp/rootfs/proc"
mapfile -t entrypoint < "$tmp/entrypoint"
in_image() { # runs the image's entry point with ARGS as the image's user, environment as the image sets it
  env -i PATH=/opt/java/bin:/usr/bin:/bin HOME=/home/seiswork SEISWORK_WORK_DIR=/scratch \
    "$(command -v chroot)" --userspec=10001:10001 "$tmp/rootfs" "${entrypoint[@]}" "$@"
}
[ "$(in_image --version 2>/dev/null | head -1)" = "$version" ] || fail "the image's seiswork --version"

if ! scripts/cloud-local.sh status >/dev/null 2>&1; then
  scripts/cloud-local.sh start >/dev/null
  started_cloud=1
fi
model=examples/layered-2d-model.json
job="$(./seiswork submit "$model" --cloud local)"
in_image worker --cloud local --max-idle 5 2>"$tmp/worker.log" || { cat "$tmp/worker.log" >&2; fail "the image's worker"; }
status="$(./seiswork status "$job" --cloud local)"
grep -q ": DONE, " <<<"${status%%$'\n'*}" || { cat "$tmp/worker.log" >&2; fail "job $job not DONE: ${status%%$'\n'*}"; }
./seiswork fetch "$job" --cloud local --out "$tmp/cloud" >/dev/null
./seiswork run "$model" --out "$tmp/local" 2>/dev/null
cmp "$tmp/local/shots.sgy" "$tmp/cloud/shots.sgy" || fail "the image's worker's shots.sgy differs from a local run's"
left="$(ls -A "$tmp/rootfs/scratch/workers")"
[ -z "$left" ] || fail "the worker left $left in /scratch/workers"
say "worker image: its JVM, as uid 10001 in the image's root file system, ran job $job from the local cloud; shots.sgy equals a local run's byte for byte"
