#!/usr/bin/env bash
# Starts the packaged service as a deployment runs it: from Spring Boot's extracted layout, with a class-data
# sharing archive (the JVM maps the classes that a training start recorded instead of loading them one by one),
# which takes about two seconds off every start. Both are prepared on the first use after each build.
#
#   ./mvnw -DskipTests package && scripts/start.sh      the service, configured by the README's variables
#   scripts/start.sh --prepare                          prepares the layout and the archive, then exits
# JAVA_OPTS (e.g. -Xmx256m) go to the JVM; JAVA_HOME chooses the JDK.
set -euo pipefail
cd "$(dirname "$0")/.."

JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
JAR=$(ls target/clinic-appointments-*.jar 2>/dev/null | grep -v -- '-plain' | head -1 || true)
[ -n "$JAR" ] || { echo "no jar in target/: run ./mvnw -DskipTests package first" >&2; exit 1; }
APP=target/app
APP_JAR="$APP/$(basename "$JAR")"
# An archive belongs to the JVM that wrote it: one per Java build. Java 25 and newer write an ahead-of-time cache
# (classes loaded and linked); older ones a dynamic class-data sharing archive (classes loaded).
# The JDK is told by its files (no extra JVM start): the java binary and the runtime image it loads classes from.
JAVA_BIN=$(readlink -f "$(command -v "$JAVA")")
ARCHIVE="$APP/application-$(stat -c '%n %s %Y' "$JAVA_BIN" "$(dirname "$JAVA_BIN")/../lib/modules" | cksum | cut -d' ' -f1)"

if [ ! -f "$APP_JAR" ] || [ "$JAR" -nt "$APP_JAR" ]; then
  rm -rf "$APP"
  "$JAVA" -Djarmode=tools -jar "$JAR" extract --destination "$APP" >/dev/null
fi
if [ ! -f "$ARCHIVE.aot" ] && [ ! -f "$ARCHIVE.jsa" ]; then
  echo "recording the class-data sharing archive (once per build and JDK)" >&2
  record="-XX:ArchiveClassesAtExit=$ARCHIVE.jsa"
  "$JAVA" -XX:+PrintFlagsFinal -version 2>/dev/null | grep -q ' AOTCacheOutput ' && record="-XX:AOTCacheOutput=$ARCHIVE.aot"
  training=$(mktemp -d)
  # The training start runs on a throwaway embedded database, never on the clinic's.
  env -u DATABASE_URL DATA_DIR="$training/postgres" PORT=0 MANAGEMENT_PORT=0 BACKUP_CRON=- \
    "$JAVA" "$record" -Dspring.context.exit=onRefresh -jar "$APP_JAR" >"$training/training.log" 2>&1 \
    || { tail -20 "$training/training.log" >&2; rm -f "$ARCHIVE.aot" "$ARCHIVE.jsa"; }
  # spring.context.exit halts the JVM without its shutdown hooks, so the throwaway database is still running.
  postmaster=$(head -1 "$training/postgres/postmaster.pid" 2>/dev/null || true)
  if [ -n "$postmaster" ] && kill -0 "$postmaster" 2>/dev/null; then
    kill -TERM "$postmaster" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$postmaster" 2>/dev/null || break; sleep 0.1; done
  fi
  rm -rf "$training"
fi
[ "${1:-}" = "--prepare" ] && exit 0

share=()
[ -f "$ARCHIVE.jsa" ] && share=(-XX:SharedArchiveFile="$ARCHIVE.jsa")
[ -f "$ARCHIVE.aot" ] && share=(-XX:AOTCache="$ARCHIVE.aot")
exec "$JAVA" ${JAVA_OPTS:-} "${share[@]}" -jar "$APP_JAR" "$@"
