#!/usr/bin/env bash
# Rebuilds Tests/ONVIFMessageTests/Fixtures/zeep/*.xml with zeep (PyPI) from Schemas/onvif/.
# The messages are checked in, so `swift test` needs neither Python nor the network.
set -euo pipefail
cd "$(dirname "$0")/../.."
VENV=${ZEEP_VENV:-.build/zeep-venv}
if [[ ! -x "$VENV/bin/python" ]]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q "zeep==4.3.*" lxml
fi
"$VENV/bin/python" scripts/zeep/build-onvif-messages.py
