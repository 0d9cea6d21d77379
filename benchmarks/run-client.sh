#!/usr/bin/env bash
# Client throughput benchmark: the SDK's IconikClient with 1/4/16 callers against a loopback endpoint, beside
# curl against the same endpoint, in one run.
# Usage: benchmarks/run-client.sh [warmupSeconds] [measureSeconds]   (from the repository root)
set -euo pipefail
cd "$(dirname "$0")/.."
warm=${1:-3}; measure=${2:-8}
mvn -q -B -o -DskipTests -pl benchmarks -am package
jar=benchmarks/target/benchmarks.jar
log=$(mktemp)
java -cp "$jar" io.github.iconiksdk.benchmarks.LoopbackIconik > "$log" &
server=$!
trap 'kill $server 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 50); do grep -q PORT= "$log" && break; sleep 0.2; done
port=$(sed -n 's/^PORT=//p' "$log")
url="http://127.0.0.1:$port/API/assets/v1/assets/6f1e3c52-6f5b-11ee-9c2b-0242ac120002/"
hdr=(-H "App-ID: bench-app" -H "Auth-Token: bench-token" -H "Accept: application/json")

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
java -cp "$jar" io.github.iconiksdk.benchmarks.ClientThroughput "http://127.0.0.1:$port" "$warm" "$measure"
echo "== anchor again"
curl_anchor
