#!/usr/bin/env bash
# Benchmark: booking and check-in throughput and latency over HTTP (wrk), side by side with the same
# transactions run directly against the same PostgreSQL (pgbench): the ceiling the service can approach.
#
#   bench/run.sh                      all scenarios at 1, 8, 32 and 64 connections, 15 s each after a warm-up
#   bench/run.sh --quick              a few seconds per scenario (a smoke run)
#   bench/run.sh --scenarios sellout  only some of: book-spread,book-hotspot,sellout,check-in,read,subscribers,webhooks
#   bench/run.sh --concurrency 8,32 --duration 30
#   bench/run.sh --baseline-jar OTHER.jar   also runs book-spread, check-in and read on another build of the service
#                                           (e.g. the previous commit's), side by side on the same database
#   bench/run.sh --commit async       service and ceiling both commit without waiting for the disk
#                                     (synchronous_commit=off): their ratio compares software, not fsync luck;
#                                     --commit both runs everything durable (the default), then async
# Every row also has the CPU milliseconds per request of the service's JVM and of PostgreSQL's processes, read
# from /proc before and after it: what a request costs, whatever the disk did meanwhile.
# Requests are authenticated as clients send them: bookings and check-ins with a bot's API token, reads of a
# doctor's day with a receptionist's sign-in. The rate limit is off (RATE_LIMIT_PER_SECOND=0): the bench is the
# one client that may send as fast as it can.
# The service runs with JAVA_OPTS (default -Xmx256m) on the `java` of PATH or JAVA_HOME.
#
# It builds the service if needed, starts it on a fresh embedded database, seeds doctors and patients, drives
# the load, checks with SQL that nothing was booked wrongly, stops everything it started, writes
# bench/results/<timestamp>.json and prints a Markdown table. It exits non-zero when a correctness check fails.
set -euo pipefail
cd "$(dirname "$0")/.."
export TZ=UTC LC_ALL=C

SCENARIOS="book-spread,book-hotspot,sellout,check-in,read,subscribers,webhooks"
SUBSCRIBERS=500            # subscribers: open waiting-room streams while bookings run
LISTENER_POOLS=3           # subscribers, webhooks: patient pools each, for a warm-up (up to 8 phases long) and four phases
SUBSCRIBER_CONNECTIONS=8   # subscribers: the bookings' connections
DISPLAYS=25                # subscribers: display clients holding them (MAX_STREAMS_PER_PRINCIPAL each)
LEVELS="1 8 32 64"
DURATION=15
WARMUP=15        # one round of a warm-up; rounds repeat until the JIT settled (see warm_up)
WARMUP_ROUNDS=16 # at most: on two cores JDK 17's compilers still took a fifth of a core after two minutes
WARMUP_POOLS=6   # the patients (or appointments) a warm-up's rounds share: sixteen rounds at the fastest rate seen
SELLOUT_CONNECTIONS=1000
POOL=40000 # numbered patients (or appointments) each run may use up
STARTS=5   # restarts timed per start-up form
BASELINE_JAR=""
COMMIT=durable
ARGS=("$@")
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) DURATION=3; WARMUP=1; WARMUP_ROUNDS=1; POOL=8000; STARTS=2; shift ;;
    --scenarios) SCENARIOS="$2"; shift 2 ;;
    --concurrency) LEVELS="${2//,/ }"; shift 2 ;;
    --duration) DURATION="$2"; shift 2 ;;
    --baseline-jar) BASELINE_JAR=$(realpath "$2"); shift 2 ;;
    --commit) COMMIT="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
case "$COMMIT" in
  durable | async) ;;
  both)
    # each mode on its own fresh database: the second run's figures do not inherit the first's table sizes
    "$0" "${ARGS[@]}" --commit durable
    exec "$0" "${ARGS[@]}" --commit async ;;
  *) echo "--commit is durable, async or both" >&2; exit 2 ;;
esac
# A run must not use up its pool, or it spills into the next run's patients and the row checks fail: at least
# 1,500 requests a second for the run and its warm-up (--quick's small pool with a long --duration did).
MIN_POOL=$(( (DURATION + WARMUP) * 1500 ))
[ "$POOL" -ge "$MIN_POOL" ] || POOL=$MIN_POOL
WARMUP_SLICE=$((WARMUP_POOLS * POOL / WARMUP_ROUNDS)) # a warm-up round's share of the warm-up's pools
has_scenario() { [[ ",$SCENARIOS," == *",$1,"* ]]; }

# ---------------------------------------------------------------------------------------------- tools
install_tools() {
  scripts/install-tools.sh wrk psql pgbench curl
  ulimit -n 8192 2>/dev/null || ulimit -n "$(ulimit -Hn)"
}

free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 12000)) # below the ephemeral ports (32768+) that outgoing connections take
    (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}

# ---------------------------------------------------------------------------------------------- service
JAR=target/clinic-appointments-0.1.0-SNAPSHOT.jar
build() {
  if [ ! -f "$JAR" ] || [ -n "$(find src pom.xml -newer "$JAR" -print -quit)" ]; then
    echo "building the service" >&2
    ./mvnw -q -DskipTests package >&2
  fi
  scripts/start.sh --prepare # the deployed layout and its class-data sharing archive, before any start is timed
}

WORK=$(mktemp -d)
SERVICE_PID=""
SAMPLER_PID=""
BASELINE_PID=""
cleanup() {
  [ -n "$SAMPLER_PID" ] && kill "$SAMPLER_PID" 2>/dev/null || true
  if [ -n "$BASELINE_PID" ] && kill -0 "$BASELINE_PID" 2>/dev/null; then
    kill -TERM "$BASELINE_PID"
    wait "$BASELINE_PID" 2>/dev/null || true
  fi
  if [ -n "$SERVICE_PID" ] && kill -0 "$SERVICE_PID" 2>/dev/null; then
    kill -TERM "$SERVICE_PID" # graceful: the service stops its embedded PostgreSQL
    wait "$SERVICE_PID" 2>/dev/null || true
  fi
  # the service's log of the last run, for what went wrong (bench/results/ is not committed)
  mkdir -p bench/results && cp "$WORK/service.log" bench/results/last-service.log 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
JAVA_OPTS="${JAVA_OPTS:--Xmx256m}"
HTTP_PORT=$(free_port)
MANAGEMENT_PORT=$(free_port)
DB_PORT=$(free_port)
BASE="http://127.0.0.1:$HTTP_PORT"
TODAY=$(date +%F)
# The bootstrap admin of this run's throwaway database: it issues the bot's and the receptionist's tokens.
ADMIN_TOKEN="bench-$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"

# start_service jar|deployed: the plain `java -jar` of the build, or scripts/start.sh as a deployment runs it;
# sets STARTUP_S, the seconds from the process start to a healthy /health.
start_service() {
  local started ended
  local command=("$JAVA" $JAVA_OPTS -jar "$JAR")
  [ "$1" = deployed ] && command=(env JAVA_OPTS="$JAVA_OPTS" scripts/start.sh)
  started=$(date +%s%N)
  DATA_DIR="$WORK/postgres" EMBEDDED_DB_PORT=$DB_PORT PORT=$HTTP_PORT MANAGEMENT_PORT=$MANAGEMENT_PORT \
    CLINIC_TIMEZONE=UTC BACKUP_CRON=- BOOTSTRAP_ADMIN_TOKEN=$ADMIN_TOKEN RATE_LIMIT_PER_SECOND=0 \
    WEBHOOK_ALLOWED_HOSTS=127.0.0.1 "${command[@]}" >"$WORK/service.log" 2>&1 &
  SERVICE_PID=$!
  for _ in $(seq 1 2400); do
    if curl -sf "$BASE/health" >/dev/null 2>&1; then
      ended=$(date +%s%N)
      STARTUP_S=$(awk -v a="$started" -v b="$ended" 'BEGIN { printf "%.2f", (b - a) / 1e9 }')
      return
    fi
    kill -0 "$SERVICE_PID" 2>/dev/null || { tail -20 "$WORK/service.log" >&2; exit 1; }
    sleep 0.05
  done
  echo "the service did not become healthy" >&2
  exit 1
}

# The callers of the load: a bot (bookings, check-ins) and a receptionist (a day's lists), as the clinic has them.
issue_tokens() {
  local admin=(-sf -H "Authorization: Bearer $ADMIN_TOKEN" -H "Content-Type: application/json")
  BOT_TOKEN=$(curl "${admin[@]}" -d '{"name":"bench bot","role":"bot"}' "$BASE/api/v1/clients" \
    | sed -E 's/.*"token":"([^"]+)".*/\1/')
  local password
  password="bench-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  curl "${admin[@]}" -o /dev/null \
    -d "{\"username\":\"bench-desk\",\"password\":\"$password\",\"role\":\"reception\"}" "$BASE/api/v1/users"
  RECEPTION_TOKEN=$(curl -sf -H "Content-Type: application/json" \
    -d "{\"username\":\"bench-desk\",\"password\":\"$password\"}" "$BASE/api/v1/auth/login" \
    | sed -E 's/.*"access_token":"([^"]+)".*/\1/')
  [ -n "$BOT_TOKEN" ] && [ -n "$RECEPTION_TOKEN" ] || { echo "could not issue the bench's tokens" >&2; exit 1; }
}

# The other build of --baseline-jar, on the same database, idle while the service is measured and the reverse.
BASELINE_PORT=$(free_port)
BASELINE_BASE="http://127.0.0.1:$BASELINE_PORT"
start_baseline() {
  local clinic_password
  clinic_password=$(sed -n 's/^clinic_password=//p' "$WORK/postgres/credentials")
  DATABASE_URL="postgresql://clinic:$clinic_password@127.0.0.1:$DB_PORT/clinic" PORT=$BASELINE_PORT \
    MANAGEMENT_PORT=$(free_port) CLINIC_TIMEZONE=UTC BACKUP_CRON=- BOOTSTRAP_ADMIN_TOKEN=$ADMIN_TOKEN \
    RATE_LIMIT_PER_SECOND=0 "$JAVA" $JAVA_OPTS -jar "$BASELINE_JAR" >"$WORK/baseline.log" 2>&1 &
  BASELINE_PID=$!
  for _ in $(seq 1 2400); do
    curl -sf "$BASELINE_BASE/health" >/dev/null 2>&1 && return
    kill -0 "$BASELINE_PID" 2>/dev/null || { tail -20 "$WORK/baseline.log" >&2; exit 1; }
    sleep 0.05
  done
  echo "the baseline did not become healthy" >&2
  exit 1
}

stop_service() {
  kill -TERM "$SERVICE_PID" # graceful: the service stops its embedded PostgreSQL
  wait "$SERVICE_PID" 2>/dev/null || true
  SERVICE_PID=""
}

# Start-up on the existing data folder, the usual case, STARTS times in each form; the median of each.
measure_restarts() {
  local form times
  for form in jar deployed; do
    times=()
    for _ in $(seq 1 "$STARTS"); do
      start_service "$form"
      times+=("$STARTUP_S")
      stop_service
    done
    printf -v "STARTUP_${form^^}_S" '%s' "$(printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')"
    echo "  start-up on an existing folder, $form: ${times[*]} s" >&2
  done
}

sample_rss() {
  echo 0 >"$WORK/rss_max_kb"
  while kill -0 "$SERVICE_PID" 2>/dev/null; do
    local rss
    rss=$(ps -o rss= -p "$SERVICE_PID" 2>/dev/null | tr -d ' ')
    [ -n "$rss" ] && [ "$rss" -gt "$(cat "$WORK/rss_max_kb")" ] && echo "$rss" >"$WORK/rss_max_kb"
    sleep 1
  done
}

sql() { psql -h 127.0.0.1 -p "$DB_PORT" -U postgres -d clinic -v ON_ERROR_STOP=1 -qAt "$@"; }
# The uuid of seeded row N of a kind (a0000000 patients, b0000000 doctors, c0000000 appointments).
seeded_uuid() { printf '%s-0000-4000-8000-%012d' "$1" "$2"; }

# ---------------------------------------------------------------------------------------------- data
DOCTORS=10000        # doctors 1..10000 have today's appointments to check in
SPREAD_DOCTORS=2000  # book-spread: doctors 1..2000 through the service, 5001..7000 for the ceiling
CEILING_SPREAD_BASE=5000
HOT_BASE=900000      # hot doctor-days: one fresh doctor per run, with room for any load
CEILING_HOT_BASE=900050
SELLOUT_BASE=950000  # sold-out doctor-days: capacity 10
# The correctness checks look at the service's doctor-days; pgbench's ceiling runs are not the service.
SERVICE_DAYS="NOT (doctor_id BETWEEN '$(printf 'b0000000-0000-4000-8000-%012d' $((CEILING_SPREAD_BASE + 1)))'
                                 AND '$(printf 'b0000000-0000-4000-8000-%012d' $((CEILING_SPREAD_BASE + SPREAD_DOCTORS)))'
               OR doctor_id BETWEEN '$(printf 'b0000000-0000-4000-8000-%012d' $((CEILING_HOT_BASE + 1)))'
                                 AND '$(printf 'b0000000-0000-4000-8000-%012d' $((CEILING_HOT_BASE + 50)))')"

NEXT_PATIENT=0
next_patients() { # a fresh range of POOL patients for one run (POOLS of them for a warm-up)
  PATIENT_BASE=$NEXT_PATIENT
  NEXT_PATIENT=$((NEXT_PATIENT + ${1:-1} * POOL))
}
NEXT_CHECKIN=0
next_checkins() { # the service's runs (POOLS of them for a warm-up)
  CHECKIN_BASE=$NEXT_CHECKIN
  NEXT_CHECKIN=$((NEXT_CHECKIN + ${1:-1} * POOL))
}
CEILING_POOL_FACTOR=3 # pgbench checks in faster than the service: its runs get larger ranges
NEXT_CEILING_CHECKIN=0
next_ceiling_checkins() {
  CHECKIN_BASE=$NEXT_CEILING_CHECKIN
  NEXT_CEILING_CHECKIN=$((NEXT_CEILING_CHECKIN + POOL * CEILING_POOL_FACTOR))
}
NEXT_HOT=0
next_hot_doctor() { # a fresh hot doctor-day: $1 is HOT_BASE or CEILING_HOT_BASE
  NEXT_HOT=$((NEXT_HOT + 1))
  HOT_DOCTOR=$(($1 + NEXT_HOT))
}

count_levels() { echo $LEVELS | wc -w; }

seed() {
  local levels checkins=0 bookings
  levels=$(count_levels)
  # check-in: a warm-up (WARMUP_POOLS) and, per level, the service and the ceiling; bookings: the same for
  # book-spread and book-hotspot, plus sellout's warm-up and its run. Booking patients come after the patients of
  # today's appointments.
  # With --baseline-jar, check-in and book-spread run twice as often on the services.
  local builds=1
  [ -n "$BASELINE_JAR" ] && builds=2
  if has_scenario check-in; then
    NEXT_CEILING_CHECKIN=$(( (levels + WARMUP_POOLS) * POOL * builds ))
    checkins=$(( NEXT_CEILING_CHECKIN + levels * POOL * CEILING_POOL_FACTOR ))
  elif has_scenario read; then
    checkins=$(( 12 * POOL )) # read alone: days of about 48 appointments, as a full run leaves them
  fi
  # the listener scenarios book for five phases of DURATION each: two pools apiece
  local listeners=0
  has_scenario subscribers && listeners=$((listeners + LISTENER_POOLS))
  has_scenario webhooks && listeners=$((listeners + LISTENER_POOLS))
  local sellout=0
  has_scenario sellout && sellout=$((WARMUP_POOLS + 1))
  bookings=$(( ((levels + WARMUP_POOLS) * (builds + 1) + sellout + listeners) * POOL ))
  NEXT_PATIENT=$checkins
  PATIENTS=$((checkins + bookings))
  echo "seeding $DOCTORS doctors, $PATIENTS patients, $checkins appointments for today" >&2
  sql -v doctors=$DOCTORS -v patients=$PATIENTS -v checkins=$checkins -v today="$TODAY" -f bench/seed.sql
  # The hot doctor-days take far more than the API allows a doctor (500) so that capacity never limits
  # book-hotspot: the bench lifts the limit in its own throwaway database.
  sql <<SQL
ALTER TABLE doctor_masters DROP CONSTRAINT ck_doctor_masters_max_appointments;
INSERT INTO doctor_masters (id, name, code, max_appointments_per_day)
SELECT ('b0000000-0000-4000-8000-' || lpad(i::text, 12, '0'))::uuid, 'Dr. Hot ' || i, 'HOT_' || i, 1000000
  FROM generate_series($HOT_BASE + 1, $HOT_BASE + 100) AS i;
INSERT INTO doctor_masters (id, name, code, max_appointments_per_day)
SELECT ('b0000000-0000-4000-8000-' || lpad(i::text, 12, '0'))::uuid, 'Dr. Sellout ' || i, 'SOLD_' || i, 10
  FROM generate_series($SELLOUT_BASE + 1, $SELLOUT_BASE + 10) AS i;
SQL
}

# ---------------------------------------------------------------------------------------------- load
RESULTS="$WORK/rows.jsonl"
: >"$RESULTS"
FAILED=0

# wrk CONNECTIONS SCRIPT ARGS… → prints the WRK_JSON summary; sends WRK_TOKEN (the bot's unless set) to
# WRK_BASE (the service unless set)
run_wrk() {
  local connections=$1 script=$2 duration=$3
  shift 3
  local threads=1
  [ "$connections" -ge 2 ] && threads=2
  BENCH_TOKEN="${WRK_TOKEN:-$BOT_TOKEN}" \
    wrk -t"$threads" -c"$connections" -d"${duration}s" --timeout 10s -s "bench/wrk/$script" "${WRK_BASE:-$BASE}" -- "$@" \
    | sed -n 's/^WRK_JSON //p'
}

# CPU seconds a process has used, in clock ticks: sampled around a run, they give the JVM's CPU per request,
# which the disk's fsync time does not blur the way it blurs throughput.
CLOCK_TICKS=$(getconf CLK_TCK)
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
# The CPU of every PostgreSQL process (backends, WAL writer, autovacuum): the database's time, while only the
# measured build sends it work. A process that ended (an autovacuum worker, a backend) is counted by the postmaster
# that reaped it, in its children's CPU (cutime, cstime): without those, such an exit took its whole CPU time out
# of the sum and a run's DB ms per request could come out negative.
# A process may end between the listing and the reading: what it used is then missing, and cat's error ignored.
db_ticks() {
  { cat /proc/[0-9]*/stat 2>/dev/null || true; } | awk '$2 == "(postgres)" { t += $14 + $15 + $16 + $17 } END { print t + 0 }'
}
ms_per_request() { # ticks-before ticks-after summary
  awk -v a="$1" -v b="$2" -v n="$(json_field "$3" requests)" -v hz="$CLOCK_TICKS" \
    'BEGIN { if (n > 0) printf "%.3f", (b - a) * 1000 / hz / n; else print 0 }'
}

json_field() { sed -E "s/.*\"$2\":([^,}]*).*/\1/" <<<"$1"; }
json_object() { sed -E "s/.*\"$2\":(\{[^}]*\}).*/\1/" <<<"$1"; }
status_count() { local n; n=$(grep -oE "\"$2\":[0-9]+" <<<"$(json_object "$1" statuses)" | cut -d: -f2 || true); echo "${n:-0}"; }
code_count() { local n; n=$(grep -oE "\"$2\":[0-9]+" <<<"$(json_object "$1" codes)" | cut -d: -f2 || true); echo "${n:-0}"; }

# pgbench CLIENTS SCRIPT -D… → "tps p50 p95 p99 failed"
run_pgbench() {
  local clients=$1 script=$2
  shift 2
  local threads=1
  [ "$clients" -ge 2 ] && threads=2
  rm -f "$WORK"/pgbench_log*
  local out
  # a change's script, then how every change ends (its notification, audit record, commit and live signal)
  cat "bench/pgbench/$script" bench/pgbench/change-end.sql >"$WORK/$script"
  out=$(cd "$WORK" && pgbench -h 127.0.0.1 -p "$DB_PORT" -U postgres -n -M prepared -c "$clients" -j "$threads" \
    -T "$DURATION" -l -D n=0 "$@" -f "$script" clinic 2>&1) || true
  local tps failed
  tps=$(grep -oE 'tps = [0-9.]+' <<<"$out" | head -1 | awk '{print $3}' || true)
  failed=$(grep -oE 'number of failed transactions: [0-9]+' <<<"$out" | awk '{print $5}' || true)
  if grep -q 'aborted' <<<"$out"; then
    echo "pgbench: $(grep -m1 'error' <<<"$out")" >&2
  fi
  if grep -q 'aborted' <<<"$out"; then failed=$(( ${failed:-0} + 1 )); fi
  cat "$WORK"/pgbench_log* 2>/dev/null | awk '{print $3}' | sort -n >"$WORK/latencies"
  local n
  n=$(wc -l <"$WORK/latencies")
  pct() { awk -v n="$n" -v p="$1" 'NR == int(n * p / 100 + 0.999) { printf "%.2f", $1 / 1000; exit }' "$WORK/latencies"; }
  echo "${tps:-0} $(pct 50) $(pct 95) $(pct 99) ${failed:-0}"
}

check() { # NAME CONDITION-SQL → "ok" or the failure
  local bad
  bad=$(sql -c "$2")
  if [ "$bad" = "0" ]; then echo "ok"; else echo "FAIL: $1 ($bad)"; FAILED=1; fi
}

global_checks() {
  local result
  result=$(check "day over capacity" "
    SELECT count(*) FROM (SELECT a.doctor_id, a.date, count(*) AS active, max(c.capacity) AS capacity,
                                 max(c.booked) AS booked
                            FROM appointments a JOIN doctor_daily_capacities c USING (doctor_id, date)
                           WHERE a.status <> 'cancelled' AND $SERVICE_DAYS GROUP BY a.doctor_id, a.date) d
     WHERE active > capacity OR active <> booked")
  [ "$result" = ok ] || { echo "$result"; return; }
  result=$(check "duplicate slot" "
    SELECT count(*) FROM (SELECT 1 FROM appointments WHERE status <> 'cancelled' AND $SERVICE_DAYS
                           GROUP BY doctor_id, date, slot HAVING count(*) > 1) d")
  [ "$result" = ok ] || { echo "$result"; return; }
  check "duplicate queue position" "
    SELECT count(*) FROM (SELECT 1 FROM queue_entries GROUP BY doctor_id, date, position HAVING count(*) > 1) d"
}

# Rows made by a run: appointments of its patient range, compared with its 201 answers.
booked_rows() {
  sql -c "SELECT count(*) FROM appointments WHERE patient_id BETWEEN '$(seeded_uuid a0000000 $(($1 + 1)))'
                                                                AND '$(seeded_uuid a0000000 $(($1 + POOL)))'
                                              AND $SERVICE_DAYS"
}

# Rows against answers: wrk stops with up to one request in flight per connection, which the service still
# completes, so rows may exceed the 201 answers by at most the connections; anything else is a booking lost or
# made without the client being told.
rows_verdict() { # rows created connections what
  if [ "$1" -lt "$2" ] || [ "$1" -gt $(($2 + $3)) ]; then
    FAILED=1
    echo "FAIL: $1 $4 for $2 answers 201"
  elif [ "$1" -gt "$2" ]; then
    echo "ok ($(($1 - $2)) in flight when wrk stopped)"
  else
    echo "ok"
  fi
}
checked_in_rows() {
  sql -c "SELECT count(*) FROM queue_entries WHERE appointment_id BETWEEN '$(seeded_uuid c0000000 $(($1 + 1)))'
                                                                    AND '$(seeded_uuid c0000000 $(($1 + POOL)))'"
}

record() { # scenario connections target json-fields…
  local scenario=$1 connections=$2 target=$3
  shift 3
  printf '{"scenario":"%s","connections":%s,"target":"%s",%s}\n' "$scenario" "$connections" "$target" "$*" >>"$RESULTS"
}

book_args() { # scenario service|ceiling → the book.lua / book.sql arguments of the run
  case "$1-$2" in
    book-spread-service) DOCTOR_BASE=0; DOCTOR_COUNT=$SPREAD_DOCTORS; DAYS=90 ;;
    book-spread-ceiling) DOCTOR_BASE=$CEILING_SPREAD_BASE; DOCTOR_COUNT=$SPREAD_DOCTORS; DAYS=90 ;;
    book-hotspot-service) next_hot_doctor $HOT_BASE; DOCTOR_BASE=$((HOT_DOCTOR - 1)); DOCTOR_COUNT=1; DAYS=1 ;;
    book-hotspot-ceiling) next_hot_doctor $CEILING_HOT_BASE; DOCTOR_BASE=$((HOT_DOCTOR - 1)); DOCTOR_COUNT=1; DAYS=1 ;;
  esac
}

# measure TARGET SCENARIO CONNECTIONS SCRIPT ROWS-OF WHAT FIRST ARGS…: one wrk run against the service or the
# baseline build, its JVM CPU per request, and the checks of the rows it made (ROWS-OF FIRST counts them), recorded.
measure() {
  local target=$1 scenario=$2 c=$3 script=$4 rows_of=$5 what=$6 first=$7
  shift 7
  local pid=$SERVICE_PID base=$BASE
  if [ "$target" = baseline ]; then pid=$BASELINE_PID; base=$BASELINE_BASE; fi
  local before db_before summary jvm_ms db_ms created rows verdict
  before=$(cpu_ticks "$pid")
  db_before=$(db_ticks)
  summary=$(WRK_BASE=$base run_wrk "$c" "$script" "$DURATION" "$@")
  jvm_ms=$(ms_per_request "$before" "$(cpu_ticks "$pid")" "$summary")
  db_ms=$(ms_per_request "$db_before" "$(db_ticks)" "$summary")
  created=$(status_count "$summary" 201)
  rows=$("$rows_of" "$first")
  verdict=$(global_checks)
  [ "$verdict" = ok ] && verdict=$(rows_verdict "$rows" "$created" "$c" "$what")
  record "$scenario" "$c" "$target" "\"summary\":$summary,\"jvm_ms_per_request\":$jvm_ms,\"db_ms_per_request\":$db_ms,\"check\":\"$verdict\""
}

# TARGETS: the builds measured at a level. With a baseline, which of the two runs first alternates, so that
# neither always meets the warmer JIT or the busier minute of a shared machine.
TURN=0
next_targets() { # with-baseline, or nothing for the service alone
  TARGETS=service
  if [ -n "$BASELINE_JAR" ] && [ "${1:-}" = with-baseline ]; then
    TURN=$((TURN + 1))
    if [ $((TURN % 2)) -eq 0 ]; then TARGETS="baseline service"; else TARGETS="service baseline"; fi
  fi
}

run_booking() { # scenario connections
  local scenario=$1 c=$2 per_thread threads=1 target
  [ "$c" -ge 2 ] && threads=2
  per_thread=$((POOL / threads))
  book_args "$scenario" service
  next_targets "$([ "$scenario" = book-spread ] && echo with-baseline)"
  for target in $TARGETS; do
    next_patients
    measure "$target" "$scenario" "$c" book.lua booked_rows rows "$PATIENT_BASE" \
      $DOCTOR_BASE $DOCTOR_COUNT $DAYS $PATIENT_BASE $per_thread "$TODAY"
  done

  # The ceiling: the same transaction, same concurrency, straight into PostgreSQL.
  book_args "$scenario" ceiling
  # Patients 1..3 × POOL: they hold appointments only today and with other doctors, so the ceiling's bookings
  # never meet them; each run books fresh doctor-days.
  read -r tps p50 p95 p99 failed < <(run_pgbench "$c" book.sql -D doctor_base=$DOCTOR_BASE -D doctors=$DOCTOR_COUNT \
    -D days=$DAYS -D per_client=$((POOL * CEILING_POOL_FACTOR / c)) -D today="$TODAY" \
    -D clinic_limit="${MAX_APPOINTMENTS_PER_DOCTOR_PER_DAY:-10}" -D notification_type=appointment.booked \
    -D audit_action=appointment.book)
  record "$scenario" "$c" ceiling "\"tps\":$tps,\"p50_ms\":${p50:-0},\"p95_ms\":${p95:-0},\"p99_ms\":${p99:-0},\"failed\":$failed"
}

# The CPU of a JVM's JIT compiler threads ("C1 CompilerThre…", "C2 CompilerThre…"), in clock ticks; the fields
# after the thread's name, which has a space in it.
compiler_ticks() {
  local task ticks=0
  for task in /proc/"$1"/task/*; do
    case "$(cat "$task/comm" 2>/dev/null)" in
      "C1 CompilerThre"* | "C2 CompilerThre"*)
        ticks=$((ticks + $(sed -E 's/.*\) //' "$task/stat" 2>/dev/null | awk '{ t = $12 + $13 } END { print t + 0 }'))) ;;
    esac
  done
  echo "$ticks"
}

# warm_up PID ROUND ARGS…: runs `ROUND ARGS… N` (one round of WARMUP seconds at 8 connections, N counting from 0,
# results dropped) until the JIT compilers of the JVM PID took under 2% of a core in the last round: at least two
# rounds, at most WARMUP_ROUNDS. On two cores they compile a service's hot paths for two minutes and more (a JVM's
# first warm-up on JDK 17 ended at a fifth of a core after eight rounds), and a build measured meanwhile pays for
# that (and the other build of an A/B run does not), not for what it measures: 0.2 core at 650 bookings a second
# is 0.3 ms of JVM CPU per booking.
warm_up() {
  local pid=$1 round before permille=0
  shift
  for round in $(seq 0 $((WARMUP_ROUNDS - 1))); do
    before=$(compiler_ticks "$pid")
    "$@" "$round" >/dev/null || true
    permille=$(( ($(compiler_ticks "$pid") - before) * 1000 / (CLOCK_TICKS * WARMUP) ))
    if [ "$round" -ge 1 ] && [ "$permille" -lt 20 ]; then break; fi
  done
  echo "    warm-up: $(( (round + 1) * WARMUP )) s, the JIT compilers took $((permille / 10)).$((permille % 10))% of a core" \
    "in the last $WARMUP s" >&2
}

# A warm-up's round N on the build at BASE: bookings of its own slice of the warm-up's patients from FIRST on.
book_round() { # BASE FIRST N
  WRK_BASE=$1 run_wrk 8 book.lua "$WARMUP" $DOCTOR_BASE $DOCTOR_COUNT $DAYS $(($2 + $3 * WARMUP_SLICE)) \
    $((WARMUP_SLICE / 2)) "$TODAY"
}

scenario_booking() {
  local scenario=$1
  book_args "$scenario" service
  next_patients "$WARMUP_POOLS"
  warm_up "$SERVICE_PID" book_round "$BASE" "$PATIENT_BASE"
  if [ -n "$BASELINE_JAR" ] && [ "$scenario" = book-spread ]; then
    next_patients "$WARMUP_POOLS"
    warm_up "$BASELINE_PID" book_round "$BASELINE_BASE" "$PATIENT_BASE"
  fi
  for c in $LEVELS; do
    echo "  $scenario at $c connections" >&2
    run_booking "$scenario" "$c"
  done
}

# costed SCENARIO CONNECTIONS SCRIPT DURATION ARGS…: one wrk run of the service, and what it cost per request in
# the JVM's and PostgreSQL's CPU, as JSON fields for record
costed() {
  local connections=$1 script=$2 duration=$3 before db_before summary
  shift 3
  before=$(cpu_ticks "$SERVICE_PID")
  db_before=$(db_ticks)
  summary=$(run_wrk "$connections" "$script" "$duration" "$@")
  echo "\"summary\":$summary,\"jvm_ms_per_request\":$(ms_per_request "$before" "$(cpu_ticks "$SERVICE_PID")" "$summary"),\"db_ms_per_request\":$(ms_per_request "$db_before" "$(db_ticks)" "$summary")"
}

# A warm-up's round N of the sellout, on patients from FIRST on: its connections refused by another sold-out
# doctor-day, then asking who they are, half the round each. Both answers are then measured with their code
# compiled, as every other scenario is: a measured run of a few seconds that also paid for the compilers would
# show what the JIT costs, not what a refusal does.
sellout_round() { # FIRST N
  local half=$(( WARMUP > 1 ? WARMUP / 2 : 1 ))
  run_wrk "$SELLOUT_CONNECTIONS" book.lua "$half" $((SELLOUT_BASE + 1)) 1 1 $(($1 + $2 * WARMUP_SLICE)) \
    $((WARMUP_SLICE / 2)) "$TODAY"
  run_wrk "$SELLOUT_CONNECTIONS" me.lua "$half"
}

scenario_sellout() {
  local doctor=$((SELLOUT_BASE + 1)) summary costs seconds
  seconds=$([ "$DURATION" -ge 5 ] && echo 5 || echo "$DURATION")
  next_patients "$WARMUP_POOLS"
  warm_up "$SERVICE_PID" sellout_round "$PATIENT_BASE"
  next_patients
  echo "  sellout: $SELLOUT_CONNECTIONS connections on one doctor-day of capacity 10" >&2
  costs=$(costed "$SELLOUT_CONNECTIONS" book.lua "$seconds" $((doctor - 1)) 1 1 $PATIENT_BASE $((POOL / 2)) "$TODAY")
  summary=$(sed -E 's/^"summary":(\{.*\}),"jvm_ms_per_request".*/\1/' <<<"$costs")
  local created refused capacity_full booked_sql verdict requests
  requests=$(json_field "$summary" requests)
  created=$(status_count "$summary" 201)
  refused=$(status_count "$summary" 409)
  capacity_full=$(code_count "$summary" CapacityFull)
  booked_sql=$(sql -c "SELECT count(*) FROM appointments WHERE doctor_id = '$(seeded_uuid b0000000 $doctor)'")
  verdict=$(global_checks)
  if [ "$verdict" = ok ]; then
    if [ "$booked_sql" != 10 ] || [ "$created" != 10 ]; then
      verdict="FAIL: $booked_sql booked, $created answers 201 (expected 10)"; FAILED=1
    elif [ "$refused" != $((requests - 10)) ] || [ "$capacity_full" != "$refused" ]; then
      verdict="FAIL: of $((requests - 10)) refusals $refused were 409 and $capacity_full CapacityFull"; FAILED=1
    fi
  fi
  record sellout "$SELLOUT_CONNECTIONS" service "$costs,\"booked\":$booked_sql,\"check\":\"$verdict\""
  # the yardstick: the cheapest authenticated request at the same concurrency, which a refusal should about match
  echo "  auth-me: $SELLOUT_CONNECTIONS connections asking who they are (the sellout's yardstick)" >&2
  record auth-me "$SELLOUT_CONNECTIONS" service "$(costed "$SELLOUT_CONNECTIONS" me.lua "$seconds"),\"check\":\"ok\""
}

# A warm-up's round N on the build at BASE: check-ins of its own slice of the warm-up's appointments from FIRST on.
checkin_round() { # BASE FIRST N
  WRK_BASE=$1 run_wrk 8 checkin.lua "$WARMUP" $(($2 + $3 * WARMUP_SLICE)) $((WARMUP_SLICE / 2))
}

scenario_checkin() {
  local threads target
  next_checkins "$WARMUP_POOLS"
  warm_up "$SERVICE_PID" checkin_round "$BASE" "$CHECKIN_BASE"
  if [ -n "$BASELINE_JAR" ]; then
    next_checkins "$WARMUP_POOLS"
    warm_up "$BASELINE_PID" checkin_round "$BASELINE_BASE" "$CHECKIN_BASE"
  fi
  for c in $LEVELS; do
    echo "  check-in at $c connections" >&2
    threads=1; [ "$c" -ge 2 ] && threads=2
    next_targets with-baseline
    for target in $TARGETS; do
      next_checkins
      measure "$target" check-in "$c" checkin.lua checked_in_rows "queue entries" "$CHECKIN_BASE" \
        $CHECKIN_BASE $((POOL / threads))
    done

    next_ceiling_checkins
    read -r tps p50 p95 p99 failed < <(run_pgbench "$c" checkin.sql -D appointment_base=$CHECKIN_BASE \
      -D per_client=$((POOL * CEILING_POOL_FACTOR / c)) -D today="$TODAY" -D turn_near_ahead="${TURN_NEAR_AHEAD:-2}" \
      -D notification_type=appointment.checked_in -D audit_action=appointment.check_in)
    record check-in "$c" ceiling "\"tps\":$tps,\"p50_ms\":${p50:-0},\"p95_ms\":${p95:-0},\"p99_ms\":${p99:-0},\"failed\":$failed"
  done
}

no_rows() { echo 0; } # reads make none

read_round() { # BASE N: a warm-up's round of reads on the build at BASE (reads use up nothing)
  WRK_TOKEN=$RECEPTION_TOKEN WRK_BASE=$1 run_wrk 8 read.lua "$WARMUP" $DOCTORS "$TODAY"
}

scenario_read() {
  local target
  warm_up "$SERVICE_PID" read_round "$BASE"
  if [ -n "$BASELINE_JAR" ]; then
    warm_up "$BASELINE_PID" read_round "$BASELINE_BASE"
  fi
  for c in $LEVELS; do
    echo "  read at $c connections" >&2
    next_targets with-baseline
    for target in $TARGETS; do
      WRK_TOKEN=$RECEPTION_TOKEN measure "$target" read "$c" read.lua no_rows reads 0 $DOCTORS "$TODAY"
    done
  done
}

# Bookings on one doctor-day without and with SUBSCRIBERS streams of its board (after a warm-up: without, with,
# with, without), measured by
# bench/live/LiveBench.java: throughput, the service's CPU per booking, and the delay from a 201 to the events.
listener_patients() { # LISTENER_POOLS pools in a row, from PATIENT_BASE on
  local first
  next_patients
  first=$PATIENT_BASE
  for _ in $(seq 2 "$LISTENER_POOLS"); do next_patients; done
  PATIENT_BASE=$first
}

scenario_subscribers() {
  local tokens="" summary
  for _ in $(seq 1 "$DISPLAYS"); do
    tokens="$tokens,$(curl -sf -H "Authorization: Bearer $ADMIN_TOKEN" -H "Content-Type: application/json" \
      -d '{"name":"bench screen","role":"display"}' "$BASE/api/v1/clients" | sed -E 's/.*"token":"([^"]+)".*/\1/')"
  done
  next_hot_doctor $HOT_BASE
  listener_patients
  echo "  subscribers: $SUBSCRIBER_CONNECTIONS booking connections, without and with $SUBSCRIBERS open streams" >&2
  summary=$("$JAVA" bench/live/LiveBench.java listeners=streams base="$BASE" booking_token="$BOT_TOKEN" display_tokens="${tokens#,}" \
    doctor="$(seeded_uuid b0000000 $HOT_DOCTOR)" date="$TODAY" patient_base="$PATIENT_BASE" \
    connections=$SUBSCRIBER_CONNECTIONS duration="$DURATION" subscribers=$SUBSCRIBERS service_pid="$SERVICE_PID" \
    | sed -n 's/^LIVE_JSON //p')
  local verdict
  verdict=$(global_checks)
  [ -n "$summary" ] || verdict="FAIL: the live benchmark reported nothing"
  ! grep -q '"bookings":0,' <<<"$summary" || verdict="FAIL: a phase booked nothing"
  [ "$verdict" = ok ] || FAILED=1
  record subscribers "$SUBSCRIBER_CONNECTIONS" live "\"phases\":$summary,\"check\":\"$verdict\""
}

# Bookings on one doctor-day without and with two webhook subscriptions to appointment.booked, received by the
# benchmark on loopback (after a warm-up: without, with, with, without): throughput, CPU per booking, and the delay
# from a booking's 201 to its delivery at each receiver.
scenario_webhooks() {
  local summary verdict
  next_hot_doctor $HOT_BASE
  listener_patients
  echo "  webhooks: $SUBSCRIBER_CONNECTIONS booking connections, without and with 2 webhook subscriptions" >&2
  summary=$("$JAVA" bench/live/LiveBench.java listeners=webhooks base="$BASE" booking_token="$BOT_TOKEN" \
    admin_token="$ADMIN_TOKEN" doctor="$(seeded_uuid b0000000 $HOT_DOCTOR)" date="$TODAY" \
    patient_base="$PATIENT_BASE" connections=$SUBSCRIBER_CONNECTIONS duration="$DURATION" \
    service_pid="$SERVICE_PID" | sed -n 's/^LIVE_JSON //p')
  verdict=$(global_checks)
  [ -n "$summary" ] || verdict="FAIL: the webhooks benchmark reported nothing"
  ! grep -q '"bookings":0,' <<<"$summary" || verdict="FAIL: a phase booked nothing"
  [ "$verdict" = ok ] || FAILED=1
  record webhooks "$SUBSCRIBER_CONNECTIONS" webhooks "\"phases\":$summary,\"check\":\"$verdict\""
}

# A listeners scenario's table (target live or webhooks): each phase, and with/without over both rounds.
report_listeners() {
  local target=$1 title=$2 listeners=$3 row
  row=$(grep -F "\"target\":\"$target\"" "$RESULTS" | head -1 || true)
  [ -n "$row" ] || return 0
  echo
  echo "$title (after a warm-up: without, with, with, without)."
  echo
  echo "| phase | booking conns | bookings | req/s | JVM ms/booking | DB ms/booking | bench client ms/booking | $listeners | 201 → heard p50 ms | p99 ms | max ms | missed |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  grep -oE '\{"phase":[^}]*\}' <<<"$row" | while read -r phase; do
    local f
    f() { grep -q "\"$1\"" <<<"$phase" && json_field "$phase" "$1" || echo "-"; }
    echo "| $(f phase | tr -d '"') | $(f connections) | $(f bookings) | $(f rps) | $(f jvm_ms_per_booking) | $(f db_ms_per_booking) | $(f client_ms_per_booking) | $(f subscribers) | $(f p50_ms) | $(f p99_ms) | $(f max_ms) | $(f missed) |"
  done
  grep -oE '\{"phase":[^}]*\}' <<<"$row" | awk -F'"rps":' '
    /"phase":"with"/ { split($2, a, ","); w += a[1]; nw++ }
    /"phase":"without"/ { split($2, a, ","); o += a[1]; no++ }
    END { if (o > 0) printf "\nThroughput with listeners / without: %.2f (mean of %d and %d phases).\n", (w / nw) / (o / no), nw, no }'
  echo "Check: $(sed -E 's/.*"check":"([^"]*)".*/\1/' <<<"$row")"
}

# ---------------------------------------------------------------------------------------------- report
report() {
  local stamp=$1 file=$2
  local rss_mb
  rss_mb=$(awk '{ printf "%.0f", $1 / 1024 }' "$WORK/rss_max_kb")
  {
    printf '{"timestamp":"%s","commit":"%s","java":"%s","cores":%s,"duration_s":%s,"first_startup_s":%s,"startup_jar_median_s":%s,"startup_deployed_median_s":%s,"rss_max_mb":%s,"rows":[' \
      "$stamp" "$COMMIT" "$("$JAVA" -version 2>&1 | head -1 | sed 's/"/\\"/g')" "$(nproc)" "$DURATION" "$FIRST_STARTUP_S" \
      "$STARTUP_JAR_S" "$STARTUP_DEPLOYED_S" "$rss_mb"
    paste -sd, "$RESULTS"
    printf ']}\n'
  } >"$file"

  echo
  echo "Start-up to healthy on an existing data folder, median of $STARTS: ${STARTUP_DEPLOYED_S} s as deployed" \
    "(scripts/start.sh), ${STARTUP_JAR_S} s with java -jar; a first start (initdb): ${FIRST_STARTUP_S} s."
  echo "Largest RSS under load: ${rss_mb} MB; $(nproc) cores; ${DURATION} s a run; commits: $COMMIT" \
    "($([ "$COMMIT" = async ] && echo "synchronous_commit off for service and ceiling" || echo "durable, as deployed")); $("$JAVA" -version 2>&1 | head -1)."
  echo
  echo "| scenario | conns | service req/s | p50 ms | p95 ms | p99 ms | 201 | 409 | other non-2xx | ceiling tps | ceiling p99 ms | service/ceiling | JVM ms/req | DB ms/req | baseline req/s | service/baseline | baseline JVM ms/req | baseline DB ms/req | check |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
  while read -r row; do
    local target scenario c
    target=$(json_field "$row" target | tr -d '"')
    [ "$target" = service ] || continue
    scenario=$(json_field "$row" scenario | tr -d '"')
    c=$(json_field "$row" connections)
    local summary="$row" rps p50 p95 p99 ok conflict requests other ceiling ratio cp99 verdict=""
    rps=$(json_field "$summary" rps)
    p50=$(json_field "$summary" p50_ms); p95=$(json_field "$summary" p95_ms); p99=$(json_field "$summary" p99_ms)
    requests=$(json_field "$summary" requests)
    ok=$(( $(status_count "$summary" 200) + $(status_count "$summary" 201) ))
    conflict=$(status_count "$summary" 409)
    other=$(( requests - ok - conflict ))
    ceiling=$(grep -F "\"scenario\":\"$scenario\",\"connections\":$c,\"target\":\"ceiling\"" "$RESULTS" | head -1 || true)
    if [ -n "$ceiling" ]; then
      local tps
      tps=$(json_field "$ceiling" tps)
      cp99=$(json_field "$ceiling" p99_ms)
      ratio=$(awk -v a="$rps" -v b="$tps" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }')
    else
      tps="-"; cp99="-"; ratio="-"
    fi
    local baseline brps bratio jvm bjvm db bdb
    jvm=$(grep -q jvm_ms_per_request <<<"$row" && json_field "$row" jvm_ms_per_request || echo "-")
    db=$(grep -q db_ms_per_request <<<"$row" && json_field "$row" db_ms_per_request || echo "-")
    baseline=$(grep -F "\"scenario\":\"$scenario\",\"connections\":$c,\"target\":\"baseline\"" "$RESULTS" | head -1 || true)
    if [ -n "$baseline" ]; then
      brps=$(json_field "$baseline" rps)
      bjvm=$(json_field "$baseline" jvm_ms_per_request)
      bdb=$(json_field "$baseline" db_ms_per_request)
      bratio=$(awk -v a="$rps" -v b="$brps" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }')
      grep -q '"check":"ok' <<<"$baseline" || verdict="baseline: $(sed -E 's/.*"check":"([^"]*)".*/\1/' <<<"$baseline") "
    else
      brps="-"; bratio="-"; bjvm="-"; bdb="-"
    fi
    verdict="${verdict:-}$(sed -E 's/.*"check":"([^"]*)".*/\1/' <<<"$row")"
    echo "| $scenario | $c | $rps | $p50 | $p95 | $p99 | $(status_count "$summary" 201) | $conflict | $other | ${tps:-"-"} | ${cp99:-"-"} | $ratio | $jvm | $db | $brps | $bratio | $bjvm | $bdb | $verdict |"
  done <"$RESULTS"
  local sellout me
  sellout=$(grep -F '"scenario":"sellout"' "$RESULTS" | head -1 || true)
  me=$(grep -F '"scenario":"auth-me"' "$RESULTS" | head -1 || true)
  if [ -n "$sellout" ] && [ -n "$me" ]; then
    echo
    echo "Sellout: answered at $(json_field "$sellout" rps) req/s, $(awk -v a="$(json_field "$sellout" rps)" \
      -v b="$(json_field "$me" rps)" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }') × the cheapest" \
      "authenticated request at the same $SELLOUT_CONNECTIONS connections (GET /api/v1/auth/me, $(json_field "$me" rps) req/s)."
  fi
  report_listeners live "Live queue: bookings on one doctor-day, without and with $SUBSCRIBERS open streams of its board" streams
  report_listeners webhooks "Webhooks: bookings on one doctor-day, without and with 2 subscriptions to appointment.booked" subscriptions
  echo
  echo "Results: $file"
}

# ---------------------------------------------------------------------------------------------- main
install_tools
build
echo "starting the service on a fresh embedded database" >&2
start_service deployed
FIRST_STARTUP_S=$STARTUP_S
echo "healthy after ${STARTUP_S} s (a first start: initdb included)" >&2
# psql and pgbench sign in as the embedded server's superuser, with the password the service generated.
PGPASSWORD=$(sed -n 's/^postgres_password=//p' "$WORK/postgres/credentials")
export PGPASSWORD
if [ "$COMMIT" = async ]; then
  # every session of the database from now on, the service's pool and pgbench's alike, commits without waiting
  # for the disk; the server's own setting (synchronous_commit on, as deployed) ranks below a database's
  sql -c "ALTER DATABASE clinic SET synchronous_commit = off"
fi
stop_service
measure_restarts
start_service deployed
sample_rss &
SAMPLER_PID=$!
seed
issue_tokens
[ -n "$BASELINE_JAR" ] && start_baseline
has_scenario book-spread && scenario_booking book-spread
has_scenario book-hotspot && scenario_booking book-hotspot
has_scenario sellout && scenario_sellout
has_scenario check-in && scenario_checkin
has_scenario read && scenario_read
has_scenario subscribers && scenario_subscribers
has_scenario webhooks && scenario_webhooks

STAMP=$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p bench/results
report "$STAMP" "bench/results/$STAMP.json"
if [ "$FAILED" -ne 0 ]; then
  echo "CORRECTNESS CHECK FAILED" >&2
  exit 1
fi
