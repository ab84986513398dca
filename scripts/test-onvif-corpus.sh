#!/usr/bin/env bash
# Generates every official ONVIF WSDL in Schemas/onvif/ (as shipped, with only its
# location-map.json) into types, client and server, one module per WSDL in a scratch package
# that depends on this one's SOAPRuntime, and builds that package for real (`swift build`).
#
# - every WSDL but federatedsearch must generate and build;
# - federatedsearch must fail with a diagnostic naming the missing MPEG-7 import and where it
#   is imported;
# - prints a table: WSDL, lines generated, generation time, and the total build time.
#
# Usage: bash scripts/test-onvif-corpus.sh [--keep DIR]   (DIR keeps the scratch package)
# Needs a built generator: `swift build --product wsdl2swift` (run first when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
SCRATCH=""
if [[ "${1:-}" == "--keep" && -n "${2:-}" ]]; then
  SCRATCH=$(mkdir -p "$2" && cd "$2" && pwd)
else
  SCRATCH=$(mktemp -d)
  trap 'rm -rf "$SCRATCH"' EXIT
fi

BIN=$(swift build --product wsdl2swift --show-bin-path)/wsdl2swift
if [[ ! -x "$BIN" ]]; then swift build --product wsdl2swift >/dev/null; fi

passed=0
failed=0
fail() { echo "test-onvif-corpus: FAIL: $*" >&2; failed=$((failed + 1)); }
ok() { passed=$((passed + 1)); }

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

mkdir -p "$SCRATCH/Sources"
targets=()
printf '%-52s %8s %8s\n' "WSDL" "lines" "gen s"
cd Schemas/onvif
for wsdl in $(find specs -name '*.wsdl' | LC_ALL=C sort); do
  module=$(echo "$wsdl" | sed 's|^specs/wsdl/||; s|/wsdl/|/|; s|\.wsdl$||; s|[/-]|_|g')
  module="ONVIF_${module}"
  out="$SCRATCH/Sources/$module"
  log="$SCRATCH/$module.log"
  start=$(now)
  if "$BIN" generate "$wsdl" --config location-map.json --output "$out" --module-name "$module" \
    --mode types --mode client --mode server --quiet >"$log" 2>&1; then
    end=$(now)
    printf '%-52s %8s %8s\n' "$wsdl" "$(cat "$out"/*.swift | wc -l)" "$(elapsed "$start" "$end")"
    targets+=("$module")
    ok
  elif [[ "$wsdl" == *federatedsearch.wsdl ]]; then
    # The MPEG-7 query schema is not published with ONVIF: a precise diagnostic is the result.
    if grep -q "federatedsearch.wsdl:[0-9]*:[0-9]*: error: cannot load remote schema '.*mpqf.xsd'" "$log"; then
      printf '%-52s %8s %8s\n' "$wsdl" "-" "(MPEG-7 import missing, as expected)"
      ok
    else
      cat "$log" >&2
      fail "$wsdl: expected a diagnostic naming the missing MPEG-7 import"
    fi
  else
    cat "$log" >&2
    fail "$wsdl does not generate"
  fi
done
cd "$ROOT"

{
  echo "// swift-tools-version: 6.1"
  echo "import PackageDescription"
  echo "let package = Package("
  echo "    name: \"onvif-corpus\","
  echo "    dependencies: [.package(name: \"wsdl2swift\", path: \"$ROOT\")],"
  echo "    targets: ["
  for t in "${targets[@]}"; do
    echo "        .target(name: \"$t\", dependencies: [.product(name: \"SOAPRuntime\", package: \"wsdl2swift\")]),"
  done
  echo "    ]"
  echo ")"
} >"$SCRATCH/Package.swift"

echo "building ${#targets[@]} generated modules (types, client, server each)..."
start=$(now)
if swift build --package-path "$SCRATCH" >"$SCRATCH/build.log" 2>&1; then
  end=$(now)
  echo "built ${#targets[@]} modules in $(elapsed "$start" "$end") s ($(cat "$SCRATCH"/Sources/*/*.swift | wc -l) lines)"
  warnings=$(grep -c "warning:" "$SCRATCH/build.log" || true)
  if [[ "$warnings" != "0" ]]; then
    grep -A4 "warning:" "$SCRATCH/build.log" | head -40 >&2
    fail "the generated code compiles with $warnings warnings"
  else
    ok
  fi
else
  grep -B2 -A6 "error:" "$SCRATCH/build.log" | head -80 >&2
  fail "the generated modules do not build (errors above)"
fi

echo "test-onvif-corpus: $passed passed, $failed failed"
[[ "$failed" == "0" ]]
