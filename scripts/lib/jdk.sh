# Sourced by ./seiswork and .ci/run: exports JAVA_HOME pointing at a JDK 25 or newer.
# Order: JAVA_HOME if it is new enough, then the Temurin 25 install these machines have, then any
# other JDK under /usr/lib/jvm that is new enough. Fails with a clear message when there is none.

seiswork_java_major() { # prints the feature version of the JDK at $1 (a runtime will do when $2 is "runtime"), or nothing
  local rel="$1/release"
  [ -x "$1/bin/java" ] || return 0
  [ "${2:-}" = runtime ] || [ -x "$1/bin/javac" ] || return 0
  if [ -f "$rel" ]; then
    sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$rel"
  fi
}

seiswork_find_jdk() {
  local min=25 c v
  for c in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*; do
    [ -n "$c" ] && [ -d "$c" ] || continue
    v=$(seiswork_java_major "$c")
    if [ -n "$v" ] && [ "$v" -ge "$min" ]; then
      export JAVA_HOME="$c"
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  echo "seiswork: needs a JDK $min or newer. Set JAVA_HOME to one (for example Temurin 25); found none in JAVA_HOME or /usr/lib/jvm." >&2
  return 1
}

# The JVM options every Seiswork launch passes: ./seiswork, the desktop package, the GPU check
# (app/pom.xml's Jib entry point for the worker image lists the same two): native access for the
# JavaFX and JCuda libraries, and the Vector API of the CPU engine's kernels.
seiswork_jvm_options=(--enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector)

# Maven 3.8's bundled Guava touches sun.misc.Unsafe; on JDK 25 that prints four warnings per run.
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"

# For running prebuilt classes only (scripts/gpu-check.sh --no-build): a Java 25 runtime is enough,
# for example the jlinked one scripts/gpu-carry.sh leaves in .jre. Order: $1 if given, JAVA_HOME,
# then seiswork_find_jdk's list.
seiswork_find_java() {
  local c v
  for c in "${1:-}" "${JAVA_HOME:-}"; do
    [ -n "$c" ] && [ -d "$c" ] || continue
    v=$(seiswork_java_major "$c" runtime)
    if [ -n "$v" ] && [ "$v" -ge 25 ]; then
      export JAVA_HOME="$c"
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  seiswork_find_jdk
}
