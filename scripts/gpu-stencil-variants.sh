#!/usr/bin/env bash
# Builds and runs the 3D stencil variant harness (scripts/bench/cuda-stencil-variants.cu) on a
# machine with an NVIDIA GPU and nvcc: for each variant and y chunk, agreement with the
# unpipelined kernel and Gpts/s / fraction of peak bandwidth at N^3 order 8 (docs/gpu.md,
# "Stencil kernel: what was measured"). About a minute on an H200.
# With --ncu, instead profiles the product kernels (and the chunk-major pipelined one) once each
# under Nsight Compute at 16-plane chunks: DRAM bytes read and written, L2 hit rate, achieved
# occupancy, duration (the bytes per point the bandwidth model assumes are 16).
# Usage: scripts/gpu-stencil-variants.sh [--ncu] [N=512] [STEPS=50] [ARCH=sm_90]
# CHUNK=K or CHUNK=K1,K2 in the environment times only y chunks of those many planes (default:
# the automatic chunk, 32, 16 and 12); ONLY="A|B" runs just the variants whose names contain A or B.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ncu_mode=0
if [ "${1:-}" = "--ncu" ]; then
  ncu_mode=1
  shift
fi
n="${1:-512}" steps="${2:-50}" arch="${3:-sm_90}"
nvcc="${NVCC:-$(command -v nvcc || echo /usr/local/cuda/bin/nvcc)}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
"$nvcc" -O3 -arch="$arch" -std=c++17 -o "$out/stencil-variants" "$root/scripts/bench/cuda-stencil-variants.cu"
if [ "$ncu_mode" = 0 ]; then
  "$out/stencil-variants" "$n" "$steps" "${ONLY:-}" "${CHUNK:-0}"
  exit
fi
ncu="$(command -v ncu || ls /usr/local/cuda/bin/ncu 2>/dev/null || true)"
if [ -z "$ncu" ]; then
  echo "ncu: Nsight Compute not found (PATH, /usr/local/cuda/bin); nothing profiled"
  exit 3
fi
metrics=dram__bytes_read.sum,dram__bytes_write.sum,lts__t_sector_hit_rate.pct
metrics+=,sm__warps_active.avg.pct_of_peak_sustained_active,gpu__time_duration.sum
for v in "product stencil3d_r4:stencil3d_r4" "product stencil3d_pf_r4:stencil3d_pf_r4" \
         "product stencil3d_wide_r4:stencil3d_wide_r4" \
         "product stencil3d_bulk_r4:stencil3d_bulk_r4" \
         "pipelined 64x8 chunk-major:pipe_64x8_cm"; do
  name="${v%%:*}" kernel="${v##*:}"
  echo "ncu: $name ($kernel), $n^3, chunk 16"
  # Launches of the kernel: 1 agreement check, then warm-up and timed steps; profile the 4th.
  "$ncu" --kernel-name regex:"$kernel" --launch-skip 3 --launch-count 1 --metrics "$metrics" \
    "$out/stencil-variants" "$n" 5 "$name" 16 2>&1 | grep -E "variant |dram__|lts__|sm__warps|gpu__time|==ERROR==|==WARNING=="
done
