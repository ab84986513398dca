#!/usr/bin/env bash
# Runs the generator over a folder of third-party WSDLs and builds what it generates: one
# module per WSDL (types, client, server) in a scratch package that depends on this one's
# SOAPRuntime, each built on its own (`swift build --target`), so one failure hides nothing.
#
# Prints a table: id, generate (ok / the first error), lines, generation seconds, build (ok /
# the first compiler error), build seconds.
#
# Usage: bash scripts/survey-wsdls.sh CORPUS_DIR [SCRATCH_DIR]
#   GEN_TIMEOUT / BUILD_TIMEOUT (seconds, default 300 / 600) bound each step; modules of more
#   than BUILD_MAX_LINES generated lines (default: no limit) are generated but not built.
#   CORPUS_DIR holds one folder per service, each with one entry WSDL (the first *.wsdl at the
#   folder's top level, or the file named in CORPUS_DIR/<id>/ENTRY) and the files it imports;
#   CORPUS_DIR/<id>/CONFIG names a wsdl2swift config (a location map) relative to the folder.
# Needs a built generator: `swift build --product wsdl2swift` (run first when missing).
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
CORPUS=$(cd "${1:?usage: survey-wsdls.sh CORPUS_DIR [SCRATCH_DIR]}" && pwd)
SCRATCH=${2:-$(mktemp -d)}
mkdir -p "$SCRATCH/Sources"
SCRATCH=$(cd "$SCRATCH" && pwd)

BIN=$(swift build --product wsdl2swift --show-bin-path)/wsdl2swift
[[ -x "$BIN" ]] || swift build --product wsdl2swift >/dev/null

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

declare -A generated
ids=()
for dir in "$CORPUS"/*/; do
  id=$(basename "$dir")
  if [[ -f "$dir/ENTRY" ]]; then entry="$dir/$(cat "$dir/ENTRY")"; else entry=$(find "$dir" -maxdepth 1 -name '*.wsdl' | LC_ALL=C sort | head -1); fi
  [[ -n "$entry" && -f "$entry" ]] || continue
  ids+=("$id")
  module="S_$(echo "$id" | tr -c 'A-Za-z0-9_\n' '_')"
  start=$(now)
  config=()
  [[ -f "$dir/CONFIG" ]] && config=(--config "$dir/$(cat "$dir/CONFIG")")
  if timeout "${GEN_TIMEOUT:-300}" "$BIN" generate "$entry" "${config[@]}" --output "$SCRATCH/Sources/$module" --module-name "$module" \
    --mode types --mode client --mode server --quiet >"$SCRATCH/$module.gen.log" 2>&1; then
    generated[$id]="$module $(cat "$SCRATCH/Sources/$module"/*.swift | wc -l) $(elapsed "$start" "$(now)")"
  else
    message=$(grep -m1 -E 'error:' "$SCRATCH/$module.gen.log" | sed "s|$CORPUS/||; s|\t| |g" | cut -c1-160)
    generated[$id]="- ${message:-crashed or timed out} $(elapsed "$start" "$(now)")"
  fi
done

{
  echo "// swift-tools-version: 6.1"
  echo "import PackageDescription"
  echo "let package = Package("
  echo "    name: \"wsdl-survey\","
  echo "    dependencies: [.package(name: \"wsdl2swift\", path: \"$ROOT\")],"
  echo "    targets: ["
  for id in "${ids[@]}"; do
    set -- ${generated[$id]}
    [[ "$1" == "-" ]] && continue
    echo "        .target(name: \"$1\", dependencies: [.product(name: \"SOAPRuntime\", package: \"wsdl2swift\")]),"
  done
  echo "    ]"
  echo ")"
} >"$SCRATCH/Package.swift"
# Build the runtime once, so each module's time is its own.
swift build --package-path "$SCRATCH" --target SOAPRuntime >/dev/null 2>&1

printf '%s\t%s\t%s\t%s\t%s\t%s\n' id generate lines gen_s build build_s
for id in "${ids[@]}"; do
  record=${generated[$id]}
  module=${record%% *}
  if [[ "$module" == "-" ]]; then
    message=${record#- }
    printf '%s\t%s\t-\t%s\t-\t-\n' "$id" "${message% *}" "${message##* }"
    continue
  fi
  read -r _ lines gen_s <<<"$record"
  if [[ -n "${BUILD_MAX_LINES:-}" && "$lines" -gt "$BUILD_MAX_LINES" ]]; then
    printf '%s\tok\t%s\t%s\t%s\t-\n' "$id" "$lines" "$gen_s" "not built (over $BUILD_MAX_LINES lines)"
    continue
  fi
  start=$(now)
  if timeout "${BUILD_TIMEOUT:-600}" swift build --package-path "$SCRATCH" --target "$module" >"$SCRATCH/$module.build.log" 2>&1; then
    build=ok
  else
    build=$(grep -m1 -E 'error:' "$SCRATCH/$module.build.log" | sed "s|$SCRATCH/Sources/||" | cut -c1-160)
    [[ -n "$build" ]] || build="timed out after ${BUILD_TIMEOUT:-600} s"
  fi
  printf '%s\tok\t%s\t%s\t%s\t%s\n' "$id" "$lines" "$gen_s" "${build:-failed}" "$(elapsed "$start" "$(now)")"
done
