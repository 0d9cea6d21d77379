#!/usr/bin/env bash
# Outage benchmark (issue 15): `run --status-port` ingests FILES small files from the standalone fake iconik; after
# START files are registered, iconik answers 5xx to everything for OUTAGE seconds (PUT /__fake/faults {"5xx": 1}),
# then recovers (DELETE /__fake/faults). OutageHarness counts the requests the fake receives each second
# (/__fake/requests/count), reads /status.json, and checks every file is registered once at the end.
# Usage: benchmarks/run-outage.sh [FILES] [START] [OUTAGE]   (from the repository root; default 800 200 30)
# Renditions are off (local proxy and keyframe creation false), so the figures are about registration.
set -euo pipefail
cd "$(dirname "$0")/.."
files=${1:-800}; start=${2:-200}; outage=${3:-30}
[ "${BENCH_BUILD:-1}" = 0 ] || mvn -q -B -o -DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true \
  -pl samples/gateway,benchmarks -am package
work=$(mktemp -d /tmp/iconik-outage.XXXXXX)
fake_log="$work/fake.log"; gw_log="$work/gateway.log"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
mkdir -p "$work/tree/day1" "$work/data"
python3 - "$work/tree/day1" "$files" <<'PY'
import os, sys
d, n = sys.argv[1], int(sys.argv[2])
for i in range(n):
    with open(os.path.join(d, "clip-%05d.mov" % i), "w") as f:
        f.write("clip %d\n" % i)
PY
java -jar samples/gateway/target/iconik-gateway.jar fake-iconik --mount-point "$work/tree" --storage-setting local_proxy_creation=false \
  --storage-setting local_keyframe_creation=false --storage-setting growing_files_threshold=0 \
  --storage-setting scan_interval_seconds=5 > "$fake_log" 2>&1 &
pids+=($!)
for _ in $(seq 600); do grep -q STORAGE_ID= "$fake_log" && break; sleep 0.5; done
url=$(sed -n 's/^ICONIK_URL=//p' "$fake_log"); app=$(sed -n 's/^APP_ID=//p' "$fake_log")
tok=$(sed -n 's/^AUTH_TOKEN=//p' "$fake_log"); sid=$(sed -n 's/^STORAGE_ID=//p' "$fake_log")
[ -n "$sid" ] || { echo "the fake did not start within 300 s:"; cat "$fake_log"; exit 1; }
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $files files, iconik down for $outage s after $start"
java -jar samples/gateway/target/iconik-gateway.jar run --iconik-url "$url" --app-id "$app" --auth-token "$tok" --storage-id "$sid" \
  --data-dir "$work/data" --status-port "$port" > "$gw_log" 2>&1 &
pids+=($!)
set +e
java -cp benchmarks/target/benchmarks.jar io.github.iconiksdk.benchmarks.OutageHarness "$url" "$app" "$tok" \
  "http://127.0.0.1:$port" "$files" "$start" "$outage"
code=$?
set -e
echo "gateway log (last 15 lines):"; tail -15 "$gw_log"
exit $code
