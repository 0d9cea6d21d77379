#!/usr/bin/env bash
# A stand-in for a watch-folder transcoder (Blackmagic Proxy Generator, Vantage): polls IN for new files and writes
# an H.264 proxy of each, 120 px high, to OUT/<stem>_proxy.mp4 with ffmpeg, directly (not via a temporary name), as
# such tools do. Usage: stand-in-tool.sh IN OUT [media|job] [marker|nomarker] [watch|once]
#   media: the file in IN is the source; job: it is a JSON job file whose "source" names the source.
#   marker: touch OUT/<stem>.done after the proxy.  once: one pass over IN, then exit.
set -u
in=$1 out=$2 mode=${3:-media} marker=${4:-nomarker} loop=${5:-watch}
declare -A seen
while true; do
  for f in "$in"/*; do
    [ -e "$f" ] || continue
    name=$(basename -- "$f")
    key="$name:$(stat -L -c %i:%Y:%s -- "$f" 2>/dev/null)" || continue
    [ -n "${seen[$key]:-}" ] && continue
    seen[$key]=1
    src=$f
    if [ "$mode" = job ]; then
      src=$(sed -n 's/.*"source" *: *"\([^"]*\)".*/\1/p' -- "$f")
    fi
    stem=${name%.*}
    ffmpeg -nostdin -hide_banner -loglevel error -y -i "$src" -vf scale=-2:120 -c:v libx264 -preset ultrafast \
      -pix_fmt yuv420p -f mp4 "$out/${stem}_proxy.mp4" </dev/null || echo "stand-in: ffmpeg failed for $f" >&2
    if [ "$marker" = marker ]; then : > "$out/${stem}.done"; fi
  done
  [ "$loop" = once ] && exit 0
  sleep 0.1
done
