#!/usr/bin/env bash
# Runs the whole test suite (every module) with JDK 25. Extra arguments go to Maven,
# for example: scripts/test.sh -pl core
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/scripts/lib/jdk.sh"
seiswork_find_jdk
cd "$root"
exec mvn -B -ntp verify "$@"
