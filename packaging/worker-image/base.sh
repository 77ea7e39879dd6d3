#!/usr/bin/env bash
# Usage: base.sh RUNTIME_DIR OUT.tar
# Assembles the worker image's base as a docker-save tarball that Jib takes as `tar://` (no
# registry, no daemon): one layer holding
#   - the Debian 12 packages in packages.txt, unpacked with dpkg-deb (glibc and the C++ runtime
#     the JVM and the JCuda natives need, os-release; no shell, no package manager), listed in
#     /var/lib/dpkg/status;
#   - the Java runtime RUNTIME_DIR at /opt/java;
#   - the user seiswork (uid/gid 10001, home /home/seiswork), /tmp (1777) and /scratch (the work
#     directory, 0700, owned by seiswork; infra/ mounts the instance's scratch disk over it).
# The packages are fetched with `apt-get download` into packaging/target/debs once. The layer tar
# is built with fixed owners, order and times, so the same inputs give the same layer digest.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
runtime="$1" out="$2"
work="$(dirname "$out")/worker-base"
debs="$(dirname "$out")/debs"
uid=10001

mapfile -t packages < <(grep -v -e '^#' -e '^$' "$here/packages.txt")
mkdir -p "$debs"
fetch() { (cd "$debs" && apt-get download -q "${packages[@]}" >/dev/null 2>"$debs/apt.log"); }
have_all() {
  local p
  for p in "${packages[@]}"; do compgen -G "$debs/${p}_*.deb" >/dev/null || return 1; done
}
if ! have_all; then
  echo "packaging: downloading ${packages[*]} (Debian)" >&2
  if ! fetch; then
    if [ "$(id -u)" = 0 ]; then
      apt-get update -q >/dev/null && fetch
    fi
  fi
  have_all || { cat "$debs/apt.log" >&2; echo "base.sh: cannot download ${packages[*]} with apt-get (a Debian or Ubuntu build machine with its package mirror is needed)" >&2; exit 1; }
fi

rm -rf "$work"
rootfs="$work/rootfs"
mkdir -p "$rootfs"
for p in "${packages[@]}"; do
  dpkg-deb -x "$(ls "$debs/${p}"_*.deb | tail -1)" "$rootfs"
done
# Keep each package's copyright notice, drop what a JVM never reads (iconv modules, changelogs, locales).
rm -rf "$rootfs"/usr/lib/x86_64-linux-gnu/gconv "$rootfs"/usr/share/locale "$rootfs"/usr/share/lintian \
  "$rootfs"/usr/share/gdb "$rootfs"/usr/share/doc/*/changelog*
mkdir -p "$rootfs/opt" "$rootfs/etc" "$rootfs/tmp" "$rootfs/scratch" "$rootfs/home/seiswork"
cp -a "$runtime" "$rootfs/opt/java"
cp "$here/etc/passwd" "$here/etc/group" "$here/etc/nsswitch.conf" "$rootfs/etc/"
# /usr/lib64 too: where the NVIDIA container runtime puts the driver's libraries when it does not
# recognise the distribution.
printf '/lib/x86_64-linux-gnu\n/usr/lib/x86_64-linux-gnu\n/usr/lib64\n' > "$rootfs/etc/ld.so.conf"
# The packages as dpkg would list them installed: what image scanners read.
mkdir -p "$rootfs/var/lib/dpkg"
for p in "${packages[@]}"; do
  dpkg-deb -f "$(ls "$debs/${p}"_*.deb | tail -1)" | sed '/^Package:/a Status: install ok installed'
  echo
done > "$rootfs/var/lib/dpkg/status"
ldconfig -r "$rootfs" 2>/dev/null || true   # the loader's cache; the loader also searches those two folders without it
rm -f "$rootfs/var/cache/ldconfig/aux-cache"   # inode numbers and times of this build: not reproducible, not needed
chmod 1777 "$rootfs/tmp"
chmod 0700 "$rootfs/scratch" "$rootfs/home/seiswork"

layer="$work/layer.tar"
as_root=()
[ "$(id -u)" = 0 ] || as_root=(fakeroot)
"${as_root[@]}" bash -c "
  chown -R 0:0 '$rootfs' && chown $uid:$uid '$rootfs/scratch' '$rootfs/home/seiswork' &&
  tar --sort=name --mtime=@0 --numeric-owner --format=posix --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime \
    -C '$rootfs' -cf '$layer' .
"
diff_id="sha256:$(sha256sum "$layer" | cut -d' ' -f1)"
cat > "$work/config.json" <<JSON
{
  "architecture": "amd64",
  "os": "linux",
  "created": "1970-01-01T00:00:00Z",
  "config": {
    "Env": ["PATH=/opt/java/bin:/usr/bin:/bin", "JAVA_HOME=/opt/java", "LANG=C.UTF-8"],
    "User": "$uid:$uid",
    "WorkingDir": "/home/seiswork"
  },
  "rootfs": { "type": "layers", "diff_ids": ["$diff_id"] },
  "history": [{ "created": "1970-01-01T00:00:00Z", "created_by": "packaging/worker-image/base.sh" }]
}
JSON
config_name="$(sha256sum "$work/config.json" | cut -d' ' -f1).json"
mv "$work/config.json" "$work/$config_name"
cat > "$work/manifest.json" <<JSON
[{ "Config": "$config_name", "RepoTags": ["seiswork-worker-base:local"], "Layers": ["layer.tar"] }]
JSON
tar --sort=name --mtime=@0 --numeric-owner --owner=0 --group=0 -C "$work" -cf "$out" manifest.json "$config_name" layer.tar
rm -f "$layer"
echo "packaging: base image $out ($(du -h "$out" | cut -f1), layer $diff_id)" >&2
