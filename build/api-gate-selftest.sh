#!/usr/bin/env bash
# Shows that the API gate works: in a scratch copy of the working tree, removing a public method from an api
# interface must make `mvn verify` of iconik-sdk-api fail naming the method (unless the root pom lists it as
# intended), and adding a method with a default body must not. About a minute (three builds of the api module);
# the working tree itself is left untouched.
# Usage: build/api-gate-selftest.sh        (MVN_OFFLINE=1 build/api-gate-selftest.sh to run Maven offline)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mvn_flags=(-B -pl iconik-sdk-api verify -DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true)
[ -n "${MVN_OFFLINE:-}" ] && mvn_flags+=(-o)

# The baseline jars, built once in the real tree (the scratch copy has no git history).
commit="$(sed -n 's:.*<api.baseline.commit>\(.*\)</api.baseline.commit>.*:\1:p' "$root/pom.xml")"
version="$(sed -n 's:.*<api.baseline.version>\(.*\)</api.baseline.version>.*:\1:p' "$root/pom.xml")"
baseline_dir="$root/target/api-baseline/$version"
"$root/build/api-baseline.sh" "$commit" "$version" "$baseline_dir" "${MVN_OFFLINE:+true}"

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
tar -C "$root" --exclude=./.git --exclude='*/target' --exclude=./target -cf - . | tar -C "$scratch" -xf -
matcher="$scratch/iconik-sdk-api/src/main/java/io/github/iconiksdk/api/pattern/IgnoreMatcher.java"
original="$(cat "$matcher")"

echo "1. remove IgnoreMatcher#isEmpty() from the api: the build must fail naming it"
grep -q '    boolean isEmpty();' "$matcher"
# the declaration, and the override in the interface's own NONE constant
perl -0pi -e 's/^    boolean isEmpty\(\);\n//m; s/\n\s*\@Override\s*\n\s*public boolean isEmpty\(\) \{[^}]*\}\n/\n/' "$matcher"
! grep -q 'isEmpty()' "$matcher" || grep -n 'isEmpty' "$matcher" >&2
if (cd "$scratch" && mvn "${mvn_flags[@]}" -Dapi.baseline.dir="$baseline_dir" >"$scratch/removed.log" 2>&1); then
  echo "FAILED: the build passed with a public method removed" >&2; exit 1
fi
if ! grep -E 'isEmpty.*METHOD_REMOVED|METHOD_REMOVED.*isEmpty' "$scratch/removed.log" | grep -q ERROR; then
  tail -n 30 "$scratch/removed.log" >&2
  echo "FAILED: the build failed, but not naming IgnoreMatcher#isEmpty as removed" >&2; exit 1
fi
grep -E 'ERROR.*isEmpty' "$scratch/removed.log" | head -n 3

echo "2. list that removal as intended in the root pom: the build must pass"
cp "$scratch/pom.xml" "$scratch/pom.xml.orig"
perl -0pi -e 's|(INTENDED API CHANGES.*?-->)|$1\n                <exclude>io.github.iconiksdk.api.pattern.IgnoreMatcher#isEmpty()</exclude>|s' "$scratch/pom.xml"
grep -q 'IgnoreMatcher#isEmpty()</exclude>' "$scratch/pom.xml"
if ! (cd "$scratch" && mvn "${mvn_flags[@]}" -Dapi.baseline.dir="$baseline_dir" >"$scratch/listed.log" 2>&1); then
  tail -n 30 "$scratch/listed.log" >&2
  echo "FAILED: the build failed although the removal is listed as intended" >&2; exit 1
fi
mv "$scratch/pom.xml.orig" "$scratch/pom.xml"

echo "3. add a method with a default body to IgnoreMatcher: the build must pass"
printf '%s\n' "$original" | sed 's/^    boolean isEmpty();$/    boolean isEmpty();\n\n    \/** @return whether the list keeps everything (gate self-test) *\/\n    default boolean keepsEverything() {\n        return isEmpty();\n    }/' >"$matcher"
grep -q 'default boolean keepsEverything' "$matcher"
if ! (cd "$scratch" && mvn "${mvn_flags[@]}" -Dapi.baseline.dir="$baseline_dir" >"$scratch/added.log" 2>&1); then
  tail -n 30 "$scratch/added.log" >&2
  echo "FAILED: the build failed after adding a default method" >&2; exit 1
fi
grep -E 'keepsEverything' "$scratch/iconik-sdk-api/target/japicmp/api-gate.diff" | head -n 2
echo "API gate self-test passed: a removed method fails the build by name unless listed as intended; a new default method passes"
