#!/usr/bin/env bash
# Builds the cloud worker's container image without a Docker daemon or registry access:
#   1. a base image (packaging/target/worker-base.tar, docker-save format) assembled from Debian 12
#      packages (glibc, libgcc, libstdc++: all the JVM and the JCuda natives link against) and the
#      Java runtime of packaging/lib.sh, with the non-root user seiswork (uid/gid 10001);
#   2. the application's jars on top with Jib (app/pom.xml), entry point `seiswork`, default
#      command `worker --cloud aws`, as infra/ runs it.
# The GPU driver is not in the image: on a GPU host the NVIDIA container runtime mounts
# libcuda.so into it (NVIDIA_VISIBLE_DEVICES / NVIDIA_DRIVER_CAPABILITIES are set), and the
# engine JIT-compiles its PTX there.
#
# Options:
#   --tar             (default) write packaging/target/seiswork-worker.tar, for `docker load`
#   --push IMAGE      push to a registry instead, e.g.
#                     123456789012.dkr.ecr.eu-west-1.amazonaws.com/seiswork-worker:0.1.0
#                     (Jib takes credentials from Docker's config / credential helpers, e.g.
#                     docker-credential-ecr-login; none are stored by this script)
#   --no-build        use the jars already in app/target
# About 30 s on 2 cores the first time (Debian packages downloaded into packaging/target/debs),
# 10 s after; the image is about 160 MB.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

mode=tar image="seiswork-worker:$(project_version)" no_build=0
while [ $# -gt 0 ]; do
  case "$1" in
    --tar) mode=tar ;;
    --push) mode=push; image="${2:?--push needs an image reference}"; shift ;;
    --no-build) no_build=1 ;;
    -h|--help) sed -n '2,24p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "worker-image.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
  shift
done

build_app
build_runtime
"$packaging_dir/worker-image/base.sh" "$target/runtime" "$target/worker-base.tar"

cd "$repo_root"
if [ "$mode" = push ]; then
  echo "packaging: Jib: pushing $image" >&2
  mvn -B -q -ntp -DskipTests -pl app -am package jib:build -Dimage="$image" \
    -Dseiswork.worker.base="$target/worker-base.tar" 1>&2
  echo "packaging: pushed $image" >&2
else
  echo "packaging: Jib: image tarball $image" >&2
  mvn -B -q -ntp -DskipTests -pl app -am package jib:buildTar -Dimage="$image" \
    -Dseiswork.worker.base="$target/worker-base.tar" 1>&2
  mv app/target/jib-image.tar "$target/seiswork-worker.tar"
  echo "packaging: $target/seiswork-worker.tar ($(du -h "$target/seiswork-worker.tar" | cut -f1)); load it with: docker load -i $target/seiswork-worker.tar" >&2
fi
