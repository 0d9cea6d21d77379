#!/bin/sh
# Builds the benchmarks module and runs the transcode harness (SDK against hand-written ffmpeg command lines).
# Usage: benchmarks/transcode-benchmark.sh [--seconds 60] [--rounds 3]
set -eu
cd "$(dirname "$0")/.."
mvn -q -o -pl benchmarks -am package -DskipTests dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
exec java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
    io.github.iconiksdk.benchmarks.transcode.TranscodeBenchmark "$@"
