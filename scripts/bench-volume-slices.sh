#!/usr/bin/env bash
# Slice extraction from the bricked volume store (.swv) against the same volume as SEG-Y.
# For each size in SIZES_GB (default "1 20"), generates a synthetic volume of nz = 1000 samples
# per trace and nx = ny chosen for that size, straight to .swv and to inline-sorted SEG-Y with
# `seiswork bench-volume generate` (streaming; no whole-volume array), then times the middle
# inline, crossline and depth slice with `seiswork bench-volume slices`: cold (page cache dropped,
# needs root) and warm. Files go to a temporary folder under ${TMPDIR:-/tmp}; each size's files are
# deleted before the next size is made, and all at exit. Set SEGY=no to skip the SEG-Y files.
# Output: markdown table rows for docs/benchmarks.md.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sizes="${SIZES_GB:-1 20}"
nz=1000
with_segy="${SEGY:-yes}"
export SEISWORK_JAVA_OPTS="${SEISWORK_JAVA_OPTS:--Xmx4g}"   # 2 GiB brick cache + a 0.6 GB writer slab

work="$(mktemp -d "${TMPDIR:-/tmp}/seiswork-bench-volume.XXXXXX")"
trap 'rm -rf "$work"' EXIT

"$root/seiswork" --version >/dev/null   # builds on first use, so the build is not timed

cold=""
if sync && echo 3 2>/dev/null > /proc/sys/vm/drop_caches; then cold="--cold"; fi

echo "| volume GB | .swv file GB | slice | samples (across x down) | 64³ bricks read | .swv cold ms | .swv warm page cache ms | .swv warm brick cache ms | SEG-Y cold ms | SEG-Y warm ms |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for gb in $sizes; do
  n=$(echo "sqrt($gb * 1000000000 / 4 / $nz)" | bc)
  need_kb=$(( gb * 1000000 * 115 / 100 ))                 # .swv with its pyramid and padding
  [ "$with_segy" = yes ] && need_kb=$(( need_kb + gb * 1000000 * 106 / 100 ))
  have_kb=$(df -Pk "$work" | awk 'NR==2 {print $4}')
  if [ "$have_kb" -lt "$need_kb" ]; then
    echo "bench-volume-slices: ${gb} GB needs $((need_kb / 1024)) MiB free in $work, has $((have_kb / 1024)) MiB" >&2
    exit 1
  fi
  args=(--nx "$n" --ny "$n" --nz "$nz" --swv "$work/v.swv")
  [ "$with_segy" = yes ] && args+=(--segy "$work/v.sgy")
  echo "generating ${gb} GB: $n x $n x $nz in $work ..." >&2
  "$root/seiswork" bench-volume generate "${args[@]}" >&2
  slice_args=(--swv "$work/v.swv" $cold)
  [ "$with_segy" = yes ] && slice_args+=(--segy "$work/v.sgy")
  "$root/seiswork" bench-volume slices "${slice_args[@]}"
  rm -f "$work/v.swv" "$work/v.sgy"
done
