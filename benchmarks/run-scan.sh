#!/usr/bin/env bash
# Scan benchmark: the gateway's `scan` command against find and rclone on the same tree, in the same run.
# Usage: benchmarks/run-scan.sh [FILES] [FOLDERS] [WORKDIR]   (default 500000 1000 /tmp/iconik-scan-bench)
# Builds the gateway jar, creates the tree once (empty files), warms the cache, then runs each command three
# times, interleaved, printing wall and CPU seconds and peak RSS. Then: live heap of the scan under -Xmx256m,
# and MD5 of a 2 GiB file against md5sum.
set -euo pipefail
cd "$(dirname "$0")/.."
files="${1:-500000}"
folders="${2:-1000}"
work="${3:-/tmp/iconik-scan-bench}"
tree="$work/tree-$files"
jar="samples/gateway/target/iconik-gateway.jar"

mvn -q -B -o -DskipTests -pl samples/gateway -am package
mkdir -p "$work"
if [ ! -d "$tree" ]; then
  python3 benchmarks/make-tree.py "$tree" "$files" "$folders"
fi
fmt='%e s wall, %U s user, %S s sys, %M KB max RSS'
find "$tree" -printf '%s %T@ %p\n' > /dev/null   # warm the cache

mkdir -p "$work/empty"
for run in 1 2 3; do
  echo "== run $run"
  rm -f "$work/empty.db"*
  /usr/bin/time -o "$work/time.txt" -f "scan (empty): $fmt" java -jar "$jar" scan "$work/empty" --state "$work/empty.db" > /dev/null 2>&1
  cat "$work/time.txt"
  /usr/bin/time -f "find:         $fmt" find "$tree" -printf '%s %T@ %p\n' > /dev/null
  /usr/bin/time -f "rclone lsf:   $fmt" sh -c 'rclone lsf -R --format pst "$1" > /dev/null 2> /dev/null' sh "$tree"
  rm -f "$work/state.db" "$work/state.db-wal" "$work/state.db-shm"
  /usr/bin/time -f "scan (first): $fmt" java -jar "$jar" scan "$tree" --state "$work/state.db" --no-checksum > /dev/null
  /usr/bin/time -f "scan (again): $fmt" java -jar "$jar" scan "$tree" --state "$work/state.db" --no-checksum > /dev/null
done

echo "== heap: first scan and rescan with -Xmx256m, GC log"
rm -f "$work/state.db" "$work/state.db-wal" "$work/state.db-shm"
for pass in first again; do
  java -Xmx256m -Xlog:gc:file="$work/gc-$pass.log" -jar "$jar" scan "$tree" --state "$work/state.db" --no-checksum > /dev/null
  python3 - "$work/gc-$pass.log" "$pass" <<'PY'
import re, sys
before, after = [], []
for line in open(sys.argv[1]):
    m = re.search(r'(\d+)M->(\d+)M\((\d+)M\)', line)
    if m:
        before.append(int(m.group(1))); after.append(int(m.group(2)))
print("heap (%s): %d GCs, peak used before GC %d MiB, largest live set after GC %d MiB"
      % (sys.argv[2], len(before), max(before, default=0), max(after, default=0)))
PY
done

echo "== MD5 of a 2 GiB file"
big="$work/md5/big.bin"
if [ ! -f "$big" ]; then
  mkdir -p "$work/md5"
  head -c 2G /dev/urandom > "$big"
  touch -d '1 hour ago' "$big"
fi
cat "$big" > /dev/null   # warm the cache
for run in 1 2 3; do
  /usr/bin/time -f "md5sum:       $fmt" md5sum "$big" > /dev/null
  rm -f "$work/md5.db"*
  /usr/bin/time -f "scan (md5):   $fmt" java -jar "$jar" scan "$work/md5" --state "$work/md5.db" > /dev/null
done
