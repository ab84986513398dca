#!/usr/bin/env bash
# Collects a corpus of public, real-world, non-ONVIF WSDLs (with every XSD/WSDL they import) for
# scripts/survey-wsdls.sh, from packages at pinned versions on PyPI and Debian (bookworm):
#
#   PyPI (pip download --no-deps):
#     fedex==2.4.1 (FedEx web services)           bingads==13.0.30.1 (Microsoft Advertising, WCF)
#     ciscoaxl==0.164 (Cisco CUCM AXL)             python-dhl-germany==0.3.4.14 (DHL Geschäftskunden)
#     gisweb-efil==0.2.0 (Italian e-fil payments)  seigov==0.1.1 (Brazilian SEI/SIP, rpc/encoded)
#     verifactu-sdk==0.1.0 (Spanish AEAT VeriFactu) python-ups==0.0.4 (UPS Rate)
#     zuora-client==1.0 (Zuora billing)            UW-EMS-Client==0.12 (EMS, .NET asmx)
#     soapbar==0.21.0 (EU VIES checkVat)           wstools==0.4.8 (eBay SOAP API, CDYNE fixtures)
#     SOAPpy==0.12.22 (xmethods fixture)           zeep==4.3.3, soapix==0.5.11, soapfish2==0.7.4
#                                                  (test fixtures of other SOAP stacks, sdists)
#   Debian binary packages (apt-get download + dpkg-deb -x):
#     ruby-soap4r=2.0.5-6 (samples: Google AdWords, RAA, ...), libsoap-lite-perl=1.27-3 (examples)
#   Debian source packages (apt-get source --download-only, through a private deb-src list):
#     axis=1.4-28+deb12u1 (Apache Axis 1 samples and test/wsdl: lots of rpc/encoded, soapenc:Array),
#     gsoap=2.8.124-2 (samples), jaxws=2.3.0.2-2 (Metro JAX-WS RI tests), libsoap-wsdl-perl=3.004-2
#
# Usage: bash scripts/collect-survey-corpus.sh DEST_DIR
#   Lays out DEST_DIR/<id>/ with the entry WSDL and the files it imports (relative layout kept),
#   plus DEST_DIR/<id>/ENTRY (the entry's path in the folder) when the entry is not the only
#   *.wsdl at the folder's top level. Identical entry files are kept once. Entries whose imports
#   are missing or remote are skipped, except the few marked as negatives (remote imports kept).
#   DEST_DIR/MANIFEST.tsv lists id, source, original path, file count, encoded, remote imports.
#   Re-running replaces the folders it made (idempotent); other folders in DEST_DIR are left alone.
#   A package that fails to download is reported and its entries skipped; the rest goes on.
#   SURVEY_CACHE=DIR keeps the downloads there (reused on the next run) instead of a temp folder.
# Takes about 1.5 minutes with a cold cache (mostly pip preparing sdist metadata), ~10 s warm.
# Needs python3, pip, apt-get, dpkg-deb, tar; xmllint (libxml2-utils) for the final check.
set -euo pipefail

DEST=${1:?usage: collect-survey-corpus.sh DEST_DIR}
mkdir -p "$DEST"
DEST=$(cd "$DEST" && pwd)
PIP=${PIP:-python3 -m pip}

if [[ -n "${SURVEY_CACHE:-}" ]]; then
  WORK=$SURVEY_CACHE
  mkdir -p "$WORK"
else
  WORK=$(mktemp -d)
  trap 'rm -rf "$WORK"' EXIT
fi
WORK=$(cd "$WORK" && pwd)
mkdir -p "$WORK/dl" "$WORK/x"
start=$(date +%s)

warn() { echo "warning: $*" >&2; }

# key  method  spec
#   pip-sdist / pip-any: pip download (source distribution only / whatever pip picks)
#   deb: apt-get download + dpkg-deb -x;  debsrc: apt-get source --download-only, orig tarball
SOURCES=(
  "fedex       pip-sdist fedex==2.4.1"
  "bingads     pip-sdist bingads==13.0.30.1"
  "ciscoaxl    pip-any   ciscoaxl==0.164"
  "dhlgermany  pip-any   python-dhl-germany==0.3.4.14"
  "efil        pip-any   gisweb-efil==0.2.0"
  "seigov      pip-any   seigov==0.1.1"
  "verifactu   pip-any   verifactu-sdk==0.1.0"
  "ups         pip-sdist python-ups==0.0.4"
  "zuora       pip-sdist zuora-client==1.0"
  "uwems       pip-sdist UW-EMS-Client==0.12"
  "soapbar     pip-any   soapbar==0.21.0"
  "wstools     pip-sdist wstools==0.4.8"
  "soappy      pip-sdist SOAPpy==0.12.22"
  "zeep        pip-sdist zeep==4.3.3"
  "soapix      pip-sdist soapix==0.5.11"
  "soapfish    pip-sdist soapfish2==0.7.4"
  "soap4r      deb       ruby-soap4r=2.0.5-6"
  "soaplite    deb       libsoap-lite-perl=1.27-3"
  "axis        debsrc    axis=1.4-28+deb12u1"
  "gsoap       debsrc    gsoap=2.8.124-2"
  "jaxws       debsrc    jaxws=2.3.0.2-2"
  "soapwsdl    debsrc    libsoap-wsdl-perl=3.004-2"
)

APT_SRC_READY=
apt_src_setup() {
  [[ -n "$APT_SRC_READY" ]] && return 0
  local d="$WORK/apt"
  mkdir -p "$d/lists/partial" "$d/cache/archives/partial"
  cat >"$d/sources.list" <<'EOF'
deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian bookworm main
deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian-security bookworm-security main
deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian bookworm-updates main
EOF
  APT_SRC_OPTS=(-o "Dir::Etc::SourceList=$d/sources.list" -o "Dir::Etc::SourceParts=/nonexistent"
    -o "Dir::State::Lists=$d/lists" -o "Dir::Cache=$d/cache")
  apt-get "${APT_SRC_OPTS[@]}" -qq update >"$d/update.log" 2>&1 || { warn "apt-get update (deb-src) failed: $(tail -1 "$d/update.log")"; return 1; }
  APT_SRC_READY=1
}

extract() { # archive dir
  case "$1" in
    *.whl | *.zip) python3 -m zipfile -e "$1" "$2" ;;
    *.deb) dpkg-deb -x "$1" "$2" ;;
    *.tar.* | *.tgz) tar xf "$1" -C "$2" ;;
    *) return 1 ;;
  esac
}

fetch() { # key method spec
  local key=$1 method=$2 spec=$3 dl="$WORK/dl/$1" x="$WORK/x/$1" f
  [[ -f "$x/.done" ]] && return 0
  rm -rf "$dl" "$x"
  mkdir -p "$dl" "$x"
  case "$method" in
    pip-sdist) $PIP download -q --no-deps --no-binary :all: -d "$dl" "$spec" >"$dl.log" 2>&1 ;;
    pip-any) $PIP download -q --no-deps -d "$dl" "$spec" >"$dl.log" 2>&1 ;;
    deb) (cd "$dl" && apt-get download "$spec") >"$dl.log" 2>&1 ;;
    # The upstream tarball is all we need: a missing .debian.tar.* fails apt-get, not us.
    debsrc) apt_src_setup && { (cd "$dl" && apt-get "${APT_SRC_OPTS[@]}" source --download-only "$spec") >"$dl.log" 2>&1 ||
      compgen -G "$dl/*.orig.tar.*" >/dev/null; } ;;
  esac || { warn "could not download $spec ($method): $(grep -m1 -E '^E:|ERROR|error' "$dl.log" 2>/dev/null || tail -1 "$dl.log")"; return 1; }
  for f in "$dl"/*; do
    case "$f" in
      *.debian.tar.*) ;;
      *.dsc) ;;
      *) extract "$f" "$x" || { warn "could not extract $f"; return 1; } ;;
    esac
  done
  touch "$x/.done"
}

FAILED=()
for line in "${SOURCES[@]}"; do
  read -r key method spec <<<"$line"
  if fetch "$key" "$method" "$spec"; then echo "fetched $spec" >&2; else FAILED+=("$spec"); fi
done

# id  source  path in the extracted package  [negative: keep although it imports remote files]
MANIFEST=$(cat <<'EOF'
fedex-addressvalidation fedex fedex-2.4.1/fedex/wsdl/AddressValidationService_v4.wsdl
fedex-country fedex fedex-2.4.1/fedex/wsdl/CountryService_v8.wsdl
fedex-locations fedex fedex-2.4.1/fedex/wsdl/LocationsService_v9.wsdl
fedex-packagemovement fedex fedex-2.4.1/fedex/wsdl/PackageMovementInformationService_v4.wsdl
fedex-pickup fedex fedex-2.4.1/fedex/wsdl/PickupService_v17.wsdl
fedex-rate fedex fedex-2.4.1/fedex/wsdl/RateService_v24.wsdl
fedex-ship fedex fedex-2.4.1/fedex/wsdl/ShipService_v23.wsdl
fedex-track fedex fedex-2.4.1/fedex/wsdl/TrackService_v16.wsdl
fedex-uploaddocument fedex fedex-2.4.1/fedex/wsdl/UploadDocumentService_v11.wsdl
fedex-vacs fedex fedex-2.4.1/fedex/wsdl/ValidationAvailabilityAndCommitmentService_v8.wsdl
bingads-adinsight bingads bingads-13.0.30.1/bingads/v13/proxies/production/adinsight_service.xml
bingads-bulk bingads bingads-13.0.30.1/bingads/v13/proxies/production/bulk_service.xml
bingads-campaignmanagement bingads bingads-13.0.30.1/bingads/v13/proxies/production/campaignmanagement_service.xml
bingads-customerbilling bingads bingads-13.0.30.1/bingads/v13/proxies/production/customerbilling_service.xml
bingads-customermanagement bingads bingads-13.0.30.1/bingads/v13/proxies/production/customermanagement_service.xml
bingads-reporting bingads bingads-13.0.30.1/bingads/v13/proxies/production/reporting_service.xml
ciscoaxl-8-5 ciscoaxl ciscoaxl/schema/8.5/AXLAPI.wsdl
ciscoaxl-11-5 ciscoaxl ciscoaxl/schema/11.5/AXLAPI.wsdl
ciscoaxl-current ciscoaxl ciscoaxl/schema/current/AXLAPI.wsdl
dhl-geschaeftskunden-3-1 dhlgermany dhl/wsdl/3.1/production.wsdl
dhl-geschaeftskunden-3-4 dhlgermany dhl/wsdl/3.4.0/production.wsdl
efil-digitbusdeliver efil gisweb_efil/wsdl/DigitBusDeliver.wsdl
efil-digitbusfeed efil gisweb_efil/wsdl/DigitBusFeed.wsdl
efil-digitbuspayment efil gisweb_efil/wsdl/DigitBusPayment.wsdl
efil-digitpospaymentnotify efil gisweb_efil/wsdl/DigitPosPaymentNotify.wsdl
efil-generatorpdf efil gisweb_efil/wsdl/GeneratorPdf.wsdl
seigov-sei seigov seigov/wsdl/sei.wsdl
seigov-sip seigov seigov/wsdl/sip.wsdl
aeat-verifactu verifactu verifactu_sdk/schemas/SistemaFacturacion.wsdl
ups-rate ups python-ups-0.0.4/ups/wsdl/RateWS.wsdl
zuora-a52 zuora zuora-client-1.0/wsdls/zuora.a.52.0.wsdl
uwems-emsapi uwems UW-EMS-Client-0.12/ems_client/resources/ems/file/EMSAPI/Service.asmx_WSDL
vies-checkvat soapbar soapbar/contrib/_wsdl/checkVatService.wsdl
ebay-soapi-doclit wstools wstools-0.4.8/tests/data/soapi-1.63.0-dlw.wsdl
ebay-soapi-rpcenc wstools wstools-0.4.8/tests/data/soapi-1.63.0-re.wsdl
cdyne-ip2geo wstools wstools-0.4.8/tests/data/ip2geo.wsdl
cdyne-zip2geo wstools wstools-0.4.8/tests/data/zip2geo.wsdl
soappy-temperature soappy SOAPpy-0.12.22/tests/TemperatureService.wsdl
zeep-test-soap zeep zeep-4.3.3/tests/wsdl_files/soap.wsdl
zeep-test-soap-header zeep zeep-4.3.3/tests/wsdl_files/soap_header.wsdl
zeep-test-soap-import zeep zeep-4.3.3/tests/wsdl_files/soap_import_main.wsdl
zeep-test-soap-import-2 zeep zeep-4.3.3/tests/wsdl_files/soap_import_2.wsdl
zeep-test-rpc zeep zeep-4.3.3/tests/wsdl_files/claim.wsdl
zeep-test-http zeep zeep-4.3.3/tests/wsdl_files/http.wsdl
zeep-test-transport-err zeep zeep-4.3.3/tests/wsdl_files/soap_transport_err.wsdl
zeep-test-recursive-schema zeep zeep-4.3.3/tests/integration/recursive_schema_main.wsdl
zeep-test-recursive-import zeep zeep-4.3.3/tests/integration/hello_world_recursive_import.wsdl
zeep-test-http-post zeep zeep-4.3.3/tests/integration/test_http_post.wsdl
soapix-gib-efatura soapix soapix-0.5.11/tests/fixtures/gib_efatura.wsdl
soapix-rpc-encoded soapix soapix-0.5.11/tests/fixtures/rpc_encoded.wsdl
soapix-rpc-literal soapix soapix-0.5.11/tests/fixtures/rpc_literal.wsdl
soapix-soap12 soapix soapix-0.5.11/tests/fixtures/soap12.wsdl
soapix-xs-choice soapix soapix-0.5.11/tests/fixtures/xs_choice.wsdl
soapix-xs-list soapix soapix-0.5.11/tests/fixtures/xs_list.wsdl
soapix-named-groups soapix soapix-0.5.11/tests/fixtures/named_groups.wsdl
soapix-attribute-group soapix soapix-0.5.11/tests/fixtures/attribute_group.wsdl
soapix-type-extension soapix soapix-0.5.11/tests/fixtures/type_extension.wsdl
soapix-import-wsdl soapix soapix-0.5.11/tests/fixtures/import_wsdl.wsdl
soapix-namespace-quirks soapix soapix-0.5.11/tests/fixtures/namespace_quirks.wsdl
soapix-restriction-base soapix soapix-0.5.11/tests/fixtures/restriction_base.wsdl
soapfish-ops soapfish soapfish2-0.7.4/examples/ops.wsdl
soapfish-inheritance soapfish soapfish2-0.7.4/tests/assets/generation/inheritance.wsdl
soapfish-multi-schema soapfish soapfish2-0.7.4/tests/assets/generation/multi_schema.wsdl
soapfish-import-nested soapfish soapfish2-0.7.4/tests/assets/generation/import_nested.wsdl
soapfish-relative soapfish soapfish2-0.7.4/tests/assets/relative/relative.wsdl
soapfish-same-namespace soapfish soapfish2-0.7.4/tests/assets/same_namespace/same_namespace.wsdl
soapfish-include soapfish soapfish2-0.7.4/tests/assets/include/include.wsdl
soap4r-adwords-campaign soap4r usr/share/rubygems-integration/all/gems/soap4r-ruby1.9-2.0.5/sample/showcase/wsdl/googleAdwords/CampaignService.wsdl
soap4r-raa soap4r usr/share/rubygems-integration/all/gems/soap4r-ruby1.9-2.0.5/sample/showcase/wsdl/raa2.4/raa.wsdl
soap4r-rnn soap4r usr/share/rubygems-integration/all/gems/soap4r-ruby1.9-2.0.5/sample/showcase/wsdl/rnn/rnn.wsdl
soap4r-mizgis soap4r usr/share/rubygems-integration/all/gems/soap4r-ruby1.9-2.0.5/sample/soapheader/soapext_basicauth/mms_MizGIS.wsdl
soap4r-stockquote soap4r usr/share/rubygems-integration/all/gems/soap4r-ruby1.9-2.0.5/sample/showcase/soap/mssoap/stockQuoteService.wsdl
soap4r-soapbox soap4r usr/share/rubygems-integration/all/gems/soap4r-ruby1.9-2.0.5/sample/showcase/soap/soapbox/SoapBoxWebService.wsdl
soap4r-hash soap4r usr/share/rubygems-integration/all/gems/soap4r-ruby1.9-2.0.5/sample/howto/wsdl_hash/hash.wsdl
soap4r-echo-doclit soap4r usr/share/rubygems-integration/all/gems/soap4r-ruby1.9-2.0.5/sample/howto/documentliteral/echo.wsdl
soap4r-multifault soap4r usr/share/rubygems-integration/all/gems/soap4r-ruby1.9-2.0.5/sample/howto/wsdl_fault/multifault/fault.wsdl
soap4r-helloworld soap4r usr/share/rubygems-integration/all/gems/soap4r-ruby1.9-2.0.5/sample/basic/wsdl_helloworld/server/hws.wsdl
soaplite-hello-rpcenc soaplite usr/share/doc/libsoap-lite-perl/examples/WSDL/say_hello_rpcenc.wsdl
soaplite-hello-rpclit soaplite usr/share/doc/libsoap-lite-perl/examples/WSDL/say_hello_rpclit.wsdl
soaplite-hello-doclit soaplite usr/share/doc/libsoap-lite-perl/examples/WSDL/say_hello_doclit.wsdl
soapwsdl-person soapwsdl SOAP-WSDL-3.004/example/wsdl/Person.wsdl
soapwsdl-email-account soapwsdl SOAP-WSDL-3.004/t/acceptance/wsdl/email_account.wsdl
soapwsdl-message-gateway soapwsdl SOAP-WSDL-3.004/t/acceptance/wsdl/message_gateway.wsdl
soapwsdl-header soapwsdl SOAP-WSDL-3.004/t/acceptance/wsdl/helloWorld_header.wsdl
soapwsdl-generator-test soapwsdl SOAP-WSDL-3.004/t/acceptance/wsdl/generator_test.wsdl
soapwsdl-nested-complextype soapwsdl SOAP-WSDL-3.004/t/acceptance/wsdl/nested_complextype.wsdl
soapwsdl-import-xsd-cascade soapwsdl SOAP-WSDL-3.004/t/acceptance/wsdl/WSDLParser/import_xsd_cascade.wsdl
soapwsdl-contributed soapwsdl SOAP-WSDL-3.004/t/contributed.wsdl
axis-addressbook axis axis-1.4/samples/addr/AddressBook.wsdl
axis-echo-interop axis axis-1.4/samples/echo/InteropTest.wsdl
axis-element-service axis axis-1.4/samples/encoding/ElementService.wsdl
axis-stock-getquote axis axis-1.4/samples/stock/GetQuote.wsdl
axis-xbeans-starwars axis axis-1.4/samples/xbeans/starwars.wsdl
axis-swa axis axis-1.4/samples/swa/swa.wsdl
axis-import axis axis-1.4/test/wsdl/_import/Import.wsdl
axis-import-multi axis axis-1.4/test/wsdl/import3/MultiImpIncl/wsdl/MultiImp.wsdl
axis-import2 axis axis-1.4/test/wsdl/import2/service1/service2/testimport.wsdl
axis-arrays axis axis-1.4/test/wsdl/arrays/ArrayTest.wsdl
axis-arrays2 axis axis-1.4/test/wsdl/arrays2/arraytest.wsdl
axis-marrays axis axis-1.4/test/wsdl/marrays/MArrayTest.wsdl
axis-multiref axis axis-1.4/test/wsdl/multiref/MultiRefTest.wsdl
axis-comprehensive-types axis axis-1.4/test/wsdl/types/ComprehensiveTypes.wsdl
axis-inheritance axis axis-1.4/test/wsdl/inheritance/InheritanceTest.wsdl
axis-faults axis axis-1.4/test/wsdl/faults/FaultService.wsdl
axis-soap12-test axis axis-1.4/test/wsdl/soap12/assertion/soap12-test.wsdl
axis-polymorphism axis axis-1.4/test/wsdl/polymorphism/polymorphism.wsdl
axis-union axis axis-1.4/test/wsdl/union/UnionService.wsdl
axis-choice axis axis-1.4/test/wsdl/choice/ChoiceService.wsdl
axis-dataset axis axis-1.4/test/wsdl/dataset/DataService.wsdl
axis-terraservice axis axis-1.4/test/wsdl/terra/TerraService.WSDL
axis-salesrank axis axis-1.4/test/wsdl/literal/SalesRankNPrice.wsdl
axis-citybbb axis axis-1.4/test/wsdl/wrapped/CityBBB.wsdl
axis-interop3-rpcenc axis axis-1.4/test/wsdl/interop3/rpcEnc/InteropTestRpcEnc.wsdl
axis-interop3-doclit axis axis-1.4/test/wsdl/interop3/docLit/interoptestdoclit.wsdl
axis-interop3-compound1 axis axis-1.4/test/wsdl/interop3/compound1/Compound1.wsdl
axis-interop3-import3 axis axis-1.4/test/wsdl/interop3/import3/Import3.wsdl
axis-interop4-complex-rpcenc axis axis-1.4/test/wsdl/interop4/groupH/complexRPCenc/complex-rpc-encoded.wsdl
axis-interop4-simple-rpcenc axis axis-1.4/test/wsdl/interop4/groupH/simpleRPCenc/simple-rpc-encoded.wsdl
axis-interop4-complex-doclit axis axis-1.4/test/wsdl/interop4/groupH/complexDocLit/complex-doc-literal.wsdl
axis-interop4-round4xsd axis axis-1.4/test/wsdl/interop4/groupi/round4XSD.wsdl
axis-interop5-basetypes axis axis-1.4/test/wsdl/interop5/basetype/Round5BaseTypes.wsdl
axis-interop5-complextype axis axis-1.4/test/wsdl/interop5/complextype/group5_5.wsdl
axis-esr axis axis-1.4/test/wsdl/esr/esr.wsdl
axis-uddi-v2 axis axis-1.4/test/wsdl/uddiv2/uddi_v2.wsdl negative
axis-liberty axis axis-1.4/test/wsdl/liberty/liberty.wsdl negative
gsoap-async gsoap gsoap-2.8.124/gsoap/samples/async/async.wsdl
gsoap-xmas gsoap gsoap-2.8.124/gsoap/samples/link/xmas.wsdl
gsoap-calc gsoap gsoap-2.8.124/gsoap/samples/mashup/calc.wsdl
gsoap-ssl gsoap gsoap-2.8.124/gsoap/samples/ssl/ssl.wsdl
gsoap-calcrest gsoap gsoap-2.8.124/gsoap/samples/rest/calcrest.wsdl
gsoap-gmt gsoap gsoap-2.8.124/gsoap/samples/gmt/t.wsdl
jaxws-orderprocessor jaxws metro-jax-ws-2.3.0.2/jaxws-ri/tests/unit/testcases/fromwsdl/freeze/resources/OrderProcessor.wsdl
jaxws-catalog-mime jaxws metro-jax-ws-2.3.0.2/jaxws-ri/tests/unit/testcases/fromwsdl/mime/simple_doclit/server/Catalog.wsdl
jaxws-wsi-retailer jaxws metro-jax-ws-2.3.0.2/jaxws-ri/tests/unit-rearch/src/fromwsdl/wsdl_rpclit_get_catalog/config/RetailerImpl.wsdl
jaxws-stockquote jaxws metro-jax-ws-2.3.0.2/jaxws-ri/tests/unit/testcases/server/endpoint/resources/stockquoteservice.wsdl
jaxws-wsa-interop jaxws metro-jax-ws-2.3.0.2/jaxws-ri/tests/unit/testcases/wsa/w3c/fromwsdl/crinterop_s11/server/wsaTestService.wsdl
jaxws-usingpolicy jaxws metro-jax-ws-2.3.0.2/jaxws-ri/tests/unit/testcases/fromwsdl/policy/usingpolicy_req/server/usingpolicy-required.wsdl
jaxws-sdo-hrapp jaxws metro-jax-ws-2.3.0.2/jaxws-ri/eclipselink_sdo/src/test/resources/etc/wsdl/HRAppServiceBug.wsdl
jaxws-mtom jaxws metro-jax-ws-2.3.0.2/jaxws-ri/samples/src/main/samples/mtom/etc/mtomsample.wsdl
jaxws-test-endpoint jaxws metro-jax-ws-2.3.0.2/jaxws-ri/tests/unit/testcases/bugs/jaxws221/server/TestEndpointService.wsdl
jaxws-retailer-remote jaxws metro-jax-ws-2.3.0.2/jaxws-ri/tests/unit/testcases/deployment/no_webxml/server/retailer.wsdl negative
EOF
)

SRCMAP=$(for line in "${SOURCES[@]}"; do read -r key _ spec <<<"$line"; echo "$key $spec"; done)

MANIFEST="$MANIFEST" SRCMAP="$SRCMAP" python3 - "$DEST" "$WORK/x" <<'PYEOF'
import hashlib, os, re, shutil, sys
import xml.etree.ElementTree as ET

dest, roots = sys.argv[1], sys.argv[2]
manifest = os.environ["MANIFEST"]
srcmap = dict(l.split(None, 1) for l in os.environ["SRCMAP"].splitlines() if l.strip())
WSDL_NS = {"http://schemas.xmlsoap.org/wsdl/", "http://www.w3.org/ns/wsdl"}
XSD_NS = "http://www.w3.org/2001/XMLSchema"
# Imports of these are answered by any SOAP stack itself, so they don't make a WSDL "remote".
BUILTIN = re.compile(r"^https?://(schemas\.xmlsoap\.org/(soap/encoding|soap/envelope|wsdl)/?$"
                     r"|www\.w3\.org/(2001/xml\.xsd|2001/XMLSchema|XML/1998/namespace|2003/05/soap-encoding|2003/05/soap-envelope))", re.I)

def refs(path):
    out = []
    for _, el in ET.iterparse(path, events=("start",)):
        if not isinstance(el.tag, str) or not el.tag.startswith("{"):
            continue
        ns, local = el.tag[1:].split("}", 1)
        if ns in WSDL_NS and local in ("import", "include"):
            loc = el.get("location")
        elif ns == XSD_NS and local in ("import", "include", "redefine", "override"):
            loc = el.get("schemaLocation")
        else:
            continue
        if loc and loc.strip():
            out.append(loc.strip())
    return out

def closure(entry):
    seen, remote, missing = [], [], []
    todo = [os.path.normpath(entry)]
    while todo:
        f = todo.pop()
        if f in seen:
            continue
        if not os.path.isfile(f):
            missing.append(f)
            continue
        seen.append(f)
        for loc in refs(f):  # ParseError propagates
            if re.match(r"^[a-z][a-z0-9+.-]*:", loc, re.I) and not loc.lower().startswith("file:"):
                if not BUILTIN.match(loc):
                    remote.append(loc)
            else:
                loc = re.sub(r"^file:(//)?", "", loc).split("#")[0]
                todo.append(os.path.normpath(os.path.join(os.path.dirname(f), loc)))
    return seen, remote, missing

# Forget what an earlier run laid out, so re-running gives the same tree.
old = os.path.join(dest, "MANIFEST.tsv")
if os.path.exists(old):
    for line in open(old).read().splitlines()[1:]:
        d = os.path.join(dest, line.split("\t")[0])
        if line and os.path.isdir(d):
            shutil.rmtree(d)

rows, skipped, seen_hash, per_source = [], [], {}, {}
for line in manifest.splitlines():
    parts = line.split()
    if not parts:
        continue
    ident, key, rel = parts[:3]
    negative = "negative" in parts[3:]
    out = os.path.join(dest, ident)
    if os.path.isdir(out):
        shutil.rmtree(out)
    root = os.path.join(roots, key)
    entry = os.path.join(root, rel)
    if not os.path.isfile(os.path.join(root, ".done")):
        skipped.append((ident, f"source {srcmap.get(key, key)} not downloaded")); continue
    if not os.path.isfile(entry):
        skipped.append((ident, f"{rel} not in {srcmap[key]}")); continue
    try:
        files, remote, missing = closure(entry)
    except ET.ParseError as e:
        skipped.append((ident, f"not well-formed: {e}")); continue
    if missing:
        skipped.append((ident, "missing imports: " + ", ".join(os.path.relpath(m, root) for m in missing))); continue
    if remote and not negative:
        skipped.append((ident, "remote imports: " + ", ".join(remote))); continue
    digest = hashlib.sha256(open(entry, "rb").read()).hexdigest()
    if digest in seen_hash:
        skipped.append((ident, f"identical to {seen_hash[digest]}")); continue
    seen_hash[digest] = ident
    base = os.path.commonpath([os.path.dirname(f) for f in files])
    for f in files:
        target = os.path.join(out, os.path.relpath(f, base))
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copyfile(f, target)
    entry_rel = os.path.relpath(os.path.normpath(entry), base)
    top_wsdls = [n for n in os.listdir(out) if n.endswith(".wsdl")]
    if "/" in entry_rel or not entry_rel.endswith(".wsdl") or len(top_wsdls) > 1:
        with open(os.path.join(out, "ENTRY"), "w") as fh:
            fh.write(entry_rel + "\n")
    encoded = any(b'use="encoded"' in open(f, "rb").read() for f in files)
    rows.append((ident, srcmap[key], rel, len(files), int(encoded), " ".join(remote)))
    per_source[srcmap[key]] = per_source.get(srcmap[key], 0) + 1

with open(old, "w") as fh:
    fh.write("id\tsource\tpath\tfiles\tencoded\tremote_imports\n")
    for r in rows:
        fh.write("\t".join(map(str, r)) + "\n")
for ident, why in skipped:
    print(f"skipped {ident}: {why}", file=sys.stderr)
print("per source:")
for src, n in per_source.items():
    print(f"  {n:4d}  {src}")
print(f"rpc/encoded: {sum(r[4] for r in rows)}; with remote imports (negatives): {sum(1 for r in rows if r[5])}")
print(f"WSDLs collected: {len(rows)} into {dest} ({len(skipped)} skipped)")
PYEOF

if command -v xmllint >/dev/null; then
  bad=0
  while IFS=$'\t' read -r id _; do
    [[ "$id" == id ]] && continue
    while IFS= read -r -d '' f; do
      xmllint --noout "$f" 2>/dev/null || { warn "$id: ${f#"$DEST/"} is not well-formed XML"; bad=$((bad + 1)); }
    done < <(find "$DEST/$id" -type f ! -name ENTRY -print0)
  done <"$DEST/MANIFEST.tsv"
  echo "xmllint: $bad file(s) not well-formed"
else
  warn "xmllint not found (apt-get install libxml2-utils): well-formedness not checked"
fi
((${#FAILED[@]})) && warn "failed to download: ${FAILED[*]}"
echo "took $(($(date +%s) - start))s"
