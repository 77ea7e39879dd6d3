#!/usr/bin/env bash
# Packages the desktop application with its own Java runtime, so that a geophysicist's machine
# needs no JDK, no Maven and no network:
#   packaging/target/desktop/seiswork/      app image: bin/seiswork is the same command line as
#                                           ./seiswork (no arguments opens the desktop on the demo)
#   packaging/target/seiswork_<v>_amd64.deb with --deb: installs into /opt/seiswork with a menu
#                                           entry and /usr/bin/seiswork (needs dpkg-deb and fakeroot)
# Options: --deb, --no-build (use the jars already in app/target). About 15 s for the image and
# 35 s more for the .deb on 2 cores; 139 MB installed, 84 MB as a .deb.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

deb=0 no_build=0
for arg in "$@"; do
  case "$arg" in
    --deb) deb=1 ;;
    --no-build) no_build=1 ;;
    -h|--help) sed -n '2,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "desktop.sh: unknown option $arg (try --help)" >&2; exit 2 ;;
  esac
done

build_app
build_runtime

input="$target/desktop-input"
rm -rf "$input" "$target/desktop"
mkdir -p "$input" "$target/desktop"
cp "$repo_root/app/target/seiswork-app.jar" "$repo_root"/app/target/lib/*.jar "$input/"

version="$(numeric_version)"
echo "packaging: jpackage app image seiswork $version" >&2
"$JAVA_HOME/bin/jpackage" --type app-image --name seiswork --app-version "$version" \
  --vendor Seiswork --description "Seismic imaging workstation: modelling, reverse-time migration, cloud runs, 3D volumes" \
  --icon "$packaging_dir/desktop/seiswork.png" \
  --input "$input" --main-jar seiswork-app.jar --main-class io.seiswork.app.cli.Main \
  --runtime-image "$target/runtime" \
  --java-options "${seiswork_jvm_options[*]}" \
  --app-content "$repo_root/examples" \
  --dest "$target/desktop"
echo "packaging: $target/desktop/seiswork ($(du -sh "$target/desktop/seiswork" | cut -f1))" >&2

if [ "$deb" = 1 ]; then
  for tool in dpkg-deb fakeroot; do
    command -v "$tool" >/dev/null || { echo "desktop.sh: --deb needs $tool (apt-get install dpkg-dev fakeroot)" >&2; exit 1; }
  done
  rm -f "$target"/seiswork_*.deb
  echo "packaging: jpackage .deb" >&2
  # JavaFX loads GTK 3 and OpenGL from inside its jars at run time, where dpkg-shlibdeps cannot see them.
  "$JAVA_HOME/bin/jpackage" --type deb --app-image "$target/desktop/seiswork" --name seiswork \
    --app-version "$version" --vendor Seiswork \
    --description "Seismic imaging workstation: modelling, reverse-time migration, cloud runs, 3D volumes" \
    --linux-package-name seiswork --linux-deb-maintainer "seiswork@users.noreply.github.com" \
    --linux-menu-group Science --linux-app-category science --linux-shortcut \
    --linux-package-deps "libgtk-3-0, libgl1" \
    --icon "$packaging_dir/desktop/seiswork.png" \
    --dest "$target"
  # jpackage installs under /opt only; the command belongs on the PATH as well, as a link dpkg owns
  # (so that removing the package removes it): unpack, add usr/bin/seiswork, pack again.
  deb_file="$(ls "$target"/seiswork_*.deb)"
  rm -rf "$target/deb-raw"
  fakeroot sh -c "dpkg-deb -R '$deb_file' '$target/deb-raw' && mkdir -p '$target/deb-raw/usr/bin' \
    && ln -s /opt/seiswork/bin/seiswork '$target/deb-raw/usr/bin/seiswork' \
    && dpkg-deb --build --root-owner-group '$target/deb-raw' '$deb_file' >/dev/null"
  rm -rf "$target/deb-raw"
  echo "packaging: $(ls "$target"/seiswork_*.deb) ($(du -sh "$target"/seiswork_*.deb | cut -f1))" >&2
fi
