#!/usr/bin/env bash
# Runs a libFuzzer target of the Fuzz/ package for a bounded time.
#
#   scripts/fuzz.sh fuzz-messages 600     # SOAP envelope + generated AppMgmt decoders
#   scripts/fuzz.sh fuzz-values 600       # XSD value codecs
#   scripts/fuzz.sh fuzz-discovery 600    # WS-Discovery datagrams (Probe, ProbeMatches, Hello, Bye)
#   scripts/fuzz.sh fuzz-generator 600    # WSDLParser + SwiftGenerator on mutated schemas
#
# Builds the target with -sanitize=fuzzer,address, keeps the growing corpus in
# fuzz-TARGET/corpus (git-ignored), seeds it from Fuzz/Seeds, and writes crashers to
# fuzz-TARGET/artifacts. Exit status is libFuzzer's: non-zero when it found a crash.
set -euo pipefail
TARGET=${1:?usage: scripts/fuzz.sh fuzz-messages|fuzz-values|fuzz-discovery|fuzz-generator SECONDS [extra libFuzzer flags]}
DURATION=${2:-60}
shift 2 || true
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=(swift build -c release -Xswiftc -sanitize=fuzzer,address --package-path "$ROOT/Fuzz")
"${BUILD[@]}" --product "$TARGET" >&2
BIN="$("${BUILD[@]}" --show-bin-path)/$TARGET"
case "$TARGET" in
  fuzz-messages) SEEDS="$ROOT/Fuzz/Seeds/messages"; DICT=(-dict="$ROOT/Fuzz/xml.dict"); MAXLEN=65536 ;;
  fuzz-discovery) SEEDS="$ROOT/Fuzz/Seeds/discovery"; DICT=(-dict="$ROOT/Fuzz/xml.dict"); MAXLEN=65507 ;;
  fuzz-values) SEEDS="$ROOT/Fuzz/Seeds/values"; DICT=(); MAXLEN=256 ;;
  fuzz-generator) SEEDS="$ROOT/Fuzz/Seeds/generator"; DICT=(-dict="$ROOT/Fuzz/xsd.dict"); MAXLEN=65536 ;;
  *) echo "unknown target $TARGET" >&2; exit 2 ;;
esac
WORK="$ROOT/fuzz-$TARGET"
mkdir -p "$WORK/corpus" "$WORK/artifacts"
export SWIFT_BACKTRACE=enable=no  # the Swift backtracer trips ASan after a fatalError
exec "$BIN" "$WORK/corpus" "$SEEDS" "${DICT[@]}" \
  -max_total_time="$DURATION" -max_len="$MAXLEN" -timeout=10 -rss_limit_mb=4096 \
  -artifact_prefix="$WORK/artifacts/" -print_final_stats=1 "$@"
