# Sourced, not run: how every Bighead Java command starts (./bighead, kernel/bin/bighead-kernel, bench/*.sh).
# One place knows the JDK in use, a module's class path, the JVM options every command gets, and the application
# class-data-sharing archives that take class loading off a command's start. The caller sets ROOT first.
#
#   bighead_java                  the java to run: $BIGHEAD_JAVA_HOME/bin/java when set, else the one on PATH
#   bighead_java_home             that JDK's real home
#   java_major                    that java's feature version (17, 21, 25)
#   module_classpath MODULE       MODULE's jar and its dependencies (target/classpath.txt, written by Maven)
#   java_command MODULE MAIN      fills JAVA_CMD with the command line for MAIN on MODULE's class path, with the
#                                 module's archive when there is one for this JDK (add arguments, then exec)
#   make_archive MODULE WARMUP    records MODULE's archive for this JDK by running its WARMUP class once; false on
#                                 failure
#   drop_archives MODULE          removes MODULE's archives of every JDK (after its jars were rebuilt)
#
# Environment: BIGHEAD_JAVA_HOME picks the JDK; BIGHEAD_JAVA_OPTS adds JVM options to every command.

BIGHEAD_JVM_DEFAULTS=(-Dai.djl.offline=true)

# Spark on JDK 17+ (./bighead batch-score, bench/batch.sh): the opens and properties of Spark's own launcher
# (org.apache.spark.launcher.JavaModuleOptions of Spark 4.2; spark-batch/pom.xml gives its tests the same list)
SPARK_JVM_OPTIONS=(
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED
  --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
  --add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED
  -Dio.netty.tryReflectionSetAccessible=true -Dio.netty.allocator.type=pooled
  -Dio.netty.handler.ssl.defaultEndpointVerificationAlgorithm=NONE
)

# Spark's options added to BIGHEAD_JVM_DEFAULTS, and the parallel collector: a batch job wants throughput, and
# G1's concurrent work took a fifth of Spark's scoring rate (bench/batch.sh: 317,000 against 390,000 rows/s/core).
# A collector named in BIGHEAD_JAVA_OPTS wins (the JVM refuses two).
add_spark_jvm_defaults() {
  local option
  for option in "${SPARK_JVM_OPTIONS[@]}"; do
    # JDK 25 has no sun.security.action (the JVM would warn that it cannot open it)
    [[ "$option" == *sun.security.action* && "$(java_major)" -ge 25 ]] && continue
    BIGHEAD_JVM_DEFAULTS+=("$option")
  done
  [[ "${BIGHEAD_JAVA_OPTS:-}" =~ -XX:\+Use[A-Za-z0-9]+GC ]] || BIGHEAD_JVM_DEFAULTS+=(-XX:+UseParallelGC)
}

bighead_java() {
  if [[ -n "${BIGHEAD_JAVA_HOME:-}" ]]; then
    [[ -x "$BIGHEAD_JAVA_HOME/bin/java" ]] \
      || { printf 'bighead: BIGHEAD_JAVA_HOME=%s has no bin/java\n' "$BIGHEAD_JAVA_HOME" >&2; return 1; }
    printf '%s\n' "$BIGHEAD_JAVA_HOME/bin/java"
  else
    command -v java || { printf 'bighead: Java 17 or newer is required (java not found on PATH)\n' >&2; return 1; }
  fi
}

# The real home of that JDK (symlinks resolved), e.g. /usr/lib/jvm/java-17-openjdk-amd64.
bighead_java_home() {
  local java
  java="$(bighead_java)" || return 1
  dirname "$(dirname "$(readlink -f "$java")")"
}

java_major() {
  local home v
  home="$(bighead_java_home)" || return 1
  # the JDK's release file says it without starting a JVM (a launch must not pay ~0.1 s to learn it)
  v="$(sed -n 's/^JAVA_VERSION="\(1\.\)\{0,1\}\([0-9]*\).*/\2/p' "$home/release" 2>/dev/null)"
  if [[ -z "$v" ]]; then
    v="$("$home/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')"
    v="${v%%.*}"
  fi
  printf '%s\n' "$v"
}
# The module's own jar: the one bighead-*.jar Maven packaged in MODULE/target (no version written here).
module_jar() {
  local -a jars=()
  local jar
  for jar in "$ROOT/$1"/target/bighead-*.jar; do
    [[ -f "$jar" && "$jar" != *-sources.jar && "$jar" != *-tests.jar ]] && jars+=("$jar")
  done
  [[ ${#jars[@]} -eq 1 ]] \
    || { printf 'bighead: %s is not built (no single jar in %s/target); run ./bighead setup\n' "$1" "$1" >&2; return 1; }
  printf '%s\n' "${jars[0]}"
}

module_classpath() {
  local jar
  jar="$(module_jar "$1")" || return 1
  [[ -f "$ROOT/$1/target/classpath.txt" ]] \
    || { printf 'bighead: %s/target/classpath.txt is missing; run ./bighead setup\n' "$1" >&2; return 1; }
  printf '%s:%s\n' "$jar" "$(cat "$ROOT/$1/target/classpath.txt")"
}

# An archive belongs to the jars it was recorded from and to one JDK: the file name carries the JDK's version,
# so switching JDKs never meets a foreign archive (a JVM would ignore it, but only after warning).
module_archive() {
  printf '%s/%s/target/%s-jdk%s.jsa\n' "$ROOT" "$1" "${1%%-*}" "${2:-$(java_major)}"
}

# Options for the JDK in use: native libraries (xgboost4j, DJL, sqlite) may load without a warning on every JDK;
# from 24 on, classgraph's use of sun.misc.Unsafe too (17 refuses that option).
jvm_defaults() {
  local major="$1"
  JVM_DEFAULTS=("${BIGHEAD_JVM_DEFAULTS[@]}" --enable-native-access=ALL-UNNAMED)
  [[ "$major" -ge 24 ]] && JVM_DEFAULTS+=(--sun-misc-unsafe-memory-access=allow)
  return 0
}

java_command() {
  local module="$1" main="$2" java cp archive major
  java="$(bighead_java)" || return 1
  cp="$(module_classpath "$module")" || return 1
  # jars a notebook added (%maven, %jars) that a model exported from it needs: after Bighead's, never instead
  [[ -n "${BIGHEAD_EXTRA_CLASSPATH:-}" ]] && cp="$cp:$BIGHEAD_EXTRA_CLASSPATH"
  major="$(java_major)"
  archive="$(module_archive "$module" "$major")"
  jvm_defaults "$major"
  JAVA_CMD=("$java")
  [[ -f "$archive" ]] && JAVA_CMD+=(-XX:SharedArchiveFile="$archive" -Xlog:cds=off -Xlog:cds+dynamic=off)
  JAVA_CMD+=("${JVM_DEFAULTS[@]}")
  # shellcheck disable=SC2206 # BIGHEAD_JAVA_OPTS is a list of options
  JAVA_CMD+=(${BIGHEAD_JAVA_OPTS:-} -cp "$cp" "$main")
}

make_archive() {
  local module="$1" warmup="$2" java cp archive major
  java="$(bighead_java)" || return 1
  cp="$(module_classpath "$module")" || return 1
  major="$(java_major)"
  archive="$(module_archive "$module" "$major")"
  jvm_defaults "$major"
  rm -f "$archive"
  "$java" -XX:ArchiveClassesAtExit="$archive" -Xlog:cds=off -Xlog:cds+dynamic=off "${JVM_DEFAULTS[@]}" \
    -cp "$cp" "$warmup" >/dev/null 2>&1
}

drop_archives() {
  rm -f "$ROOT/$1/target/${1%%-*}"-jdk*.jsa
}

# The configuration convention (config/ in Java) for the bash commands: bighead_setting lab.port prints
# $BIGHEAD_LAB_PORT when set, else "lab.port" of ~/.bighead/config.json ($BIGHEAD_CONFIG), else nothing; the caller
# lets a flag win and supplies the default.
bighead_setting() {
  local key="$1" var file
  var="BIGHEAD_$(tr 'a-z.-' 'A-Z__' <<<"$key")"
  if [[ -n "${!var:-}" && -n "${!var// /}" ]]; then
    printf '%s\n' "${!var}"
    return 0
  fi
  file="${BIGHEAD_CONFIG:-$HOME/.bighead/config.json}"
  [[ -f "$file" ]] || return 0
  python3 - "$file" "$key" <<'PY'
import json, sys
try:
    value = json.load(open(sys.argv[1])).get(sys.argv[2])
except (ValueError, AttributeError):
    sys.exit(f"bighead: {sys.argv[1]}: not a JSON object of settings")
if isinstance(value, (str, int, float, bool)) and str(value).strip():
    print(str(value).lower() if isinstance(value, bool) else value)
PY
}
