#!/usr/bin/env bash
# SEG-Y read throughput: `cat FILE > /dev/null` next to `seiswork segy scan FILE` (every trace read
# and decoded through SegyReader) on a generated file of TRACES x SAMPLES IEEE floats (default
# 250,000 x 1000 = 1.06 GB), then the same file converted to IBM floats by `seiswork segy convert`.
# Files go to a temporary folder under ${TMPDIR:-/tmp} and are deleted at exit.
# Warm-cache figures always; cold-cache ones too when /proc/sys/vm/drop_caches is writable (root).
# Output: one markdown table row per format, ready for docs/benchmarks.md.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
traces="${TRACES:-250000}"
samples="${SAMPLES:-1000}"
python=/usr/bin/python3

work="$(mktemp -d "${TMPDIR:-/tmp}/seiswork-bench-segy.XXXXXX")"
trap 'rm -rf "$work"' EXIT
need=$(( 2 * traces * (240 + 4 * samples) / 1024 + 4096 ))   # KiB for the two files
have=$(df -Pk "$work" | awk 'NR==2 {print $4}')
if [ "$have" -lt "$need" ]; then
  echo "bench-segy-read: needs $((need / 1024)) MiB free in $work, has $((have / 1024)) MiB" >&2
  exit 1
fi

"$root/seiswork" --version >/dev/null   # builds on first use, so the build is not timed

echo "generating $traces traces x $samples IEEE samples in $work ..." >&2
"$python" - "$work/ieee32.sgy" "$traces" "$samples" <<'PY'
import sys
import numpy as np
path, traces, samples = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
text = np.full(3200, 0x40, dtype=np.uint8)                       # EBCDIC blanks
text[0:3] = [0xC3, 0x40, 0xF1]                                   # "C 1"
binary = np.zeros(400, dtype=np.uint8)
def put16(buf, pos, v): buf[pos:pos + 2] = np.frombuffer(np.array([v], dtype=">i2").tobytes(), np.uint8)
put16(binary, 3217 - 3201, 4000); put16(binary, 3221 - 3201, samples); put16(binary, 3225 - 3201, 5)
binary[3501 - 3201] = 1; put16(binary, 3503 - 3201, 1)
rec = np.dtype([("h1", "V114"), ("ns", ">u2"), ("dt", ">i2"), ("h2", "V70"), ("il", ">i4"), ("xl", ">i4"),
                ("h3", "V44"), ("s", ">f4", (samples,))])
assert rec.itemsize == 240 + 4 * samples
chunk = 10000
rng = np.random.default_rng(1)
base = rng.standard_normal((chunk, samples)).astype(">f4")
with open(path, "wb") as f:
    f.write(text.tobytes()); f.write(binary.tobytes())
    for start in range(0, traces, chunk):
        n = min(chunk, traces - start)
        block = np.zeros(n, dtype=rec)
        idx = np.arange(start, start + n)
        block["ns"], block["dt"] = samples, 4000
        block["il"], block["xl"] = 1 + idx // 500, 1 + idx % 500
        block["s"] = base[:n] + np.float32(start)
        block.tofile(f)
PY
"$root/seiswork" segy convert "$work/ieee32.sgy" "$work/ibm32.sgy" --format ibm32 >&2

cold=no
if sync && echo 3 2>/dev/null > /proc/sys/vm/drop_caches; then cold=yes; fi
drop() { sync; echo 3 > /proc/sys/vm/drop_caches; }

secs() { # runs "$@" and prints the wall time in seconds
  local t0 t1
  t0=$(date +%s.%N); "$@" > /dev/null; t1=$(date +%s.%N)
  echo "$t1 - $t0" | bc -l
}
mbps() { echo "scale=1; $1 / 1000000 / $2" | bc -l; }
best() { # best (smallest) of three timings of "$@"
  local b=999999 t
  for _ in 1 2 3; do
    t=$(secs "$@")
    if [ "$(echo "$t < $b" | bc -l)" = 1 ]; then b=$t; fi
  done
  echo "$b"
}

echo "| format | file MB | cat warm MB/s | seiswork scan warm MB/s (in JVM) | seiswork warm MB/s (wall, JVM start incl.) | ratio to cat (in JVM) | cold cat MB/s | cold seiswork MB/s |"
echo "|---|---|---|---|---|---|---|---|"
for fmt in ieee32 ibm32; do
  f="$work/$fmt.sgy"
  bytes=$(stat -c %s "$f")
  cat "$f" > /dev/null                                     # warm the page cache
  cat_s=$(best cat "$f")
  wall_s=$(best "$root/seiswork" segy scan "$f" --json)
  inside=0
  for _ in 1 2 3; do
    v=$("$root/seiswork" segy scan "$f" --json | sed -E 's/.*"mbPerS":([0-9.]+).*/\1/')
    if [ "$(echo "$v > $inside" | bc -l)" = 1 ]; then inside=$v; fi
  done
  cold_cat="n/a (no root to drop caches)"; cold_sw="n/a"
  if [ "$cold" = yes ]; then
    drop; cold_cat=$(mbps "$bytes" "$(secs cat "$f")")
    drop; cold_sw=$(mbps "$bytes" "$(secs "$root/seiswork" segy scan "$f")")
  fi
  cat_mbps=$(mbps "$bytes" "$cat_s")
  printf '| %s | %.0f | %s | %.0f | %s | %.2f | %s | %s |\n' "$fmt" "$(echo "$bytes / 1000000" | bc -l)" \
    "$cat_mbps" "$inside" "$(mbps "$bytes" "$wall_s")" "$(echo "$inside / $cat_mbps" | bc -l)" "$cold_cat" "$cold_sw"
done
