#!/usr/bin/env bash
# Runs the whole test suite (every module) with JDK 25. Extra arguments go to Maven,
# for example: scripts/test.sh -pl core
#
# Without arguments it then runs scripts/cloud-smoke.sh: submit, worker, status, fetch through the
# launcher against the emulators of scripts/cloud-local.sh (Node.js needed; .ci/run installs it),
# and packaging/test.sh: the desktop package (jpackage app image and .deb) and the worker container
# image, each run end to end (fakeroot needed for the .deb, root to run the image unpacked).
#
# JavaFX 3D cannot draw under the headless Monocle platform the main run uses, so the 3D viewer
# tests skip there (they say so). When an X virtual framebuffer is available (xvfb-run and GTK 3;
# .ci/run installs them), those tests are then run again for real under Xvfb with Mesa.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/scripts/lib/jdk.sh"
seiswork_find_jdk
cd "$root"
mvn -B -ntp verify "$@"

if [ $# -eq 0 ]; then
  echo "test.sh: the cloud path through the launcher against scripts/cloud-local.sh's emulators"
  "$root/scripts/cloud-smoke.sh"
  echo "test.sh: the desktop package and the worker image, end to end (packaging/test.sh)"
  "$root/packaging/test.sh" --no-build
  if command -v xvfb-run >/dev/null && ldconfig -p | grep libgtk-3.so.0 >/dev/null; then
    echo "test.sh: running the JavaFX 3D viewer tests under Xvfb (Mesa es2)"
    LIBGL_ALWAYS_SOFTWARE=1 xvfb-run -a -s "-screen 0 1280x1024x24" \
      mvn -B -ntp -o test -pl core,render -Pxvfb3d -Dtest='SliceViewer3DTest' -Dsurefire.failIfNoSpecifiedTests=false
  else
    echo "test.sh: xvfb-run or GTK 3 missing: the 3D viewer tests ran headless and were skipped" \
         "(apt-get install xvfb libgtk-3-0 libgl1-mesa-dri libglx-mesa0 to run them)"
  fi
fi
