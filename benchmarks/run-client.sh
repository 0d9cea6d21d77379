#!/usr/bin/env bash
# Client throughput benchmark: the SDK's IconikClient with 1/4/16 callers against a loopback endpoint, beside
# curl against the same endpoint, in one run.
# Usage: benchmarks/run-client.sh [warmupSeconds] [measureSeconds]   (from the repository root)
# With BENCH_FAKE=1 the endpoint is the testkit's fake (./iconik-gateway fake-iconik) holding one asset, instead
# of the minimal LoopbackIconik stand-in.
set -euo pipefail
cd "$(dirname "$0")/.."
warm=${1:-3}; measure=${2:-8}
[ "${BENCH_BUILD:-1}" = 0 ] || mvn -q -B -o -DskipTests -pl benchmarks -am package
jar=benchmarks/target/benchmarks.jar
log=$(mktemp)
if [ "${BENCH_FAKE:-0}" = 1 ]; then
  ./iconik-gateway fake-iconik > "$log" 2>/dev/null &
  server=$!
  trap 'kill $server 2>/dev/null || true; rm -f "$log"' EXIT
  for _ in $(seq 120); do grep -q STORAGE_ID= "$log" && break; sleep 0.5; done
  base=$(sed -n 's/^ICONIK_URL=//p' "$log"); app=$(sed -n 's/^APP_ID=//p' "$log"); tok=$(sed -n 's/^AUTH_TOKEN=//p' "$log")
  asset=$(curl -s -X POST -H "App-ID: $app" -H "Auth-Token: $tok" -H "Content-Type: application/json" \
    --data '{"title":"A001_C003_0921XY.mov","external_id":"bench"}' "$base/API/assets/v1/assets/" \
    | python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])')
  client_args=("$base" "$warm" "$measure" "$app" "$tok" "$asset")
else
  java -cp "$jar" io.github.iconiksdk.benchmarks.LoopbackIconik > "$log" &
  server=$!
  trap 'kill $server 2>/dev/null || true; rm -f "$log"' EXIT
  for _ in $(seq 50); do grep -q PORT= "$log" && break; sleep 0.2; done
  base="http://127.0.0.1:$(sed -n 's/^PORT=//p' "$log")"; app=bench-app; tok=bench-token
  asset=6f1e3c52-6f5b-11ee-9c2b-0242ac120002
  client_args=("$base" "$warm" "$measure")
fi
url="$base/API/assets/v1/assets/$asset/"
hdr=(-H "App-ID: $app" -H "Auth-Token: $tok" -H "Accept: application/json")

curl_anchor() {
  local n=300 start end
  start=$(date +%s.%N)
  for _ in $(seq $n); do curl -s -o /dev/null "${hdr[@]}" "$url"; done
  end=$(date +%s.%N)
  printf 'curl    one process per request (loop)  callers= 1  %8.0f req/s  (%d requests)\n' \
    "$(echo "$n / ($end - $start)" | bc -l)" $n
  n=3000
  local urls=(); for _ in $(seq $n); do urls+=("$url"); done
  start=$(date +%s.%N)
  curl -s "${hdr[@]}" "${urls[@]}" > /dev/null
  end=$(date +%s.%N)
  printf 'curl    one process, keep-alive (%d URLs) callers= 1  %8.0f req/s\n' $n \
    "$(echo "$n / ($end - $start)" | bc -l)"
}

echo "== anchor: curl against $url"
curl_anchor
echo "== SDK client"
java -cp "$jar" io.github.iconiksdk.benchmarks.ClientThroughput "${client_args[@]}"
echo "== anchor again"
curl_anchor
