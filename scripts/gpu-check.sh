#!/usr/bin/env bash
# GPU acceptance check, for any machine with an NVIDIA GPU (docs/gpu.md):
#   1. builds kernels (+ core) with the CUDA kernels (nvcc) unless --no-build,
#   2. runs the GPU test group (@Tag("gpu"): GPU vs CPU traces, relative L2 < 1e-4, 2D and 3D,
#      space orders 2/4/8, free surface; progress/cancel; memory check; small benchmark),
#   3. runs the GPU benchmark (3D, space order 8, 512^3 by default) and prints Gpts/s and the
#      effective bandwidth as a fraction of the card's peak.
# Usage: scripts/gpu-check.sh [--no-build] [--grid N] [--steps K] [--order 8] [--2d] [--skip-tests]
#                             [--trace-copies]
# --trace-copies runs TraceCopyBenchmark in step 3 instead: a shot with a carpet of receivers against
# one receiver, whether trace copies overlap compute (--grid and --steps apply: give 256 and 800).
# Exit status: 0 all good; 1 a test or the build failed; 2 no usable GPU (the reason is printed).
# --no-build uses what is already built: kernels/target/{classes,test-classes} (with
# classes/cuda/seiswork.{ptx,fatbin}), core/target/classes and kernels/target/gpu-check-lib (the
# dependency jars) -- for a GPU machine without Maven's repository, nvcc or a JDK:
# scripts/gpu-carry.sh prepares those and a jlinked Java runtime (.jre) to carry there.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
build=1 tests=1 grid=512 steps=100 order=8 dim=() bench=io.seiswork.kernels.engine.cuda.CudaBenchmark
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) build=0 ;;
    --skip-tests) tests=0 ;;
    --grid) grid="$2"; shift ;;
    --steps) steps="$2"; shift ;;
    --order) order="$2"; shift ;;
    --2d) dim=(--2d) ;;
    --trace-copies) bench=io.seiswork.kernels.engine.cuda.TraceCopyBenchmark ;;
    *) echo "usage: $0 [--no-build] [--skip-tests] [--grid N] [--steps K] [--order 2|4|8] [--2d] [--trace-copies]" >&2; exit 64 ;;
  esac
  shift
done
t0=$(date +%s)
. "$root/scripts/lib/jdk.sh"
lib=kernels/target/gpu-check-lib
if [ "$build" = 1 ] && { ! command -v mvn >/dev/null 2>&1 || [ ! -d "$HOME/.m2/repository/org/jcuda/jcuda" ]; }; then
  if [ -f kernels/target/classes/cuda/seiswork.ptx ] && [ -d "$lib" ]; then
    echo "gpu-check: no Maven or no JCuda in ~/.m2 here; using the prebuilt classes (as --no-build)"
    build=0
  fi
fi
if [ "$build" = 1 ]; then
  seiswork_find_jdk
else
  seiswork_find_java "$root/.jre"   # a runtime is enough; scripts/gpu-carry.sh makes .jre
fi
echo "gpu-check: java $(sed -n 's/^JAVA_VERSION="\(.*\)"/\1/p' "$JAVA_HOME/release") at $JAVA_HOME"
if [ "$build" = 1 ]; then
  nvcc="${NVCC:-}"
  if [ -z "$nvcc" ]; then
    for c in /usr/local/bin/nvcc "$(command -v nvcc 2>/dev/null || true)" /usr/local/cuda/bin/nvcc; do
      if [ -n "$c" ] && [ -x "$c" ]; then nvcc="$c"; break; fi
    done
  fi
  if [ -n "$nvcc" ]; then
    profile=(-Pcuda "-Dnvcc.executable=$nvcc")
    echo "gpu-check: building with $nvcc"
  elif [ -f kernels/target/classes/cuda/seiswork.ptx ]; then
    profile=("-P!cuda")
    echo "gpu-check: no nvcc; keeping the prebuilt kernels in kernels/target/classes/cuda"
  else
    echo "gpu-check: no nvcc (set NVCC=...) and no prebuilt kernels: cannot build the GPU engine" >&2
    exit 1
  fi
  mvn -B -o -q "${profile[@]}" test-compile dependency:copy-dependencies -pl kernels -am \
    -DincludeScope=test -DexcludeGroupIds=io.seiswork -DoutputDirectory=target/gpu-check-lib
fi
for f in kernels/target/classes/cuda/seiswork.ptx kernels/target/test-classes "$lib"; do
  [ -e "$f" ] || { echo "gpu-check: $f missing (build first, without --no-build)" >&2; exit 1; }
done
cp="kernels/target/classes:kernels/target/test-classes:core/target/classes:$lib/*"
jvm=(-Xmx24g -XX:+UseParallelGC "${seiswork_jvm_options[@]}")
# As the launcher: SEISWORK_JAVA_OPTS reaches the JVM (for example -Dseiswork.gpu.stencil=bulk).
# shellcheck disable=SC2206
jvm+=(${SEISWORK_JAVA_OPTS:-})
if command -v nvidia-smi >/dev/null 2>&1; then
  nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.max.memory --format=csv,noheader | sed 's/^/gpu-check: nvidia-smi: /'
fi
if [ "$tests" = 1 ]; then
  echo "gpu-check: GPU tests"
  set +e
  java "${jvm[@]}" -cp "$cp" io.seiswork.kernels.engine.cuda.GpuTestMain 2>&1 | grep -v '^WARNING: Using incubator'
  rc=${PIPESTATUS[0]}
  set -e
  if [ "$rc" = 3 ]; then exit 2; fi
  if [ "$rc" != 0 ]; then echo "gpu-check: GPU tests FAILED" >&2; exit 1; fi
fi
echo "gpu-check: benchmark $([ ${#dim[@]} = 0 ] && echo "3D ${grid}^3" || echo "2D ${grid}^2"), order ${order}, ${steps} steps (after as many warm-up steps)"
set +e
# SEISWORK_BENCH_PREFIX runs the benchmark under a profiler (scripts/gpu-report.sh: Nsight Compute).
# shellcheck disable=SC2206
prefix=(${SEISWORK_BENCH_PREFIX:-})
if [ "$bench" = io.seiswork.kernels.engine.cuda.CudaBenchmark ]; then
  args=(--grid "$grid" --steps "$steps" --order "$order" "${dim[@]}")
else
  args=(--grid "$grid" --steps "$steps")
fi
"${prefix[@]}" java "${jvm[@]}" -cp "$cp" "$bench" "${args[@]}" 2>&1 | grep -v '^WARNING: Using incubator'
rc=${PIPESTATUS[0]}
set -e
echo "gpu-check: done in $(( $(date +%s) - t0 )) s"
exit "$rc"
