#!/bin/sh
# Builds the benchmarks module and runs the transcode harness (SDK against hand-written ffmpeg command lines).
# Usage: benchmarks/transcode-benchmark.sh [--seconds 60] [--rounds 3]
set -eu
cd "$(dirname "$0")/.."
[ "${BENCH_BUILD:-1}" = 0 ] || mvn -q -o -pl benchmarks -am package -DskipTests dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
# Run from copies, so that rebuilding the modules during a long run cannot change the classes under it.
lib=$(mktemp -d)
trap 'rm -rf "$lib"' EXIT
cp -r benchmarks/target/classes "$lib/benchmarks"
cp="$lib/benchmarks"
for jar in $(tr ':' ' ' < benchmarks/target/classpath.txt); do
    cp "$jar" "$lib/"
    cp="$cp:$lib/$(basename "$jar")"
done
java -cp "$cp" io.github.iconiksdk.benchmarks.transcode.TranscodeBenchmark "$@"
