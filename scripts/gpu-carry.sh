#!/usr/bin/env bash
# Prepares what a bare GPU machine (no Maven repository, no JDK, no network) needs to run
# scripts/gpu-check.sh --no-build, in well under 64 MB:
#   - builds core + kernels here, with the CUDA kernels when nvcc is here (PTX + fatbin), and the
#     dependency jars in kernels/target/gpu-check-lib (gpu-check.sh --skip-tests does both);
#   - drops the JIT PTX compiler library from the JCuda natives jar (24 MB; the engine loads PTX
#     and fatbin through the driver and never calls it);
#   - jlinks a Java 25 runtime with only the modules the GPU check uses into .jre (about 45 MB);
#   - copies the C reference benchmarks (/work/shared/bench, or BENCH_DIR) into .bench-ref, for
#     scripts/gpu-cpu-bench.sh (the CPU engine beside them on the GPU machine's cores).
# Carry: .jre kernels/target/classes kernels/target/test-classes kernels/target/gpu-check-lib
#        core/target/classes .bench-ref   (docs/gpu.md, "Running the check on a bare GPU machine").
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
. scripts/lib/jdk.sh
seiswork_find_jdk
scripts/gpu-check.sh --skip-tests >/dev/null 2>&1 || true   # builds; stops at "no usable GPU" here
[ -f kernels/target/classes/cuda/seiswork.ptx ] || { echo "gpu-carry: no PTX built (nvcc missing?)" >&2; exit 1; }
lib=kernels/target/gpu-check-lib
for jar in "$lib"/jcuda-natives-*.jar; do
  if unzip -l "$jar" | grep -q libJNvPTXCompiler; then
    zip -q -d "$jar" 'lib/libJNvPTXCompiler*'
  fi
done
rm -rf .jre
jlink --add-modules java.base,java.logging,java.management,jdk.management,jdk.unsupported,jdk.incubator.vector \
  --strip-debug --no-man-pages --no-header-files --compress=zip-9 --output .jre 2>&1 | grep -v 'incubator' || true
rm -f .jre/lib/server/classes*.jsa
rm -rf .bench-ref
if [ -d "${BENCH_DIR:-/work/shared/bench}" ]; then
  cp -r "${BENCH_DIR:-/work/shared/bench}" .bench-ref
fi
mkdir -p .git/info
for ignored in /.jre/ /.bench-ref/; do
  grep -qx "$ignored" .git/info/exclude 2>/dev/null || echo "$ignored" >> .git/info/exclude
done
du -sh .jre kernels/target/classes kernels/target/test-classes "$lib" core/target/classes .bench-ref 2>/dev/null
