#!/usr/bin/env bash
# Scan benchmark (issue 17): the gateway's `scan` command, started through ./iconik-gateway as a user starts it (JVM
# start, class-data-sharing archive, SQLite open, walk, store and printing included), against `find` and
# `rclone lsf -R --format pst` on the same tree, in the same run, interleaved, three runs, medians.
# Usage: benchmarks/run-scan.sh [FILES] [FOLDERS] [WORKDIR]   (default 500000 1000 /tmp/iconik-scan-bench)
# Then, with BENCH_HEAP=1: a 1,000,000-file tree scanned (first scan and rescan) in a 32 MiB heap.
# With BENCH_HINTS=1: seconds from a file's last write to its NEW, with change hints and without (HintLatency), and
# to its registration in iconik through the ingest daemon against the fake (IngestHintLatency).
# With BENCH_MD5=1: MD5 of a 2 GiB file against md5sum (as in issue 4).
set -euo pipefail
cd "$(dirname "$0")/.."
files="${1:-500000}"
folders="${2:-1000}"
work="${3:-/tmp/iconik-scan-bench}"
tree="$work/tree-$files"
runs=3

# BENCH_BUILD=0: use the jars as built (build them first outside a quiet slot: the build is not what is measured)
if [ "${BENCH_BUILD:-1}" != 0 ]; then
  mvn -q -B -o -DskipTests -pl samples/gateway,benchmarks -am package
fi
./iconik-gateway --version > /dev/null   # prepares the CDS archive and the SQLite library once per jar
mkdir -p "$work"
if [ ! -d "$tree" ]; then
  python3 benchmarks/make-tree.py "$tree" "$files" "$folders"
fi
have_rclone=1
command -v rclone > /dev/null || { have_rclone=0; echo "rclone: not installed (Debian: apt-get install rclone)"; }
echo "machine: $(nproc) cores, $(uname -r), $(java -version 2>&1 | head -1), $(find --version | head -1)," \
  "$( [ $have_rclone = 1 ] && rclone version | head -1 )"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) at $(date -u +%H:%M) UTC; commit $(git rev-parse --short HEAD)"

times="$work/times.txt"
: > "$times"
fmt='%e %U %S %M'
timed() {   # timed LABEL COMMAND...: appends "LABEL wall user sys maxrss" to $times
  local label="$1"; shift
  /usr/bin/time -o "$work/time.txt" -f "$fmt" "$@" > /dev/null 2> "$work/stderr.txt" \
    || { echo "$label failed:"; cat "$work/stderr.txt"; exit 1; }
  echo "$label $(cat "$work/time.txt")" | tee -a "$times"
}

find "$tree" -printf '%s %T@ %p\n' > /dev/null   # warm the cache
mkdir -p "$work/empty"
for run in $(seq 1 $runs); do
  echo "== run $run"
  rm -f "$work/empty.db"*
  timed "scan-empty" ./iconik-gateway scan "$work/empty" --state "$work/empty.db"
  timed "find" find "$tree" -printf '%s %T@ %p\n'
  if [ $have_rclone = 1 ]; then
    timed "rclone" rclone lsf -R --format pst "$tree"
  fi
  rm -f "$work/state.db" "$work/state.db-wal" "$work/state.db-shm"
  timed "scan-first" ./iconik-gateway scan "$tree" --state "$work/state.db" --no-checksum
  timed "scan-rescan" ./iconik-gateway scan "$tree" --state "$work/state.db" --no-checksum
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$times" <<'PY'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    label, wall, user, sys_, rss = line.split()
    rows.setdefault(label, []).append((float(wall), float(user) + float(sys_), int(rss)))
med = {k: (statistics.median(w for w, _, _ in v), statistics.median(c for _, c, _ in v)) for k, v in rows.items()}
fw, fc = med["find"]
print("| command | wall (s), median of %d | CPU (s) | wall vs find | CPU vs find | runs (wall) |"
      % len(rows["find"]))
print("|---|---:|---:|---:|---:|---|")
for k in ["scan-empty", "find", "rclone", "scan-first", "scan-rescan"]:
    if k in med:
        w, c = med[k]
        print("| %s | %.2f | %.2f | %.2f× | %.2f× | %s |" % (k, w, c, w / fw, c / fc,
              ", ".join("%.2f" % x for x, _, _ in rows[k])))
if "rclone" in med:
    print("rescan vs rclone (wall): %.2f× (goal < 1)" % (med["scan-rescan"][0] / med["rclone"][0]))
print("goals: rescan <= 1.5x find (wall), first scan <= 2.5x find (wall)")
PY

if [ "${BENCH_HEAP:-0}" = 1 ]; then
  big="$work/tree-1000000"
  [ -d "$big" ] || python3 benchmarks/make-tree.py "$big" 1000000 1000
  echo "== 1,000,000 files in a 32 MiB heap (first scan, then rescan)"
  rm -f "$work/big.db" "$work/big.db-wal" "$work/big.db-shm"
  for pass in first rescan; do
    timed "big-$pass-32m" env ICONIK_GATEWAY_JAVA_OPTS="-Xmx32m -Xlog:gc:file=$work/gc-big-$pass.log" \
      ./iconik-gateway scan "$big" --state "$work/big.db" --no-checksum
    python3 - "$work/gc-big-$pass.log" "$pass" <<'PY'
import re, sys
before, after = [], []
for line in open(sys.argv[1]):
    m = re.search(r'(\d+)M->(\d+)M\((\d+)M\)', line)
    if m:
        before.append(int(m.group(1))); after.append(int(m.group(2)))
print("heap (%s, -Xmx32m): ran to the end; %d GCs, peak used before GC %d MiB, largest live set after GC %d MiB"
      % (sys.argv[2], len(before), max(before, default=0), max(after, default=0)))
PY
  done
fi

if [ "${BENCH_HINTS:-0}" = 1 ]; then
  echo "== seconds from the last write to NEW (threshold 2 s, interval 60 s), with and without change hints"
  rm -f "$work/hints.db" "$work/hints.db-wal" "$work/hints.db-shm"
  java -cp benchmarks/target/benchmarks.jar io.github.iconiksdk.benchmarks.HintLatency "$tree" "$work/hints.db" 5
  echo "== seconds from the last write to the registration in iconik (fake), ingest daemon, with and without hints"
  java -cp benchmarks/target/benchmarks.jar io.github.iconiksdk.benchmarks.IngestHintLatency "$work/ingest-hints" 4
fi

if [ "${BENCH_MD5:-0}" = 1 ]; then
  echo "== MD5 of a 2 GiB file"
  bigfile="$work/md5/big.bin"
  if [ ! -f "$bigfile" ]; then
    mkdir -p "$work/md5"
    head -c 2G /dev/urandom > "$bigfile"
    touch -d '1 hour ago' "$bigfile"
  fi
  cat "$bigfile" > /dev/null   # warm the cache
  for run in 1 2 3; do
    timed "md5sum" md5sum "$bigfile"
    rm -f "$work/md5.db"*
    timed "scan-md5" ./iconik-gateway scan "$work/md5" --state "$work/md5.db"
  done
fi
