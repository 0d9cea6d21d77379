#!/usr/bin/env bash
# Fleet scaling (issue 24): 1, 2 and 3 gateways (`ingest --state-url`, one process each) share one storage of FILES
# files through PostgreSQL, with a transcoder whose cost is time, not CPU (SleepTranscoderProvider: SLEEP_MS per
# file, one file at a time per gateway), so that a 2-core machine can show the scaling. Same run, same files.
# Goal (issue 24): 3 gateways at least 2.5 times as fast as one.
# Usage: benchmarks/run-fleet.sh [FILES] [SLEEP_MS]   (a server from ICONIK_SDK_TEST_POSTGRES_URL, else one started
# with .ci/test-postgres.sh for the run)
# BENCH_BUILD=0: use the jars built before (build them with build-slot, run this under quiet-slot).
# FLEET_TRACE=1: each gateway logs its claims with times (DEBUG of FileClaims); a timeline per gateway is printed:
# start to first claim, first claim to last completion, last completion to exit.
set -euo pipefail
cd "$(dirname "$0")/.."
. benchmarks/ingest-lib.sh
files="${1:-60}"
sleep_ms="${2:-1000}"
work="${3:-/tmp/iconik-fleet}"
pg_state="$work.pg-state"
started_pg=""
trap 'rc=$?; fake_stop; if [ -n "$started_pg" ]; then ICONIK_SDK_TEST_POSTGRES_STATE="$pg_state" .ci/test-postgres.sh stop > /dev/null; fi; exit $rc' EXIT

[ "${BENCH_BUILD:-1}" = 0 ] || mvn -q -B -o -DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true -Dapi.gate.skip=true -pl samples/gateway,benchmarks -am package
if [ -z "${ICONIK_SDK_TEST_POSTGRES_URL:-}" ]; then
  eval "$(ICONIK_SDK_TEST_POSTGRES_STATE="$pg_state" .ci/test-postgres.sh start)"
  started_pg=1
fi
rm -rf "$work"; mkdir -p "$work/plugin/META-INF/services" "$work/plugin/io/github/iconiksdk/benchmarks" "$work/plugins"
# the sleeping transcoder as a plugin jar of its own (the gateway loads plugins-dir jars at start)
cp benchmarks/target/classes/io/github/iconiksdk/benchmarks/SleepTranscoderProvider*.class \
  "$work/plugin/io/github/iconiksdk/benchmarks/"
echo io.github.iconiksdk.benchmarks.SleepTranscoderProvider \
  > "$work/plugin/META-INF/services/io.github.iconiksdk.api.transcode.TranscoderProvider"
jar cf "$work/plugins/sleep.jar" -C "$work/plugin" .
export SLEEP_TRANSCODER_MS="$sleep_ms" SLEEP_TRANSCODER_JOBS=1
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1); $files files, ${sleep_ms} ms per transcode, one at a time per gateway; load before: $(cut -d' ' -f1-3 /proc/loadavg)"

if [ -n "${FLEET_TRACE:-}" ]; then
  export ICONIK_GATEWAY_JAVA_OPTS="${ICONIK_GATEWAY_JAVA_OPTS:-} -Dorg.slf4j.simpleLogger.showDateTime=true \
 -Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS \
 -Dorg.slf4j.simpleLogger.log.io.github.iconiksdk.core.ingest.internal.FileClaims=debug"
fi
# timeline DIR N START: per gateway, seconds from START to its first claim, its last completion and its exit
timeline() {
  python3 - "$@" <<'PY'
import re, sys, datetime
d, n, start = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
day = datetime.datetime.fromtimestamp(start).replace(hour=0, minute=0, second=0, microsecond=0).timestamp()
def t(line):
    h, m, s = line.split(" ", 1)[0].split(":")
    return day + int(h) * 3600 + int(m) * 60 + float(s) - start
for i in range(1, n + 1):
    lines = [l for l in open("%s/ingest%d.err" % (d, i)) if re.match(r"\d\d:\d\d:\d\d\.\d{3} ", l)]
    claims = [t(l) for l in lines if "claimed " in l and "file(s)" in l]
    done = [t(l) for l in lines if " completed " in l]
    scan = [t(l) for l in lines if "scan done" in l]
    end = float(open("%s/exit%d" % (d, i)).read()) - start
    first = claims[0] if claims else float("nan")
    last = done[-1] if done else float("nan")
    print("  gw%d: first claim %.1f s, %s%d completed, last completion %.1f s, exit %.1f s (after last completion %.1f s)"
          % (i, first, "scanned (done %.1f s), " % scan[0] if scan else "", len(done), last, end, end - last))
PY
}

declare -A took
one() {   # one N: a fresh fake and schema, FILES files, N gateways started at once, timed until the last exits
  local n="$1" dir="$work/n$1" i start secs
  mkdir -p "$dir"
  printf 'api-requests-per-second=0\nplugins-dir=%s\nmax-transcoding-jobs=1\nwork-lease-seconds=10\n' \
    "$work/plugins" > "$dir/config.ini"
  fake_start "$dir" --storage-setting local_proxy_creation=true --storage-setting local_keyframe_creation=true
  make_files "$dir/storage" "$files" 64
  local url="$ICONIK_SDK_TEST_POSTGRES_URL?schema=fleet_${n}_$$"
  local pids=()
  start=$(date +%s.%N)
  for i in $(seq 1 "$n"); do
    (./iconik-gateway ingest --config "$dir/config.ini" --data-dir "$dir/data$i" --state-url "$url" \
      > "$dir/ingest$i.out" 2> "$dir/ingest$i.err"; rc=$?; date +%s.%N > "$dir/exit$i"; exit $rc) &
    pids+=($!)
  done
  for p in "${pids[@]}"; do wait "$p" || { echo "gateway $p failed"; cat "$dir"/ingest*.err | tail -20; return 1; }; done
  secs=$(echo "$(date +%s.%N) - $start" | bc)
  took[$n]="$secs"
  echo "$n gateway(s): $secs s, $(echo "scale=2; $files / $secs" | bc) files/s; $(for i in $(seq 1 "$n"); do printf '[gw%d: %s] ' "$i" "$(tail -1 "$dir/ingest$i.out")"; done)"
  exactly_once "$files"
  if [ -n "${FLEET_TRACE:-}" ]; then timeline "$dir" "$n" "$start"; fi
  fake_stop
}
one 1
one 2
one 3
echo "speed-up: 2 gateways $(echo "scale=2; ${took[1]} / ${took[2]}" | bc)x, 3 gateways $(echo "scale=2; ${took[1]} / ${took[3]}" | bc)x; load after: $(cut -d' ' -f1-3 /proc/loadavg)"
