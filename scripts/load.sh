#!/usr/bin/env bash
# Load test of the release-built AppMgmt device with wrk (apt-get install -y wrk).
#
#   scripts/load.sh [SECONDS] [PORT]
#
# 1. Builds `appmgmt-device` and Benchmarks' `appmgmt-load-server` (a bare Hummingbird route) in
#    release mode.
# 2. Starts the real device on 127.0.0.1:PORT with a fresh data folder and a User account, and
#    installs 10 apps over its upload endpoint (HTTP Digest), so GetAppsInfo answers 10 AppInfo.
# 3. Captures the device's GetAppsInfo response and starts the bare route on PORT+1 answering
#    exactly those bytes (after reading the request body, as the SOAP route does).
# 4. When gSOAP is installed (or can be: scripts/gsoap/build-appmgmt.sh, apt as root), also
#    starts gSOAP's AppMgmt server, generated from the official appmgmt.wsdl, on PORT+2,
#    answering GetAppsInfo with the AppInfo of that captured response. It checks no
#    credentials (the WS-Security header is skipped as an unknown header): a ceiling, not a peer
#    doing the device's work.
# 5. POSTs GetAppsInfo for SECONDS (default 10) at 1 and 32 connections to each. Every request
#    carries a fresh WS-Security UsernameToken (PasswordDigest, new nonce; signed in the wrk Lua
#    script scripts/load/getappsinfo-wssecurity.lua), the same bodies to both servers, so the
#    device verifies each one against its replay cache as it would in the field.
# Prints req/s, p50/p99, errors, the device/bare ratio and the device's RSS before and after.
# Exits non-zero if any request failed or got a non-200 answer.
set -euo pipefail
DURATION=${1:-10}
PORT=${2:-8089}
BARE_PORT=$((PORT + 1))
GSOAP_PORT=$((PORT + 2))
ROOT=$(cd "$(dirname "$0")/.." && pwd)
command -v wrk >/dev/null || { echo "wrk not found: apt-get install -y wrk" >&2; exit 2; }
command -v curl >/dev/null || { echo "curl not found: apt-get install -y curl" >&2; exit 2; }

swift build -c release --package-path "$ROOT/Benchmarks" --product appmgmt-device >&2
swift build -c release --package-path "$ROOT/Benchmarks" --product appmgmt-load-server >&2
BIN="$(swift build -c release --package-path "$ROOT/Benchmarks" --show-bin-path)"
GSOAP=$(bash "$ROOT/scripts/gsoap/build-appmgmt.sh") || GSOAP=""
[ -n "$GSOAP" ] || echo "gSOAP not available: its server is left out" >&2

WORK=$(mktemp -d)
PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT

export LOAD_USER=load LOAD_PASSWORD=load-password
printf 'admin:admin-password:Administrator\n%s:%s:User\n' "$LOAD_USER" "$LOAD_PASSWORD" >"$WORK/users"
"$BIN/appmgmt-device" --data-dir "$WORK/data" --port "$PORT" --log-level warning \
  --add-users-from "$WORK/users" >"$WORK/device.log" 2>&1 &
DEVICE=$!
PIDS+=("$DEVICE")
for _ in $(seq 1 100); do
  curl -s -o /dev/null "http://127.0.0.1:$PORT/" 2>/dev/null && break || sleep 0.1
done

# Ten apps: Examples/HelloApp with ten ids, uploaded in the package format (tar.gz).
for i in $(seq 1 10); do
  mkdir -p "$WORK/app$i"
  cp -R "$ROOT/Examples/HelloApp/." "$WORK/app$i/"
  sed -i "s/\"com.example.hello\"/\"com.example.load$i\"/; s/\"Hello, Device\"/\"Load app $i\"/" "$WORK/app$i/manifest.json"
  tar -czf "$WORK/app$i.tar.gz" -C "$WORK/app$i" .
  curl -sf --digest -u admin:admin-password -H "Content-Type: application/gzip" \
    --data-binary "@$WORK/app$i.tar.gz" "http://127.0.0.1:$PORT/onvif/app_upload" >/dev/null
done

# The device's own answer, for the bare route (one signed request, same Lua signer).
LUA="$ROOT/scripts/load/getappsinfo-wssecurity.lua"
apps_listed() { [ -s "$WORK/response.xml" ] && grep -o '<AppID>' "$WORK/response.xml" | wc -l || echo 0; }
for _ in $(seq 1 50); do
  (cd "$WORK" && LOAD_LUA_DIR="$ROOT/scripts/load" wrk -t1 -c1 -d1s -s "$ROOT/scripts/load/capture.lua" \
    "http://127.0.0.1:$PORT/onvif/app_management" >"$WORK/capture.log" 2>&1) || true
  [ "$(apps_listed)" -eq 10 ] && break
  sleep 0.2 # installs are asynchronous
done
[ "$(apps_listed)" -eq 10 ] || { echo "the device did not list 10 apps:"; cat "$WORK/capture.log" "$WORK/device.log"; exit 1; }

"$BIN/appmgmt-load-server" "$BARE_PORT" "$WORK/response.xml" >"$WORK/bare.log" 2>&1 &
PIDS+=("$!")
for _ in $(seq 1 100); do
  curl -s -o /dev/null "http://127.0.0.1:$BARE_PORT/" 2>/dev/null && break || sleep 0.1
done

TARGETS=(device bare)
if [ -n "$GSOAP" ]; then
  "$GSOAP/appmgmt-server" "$GSOAP_PORT" "$WORK/response.xml" >"$WORK/gsoap.log" 2>&1 &
  GSOAP_PID=$!
  PIDS+=("$GSOAP_PID")
  for _ in $(seq 1 100); do
    curl -s -o /dev/null "http://127.0.0.1:$GSOAP_PORT/" 2>/dev/null && break || sleep 0.1
  done
  TARGETS+=(gsoap)
fi

rss() { awk '/VmRSS/ {printf "%.1f MB", $2 / 1024}' "/proc/${1:-$DEVICE}/status"; }

echo "device pid $DEVICE (release), GetAppsInfo response $(wc -c <"$WORK/response.xml") bytes, 10 apps; RSS before: $(rss)"
FAILED=0
declare -A RATE
for connections in 1 32; do
  for target in "${TARGETS[@]}"; do
    case "$target" in
      device) url="http://127.0.0.1:$PORT/onvif/app_management" ;;
      bare) url="http://127.0.0.1:$BARE_PORT/bare" ;;
      gsoap) url="http://127.0.0.1:$GSOAP_PORT/" ;;
    esac
    threads=1; [ "$connections" -gt 1 ] && threads=2
    line=$(wrk -t"$threads" -c"$connections" -d"${DURATION}s" --timeout 5s -s "$LUA" "$url" | grep '^RESULT')
    printf '%-7s c=%-3s %s\n' "$target" "$connections" "${line#RESULT }"
    case "$line" in *"errors=0 "*) ;; *) FAILED=1 ;; esac
    rate=${line#*req/s=}; RATE[$target$connections]=${rate%% *}
  done
  awk -v d="${RATE[device$connections]}" -v b="${RATE[bare$connections]}" -v c="$connections" \
    'BEGIN { printf "        c=%-3s device / bare route: %.2f\n", c, d / b }'
  if [ -n "$GSOAP" ]; then
    awk -v d="${RATE[device$connections]}" -v g="${RATE[gsoap$connections]}" -v c="$connections" \
      'BEGIN { printf "        c=%-3s device / gSOAP server (no authentication): %.2f\n", c, d / g }'
  fi
done
echo "device RSS after: $(rss)"
[ -n "$GSOAP" ] && echo "gSOAP server RSS after: $(rss "$GSOAP_PID")"
if [ "$FAILED" -ne 0 ]; then
  echo "some requests failed; the device's log:"; tail -20 "$WORK/device.log"
fi
exit $FAILED
