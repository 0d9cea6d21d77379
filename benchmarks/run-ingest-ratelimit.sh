#!/usr/bin/env bash
# Ingest acceptance (issue 16): `ingest` of FILES new files (default 600) against `fake-iconik --rate-limit 50`
# (burst: one second's worth, the stricter reading of iconik's "50 per second or 1,000 in any 20 s"), the
# gateway's client at its default rate limit. Goals: zero 429 answers, at most 4 API requests per file
# (GET /__fake/requests/count), at least 10.5 files/s for the whole command, start-up included.
# Usage: benchmarks/run-ingest-ratelimit.sh [FILES] [WORKDIR]     (run it on a quiet machine)
set -euo pipefail
cd "$(dirname "$0")/.."
. benchmarks/ingest-lib.sh
files="${1:-600}"
work="${2:-/tmp/iconik-ingest-ratelimit}"
rm -rf "$work"; mkdir -p "$work"
trap 'rc=$?; fake_stop; exit $rc' EXIT

[ "${BENCH_BUILD:-1}" = 0 ] || mvn -q -B -o -DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true -Dapi.gate.skip=true -pl samples/gateway -am package
./iconik-gateway --version > /dev/null
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
fake_start "$work" --rate-limit 50
make_files "$work/storage" "$files"
sleep 2   # the fake's bucket full again after start-up

start=$(date +%s.%N)
./iconik-gateway ingest --data-dir "$work/data" > "$work/ingest.out" 2> "$work/ingest.err"
secs=$(echo "$(date +%s.%N) - $start" | bc)
total=$(fake_count 'path=/API/.*')
refused=$(fake_count 'path=/API/.*&status=429')
perfile=$(fake_count 'path=/API/(assets%7Cfiles/v1/assets)/.*')
echo "$(tail -1 "$work/ingest.out")"
echo "whole command: $secs s, $(echo "scale=2; $files / $secs" | bc) files/s (goal >= 10.5)"
echo "API requests: $total in all, $(echo "scale=3; $total / $files" | bc) per file; on assets and files only:" \
  "$perfile, $(echo "scale=3; $perfile / $files" | bc) per file (goal <= 4); 429 answers: $refused (goal 0)"
exactly_once "$files"
