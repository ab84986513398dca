#!/usr/bin/env bash
# Our generated AppMgmt codec against gSOAP's, on the same bytes, in one run: decode and
# encode of GetAppsInfoResponse envelopes with 10, 1,000 and 10,000 AppInfo (the envelopes
# appmgmt-bench measures, written by `appmgmt-bench --write-bench-corpus`), and libxml2's own
# passes over them (xmlTextReader and SAX2, building nothing), in C and from Swift.
#
# gSOAP's codec is generated from the official appmgmt.wsdl (Schemas/onvif) with wsdl2h and
# soapcpp2 (SOAP 1.2, literal) and compiled with g++ -O2 by scripts/gsoap/build-appmgmt.sh
# (cached in .build/gsoap-appmgmt). gSOAP 2.8 comes from Debian: it installs `gsoap
# libgsoap-dev` with apt when it runs as root and they are missing.
# Both sides run twice, alternately; each figure is the better of the two medians.
#
# Usage: bash scripts/gsoap/codec-bench.sh [--quick]
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
QUICK=${1:-}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

GSOAP=$(bash scripts/gsoap/build-appmgmt.sh) || exit $?
swift build -c release --package-path Benchmarks --product appmgmt-bench >&2
BENCH="$(swift build -c release --package-path Benchmarks --show-bin-path)/appmgmt-bench"
"$BENCH" --write-bench-corpus "$WORK/corpus"

FILES=(10="$WORK/corpus/envelope-10.xml" 1000="$WORK/corpus/envelope-1000.xml" 10000="$WORK/corpus/envelope-10000.xml")
for round in 1 2; do
  echo "round $round" >&2
  "$GSOAP/codec-bench" $QUICK "${FILES[@]}" >>"$WORK/results.tsv"
  "$BENCH" --codec-tsv $QUICK >>"$WORK/results.tsv"
done

python3 - "$WORK/results.tsv" "$(dpkg-query -W -f='${Version}' gsoap 2>/dev/null || echo '?')" "$WORK/corpus" <<'PY'
import os, sys
rows = {}
for line in open(sys.argv[1]):
    side, workload, apps, rate = line.rstrip("\n").split("\t")
    key = (side, workload, int(apps))
    rows[key] = max(rows.get(key, 0.0), float(rate))
version, corpus = sys.argv[2], sys.argv[3]
print(f"GetAppsInfoResponse envelopes, MB/s (better of two medians), ours vs gSOAP {version} on the same bytes")
print()
print("| AppInfo | bytes | ours decode | gSOAP decode | ours/gSOAP | C SAX2 | ours/C SAX2 | C xmlTextReader | Swift SAX2 | Swift xmlTextReader | ours encode | gSOAP encode | ours/gSOAP |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
verdicts = []
for apps in (10, 1000, 10000):
    size = os.path.getsize(os.path.join(corpus, f"envelope-{apps}.xml"))
    d, gd = rows[("swift", "decode envelope", apps)], rows[("gsoap", "decode envelope", apps)]
    e, ge = rows[("swift", "encode envelope", apps)], rows[("gsoap", "encode envelope", apps)]
    csax, creader = rows[("c", "libxml2 SAX2 walk", apps)], rows[("c", "libxml2 xmlTextReader walk", apps)]
    ssax, sreader = rows[("swift", "libxml2 SAX2 walk", apps)], rows[("swift", "libxml2 xmlTextReader walk", apps)]
    print(f"| {apps:,} | {size:,} | {d:.0f} | {gd:.0f} | {d/gd:.2f}x | {csax:.0f} | {d/csax:.2f}x | {creader:.0f} | {ssax:.0f} | {sreader:.0f} | {e:.0f} | {ge:.0f} | {e/ge:.2f}x |")
    verdicts.append((f"decode, {apps} apps: ours/gSOAP", d / gd, 3.0))
    verdicts.append((f"decode, {apps} apps: ours/C SAX2 pass-through", d / csax, 0.5))
    verdicts.append((f"encode, {apps} apps: ours/gSOAP", e / ge, 4.0))
print()
print("Targets (issue 10)")
for name, value, target in verdicts:
    print(f"  {'met   ' if value >= target else 'MISSED'} {name} = {value:.2f}x (target >= {target:g}x)")
PY
