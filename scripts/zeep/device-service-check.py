#!/usr/bin/env python3
"""Calls a running appmgmt-device's ONVIF Device service with zeep, from the official
devicemgmt.wsdl in Schemas/onvif/, as an ONVIF client does on connect: GetSystemDateAndTime
with no credentials, GetServices, GetCapabilities, then signed (WS-Security PasswordDigest)
GetDeviceInformation, GetScopes, GetHostname, GetNetworkInterfaces and GetUsers. zeep parses
every response against the official schema (strict), so a reply that breaks it fails here.

Usage: python3 scripts/zeep/device-service-check.py http://127.0.0.1:8080 USER PASSWORD
       (pip install zeep; or the venv of scripts/zeep/build-onvif-messages.sh)
"""
import importlib.util
import os
import sys

from zeep import Client, Settings
from zeep.wsse.username import UsernameToken

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("onvif_messages", os.path.join(HERE, "build-onvif-messages.py"))
messages = importlib.util.module_from_spec(spec)
spec.loader.exec_module(messages)

base, user, password = sys.argv[1], sys.argv[2], sys.argv[3]
wsdl = os.path.join(messages.ONVIF, "specs", "wsdl", "ver10", "device", "wsdl", "devicemgmt.wsdl")
binding = "{http://www.onvif.org/ver10/device/wsdl}DeviceBinding"
address = base + "/onvif/device_service"
settings = Settings(strict=True)

anonymous = Client(wsdl, transport=messages.LocalTransport(), settings=settings).create_service(binding, address)
clock = anonymous.GetSystemDateAndTime()
utc = clock.UTCDateTime
print("GetSystemDateAndTime: %04d-%02d-%02dT%02d:%02d:%02dZ (%s)" % (
    utc.Date.Year, utc.Date.Month, utc.Date.Day, utc.Time.Hour, utc.Time.Minute, utc.Time.Second, clock.DateTimeType))
for service in anonymous.GetServices(IncludeCapability=True):
    print("GetServices: %s at %s, version %d.%d, capabilities %s" % (
        service.Namespace, service.XAddr, service.Version.Major, service.Version.Minor,
        "embedded" if service.Capabilities is not None else "none"))
capabilities = anonymous.GetCapabilities(Category="All")
print("GetCapabilities: Device XAddr %s" % capabilities.Device.XAddr)
print("GetHostname: %s" % anonymous.GetHostname().Name)

signed = Client(wsdl, transport=messages.LocalTransport(), settings=settings,
                wsse=UsernameToken(user, password, use_digest=True)).create_service(binding, address)
info = signed.GetDeviceInformation()
print("GetDeviceInformation: %s %s firmware %s serial %s" % (info.Manufacturer, info.Model, info.FirmwareVersion, info.SerialNumber))
print("GetScopes: %s" % ", ".join(scope.ScopeItem for scope in signed.GetScopes()))
for interface in signed.GetNetworkInterfaces():
    addresses = [f"{a.Address}/{a.PrefixLength}" for a in interface.IPv4.Config.Manual] if interface.IPv4 else []
    print("GetNetworkInterfaces: %s %s %s" % (interface.token, interface.Info.HwAddress, " ".join(addresses)))
print("GetUsers: %s" % ", ".join(f"{u.Username} ({u.UserLevel})" for u in signed.GetUsers()))
try:
    anonymous.GetDeviceInformation()
    sys.exit("anonymous GetDeviceInformation was answered")
except Exception as fault:  # zeep.exceptions.Fault
    print("anonymous GetDeviceInformation: refused (%s)" % str(fault)[:80])
# HTTP Digest instead of a UsernameToken (ONVIF Core allows either): requests answers the
# device's 401 challenge.
from requests.auth import HTTPDigestAuth
digest_transport = messages.LocalTransport()
digest_transport.session.auth = HTTPDigestAuth(user, password)
digest = Client(wsdl, transport=digest_transport, settings=settings).create_service(binding, address)
info = digest.GetDeviceInformation()
print("GetDeviceInformation over HTTP Digest: serial %s" % info.SerialNumber)
print("zeep: every response parsed against the official schema")
