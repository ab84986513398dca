#!/usr/bin/env bash
# Load test of the generated SOAP server with wrk (apt-get install -y wrk).
#
#   scripts/load.sh [SECONDS] [PORT]
#
# Builds Benchmarks' appmgmt-load-server in release mode and starts it on 127.0.0.1: the
# generated AppManagementDispatcher (in-memory service, 10 apps) mounted with SOAPHummingbird,
# and, in the same process, a bare Hummingbird route answering the same response bytes. Then
# POSTs GetAppsInfo for SECONDS (default 10) at 1 and 32 connections to each, and prints
# req/s, p50/p99 latency, errors and the server's RSS before and after. Exits non-zero if any
# request failed or got a non-200 answer.
set -euo pipefail
DURATION=${1:-10}
PORT=${2:-8089}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
command -v wrk >/dev/null || { echo "wrk not found: apt-get install -y wrk" >&2; exit 2; }

swift build -c release --package-path "$ROOT/Benchmarks" --product appmgmt-load-server >&2
BIN="$(swift build -c release --package-path "$ROOT/Benchmarks" --show-bin-path)/appmgmt-load-server"

"$BIN" "$PORT" &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  curl -s -o /dev/null "http://127.0.0.1:$PORT/" 2>/dev/null && break || sleep 0.1
done

rss() { awk '/VmRSS/ {print $2 " KiB"}' "/proc/$SERVER/status"; }

LUA=$(mktemp --suffix=.lua)
trap 'kill "$SERVER" 2>/dev/null || true; rm -f "$LUA"' EXIT
cat > "$LUA" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = 'application/soap+xml; charset=utf-8; action="http://www.onvif.org/ver10/appmgmt/wsdl/GetAppsInfo"'
wrk.body = '<?xml version="1.0" encoding="UTF-8"?><env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope" xmlns:ans="http://www.onvif.org/ver10/appmgmt/wsdl"><env:Body><ans:GetAppsInfo/></env:Body></env:Envelope>'
function done(summary, latency, requests)
  local e = summary.errors
  local errors = e.connect + e.read + e.write + e.status + e.timeout
  io.write(string.format("RESULT requests=%d req/s=%.0f p50=%.2fms p99=%.2fms errors=%d (connect %d, read %d, write %d, non-2xx %d, timeout %d)\n",
    summary.requests, summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    errors, e.connect, e.read, e.write, e.status, e.timeout))
end
LUA

echo "server pid $SERVER, RSS before: $(rss)"
FAILED=0
for path in /onvif/app_management /bare; do
  for connections in 1 32; do
    threads=1; [ "$connections" -gt 1 ] && threads=2
    line=$(wrk -t"$threads" -c"$connections" -d"${DURATION}s" --timeout 5s -s "$LUA" "http://127.0.0.1:$PORT$path" | grep '^RESULT')
    printf '%-24s c=%-3s %s\n' "$path" "$connections" "${line#RESULT }"
    case "$line" in *"errors=0 "*) ;; *) FAILED=1 ;; esac
  done
done
echo "RSS after: $(rss)"
exit $FAILED
