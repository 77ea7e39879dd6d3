#!/usr/bin/env bash
# Seiswork's CPU engine beside the C reference stencil, one right after the other on this machine.
#
#   scripts/bench-cpu-engine.sh [REPS]        (default 3 interleaved repetitions)
#   scripts/bench-cpu-engine.sh --summarize RAW.tsv...   (the summary of earlier runs, pooled;
#       also of scripts/gpu-cpu-bench.sh's runs, whatever their thread counts)
#
# Cases (docs/benchmarks.md, "CPU propagator"): 3D order 8 at 256^3, 3D order 4 at 256^3, 2D
# order 8 at 4000 x 1000, each on 1 and 2 threads. Per case and repetition it runs, back to back:
#   - the C reference: /work/shared/bench/cstencil/stencil.c (3D order 8; modes plain, blocked,
#     split, split-blocked) or scripts/bench/cstencil-variants.c (same code shape for 2D and
#     order 4; modes plain, blocked), built with gcc -O3 -march=native -fopenmp;
#   - `seiswork bench --mode stencil` (interior update only, what the C code times);
#   - `seiswork bench --mode shot` (full modelling shot: width-20 C-PML, source, receivers).
# plus STREAM (triad) once per repetition for the bandwidth roofline (16 B per point).
# Every run waits for a quiet machine and is tagged with others=NN% (CPU other programs used
# meanwhile), from /work/shared/bench/quiet.sh. Prints all runs, then per case and thread count
# the medians, the C best mode, the ratios and the roofline fraction.
# Environment: BENCH_DIR (default /work/shared/bench), BIN (default $TMPDIR/seiswork-bench),
# STEPS3D (default 100), STEPS2D (default 300), MAX_OTHERS (runs above it are left out of the
# medians when a case has quieter runs; default 25).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REPS=${1:-3}
BENCH_DIR=${BENCH_DIR:-/work/shared/bench}
BIN=${BIN:-${TMPDIR:-/tmp}/seiswork-bench}; mkdir -p "$BIN"
STEPS3D=${STEPS3D:-100}
STEPS2D=${STEPS2D:-300}
MAX_OTHERS=${MAX_OTHERS:-25}

summarize() { # RAW.tsv...: medians per case, C best mode, ratios, roofline fraction
  cat "$@" > "${TMPDIR:-/tmp}/seiswork-bench-pooled.tsv"
  echo "--- summary (medians over runs with others <= ${MAX_OTHERS}% when a case has any, else all)"
  python3 - "${TMPDIR:-/tmp}/seiswork-bench-pooled.tsv" "$MAX_OTHERS" <<'PY'
import collections, statistics, sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip()]
limit = float(sys.argv[2])
runs = collections.defaultdict(list)
for case, impl, t, g, cg, oth in rows:
    if g:
        runs[(case, impl, int(t))].append((float(g), float(cg), float(oth or 0)))
def med(key, col=0):
    v = runs.get(key, [])
    quiet = [r for r in v if r[2] <= limit] or v
    return (statistics.median(r[col] for r in quiet), len(quiet), len(v),
            max(r[2] for r in quiet)) if quiet else None
threads = sorted({k[2] for k in runs})
for t in threads:
    tri = med(("stream", "triad-GB/s", t))
    if tri:
        print(f"STREAM triad {t} thread(s): {tri[0]:.1f} GB/s (n={tri[1]}/{tri[2]}), roofline {tri[0] / 16:.2f} Gpts/s")
cases = sorted({k[0] for k in runs if k[0] != "stream"})
print("case\tthreads\tC best mode\tC Gpts/s\tstencil Gpts/s\tshot Gpts/s (computed)\tstencil/C\tshot/C\tstencil/roofline\tmax others")
for case in cases:
    for t in threads:
        cm = {k[1]: med(k) for k in runs if k[0] == case and k[2] == t and k[1].startswith("c-")}
        if not cm:
            continue
        best = max(cm, key=lambda k: cm[k][0])
        c = cm[best][0]
        st = med((case, "seiswork-stencil", t))
        sh = med((case, "seiswork-shot", t))
        shc = med((case, "seiswork-shot", t), 1)
        tri = med(("stream", "triad-GB/s", t))
        roof = tri[0] / 16 if tri else float("nan")
        oth = max(x[3] for x in [cm[best], st, sh] if x)
        print(f"{case}\t{t}\t{best[2:]}\t{c:.3f}\t{st[0]:.3f}\t{sh[0]:.3f} ({shc[0]:.3f})\t{st[0] / c:.0%}\t"
              f"{sh[0] / c:.0%}\t{st[0] / roof:.0%}\t{oth:.0f}%")
PY
}
if [ "${1:-}" = "--summarize" ]; then
  shift
  summarize "$@"
  exit 0
fi
# shellcheck source=/dev/null
source "$BENCH_DIR/quiet.sh"

gcc -O3 -march=native -fopenmp -Wall -o "$BIN/stencil" "$BENCH_DIR/cstencil/stencil.c" -lm
gcc -O3 -march=native -fopenmp -Wall -o "$BIN/stream" "$BENCH_DIR/stream/stream.c"
for r in 2 4; do
  gcc -O3 -march=native -fopenmp -Wall -DR=$r -o "$BIN/cstencil-r$r" "$root/scripts/bench/cstencil-variants.c" -lm
done
(cd "$root" && ./seiswork --version >/dev/null 2>&1) # builds the jar if needed, outside the timing
export OMP_PROC_BIND=true OMP_PLACES=cores

LOG=$(mktemp)
record() { # case impl threads gpts computed others
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$@" | tee -a "$LOG"
}
others_of() { sed -n 's/.*others=\([0-9]*\)%.*/\1/p' <<<"$1"; }

c_run() { # case threads bin nx ny nz nt mode
  local out g
  out=$(measure env OMP_NUM_THREADS="$2" "$3" "$4" "$5" "$6" "$7" "$8" 32)
  g=$(sed -n 's/.*Gpts\/s=\([0-9.]*\).*/\1/p' <<<"$out")
  record "$1" "c-$8" "$2" "$g" "$g" "$(others_of "$out")"
}

seis_run() { # case threads mode args...
  local c=$1 t=$2 mode=$3 out j
  shift 3
  out=$(cd "$root" && measure ./seiswork bench --json --threads "$t" --mode "$mode" --warmup 1 --repetitions 3 "$@" 2>/dev/null)
  j=$(head -n 1 <<<"$out" | sed 's/ others=[0-9]*%$//')
  record "$c" "seiswork-$mode" "$t" \
    "$(python3 -c 'import json,sys; print("%.4f" % json.loads(sys.argv[1])["gptsPerSecond"])' "$j")" \
    "$(python3 -c 'import json,sys; print("%.4f" % json.loads(sys.argv[1])["computedGptsPerSecond"])' "$j")" \
    "$(others_of "$out")"
}

for rep in $(seq "$REPS"); do
  for t in 1 2; do
    out=$(measure env OMP_NUM_THREADS=$t "$BIN/stream" 25000000 10 | tr '\n' ' ')
    record stream "triad-GB/s" "$t" "$(sed -n 's/.*Triad: *\([0-9.]*\).*/\1/p' <<<"$out")" 0 "$(others_of "$out")"
  done
  for t in 1 2; do
    for mode in plain blocked split split-blocked; do
      c_run "3d-o8-256" "$t" "$BIN/stencil" 256 256 256 "$STEPS3D" "$mode"
    done
    seis_run "3d-o8-256" "$t" stencil --dim 3 --grid 256 --order 8 --steps "$STEPS3D"
    seis_run "3d-o8-256" "$t" shot --dim 3 --grid 256 --order 8 --steps "$STEPS3D"
  done
  for t in 1 2; do
    for mode in plain blocked; do
      c_run "3d-o4-256" "$t" "$BIN/cstencil-r2" 256 256 256 "$STEPS3D" "$mode"
    done
    seis_run "3d-o4-256" "$t" stencil --dim 3 --grid 256 --order 4 --steps "$STEPS3D"
    seis_run "3d-o4-256" "$t" shot --dim 3 --grid 256 --order 4 --steps "$STEPS3D"
  done
  for t in 1 2; do
    for mode in plain blocked; do
      c_run "2d-o8-4000x1000" "$t" "$BIN/cstencil-r4" 4000 1 1000 "$STEPS2D" "$mode"
    done
    seis_run "2d-o8-4000x1000" "$t" stencil --dim 2 --nx 4000 --nz 1000 --order 8 --steps "$STEPS2D"
    seis_run "2d-o8-4000x1000" "$t" shot --dim 2 --nx 4000 --nz 1000 --order 8 --steps "$STEPS2D"
  done
done

summarize "$LOG"
echo "raw runs kept in $LOG"
