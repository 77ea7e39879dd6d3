# Sourced by the packaging scripts (desktop.sh, worker-image.sh, test.sh): the JDK, the build of
# the application's jars, and the Java runtime both packages ship.

packaging_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "$packaging_dir/.." && pwd)"
target="$packaging_dir/target"
. "$repo_root/scripts/lib/jdk.sh"
seiswork_find_jdk || exit 1

# The modules of the shipped runtime, found with `jdeps --print-module-deps` over the application's
# class path, plus what jdeps cannot see because it is looked up by name at run time:
#   jdk.charsets         the EBCDIC (IBM037) text headers of SEG-Y files;
#   jdk.incubator.vector the CPU engine's SIMD kernels (the launchers pass --add-modules for it);
#   jdk.crypto.ec        elliptic-curve TLS to AWS;
#   java.desktop         JavaFX on the class path, image snapshots (ImageIO).
runtime_modules="java.base,java.desktop,java.logging,java.management,java.naming,java.net.http,java.scripting,\
java.security.jgss,java.sql,java.xml,jdk.charsets,jdk.crypto.ec,jdk.incubator.vector,jdk.jfr,jdk.management,\
jdk.net,jdk.unsupported,jdk.unsupported.desktop"

# The project version from the parent pom (0.1.0-SNAPSHOT); installers want only the numbers.
project_version() {
  sed -n '0,/<version>/s:.*<version>\(.*\)</version>.*:\1:p' "$repo_root/pom.xml"
}
numeric_version() {
  project_version | sed 's/-.*//'
}

# Builds app/target/seiswork-app.jar and app/target/lib (every runtime jar), unless --no-build.
build_app() {
  if [ "${no_build:-0}" = 1 ]; then
    [ -f "$repo_root/app/target/seiswork-app.jar" ] || { echo "packaging: --no-build, but app/target/seiswork-app.jar is missing" >&2; exit 1; }
    return 0
  fi
  echo "packaging: building the application (mvn package -pl app -am)" >&2
  (cd "$repo_root" && mvn -B -q -ntp -DskipTests -pl app -am package 1>&2)
}

# jlinks the runtime into $target/runtime, once per module list and JDK: a 95 MB image with the
# default class-data-sharing archive (start-up of a command in about half a second).
build_runtime() {
  local stamp="$target/runtime.stamp" want
  want="$("$JAVA_HOME/bin/java" -version 2>&1 | head -1) $runtime_modules"
  if [ -x "$target/runtime/bin/java" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then
    return 0
  fi
  echo "packaging: linking the Java runtime ($runtime_modules)" >&2
  rm -rf "$target/runtime"
  mkdir -p "$target"
  "$JAVA_HOME/bin/jlink" --add-modules "$runtime_modules" --strip-debug --no-man-pages --no-header-files \
    --compress=zip-6 --generate-cds-archive --output "$target/runtime" 2>&1 \
    | grep -v -e 'incubator modules' -e 'CDS archive successfully' >&2 || true
  [ -x "$target/runtime/bin/java" ] || { echo "packaging: jlink failed" >&2; exit 1; }
  echo "$want" > "$stamp"
}
