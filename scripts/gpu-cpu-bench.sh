#!/usr/bin/env bash
# The CPU engine beside the C reference on a lent GPU machine's cores (16 there, against the 2 of
# the development VMs; docs/benchmarks.md, "CPU propagator"): 3D order 8 at 256^3, one thread and
# all cores, interleaved REPS times: the C reference (/work/shared/bench/cstencil/stencil.c, modes
# plain, blocked, split, split-blocked), Seiswork's interior stencil and its full modelling shot
# (CpuBenchmark: 20-cell C-PML, source, receivers); STREAM triad once per thread count for the
# roofline (16 B per point). Medians and ratios at the end, by scripts/bench-cpu-engine.sh --summarize
# (the machine is lent whole, so no quiet-machine gating: others=0). Needs gcc and the carried runtime and
# classes of scripts/gpu-carry.sh, which also copies the reference benchmarks into .bench-ref
# (BENCH_DIR overrides). About a minute on 16 cores.
# Usage: scripts/gpu-cpu-bench.sh [REPS=3] [STEPS=100]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
reps="${1:-3}" steps="${2:-100}"
ref="${BENCH_DIR:-$root/.bench-ref}"
if [ ! -f "$ref/cstencil/stencil.c" ] || [ ! -f "$ref/stream/stream.c" ]; then
  echo "cpu-bench: no reference benchmarks in $ref (scripts/gpu-carry.sh copies /work/shared/bench there)"
  exit 3
fi
. "$root/scripts/lib/jdk.sh"
seiswork_find_java "$root/.jre" || exit 1
bin="$(mktemp -d)"
trap 'rm -rf "$bin"' EXIT
gcc -O3 -march=native -fopenmp -Wall -o "$bin/stencil" "$ref/cstencil/stencil.c" -lm
gcc -O3 -march=native -fopenmp -Wall -o "$bin/stream" "$ref/stream/stream.c"
all="$(nproc)"
export OMP_PROC_BIND=true OMP_PLACES=cores
cp="kernels/target/classes:core/target/classes:kernels/target/gpu-check-lib/*"
log="$bin/runs.tsv"
record() { # case impl threads gpts computed others: the rows of scripts/bench-cpu-engine.sh
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$@" | tee -a "$log"
}
for t in 1 "$all"; do
  triad="$(OMP_NUM_THREADS=$t "$bin/stream" 25000000 10 | awk '/^Triad:/ {print $2}')"
  record stream triad-GB/s "$t" "$triad" 0 0
done
for rep in $(seq "$reps"); do
  for t in 1 "$all"; do
    for mode in plain blocked split split-blocked; do
      g="$(OMP_NUM_THREADS=$t "$bin/stencil" 256 256 256 "$steps" "$mode" 32 | sed -n 's/.*Gpts\/s=\([0-9.]*\).*/\1/p')"
      record 3d-o8-256 "c-$mode" "$t" "$g" "$g" 0
    done
    for mode in stencil shot; do
      line="$(java -Xmx24g --enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector -cp "$cp" \
        io.seiswork.kernels.engine.cpu.CpuBenchmark --grid 256 --steps "$steps" --threads "$t" --mode "$mode" \
        --repetitions 1 2>"$bin/java.err" | grep '^cpu-bench')" || {
        # a refusal (a heap too small for the grid: one line) or a failure: say it, not just stop
        grep -v '^WARNING' "$bin/java.err" >&2; exit 1; }
      [ "$rep" = 1 ] && echo "# $line"   # the kernel the engine picked on this CPU (vector width)
      record 3d-o8-256 "seiswork-$mode" "$t" "$(echo "$line" | sed -n 's/.* Gpts\/s=\([0-9.]*\).*/\1/p')" \
        "$(echo "$line" | sed -n 's/.* computed=\([0-9.]*\).*/\1/p')" 0
    done
  done
done
"$root/scripts/bench-cpu-engine.sh" --summarize "$log"
