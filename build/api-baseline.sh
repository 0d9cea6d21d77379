#!/usr/bin/env bash
# Builds the API gate's baseline jars (the last release of iconik-sdk-api, -core and -testkit) from this
# repository's own history: no registry holds them. Run by Maven (antrun, pre-integration-test) in every module the
# gate covers; the first call of a build does the work, later ones find the jars and return at once.
# Usage: build/api-baseline.sh COMMIT VERSION OUT_DIR OFFLINE(true|false)
set -euo pipefail
commit="$1" version="$2" out="$3" offline="${4:-false}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
modules=(iconik-sdk-api iconik-sdk-core iconik-sdk-testkit)

done_marker="$out/.built-from-$commit"
[ -f "$done_marker" ] && exit 0

if ! git -C "$root" cat-file -e "$commit^{commit}" 2>/dev/null; then
  cat >&2 <<MSG
API gate: the baseline commit $commit (release $version) is not in this clone's history, so the $version jars to
compare the API against cannot be built. Fetch the history (git fetch --unshallow, or clone without --depth),
or skip the gate for this build only with -Dapi.gate.skip=true.
MSG
  exit 1
fi

rm -rf "$out"
mkdir -p "$out"
src="$out/src"
mkdir -p "$src"
git -C "$root" archive --format=tar "$commit" | tar -x -C "$src"

flags=(-B -q -f "$src/pom.xml" -pl "$(IFS=,; echo "${modules[*]}")" -am -Dmaven.test.skip=true
       -Dmaven.javadoc.skip=true -Dmaven.source.skip=true -Dapi.gate.skip=true -Denforcer.skip=true)
[ "$offline" = "true" ] && flags+=(-o)
echo "API gate: building the $version baseline from commit $commit (${modules[*]})" >&2
if ! mvn "${flags[@]}" package >"$out/build.log" 2>&1; then
  tail -n 40 "$out/build.log" >&2
  echo "API gate: building the $version baseline from $commit failed; full log: $out/build.log" >&2
  exit 1
fi
for m in "${modules[@]}"; do
  jar="$(find "$src/$m/target" -maxdepth 1 -name "$m-*.jar" ! -name '*-sources.jar' ! -name '*-javadoc.jar' | head -n 1)"
  [ -n "$jar" ] || { echo "API gate: the baseline build made no jar for $m" >&2; exit 1; }
  cp "$jar" "$out/$m-$version.jar"
done
rm -rf "$src"
touch "$done_marker"
