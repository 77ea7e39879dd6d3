#!/bin/sh
# Compiles the GPU kernels for the kernels jar (called by the "cuda" Maven profile, kernels/pom.xml).
#   nvcc-build.sh NVCC SOURCE_DIR OUTPUT_DIR
# Writes OUTPUT_DIR/seiswork.ptx (compute_75 PTX; ISA 9.0 with nvcc 13, needs a driver R580+) and
# OUTPUT_DIR/seiswork.fatbin (SASS sm_80 + sm_90, compute_75 and compute_90 PTX: cards newer than
# Hopper JIT the compute_90 PTX, which keeps the sm_90 bulk-copy stencil). Does nothing when both are newer
# than every file in SOURCE_DIR. Any nvcc error fails the build.
set -eu
nvcc="$1"
src="$2"
out="$3"
if [ ! -x "$nvcc" ]; then
  echo "nvcc-build: $nvcc is not an executable nvcc; build with -P!cuda to skip the GPU kernels" >&2
  exit 1
fi
mkdir -p "$out"
fresh=1
for f in "$out/seiswork.ptx" "$out/seiswork.fatbin"; do
  if [ ! -f "$f" ] || [ -n "$(find "$src" -type f -newer "$f" | head -n 1)" ]; then
    fresh=0
  fi
done
if [ "$fresh" = 1 ]; then
  echo "nvcc-build: $out/seiswork.{ptx,fatbin} up to date"
  exit 0
fi
echo "nvcc-build: $("$nvcc" --version | tail -n 2 | head -n 1)"
echo "nvcc-build: $src/seiswork.cu -> $out/seiswork.ptx (compute_75)"
"$nvcc" -ptx -arch=compute_75 -lineinfo "$src/seiswork.cu" -o "$out/seiswork.ptx.tmp"
echo "nvcc-build: $src/seiswork.cu -> $out/seiswork.fatbin (sm_80, sm_90, compute_75, compute_90)"
"$nvcc" -fatbin -lineinfo \
  -gencode arch=compute_80,code=sm_80 \
  -gencode arch=compute_90,code=sm_90 \
  -gencode arch=compute_75,code=compute_75 \
  -gencode arch=compute_90,code=compute_90 \
  "$src/seiswork.cu" -o "$out/seiswork.fatbin.tmp"
mv "$out/seiswork.ptx.tmp" "$out/seiswork.ptx"
mv "$out/seiswork.fatbin.tmp" "$out/seiswork.fatbin"
