#!/usr/bin/env python3
"""Find an ONVIF device with a real third-party WS-Discovery client.

    python3 wsdiscovery-check.py [--timeout S] [--source ADDR] [--scope URI ...]
                                 [--lenient] [--capture FILE] XADDR

Sends a WS-Discovery (2005/04) multicast Probe for dn:NetworkVideoTransmitter
(xmlns:dn="http://www.onvif.org/ver10/network/wsdl") with the PyPI package
WSDiscovery -- the client Home Assistant's ONVIF integration and many python
camera tools use (onvif-zeep-async 4.3.0, HA's ONVIF client, has no discovery of
its own; HA calls ThreadedWSDiscovery.searchServices(scopes=[Scope(
"onvif://www.onvif.org/Profile/Streaming")]) -- try --no-types --scope ...) --
prints every service that answered (EPR, types, scopes, XAddrs, metadata
version), and exits

    0  a service with XADDR among its XAddrs was found (and, unless --lenient,
       it came in a ProbeMatches whose wsa:RelatesTo is our Probe's MessageID);
    1  it was not found;
    2  usage or environment error (WSDiscovery missing, no usable interface).

Requirement:  pip install --break-system-packages WSDiscovery==2.1.2
    pure python; depends on ifaddr (pure python) and click -- no netifaces, no
    compiler.  Tested with WSDiscovery 2.1.2, ifaddr 0.2.0, python 3.11.

Interface choice: the library probes from every non-loopback IPv4/IPv6 address
it finds (via ifaddr).  This script restricts it to ONE address: --source, or
by default the local IPv4 address whose subnet contains XADDR's host (so in a
network namespace whose only interface is a veth, the veth).  It refuses to
run when there is no such address, so it never multicasts on an unrelated
interface.

The library itself accepts any ProbeMatches with wsa:MessageID, wsa:RelatesTo
and, per match, wsa:Address and d:MetadataVersion; it filters the result
client-side by the Types (namespace + local name) and Scopes asked for.
"""

import argparse
import ipaddress
import socket
import sys
import threading
import urllib.parse

NVT_NS = "http://www.onvif.org/ver10/network/wsdl"


def fail_env(msg):
    print("wsdiscovery-check: error: %s" % msg, file=sys.stderr)
    sys.exit(2)


def host_of(xaddr):
    host = urllib.parse.urlsplit(xaddr).hostname
    if not host:
        fail_env("XADDR %r has no host" % xaddr)
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        try:
            return ipaddress.ip_address(socket.gethostbyname(host))
        except OSError as e:
            fail_env("cannot resolve %s: %s" % (host, e))


def local_ipv4s():
    """[(ipaddress.IPv4Address, IPv4Network, adapter name)] of this namespace."""
    import ifaddr
    out = []
    for adapter in ifaddr.get_adapters():
        for ip in adapter.ips:
            if isinstance(ip.ip, str):
                net = ipaddress.ip_network("%s/%d" % (ip.ip, ip.network_prefix), strict=False)
                out.append((ipaddress.ip_address(ip.ip), net, adapter.nice_name))
    return out


def choose_source(target, explicit):
    addrs = local_ipv4s()
    if explicit:
        want = ipaddress.ip_address(explicit)
        for a, net, name in addrs:
            if a == want:
                return a, name
        fail_env("--source %s is not an address of this host/namespace (have: %s)"
                 % (explicit, ", ".join(str(a) for a, _, _ in addrs) or "none"))
    for a, net, name in addrs:
        if not a.is_loopback and target in net:
            return a, name
    fail_env("no local IPv4 interface on the same subnet as %s (have: %s); "
             "pass --source ADDR" % (target, ", ".join("%s/%d on %s" % (a, n.prefixlen, i)
                                                      for a, n, i in addrs) or "none"))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("xaddr", help="XAddr that must be found, e.g. http://10.213.1.1:8080/onvif/device_service")
    ap.add_argument("--timeout", type=float, default=3.0, help="seconds to collect answers (default 3)")
    ap.add_argument("--source", help="local IPv4 address to probe from (default: the one on XADDR's subnet)")
    ap.add_argument("--scope", action="append", default=[],
                    help="also require this scope (Home Assistant probes with onvif://www.onvif.org/Profile/Streaming)")
    ap.add_argument("--no-types", action="store_true", help="probe without Types (default: dn:NetworkVideoTransmitter)")
    ap.add_argument("--lenient", action="store_true",
                    help="accept whatever the library reports, without checking wsa:RelatesTo")
    ap.add_argument("--capture", metavar="FILE", help="let the library log every datagram it sends/receives to FILE")
    args = ap.parse_args()

    try:
        import wsdiscovery
        from wsdiscovery import QName, Scope
        from wsdiscovery.discovery import ThreadedWSDiscovery
        from wsdiscovery.namespaces import NS_ACTION_PROBE
    except ImportError as e:
        fail_env("cannot import the WSDiscovery package (%s); "
                 "pip install --break-system-packages WSDiscovery==2.1.2" % e)

    try:
        from importlib.metadata import version
        libver = version("WSDiscovery")
    except Exception:
        libver = "?"

    target = host_of(args.xaddr)
    source, ifname = choose_source(target, args.source)

    class Check(ThreadedWSDiscovery):
        """ThreadedWSDiscovery limited to one source address, recording what it saw."""

        def __init__(self, **kw):
            self.lock = threading.Lock()
            self.probe_ids = []          # MessageIDs of the Probes we multicast
            self.matches = {}            # EPR -> dict(src, relates_to, mdv, message_id)
            self.hellos = set()          # EPRs announced by Hello while we listened
            super().__init__(**kw)

        def _networkAddressAdded(self, addr):
            if addr == source:
                super()._networkAddressAdded(addr)

        def _networkAddressRemoved(self, addr):
            if addr == source:
                super()._networkAddressRemoved(addr)

        def sendMulticastMessage(self, env, *a, **kw):
            if env.getAction() == NS_ACTION_PROBE:
                with self.lock:
                    self.probe_ids.append(env.getMessageId())
            return super().sendMulticastMessage(env, *a, **kw)

        def _handle_probematches(self, env, addr):
            with self.lock:
                for m in env.getProbeResolveMatches():
                    self.matches[m.getEPR()] = dict(src="%s:%s" % (addr[0], addr[1]),
                                                    relates_to=env.getRelatesTo(),
                                                    mdv=m.getMetadataVersion(),
                                                    message_id=env.getMessageId())
            return super()._handle_probematches(env, addr)

        def _handle_hello(self, env, addr):
            with self.lock:
                self.hellos.add(env.getEPR())
            return super()._handle_hello(env, addr)

    types = None if args.no_types else [QName(NVT_NS, "NetworkVideoTransmitter", "dn")]
    scopes = [Scope(s) for s in args.scope] or None
    capture = open(args.capture, "w") if args.capture else None

    print("wsdiscovery-check: WSDiscovery %s, probing from %s (%s) for %s%s, %.1f s"
          % (libver, source, ifname, "dn:NetworkVideoTransmitter" if types else "any type",
             (" with scopes " + " ".join(args.scope)) if scopes else "", args.timeout))
    wsd = Check(capture=capture)
    try:
        wsd.start()
        found = wsd.searchServices(types=types, scopes=scopes, timeout=args.timeout)
        everything = list(wsd._remoteServices.values())
    finally:
        wsd.stop()
        if capture:
            capture.close()

    print("wsdiscovery-check: Probe MessageID %s" % (wsd.probe_ids[0] if wsd.probe_ids else "(none sent!)"))
    found_eprs = {s.getEPR() for s in found}
    ok = False
    reasons = []
    for svc in everything:
        epr = svc.getEPR()
        m = wsd.matches.get(epr)
        print("service %s" % epr)
        print("  types:  %s" % " ".join("%s:%s (%s)" % (t.getNamespacePrefix() or "", t.getLocalname(),
                                                       t.getNamespace() or "NO NAMESPACE")
                                        for t in svc.getTypes()))
        print("  scopes: %s" % " ".join(str(s) for s in svc.getScopes()))
        print("  xaddrs: %s" % " ".join(svc.getXAddrs()))
        if m:
            rel_ok = m["relates_to"] in wsd.probe_ids
            print("  metadataVersion: %s" % m["mdv"])
            print("  via: ProbeMatches %s from %s, RelatesTo %s (%s)"
                  % (m["message_id"], m["src"], m["relates_to"], "ours" if rel_ok else "NOT our Probe"))
        else:
            rel_ok = False
            print("  via: %s" % ("Hello" if epr in wsd.hellos else "?"))
        matched = epr in found_eprs
        if not matched:
            print("  (filtered out by the library: does not match the probed %s)"
                  % ("Types/Scopes" if scopes else "Types"))
        if args.xaddr in svc.getXAddrs():
            if not matched:
                reasons.append("%s answered but its Types/Scopes do not match the probe" % epr)
            elif not args.lenient and not m:
                reasons.append("%s was only seen in a Hello, no ProbeMatches answered the Probe" % epr)
            elif not args.lenient and not rel_ok:
                reasons.append("%s answered with RelatesTo %r, not our Probe MessageID" % (epr, m["relates_to"]))
            else:
                ok = True
    if not everything:
        print("wsdiscovery-check: no service answered")
    if ok:
        print("wsdiscovery-check: FOUND %s" % args.xaddr)
        return 0
    print("wsdiscovery-check: NOT FOUND %s%s" % (args.xaddr, (": " + "; ".join(reasons)) if reasons else ""))
    return 1


if __name__ == "__main__":
    sys.exit(main())
