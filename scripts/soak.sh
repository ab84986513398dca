#!/usr/bin/env bash
# Soak of the release-built device (issue 12's proof): 32 connections of WS-Security-signed
# GetAppsInfo with wrk for SECONDS (default 300) while a loop installs and uninstalls an app
# over the real endpoints (HTTP Digest upload, SOAP Uninstall through the appmgmt CLI).
#
#   scripts/soak.sh [SECONDS] [PORT]        (apt-get install -y wrk curl)
#
# Prints the device's RSS every 10 s (the curve), wrk's totals, the install/uninstall
# rounds, and exits non-zero on any failed request or round.
set -euo pipefail
DURATION=${1:-300}
PORT=${2:-8093}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
command -v wrk >/dev/null || { echo "wrk not found: apt-get install -y wrk" >&2; exit 2; }
command -v curl >/dev/null || { echo "curl not found: apt-get install -y curl" >&2; exit 2; }

swift build -c release --package-path "$ROOT/Benchmarks" --product appmgmt-device >&2
BIN="$(swift build -c release --package-path "$ROOT/Benchmarks" --show-bin-path)"
swift build --package-path "$ROOT" --product appmgmt >&2
CLI="$(swift build --package-path "$ROOT" --show-bin-path)/appmgmt"

WORK=$(mktemp -d)
PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

export LOAD_USER=load LOAD_PASSWORD=load-password
printf 'admin:admin-password:Administrator\n%s:%s:User\n' "$LOAD_USER" "$LOAD_PASSWORD" >"$WORK/users"
"$BIN/appmgmt-device" --data-dir "$WORK/data" --port "$PORT" --log-level warning --stop-timeout 2 \
  --add-users-from "$WORK/users" >"$WORK/device.log" 2>&1 &
DEVICE=$!
PIDS+=("$DEVICE")
for _ in $(seq 1 100); do
  curl -s -o /dev/null "http://127.0.0.1:$PORT/" 2>/dev/null && break || sleep 0.1
done

# Ten resident apps (so GetAppsInfo answers ten AppInfo), and the one the loop cycles.
package() { # id dir
  mkdir -p "$2"
  cp -R "$ROOT/Examples/HelloApp/." "$2/"
  sed -i "s/\"com.example.hello\"/\"$1\"/" "$2/manifest.json"
  tar -czf "$2.tar.gz" -C "$2" .
}
upload() { curl -sf --digest -u admin:admin-password -H "Content-Type: application/gzip" --data-binary "@$1" "http://127.0.0.1:$PORT/onvif/app_upload" >/dev/null; }
for i in $(seq 1 10); do package "com.example.soak$i" "$WORK/app$i"; upload "$WORK/app$i.tar.gz"; done
package "com.example.cycle" "$WORK/cycle"

export APPMGMT_DEVICE="http://127.0.0.1:$PORT" APPMGMT_USER=admin APPMGMT_PASSWORD=admin-password
rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$DEVICE/status"; }

# The install/uninstall loop: each round uploads, waits for Inactive, uninstalls, waits for it to go.
(
  rounds=0 failures=0
  end=$((SECONDS + DURATION))
  while [ $SECONDS -lt $end ]; do
    if upload "$WORK/cycle.tar.gz" && "$CLI" wait com.example.cycle --state Inactive --timeout 60 >/dev/null 2>&1 \
      && "$CLI" uninstall com.example.cycle >/dev/null 2>&1; then
      rounds=$((rounds + 1))
    else
      failures=$((failures + 1))
      "$CLI" uninstall com.example.cycle >/dev/null 2>&1 || true
    fi
  done
  echo "$rounds $failures" >"$WORK/cycle.result"
) &
PIDS+=("$!")

# The RSS curve, every 10 s.
(
  t=0
  while kill -0 "$DEVICE" 2>/dev/null; do
    printf '%4ss %6.1f MB\n' "$t" "$(awk -v k="$(rss_kb)" 'BEGIN { print k / 1024 }')" >>"$WORK/rss.log"
    sleep 10
    t=$((t + 10))
  done
) &
PIDS+=("$!")

echo "soak: ${DURATION}s, 32 connections of signed GetAppsInfo + an install/uninstall loop; device pid $DEVICE (release)"
line=$(wrk -t2 -c32 -d"${DURATION}s" --timeout 5s -s "$ROOT/scripts/load/getappsinfo-wssecurity.lua" "http://127.0.0.1:$PORT/onvif/app_management" | grep '^RESULT')
echo "wrk     c=32  ${line#RESULT }"
for _ in $(seq 1 120); do [ -s "$WORK/cycle.result" ] && break; sleep 1; done
read -r rounds failures <"$WORK/cycle.result"
echo "install/uninstall rounds: $rounds, failed: $failures"
echo "RSS (every 10 s):"
cat "$WORK/rss.log"
FAILED=0
case "$line" in *"errors=0 "*) ;; *) FAILED=1 ;; esac
[ "$failures" -eq 0 ] || FAILED=1
[ "$FAILED" -eq 0 ] || { echo "failures; the device's log:"; tail -20 "$WORK/device.log"; }
exit $FAILED
