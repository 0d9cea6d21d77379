#!/usr/bin/env bash
# Pattern-matching benchmark, side by side with the Python fnmatch anchor, in one run.
# Usage: benchmarks/run-patterns.sh   (from the repository root; ../shared must be beside it)
set -euo pipefail
cd "$(dirname "$0")/.."
[ "${BENCH_BUILD:-1}" = 0 ] || mvn -q -B -DskipTests -pl benchmarks -am package
corpus=benchmarks/target/corpus.txt
echo "== anchor: python3 ../shared/bench/fnmatch_anchor.py $corpus"
python3 ../shared/bench/fnmatch_anchor.py "$corpus"
echo "== JMH"
java -jar benchmarks/target/benchmarks.jar PatternMatchBenchmark -p corpus="$corpus" -f 1 -wi 3 -w 2s -i 5 -r 2s
echo "== anchor again (the machine is shared: check it did not drift)"
python3 ../shared/bench/fnmatch_anchor.py
