#!/usr/bin/env bash
# Builds and runs the 3D stencil variant harness (scripts/bench/cuda-stencil-variants.cu) on a
# machine with an NVIDIA GPU and nvcc: for each variant and y chunk, agreement with the
# unpipelined kernel and Gpts/s / fraction of peak bandwidth at N^3 order 8 (docs/gpu.md,
# "Stencil kernel: what was measured"). About 40 s on an H200.
# Usage: scripts/gpu-stencil-variants.sh [N=512] [STEPS=50] [ARCH=sm_90]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
n="${1:-512}" steps="${2:-50}" arch="${3:-sm_90}"
nvcc="${NVCC:-$(command -v nvcc || echo /usr/local/cuda/bin/nvcc)}"
out="$(mktemp -d)"
"$nvcc" -O3 -arch="$arch" -std=c++17 -o "$out/stencil-variants" "$root/scripts/bench/cuda-stencil-variants.cu"
"$out/stencil-variants" "$n" "$steps"
