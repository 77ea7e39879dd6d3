#!/usr/bin/env bash
# The cloud path through the real launcher against the emulators of scripts/cloud-local.sh, on
# their usual ports: submit the layered modelling demo, run one worker until the queue is empty,
# check the job is DONE, fetch its gathers and compare them byte for byte with a local run of the
# same spec. Run by scripts/test.sh after the test suite; takes about half a minute.
# Emulators this script starts are stopped again; ones already running are left running.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
spec=examples/layered-2d-model.json
tmp="$(mktemp -d)"
started=0
cleanup() {
  [ "$started" = 1 ] && scripts/cloud-local.sh stop >/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT

if ! scripts/cloud-local.sh status >/dev/null 2>&1; then
  scripts/cloud-local.sh start
  started=1
fi
t0=$(date +%s)
job="$(./seiswork submit "$spec" --cloud local)"
./seiswork worker --cloud local --max-idle 5 --work-dir "$tmp/worker" 2>"$tmp/worker.log" \
  || { cat "$tmp/worker.log" >&2; exit 1; }
status="$(./seiswork status "$job" --cloud local | head -1)"
echo "cloud-smoke: $status"
case "$status" in *": DONE, "*) ;; *) cat "$tmp/worker.log" >&2; echo "cloud-smoke: job $job did not finish" >&2; exit 1 ;; esac
./seiswork fetch "$job" --cloud local --out "$tmp/cloud"
./seiswork run "$spec" --out "$tmp/local" 2>/dev/null
cmp "$tmp/local/shots.sgy" "$tmp/cloud/shots.sgy"
echo "cloud-smoke: job $job: the fetched shots.sgy is the local run's, byte for byte ($(( $(date +%s) - t0 )) s)"
