#!/usr/bin/env bash
# Everything a session with a lent GPU measures, in one command (docs/gpu.md, "Running the check
# on a bare GPU machine"): the GPU check (tests + 512^3 order-8 benchmark), the benchmark at the
# other orders, a larger cube and 2D, the stencil variant harness and an Nsight Compute profile of
# the product stencils (DRAM bytes per point), and the CPU engine beside the C reference on this
# machine's cores when scripts/gpu-carry.sh copied the reference into .bench-ref; each part's log goes to
# OUTDIR (default ./gpu-report), a summary of the figures to standard output. About 4 minutes
# on an H200. Prepare the carried tree with scripts/gpu-carry.sh first where the GPU machine has
# no JDK or Maven repository.
# Usage: scripts/gpu-report.sh [OUTDIR] [--skip-variants]
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
out="${1:-gpu-report}"
variants=1
[ "${2:-}" = "--skip-variants" ] && variants=0
mkdir -p "$out"
# The card and the host CPU (the CPU engine's figures there are read against it), in one file: the
# device tool brings back at most 8 files, so every part below writes one log at most.
{ command -v nvidia-smi >/dev/null 2>&1 && nvidia-smi; lscpu 2>/dev/null || cat /proc/cpuinfo; } > "$out/machine.txt" 2>&1

timeout 240 scripts/gpu-check.sh --no-build > "$out/gpu-check.log" 2>&1
check=$?
echo "gpu-report: gpu-check exit $check ($out/gpu-check.log)"
grep -E "gpu-tests:|\[gpu-([a-z]+-)*vs-cpu\]|stencil kernel alone|full step" "$out/gpu-check.log"
# The stencil figure is what the session is for: when failing tests stopped the check before the
# benchmark, or the engine's full step failed in it, the benchmark alone, then with the separate
# C-PML kernels (the layout measured before the fused one).
for opts in "" "-Dseiswork.gpu.cpml=separate"; do
  [ "$check" = 2 ] && break
  grep -q "stencil kernel alone" "$out/gpu-check.log" && break
  echo "gpu-report: no stencil figure yet; benchmark alone${opts:+ with $opts}"
  SEISWORK_JAVA_OPTS="$opts" timeout 75 scripts/gpu-check.sh --no-build --skip-tests >> "$out/gpu-check.log" 2>&1
  grep -E "full step|stencil kernel alone|Exception|rror" "$out/gpu-check.log" | tail -6
done
# The issue's target: the 3D order-8 stencil at >= 60 % of peak bandwidth, per kernel variant;
# one pass over the log also notes the engine's kernel (the first line) and the fastest.
awk -v picks="$out/stencil-picks" '/stencil kernel alone, / {
       v = $0; sub(/.*stencil kernel alone, /, "", v); sub(/ \(.*/, "", v)
       if (first == "") first = v
       if (/failed/) { printf "gpu-report: 512^3 order 8, %s stencil failed\n", v; next }
       f = $0; sub(/.* = /, "", f); sub(/ %.*/, "", f)
       printf "gpu-report: 512^3 order 8, %s stencil at %s %% of peak: %s\n", v, f, (f + 0 >= 60 ? "meets the 60 % target" : "below the 60 % target")
       if (f + 0 > bf) { bf = f + 0; bv = v }
     } END { print first, bv > picks }' "$out/gpu-check.log"
read -r first best < "$out/stencil-picks" || true
# Likewise the C-PML layouts' full steps in the 512^3 benchmark (not the GPU tests' small one).
awk -v picks="$out/stencil-picks" '/^gpu-check: benchmark/ { on = 1 }
     on && /full step \(stencil/ && !/failed/ {
       l = $0; sub(/.*C-PML /, "", l); sub(/[,:].*/, "", l)
       if (firstLayout == "") firstLayout = l
       g = $0; sub(/ Gpts\/s.*/, "", g); sub(/.* /, "", g)
       if (g + 0 > bg) { bg = g + 0; bl = l }
     } END { print firstLayout, bl > picks }' "$out/gpu-check.log"
read -r firstLayout bestLayout < "$out/stencil-picks" || true
rm -f "$out/stencil-picks"
# When another kernel or C-PML layout beats the engine's, the 512^3 benchmark again with those as
# the engine's (with its full step by kernel), so that making them the default needs no further
# GPU run.
opts=""
[ -n "$best" ] && [ "$best" != "$first" ] && opts="-Dseiswork.gpu.stencil=$best"
[ -n "$bestLayout" ] && [ "$bestLayout" != "$firstLayout" ] && opts="$opts -Dseiswork.gpu.cpml=$bestLayout"
if [ -n "$opts" ]; then
  echo "gpu-report: faster than the engine's ($first stencil, $firstLayout C-PML): 512^3 benchmark with$opts"
  SEISWORK_JAVA_OPTS="$opts" timeout 75 scripts/gpu-check.sh --no-build --skip-tests > "$out/benchmarks.log" 2>&1
  grep -E "full step|stencil kernel alone" "$out/benchmarks.log"
fi

# Most wanted first: a device call is cut at 10 minutes, and what is logged by then comes back.
if [ "$variants" = 1 ] && [ "$check" != 2 ] && command -v nvcc >/dev/null 2>&1; then
  # Chunks of 16 planes (the engine's automatic chunk at 512^3) and 32: about 35 variants.
  CHUNK=16,32 timeout 200 scripts/gpu-stencil-variants.sh 512 50 > "$out/stencil-variants.log" 2>&1
  echo "gpu-report: stencil variants exit $? ($out/stencil-variants.log)"
  grep -E "^variants:|chunk +(16|32) " "$out/stencil-variants.log"
  timeout 120 scripts/gpu-stencil-variants.sh --ncu 512 > "$out/ncu.log" 2>&1
  echo "gpu-report: Nsight Compute exit $? ($out/ncu.log)"
  grep -E "^ncu:|dram__bytes|lts__t_sector_hit|sm__warps_active|gpu__time_duration|==ERROR==" "$out/ncu.log"
  # The engine's full step under Nsight Compute (512^3 order 8, fused C-PML): the second step's 13
  # launches (6 psi kernels, the interior stencil, 6 layer boxes), to say where the half of the
  # full step's time that is not the interior stencil goes.
  ncu="$(command -v ncu || ls /usr/local/cuda/bin/ncu 2>/dev/null || true)"
  if [ -n "$ncu" ]; then
    metrics=gpu__time_duration.sum,dram__bytes_read.sum,dram__bytes_write.sum,lts__t_bytes.sum
    metrics+=,lts__t_sector_hit_rate.pct,l1tex__t_sector_hit_rate.pct,sm__warps_active.avg.pct_of_peak_sustained_active
    metrics+=,dram__throughput.avg.pct_of_peak_sustained_elapsed,sm__throughput.avg.pct_of_peak_sustained_elapsed
    SEISWORK_BENCH_PREFIX="$ncu --kernel-name regex:stencil|cpml --launch-skip 13 --launch-count 13 --metrics $metrics" \
      timeout 150 scripts/gpu-check.sh --no-build --skip-tests --steps 2 > "$out/ncu-step.log" 2>&1
    echo "gpu-report: Nsight Compute of the full step exit $? ($out/ncu.log)"
    cat "$out/ncu-step.log" >> "$out/ncu.log"
    grep -E "^  [a-z_0-9]+\(|^  [a-z_0-9]+ |gpu__time|dram__bytes|lts__t_bytes|hit_rate|throughput|==ERROR==" \
      "$out/ncu-step.log" | head -150
    rm -f "$out/ncu-step.log"
  fi
fi
if [ "$check" != 2 ]; then
  for args in "--grid 512 --order 4" "--grid 512 --order 2" "--grid 768 --steps 50" "--2d --grid 8192 --order 8"; do
    # shellcheck disable=SC2086
    timeout 75 scripts/gpu-check.sh --no-build --skip-tests $args >> "$out/benchmarks.log" 2>&1
  done
  # Whether trace copies overlap compute: a 256^3 shot with 40 000 receivers against one receiver.
  timeout 90 scripts/gpu-check.sh --no-build --skip-tests --trace-copies --grid 256 --steps 800 >> "$out/benchmarks.log" 2>&1
  echo "gpu-report: benchmarks ($out/benchmarks.log)"
  grep -E "^gpu-check: benchmark|stencil kernel alone|full step|receiver carpet" "$out/benchmarks.log"
fi
if [ -d .bench-ref ]; then
  timeout 120 scripts/gpu-cpu-bench.sh 1 > "$out/cpu-bench.log" 2>&1
  echo "gpu-report: CPU engine against the C reference exit $? ($out/cpu-bench.log)"
  sed -n '/^--- summary/,$p' "$out/cpu-bench.log"
fi
exit "$check"
