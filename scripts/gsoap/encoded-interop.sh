#!/usr/bin/env bash
# Builds gSOAP's server and client from Tests/SOAPEncoded/Inventory.wsdl (rpc/encoded) and
# prints what they put on the wire: gSOAP's findItems/getTags responses (its multi-reference
# `<id id="_4">` form) and its findItems/addItem requests. Tests/ConstructsTests/
# SOAPEncodingTests.swift decodes these bytes (captured with this script, gSOAP 2.8.124).
# Also sends the addItem request our generated client writes to gSOAP's server, which answers
# `true` only when it decoded every field (see encoded-server.cpp).
# Needs gSOAP (apt-get install gsoap libgsoap-dev), g++, curl and python3. About 20 s.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
WORK=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT
cd "$WORK"
wsdl2h -o inventory.h "$ROOT/Tests/SOAPEncoded/Inventory.wsdl" >/dev/null 2>&1
soapcpp2 -j -x -I/usr/share/gsoap/import inventory.h >/dev/null 2>&1
g++ -O1 -o server "$HERE/encoded-server.cpp" -I. soapC.cpp soapInventorySoapBindingService.cpp -lgsoap++
g++ -O1 -o client "$HERE/encoded-client.cpp" -I. soapC.cpp soapInventorySoapBindingProxy.cpp -lgsoap++
PORT=${PORT:-18089}
post() { # action file: one request to a fresh server (gSOAP's run() serves one connection here)
  ./server "$PORT" >/dev/null 2>&1 &
  sleep 0.3
  curl -s -H 'Content-Type: text/xml; charset=utf-8' -H "SOAPAction: \"$1\"" --data-binary "@$2" "http://127.0.0.1:$PORT/"
  echo
  wait || true
}
body='<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:tns="urn:inventory"><soapenv:Body soapenv:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/">'
end='</soapenv:Body></soapenv:Envelope>'
echo "$body<tns:findItems><query>A</query><limit>10</limit></tns:findItems>$end" >find.xml
echo "$body<tns:getTags><sku>S</sku></tns:getTags>$end" >tags.xml
# What our generated client sends for addItem (SOAPEncodingTests.requestWireForm asserts these bytes).
echo "$body<tns:addItem><item><sku>D-4</sku><quantity>1</quantity><price xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:nil=\"true\"/><tags xmlns:soapenc=\"http://schemas.xmlsoap.org/soap/encoding/\" xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"soapenc:Array\" soapenc:arrayType=\"xs:string[2]\"><item>a</item><item>b</item></tags></item></tns:addItem>$end" >add.xml
echo "== gSOAP server: findItems response"; post "" find.xml
echo "== gSOAP server: getTags response"; post "" tags.xml
echo "== gSOAP server: our client's addItem request (true = every field decoded)"; post "urn:inventory#addItem" add.xml
cat >capture.py <<'PY'
import http.server, sys
class H(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers['Content-Length']))
        sys.stdout.write('== gSOAP client: ' + self.headers.get('SOAPAction', '') + '\n' + body.decode() + '\n'); sys.stdout.flush()
        self.send_response(500); self.send_header('Content-Type', 'text/xml'); self.end_headers()
        self.wfile.write(b'<e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/"><e:Body><e:Fault><faultcode>e:Server</faultcode><faultstring>captured</faultstring></e:Fault></e:Body></e:Envelope>')
    def log_message(self, *args): pass
http.server.HTTPServer(('127.0.0.1', int(sys.argv[1])), H).serve_forever()
PY
python3 capture.py $((PORT + 1)) &
sleep 0.5
./client "http://127.0.0.1:$((PORT + 1))/" || true
sleep 0.3
