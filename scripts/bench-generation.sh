#!/usr/bin/env bash
# Code generation of the whole ONVIF corpus (Schemas/onvif, all 30 WSDLs, types + client +
# server), ours against gSOAP's wsdl2h + soapcpp2 on the same files, in one run: CPU seconds
# (user + sys) of each and the ratio, plus the largest WSDL alone and the output sizes.
#
# gSOAP comes from Debian (`apt-get install gsoap`); without it only our figures are printed.
# gSOAP cannot map remote schemaLocations to files, so it runs on a scratch copy whose remote
# locations are rewritten to relative paths (scripts/gsoap/localize-schemas.py; our generator
# reads Schemas/onvif as shipped, with location-map.json).
#
# Usage: bash scripts/bench-generation.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
SCRATCH=$(mktemp -d)
trap 'rm -rf "$SCRATCH"' EXIT

swift build -c release --product wsdl2swift >/dev/null
BIN="$(swift build -c release --product wsdl2swift --show-bin-path)/wsdl2swift"

cpu() { # prints "user+sys" seconds of the command (GNU time)
  /usr/bin/time -f "%U %S" -o "$SCRATCH/time" "$@" >/dev/null 2>&1 || true
  awk '{ printf "%.2f", $1 + $2 }' "$SCRATCH/time"
}

cd Schemas/onvif
WSDLS=$(find specs -name '*.wsdl' | LC_ALL=C sort)
ours_corpus() {
  for w in $WSDLS; do
    "$BIN" generate "$w" --config location-map.json --output "$SCRATCH/ours/$(echo "$w" | tr / _)" --module-name M \
      --mode types --mode client --mode server --quiet 2>/dev/null || true
  done
}
export -f ours_corpus
export BIN SCRATCH WSDLS
ours=$(cpu bash -c ours_corpus)
largest=specs/wsdl/ver10/device/wsdl/devicemgmt.wsdl
ours_largest=$(cpu "$BIN" generate "$largest" --config location-map.json --output "$SCRATCH/ours-largest" --module-name M --mode types --mode client --mode server --quiet)
echo "wsdl2swift: corpus ${ours} s CPU, $(du -sh "$SCRATCH/ours" | cut -f1) of Swift; devicemgmt.wsdl ${ours_largest} s, $(cat "$SCRATCH"/ours-largest/*.swift | wc -c) bytes"

if ! command -v wsdl2h >/dev/null || ! command -v soapcpp2 >/dev/null; then
  echo "gSOAP not installed (apt-get install gsoap): no comparison"
  exit 0
fi
cp -r "$ROOT/Schemas/onvif" "$SCRATCH/gsoap-onvif"
python3 "$ROOT/scripts/gsoap/localize-schemas.py" "$SCRATCH/gsoap-onvif"
TYPEMAP=/usr/share/gsoap/WS/typemap.dat
gsoap_one() { # $1 wsdl (relative), $2 output folder
  mkdir -p "$2"
  (cd "$2" && wsdl2h -P -t "$TYPEMAP" -o s.h "$SCRATCH/gsoap-onvif/$1" && soapcpp2 -2 -C -S -I/usr/share/gsoap/import s.h) >/dev/null 2>&1 || true
}
gsoap_corpus() { for w in $WSDLS; do gsoap_one "$w" "$SCRATCH/gsoap/$(echo "$w" | tr / _)"; done; }
export -f gsoap_one gsoap_corpus
export TYPEMAP
gsoap=$(cpu bash -c gsoap_corpus)
gsoap_largest=$(cpu bash -c "gsoap_one $largest $SCRATCH/gsoap-largest")
echo "gSOAP $(dpkg-query -W -f='${Version}' gsoap 2>/dev/null): corpus ${gsoap} s CPU, $(du -sh "$SCRATCH/gsoap" | cut -f1) of C++; devicemgmt.wsdl ${gsoap_largest} s, $(cat "$SCRATCH"/gsoap-largest/*.cpp "$SCRATCH"/gsoap-largest/*.h 2>/dev/null | wc -c) bytes"
awk -v a="$ours" -v b="$gsoap" -v c="$ours_largest" -v d="$gsoap_largest" \
  'BEGIN { printf "ratio (ours / gSOAP CPU): corpus %.2fx, devicemgmt.wsdl %.2fx (target <= 0.2x)\n", a / b, c / d }'
