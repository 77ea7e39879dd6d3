#!/usr/bin/env bash
# Draws 2D depth sections into one PNG (see scripts/SectionPng.java for the panel syntax).
# Example (Marmousi, after `./seiswork run examples/marmousi-rtm.json --out runs/marmousi-rtm`):
#   scripts/section-png.sh docs/images/marmousi-rtm.png \
#     "raw:../shared/refdata/devitocodes-data/vp_marmousi_bi:1601:401:7.5:1000:True model (Marmousi, 7.5 m)" \
#     "segy:runs/marmousi-rtm/image.sgy:RTM image"
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
. "$root/scripts/lib/jdk.sh"
seiswork_find_jdk >/dev/null
[ -f "$root/app/target/seiswork-app.jar" ] || (cd "$root" && mvn -q -B -DskipTests -pl app -am package 1>&2)
exec "$JAVA_HOME/bin/java" -Djava.awt.headless=true -cp "$root/app/target/seiswork-app.jar:$root/app/target/lib/*" \
  "$root/scripts/SectionPng.java" "$@"
