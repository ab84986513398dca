#!/usr/bin/env bash
# Builds gSOAP's AppMgmt codec benchmark and server from the official appmgmt.wsdl into
# .build/gsoap-appmgmt/ (kept between runs: rebuilt only when this script, the two C++ files or
# the schemas change), installing `gsoap libgsoap-dev` with apt when run as root and missing.
# Prints the folder. Exits 77 when gSOAP is missing and cannot be installed.
#
#   wsdl2h -P (typemap.dat) on a copy of Schemas/onvif whose remote schemaLocations point at
#   files (localize-schemas.py); soapcpp2 -2 (SOAP 1.2) -L -x; g++ -O2.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
OUT="$ROOT/.build/gsoap-appmgmt"

if ! command -v soapcpp2 >/dev/null || [ ! -e /usr/include/stdsoap2.h ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "installing gsoap libgsoap-dev" >&2
    (apt-get install -y -qq gsoap libgsoap-dev || (apt-get update -qq && apt-get install -y -qq gsoap libgsoap-dev)) >/dev/null
  else
    echo "gSOAP is not installed (apt-get install gsoap libgsoap-dev)" >&2
    exit 77
  fi
fi

KEY=$(cat scripts/gsoap/build-appmgmt.sh scripts/gsoap/codec-bench.cpp scripts/gsoap/appmgmt-server.cpp scripts/gsoap/localize-schemas.py \
  Schemas/onvif/specs/wsdl/ver10/appmgmt/wsdl/appmgmt.wsdl Schemas/onvif/specs/wsdl/ver10/schema/onvif.xsd | sha256sum | cut -c1-16)
if [ -x "$OUT/codec-bench" ] && [ -x "$OUT/appmgmt-server" ] && [ "$(cat "$OUT/key" 2>/dev/null)" = "$KEY" ]; then
  echo "$OUT"
  exit 0
fi
rm -rf "$OUT"
mkdir -p "$OUT/gen"
echo "generating gSOAP's AppMgmt code from the official appmgmt.wsdl and compiling it (a few minutes)" >&2
cp -r Schemas/onvif "$OUT/onvif"
python3 scripts/gsoap/localize-schemas.py "$OUT/onvif"
(cd "$OUT/gen" \
  && wsdl2h -P -t /usr/share/gsoap/WS/typemap.dat -o appmgmt.h "$OUT/onvif/specs/wsdl/ver10/appmgmt/wsdl/appmgmt.wsdl" \
  && soapcpp2 -2 -L -x -I/usr/share/gsoap/import appmgmt.h) >"$OUT/gsoap.log" 2>&1 || { cat "$OUT/gsoap.log" >&2; exit 1; }
# The server's other operations: each answers "not implemented here".
python3 - "$OUT/gen/soapStub.h" >"$OUT/gen/stubs.cpp" <<'PY'
import re, sys
print('#include "soapH.h"')
for match in re.finditer(r'SOAP_FMAC5 int SOAP_FMAC6 (\w+)\((struct soap\*[^;]*)\);', open(sys.argv[1]).read()):
    name, parameters = match.groups()
    if name == "__ns1__GetAppsInfo" or name.startswith("soap_"):
        continue
    parameters = parameters.replace("struct soap*", "struct soap *soap", 1)
    print(f"int {name}({parameters}) {{ return soap_receiver_fault(soap, \"not implemented by this benchmark server\", nullptr); }}")
PY
FLAGS=(-O2 -std=c++17 -I"$OUT/gen" $(pkg-config --cflags libxml-2.0))
g++ "${FLAGS[@]}" -c "$OUT/gen/soapC.cpp" -o "$OUT/soapC.o"
g++ "${FLAGS[@]}" scripts/gsoap/codec-bench.cpp "$OUT/soapC.o" -lgsoap++ $(pkg-config --libs libxml-2.0) -o "$OUT/codec-bench"
g++ "${FLAGS[@]}" scripts/gsoap/appmgmt-server.cpp "$OUT/gen/soapServer.cpp" "$OUT/gen/stubs.cpp" "$OUT/soapC.o" -lgsoap++ -lpthread \
  -o "$OUT/appmgmt-server"
echo "$KEY" >"$OUT/key"
echo "$OUT"
