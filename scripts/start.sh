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
# An archive belongs to the JVM that wrote it: one per Java build.
ARCHIVE="$APP/application-$("$JAVA" -version 2>&1 | cksum | cut -d' ' -f1).jsa"

if [ ! -f "$APP_JAR" ] || [ "$JAR" -nt "$APP_JAR" ]; then
  rm -rf "$APP"
  "$JAVA" -Djarmode=tools -jar "$JAR" extract --destination "$APP" >/dev/null
fi
if [ ! -f "$ARCHIVE" ]; then
  echo "recording the class-data sharing archive (once per build and JDK)" >&2
  training=$(mktemp -d)
  # The training start runs on a throwaway embedded database, never on the clinic's.
  env -u DATABASE_URL DATA_DIR="$training/postgres" PORT=0 MANAGEMENT_PORT=0 BACKUP_CRON=- \
    "$JAVA" -XX:ArchiveClassesAtExit="$ARCHIVE" -Dspring.context.exit=onRefresh -jar "$APP_JAR" \
    >"$training/training.log" 2>&1 || { tail -20 "$training/training.log" >&2; rm -f "$ARCHIVE"; }
  rm -rf "$training"
fi
[ "${1:-}" = "--prepare" ] && exit 0

share=()
[ -f "$ARCHIVE" ] && share=(-XX:SharedArchiveFile="$ARCHIVE")
exec "$JAVA" ${JAVA_OPTS:-} "${share[@]}" -jar "$APP_JAR" "$@"
