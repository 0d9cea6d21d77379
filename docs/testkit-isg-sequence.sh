#!/usr/bin/env bash
# An ISG-like registration sequence against a running fake iconik, with plain curl and jq.
# Usage:  ./iconik-gateway fake-iconik --port 8765 > /tmp/fake.env &   sleep 3
#         docs/testkit-isg-sequence.sh /tmp/fake.env
set -euo pipefail
# shellcheck disable=SC1090
source "${1:?usage: $0 FILE-WITH-THE-FOUR-LINES}"
H=(-H "App-ID: $APP_ID" -H "Auth-Token: $AUTH_TOKEN" -H "Content-Type: application/json")
call() { # METHOD PATH [BODY] -> prints the body; fails on a non-2xx status
  local out status
  out=$(curl -sS -X "$1" "${H[@]}" ${3:+--data "$3"} -w '\n%{http_code}' "$ICONIK_URL$2")
  status=${out##*$'\n'}; out=${out%$'\n'*}
  echo "$1 $2 -> $status" >&2
  [[ $status == 2* ]] || { echo "$out" >&2; exit 1; }
  printf '%s' "$out"
}
F=/API/files/v1; A=/API/assets/v1
call GET "$F/storages/$STORAGE_ID/" | jq -c '.settings | {mount_point, scan, growing_files_threshold}'
call PUT "$F/storages/$STORAGE_ID/gateway/status/" '{"status":"ACTIVE"}' >/dev/null
asset=$(call POST "$A/assets" '{"title":"clip.mov","external_id":"card1/clip.mov","date_created":"2026-11-22T22:13:03.593004"}' | jq -r .id)
format=$(call POST "$F/assets/$asset/formats/" '{"name":"ORIGINAL","storage_methods":["FILE"]}' | jq -r .id)
fileset=$(call POST "$F/assets/$asset/file_sets/" "{\"format_id\":\"$format\",\"name\":\"clip.mov\",\"storage_id\":\"$STORAGE_ID\"}" | jq -r .id)
file=$(call POST "$F/assets/$asset/files/" "{\"original_name\":\"clip.mov\",\"directory_path\":\"card1\",\"file_set_id\":\"$fileset\",\"size\":4,\"status\":\"OPEN\",\"type\":\"FILE\"}" | jq -r .id)
call PATCH "$F/assets/$asset/files/$file/" '{"status":"CLOSED","checksum":"0cc175b9c0f1b6a831c399e269772661"}' >/dev/null
proxy=$(call POST "$F/assets/$asset/proxies/" '{"name":"proxy.mp4","filename":"proxy.mp4","codec":"h264"}')
url=$(jq -r .upload_url <<<"$proxy")
curl -sS -X PUT --data-binary 'fake proxy bytes' -o /dev/null -w "PUT upload_url -> %{http_code}\n" "$url" >&2
call PATCH "$F/assets/$asset/proxies/$(jq -r .id <<<"$proxy")/" '{"status":"CLOSED"}' >/dev/null
call POST /API/search/v1/search/ '{"doc_types":["assets"],"filter":{"operator":"AND","terms":[{"name":"external_id","value":"card1/clip.mov"}]}}' | jq -c '{total, ids: [.objects[].id]}'
call GET "$F/storages/$STORAGE_ID/files/?path=card1/clip.mov" | jq -c '{total, status: [.objects[].status]}'
call GET "$A/assets/" | jq -c '{page, pages, total, per_page}'
echo "without credentials: $(curl -s -o /dev/null -w '%{http_code}' "$ICONIK_URL$A/assets/")" >&2
