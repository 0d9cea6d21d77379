#!/usr/bin/env bash
# Registration workers (issue 16): `ingest` of FILES empty files (default 2000) against the fake without limits,
# the client's rate limit turned off (config key api-requests-per-second=0), with one registration worker
# (registration-workers=1) and with the default, in the same run, interleaved, RUNS times each (default 2).
# Goal: the default at least 3 times the one-worker files/s. Each run also prints the CPU seconds the gateway and the
# fake used and how many cores that makes over the run: near the machine's cores, the run is CPU-bound and more
# workers cannot make it faster.
# Then the same pair again, LATENCY_FILES files (default 500), with the fake answering every request after
# LATENCY_MS milliseconds (default 20; `fake-iconik --latency-ms`): iconik is not on loopback, and this pair is what
# a user on a real network sees. LATENCY_MS=0 skips it.
# Usage: benchmarks/run-ingest-workers.sh [FILES] [RUNS] [WORKDIR] [LATENCY_MS] [LATENCY_FILES]
set -euo pipefail
cd "$(dirname "$0")/.."
. benchmarks/ingest-lib.sh
files="${1:-2000}"
runs="${2:-2}"
work="${3:-/tmp/iconik-ingest-workers}"
latency="${4:-20}"
latency_files="${5:-500}"
trap 'rc=$?; fake_stop; exit $rc' EXIT

[ "${BENCH_BUILD:-1}" = 0 ] || mvn -q -B -o -DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true -Dapi.gate.skip=true -pl samples/gateway -am package
./iconik-gateway --version > /dev/null
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
# cpu_seconds PID: user + system CPU seconds the process has used so far (from /proc; clock ticks of 1/100 s).
cpu_seconds() {
  awk -v hz="$(getconf CLK_TCK)" '{print ($14 + $15) / hz}' "/proc/$1/stat"
}
one() {   # one LABEL WORKERS COUNT [FAKE ARGS...]: a fresh fake and data dir, COUNT empty files, one timed ingest
  local label="$1" workers="$2" files="$3" dir="$work/$1"
  shift 3
  rm -rf "$dir"; mkdir -p "$dir"
  printf 'api-requests-per-second=0\n%s\n' "${workers:+registration-workers=$workers}" > "$dir/config.ini"
  fake_start "$dir" "$@"
  make_files "$dir/storage" "$files" 0
  local start secs fake_cpu0 fake_cpu gw_cpu
  fake_cpu0=$(cpu_seconds "$FAKE_PID")
  start=$(date +%s.%N)
  /usr/bin/time -f '%U %S' -o "$dir/time.txt" \
    ./iconik-gateway ingest --config "$dir/config.ini" --data-dir "$dir/data" > "$dir/ingest.out" 2> "$dir/ingest.err"
  secs=$(echo "$(date +%s.%N) - $start" | bc)
  fake_cpu=$(echo "$(cpu_seconds "$FAKE_PID") - $fake_cpu0" | bc)
  gw_cpu=$(awk '{print $1 + $2}' "$dir/time.txt")
  local rate ratio=""
  rate=$(echo "scale=1; $files / $secs" | bc)
  if [ "$workers" = 1 ]; then
    one_worker_rate="$rate"
  elif [ -n "${one_worker_rate:-}" ]; then
    ratio=" ($(echo "scale=2; $rate / $one_worker_rate" | bc)x the one-worker run before it)"
  fi
  echo "$label: $secs s, $rate files/s$ratio; CPU: gateway $gw_cpu s, fake $fake_cpu s" \
    "(both: $(echo "scale=2; ($gw_cpu + $fake_cpu) / $secs" | bc) cores); load $(cut -d' ' -f1 /proc/loadavg);" \
    "$(tail -1 "$dir/ingest.out")"
  exactly_once "$files"
  fake_stop
}
for run in $(seq 1 "$runs"); do
  one "one-worker" 1 "$files"
  one "default" "" "$files"
done
if [ "$latency" != 0 ]; then
  for run in $(seq 1 "$runs"); do
    one "one-worker-${latency}ms" 1 "$latency_files" --latency-ms "$latency"
    one "default-${latency}ms" "" "$latency_files" --latency-ms "$latency"
  done
fi
