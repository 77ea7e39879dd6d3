#!/usr/bin/env bash
# Renders the 3D slice viewer and each 2D view (inline, crossline and depth sections, a velocity
# section in viridis, a shot gather as variable density and as wiggles) of the demo volume to PNG
# files in docs/images/ (or $1), under Xvfb with Mesa's es2 pipeline so that JavaFX 3D works
# (TOOLCHAIN.md section 3). Installs xvfb, GTK 3 and Mesa with apt-get when they are missing and
# this runs as root.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$root/docs/images}"
. "$root/scripts/lib/jdk.sh"
seiswork_find_jdk

if ! command -v xvfb-run >/dev/null || ! ldconfig -p | grep -q libgtk-3.so.0; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && apt-get install -y -qq xvfb libgtk-3-0 libgl1-mesa-dri libglx-mesa0 >/dev/null
  else
    echo "screenshot.sh: needs xvfb-run and GTK 3; install xvfb libgtk-3-0 libgl1-mesa-dri libglx-mesa0" >&2
    exit 1
  fi
fi

(cd "$root" && mvn -o -q -B test-compile dependency:build-classpath -pl core,render \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt)
cp="$root/render/target/test-classes:$root/render/target/classes:$root/core/target/classes:$(cat "$root/render/target/test-classpath.txt")"

LIBGL_ALWAYS_SOFTWARE=1 xvfb-run -a -s "-screen 0 1280x1024x24" \
  "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Dprism.order=es2 -Dprism.forceGPU=true \
  -cp "$cp" io.seiswork.render.demo.Screenshots "$out"
