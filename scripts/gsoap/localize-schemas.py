#!/usr/bin/env python3
"""Rewrites a copy of Schemas/onvif for gSOAP, which cannot map remote schema locations to
files: every schemaLocation= and location= attribute naming a URL of location-map.json becomes
the relative path of its local copy. Only those attributes: the same URLs are namespace names
elsewhere (xmlns=, namespace=, targetNamespace=), which must stay as they are.

Usage: python3 scripts/gsoap/localize-schemas.py COPY_OF_SCHEMAS_ONVIF
"""
import json
import os
import re
import sys

root = sys.argv[1]
mapping = json.load(open(os.path.join(root, "location-map.json")))["locationMap"]
attribute = re.compile(r'((?:schemaLocation|location)\s*=\s*)"([^"]*)"')
for folder, _, files in os.walk(root):
    for name in files:
        if not name.endswith((".xsd", ".wsdl")):
            continue
        path = os.path.join(folder, name)
        text = open(path, encoding="utf-8").read()

        def local(match):
            target = mapping.get(match.group(2))
            if target is None:
                return match.group(0)
            return match.group(1) + '"' + os.path.relpath(os.path.join(root, target), folder) + '"'

        rewritten = attribute.sub(local, text)
        if rewritten != text:
            os.chmod(path, 0o644)
            open(path, "w", encoding="utf-8").write(rewritten)
