#!/usr/bin/env bash
# Cheap project checks, run by Maven at validate (root pom) and usable by hand: every Java source file starts with
# the licence header line, and the BOM has the project's version and lists every published module.
# Usage: build/check-project.sh [--fix-headers | --no-headers]
#   --fix-headers adds the header line where it is missing; --no-headers skips the header check
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
header='// SPDX-License-Identifier: Apache-2.0'
failed=0

mapfile -t sources < <(find . \( -name target -o -name .git -o -name node_modules \) -prune -o \
    -type f -name '*.java' -path '*/src/*' -print | sort)
mapfile -t missing < <(for f in "${sources[@]}"; do IFS= read -r first <"$f" || true; \
    [ "$first" = "$header" ] || echo "$f"; done)
if [ "${1:-}" = "--no-headers" ]; then
  missing=()
fi
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "${1:-}" = "--fix-headers" ]; then
    for f in "${missing[@]}"; do printf '%s\n' "$header" | cat - "$f" >"$f.tmp" && mv "$f.tmp" "$f"; done
    echo "check-project: added the licence header to ${#missing[@]} file(s)"
  else
    echo "check-project: ${#missing[@]} Java file(s) do not start with the licence header line '$header':" >&2
    printf '  %s\n' "${missing[@]}" >&2
    echo "  fix: build/check-project.sh --fix-headers" >&2
    failed=1
  fi
fi

# The BOM has no parent (see its pom), so its version and its list are checked here.
project_version="$(sed -n '0,/<version>/s:.*<version>\(.*\)</version>.*:\1:p' pom.xml)"
bom_version="$(sed -n '0,/<version>/s:.*<version>\(.*\)</version>.*:\1:p' iconik-sdk-bom/pom.xml)"
if [ "$project_version" != "$bom_version" ]; then
  echo "check-project: iconik-sdk-bom has version $bom_version, the project $project_version" >&2
  failed=1
fi
# Published modules: the root pom's iconik-sdk-* modules (samples/ and benchmarks/ are not published).
for module in $(sed -n 's:.*<module>\(iconik-sdk-[^<]*\)</module>.*:\1:p' pom.xml); do
  [ "$module" = iconik-sdk-bom ] && continue
  if ! grep -q "<artifactId>$module</artifactId>" iconik-sdk-bom/pom.xml; then
    echo "check-project: published module $module is missing from iconik-sdk-bom/pom.xml" >&2
    failed=1
  fi
done
exit "$failed"
