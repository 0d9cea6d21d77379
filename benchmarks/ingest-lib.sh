#!/usr/bin/env bash
# Helpers for the ingest acceptance runs (issue 16): a fake iconik started through ./iconik-gateway fake-iconik,
# files made with python3, the gateway's ingest timed as a user runs it (JVM start included). Sourced, not run.

# fake_start WORK ARGS...: starts fake-iconik (faults, rate limit, storage settings as ARGS) on a free port with the
# mount point WORK/storage; sets ICONIK_URL, APP_ID, AUTH_TOKEN, STORAGE_ID (exported) and FAKE_PID.
fake_start() {
  local work="$1"; shift
  mkdir -p "$work/storage"
  ./iconik-gateway fake-iconik --mount-point "$work/storage" --storage-setting growing_files_threshold=0 \
    --storage-setting local_proxy_creation=false --storage-setting local_keyframe_creation=false \
    "$@" > "$work/fake.out" 2> "$work/fake.err" &
  FAKE_PID=$!
  for _ in $(seq 1 300); do
    grep -q '^STORAGE_ID=' "$work/fake.out" 2>/dev/null && break
    kill -0 "$FAKE_PID" 2>/dev/null || { cat "$work/fake.err"; return 1; }
    sleep 0.1
  done
  set -a; . "$work/fake.out"; set +a
}

# fake_stop: stops the fake started by fake_start (only that process).
fake_stop() {
  if [ -n "${FAKE_PID:-}" ]; then
    kill "$FAKE_PID" 2>/dev/null || true
    wait "$FAKE_PID" 2>/dev/null || true
  fi
  FAKE_PID=
  return 0
}

# make_files DIR COUNT [BYTES]: COUNT files of BYTES distinct bytes (default 64) in 20 folders.
make_files() {
  python3 - "$1" "$2" "${3:-64}" <<'PY'
import os, sys
root, count, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
for i in range(count):
    d = os.path.join(root, "card%02d" % (i % 20))
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "clip%05d.mov" % i), "wb") as f:
        f.write(("file %d " % i).encode().ljust(size, b".")[:size] if size else b"")
PY
}

# fake_count QUERY: the fake's count of API requests matching QUERY (method=M&path=REGEX&status=N).
fake_count() {
  curl -fsS "$ICONIK_URL/__fake/requests/count/?$1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["count"])'
}

# assets_created: assets made so far (successful asset creations).
assets_created() {
  fake_count 'method=POST&path=%5E/API/assets/v1/assets/%24&status=201'
}

# exactly_once COUNT: lists every asset through the API (faults cleared first) and checks one asset per file name.
exactly_once() {
  curl -fsS -X DELETE "$ICONIK_URL/__fake/faults/" > /dev/null
  ./iconik-gateway api GET /API/assets/v1/assets/ --paginate 2> /dev/null | python3 -c '
import json, sys
want = int(sys.argv[1])
titles = [json.loads(line)["title"] for line in sys.stdin if line.strip()]
dups = len(titles) - len(set(titles))
print("assets: %d for %d files, %d duplicates" % (len(titles), want, dups))
sys.exit(0 if len(titles) == want and dups == 0 else 1)' "$1"
}
