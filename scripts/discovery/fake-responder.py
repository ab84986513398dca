#!/usr/bin/env python3
"""Stand-in for appmgmt-device / appmgmt discover, for debugging the harness.

Device mode (any arguments other than `discover ...`), taking the device's flags:

    fake-responder.py --data-dir DIR --host 0.0.0.0 --port 8080 --discovery on \
                      --add-user admin:secret:Administrator

  serves HTTP on HOST:PORT (every path answers 401, like an ONVIF service
  without credentials; `--port 0` prints the chosen port), and on UDP 3702
  (joined to 239.255.255.250 on every IPv4 interface) answers WS-Discovery
  2005/04 Probes for dn:NetworkVideoTransmitter / tds:Device / no Types with a
  unicast ProbeMatches to the sender's address and port, XAddr built from the
  local address the Probe arrived on (IP_PKTINFO).  It multicasts a Hello per
  interface on start and a Bye per interface on SIGTERM/SIGINT.

CLI mode:

    fake-responder.py discover [--json] [--timeout SECONDS]

  multicasts one Probe for dn:NetworkVideoTransmitter and prints what answered,
  as the JSON array `appmgmt discover --json` is meant to print.

So `netns-discovery.sh fake-responder.py fake-responder.py` exercises the whole
harness.  Only the python standard library is used.

Environment:
  FAKE_WSD_LOG=FILE    append every datagram received and sent (raw XML) to FILE
  FAKE_WSD_OMIT=A,B    leave these out of the ProbeMatches, to see what a client
                       tolerates: RelatesTo, To, AppSequence, MetadataVersion,
                       Types, XAddrs, MessageID
  FAKE_WSD_REPLY_PORT  send ProbeMatches to this port instead of the Probe's source port
"""

import argparse
import http.server
import json
import os
import random
import re
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
import uuid
import xml.etree.ElementTree as ET

GROUP, PORT = "239.255.255.250", 3702
SOAP = "http://www.w3.org/2003/05/soap-envelope"
WSA = "http://schemas.xmlsoap.org/ws/2004/08/addressing"
WSD = "http://schemas.xmlsoap.org/ws/2005/04/discovery"
DN = "http://www.onvif.org/ver10/network/wsdl"
TDS = "http://www.onvif.org/ver10/device/wsdl"
ACT = WSD + "/"
TO_ALL = "urn:schemas-xmlsoap-org:ws:2005:04:discovery"
TO_ANON = WSA + "/role/anonymous"
IP_PKTINFO = getattr(socket, "IP_PKTINFO", 8)
SCOPES = ["onvif://www.onvif.org/type/video_encoder",
          "onvif://www.onvif.org/Profile/Streaming",
          "onvif://www.onvif.org/name/fake-responder",
          "onvif://www.onvif.org/hardware/python",
          "onvif://www.onvif.org/location/netns"]
OFFERED = {(DN, "NetworkVideoTransmitter"), (TDS, "Device")}

LOG_PATH = os.environ.get("FAKE_WSD_LOG")
OMIT = {x.strip() for x in os.environ.get("FAKE_WSD_OMIT", "").split(",") if x.strip()}
_log_lock = threading.Lock()


def log_datagram(direction, peer, data):
    if not LOG_PATH:
        return
    with _log_lock, open(LOG_PATH, "a") as f:
        f.write("=== %s %s %s:%s (%d bytes)\n" % (time.strftime("%H:%M:%S"), direction, peer[0], peer[1], len(data)))
        f.write(data.decode("utf-8", "replace"))
        f.write("\n")


def ipv4_addrs():
    """Non-loopback IPv4 addresses of this (namespace's) interfaces."""
    try:
        out = subprocess.run(["ip", "-4", "-o", "addr", "show"], capture_output=True, text=True, timeout=5).stdout
    except Exception:
        return []
    return [a for a in re.findall(r"\binet (\d+\.\d+\.\d+\.\d+)/", out) if not a.startswith("127.")]


def envelope(header, body):
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<s:Envelope xmlns:s="%s" xmlns:a="%s" xmlns:d="%s" xmlns:dn="%s" xmlns:tds="%s">'
            '<s:Header>%s</s:Header><s:Body>%s</s:Body></s:Envelope>'
            % (SOAP, WSA, WSD, DN, TDS, header, body)).encode()


class Device:
    def __init__(self, http_port):
        self.http_port = http_port
        self.epr = uuid.uuid4().urn
        self.instance = random.randint(1, 2**31)   # AppSequence InstanceId: unsignedInt, new per start
        self.msgno = 0
        self.lock = threading.Lock()
        self.seen = {}                           # Probe MessageID -> time (drop the repeated copies)
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM, socket.IPPROTO_UDP)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("0.0.0.0", PORT))
        self.sock.setsockopt(socket.IPPROTO_IP, IP_PKTINFO, 1)
        self.addrs = ipv4_addrs()
        for a in self.addrs:
            self.sock.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP,
                                 struct.pack("4s4s", socket.inet_aton(GROUP), socket.inet_aton(a)))
        self.sock.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_TTL, 1)

    def xaddr(self, local):
        return "http://%s:%d/onvif/device_service" % (local, self.http_port)

    def next_seq(self):
        with self.lock:
            self.msgno += 1
            return '<d:AppSequence InstanceId="%d" MessageNumber="%d"/>' % (self.instance, self.msgno)

    def announce(self, kind):
        """Multicast a Hello or Bye once per interface, with that interface's XAddr."""
        for a in self.addrs:
            seq = self.next_seq()
            if kind == "Hello":
                body = ("<d:Hello><a:EndpointReference><a:Address>%s</a:Address></a:EndpointReference>"
                        "<d:Types>dn:NetworkVideoTransmitter tds:Device</d:Types><d:Scopes>%s</d:Scopes>"
                        "<d:XAddrs>%s</d:XAddrs><d:MetadataVersion>1</d:MetadataVersion></d:Hello>"
                        % (self.epr, " ".join(SCOPES), self.xaddr(a)))
            else:
                body = ("<d:Bye><a:EndpointReference><a:Address>%s</a:Address></a:EndpointReference></d:Bye>"
                        % self.epr)
            data = envelope("<a:MessageID>%s</a:MessageID><a:To>%s</a:To><a:Action>%s</a:Action>%s"
                            % (uuid.uuid4().urn, TO_ALL, ACT + kind, seq), body)
            self.sock.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_IF, socket.inet_aton(a))
            for _ in range(2):                    # SOAP-over-UDP: repeat multicast
                try:
                    self.sock.sendto(data, (GROUP, PORT))
                    log_datagram("SENT " + kind + " to", (GROUP, PORT), data)
                except OSError as e:
                    print("fake-responder: %s via %s: %s" % (kind, a, e), file=sys.stderr)
                time.sleep(0.05)

    def probe_matches(self, relates_to, local):
        hdr = []
        if "MessageID" not in OMIT:
            hdr.append("<a:MessageID>%s</a:MessageID>" % uuid.uuid4().urn)
        if "RelatesTo" not in OMIT:
            hdr.append("<a:RelatesTo>%s</a:RelatesTo>" % relates_to)
        if "To" not in OMIT:
            hdr.append("<a:To>%s</a:To>" % TO_ANON)
        hdr.append("<a:Action>%sProbeMatches</a:Action>" % ACT)
        if "AppSequence" not in OMIT:
            hdr.append(self.next_seq())
        m = ["<a:EndpointReference><a:Address>%s</a:Address></a:EndpointReference>" % self.epr]
        if "Types" not in OMIT:
            m.append("<d:Types>dn:NetworkVideoTransmitter tds:Device</d:Types>")
        m.append("<d:Scopes>%s</d:Scopes>" % " ".join(SCOPES))
        if "XAddrs" not in OMIT:
            m.append("<d:XAddrs>%s</d:XAddrs>" % self.xaddr(local))
        if "MetadataVersion" not in OMIT:
            m.append("<d:MetadataVersion>1</d:MetadataVersion>")
        return envelope("".join(hdr), "<d:ProbeMatches><d:ProbeMatch>%s</d:ProbeMatch></d:ProbeMatches>" % "".join(m))

    def handle(self, data, src, local):
        try:
            nsmap = {}
            for ev, item in ET.iterparse(__import__("io").BytesIO(data), events=("start-ns",)):
                nsmap.setdefault(item[0], item[1])
            root = ET.fromstring(data)
        except ET.ParseError:
            return
        action = (root.findtext(".//{%s}Action" % WSA) or "").strip()
        if action != ACT + "Probe":
            return
        mid = (root.findtext(".//{%s}MessageID" % WSA) or "").strip()
        now = time.time()
        with self.lock:
            self.seen = {k: v for k, v in self.seen.items() if now - v < 10}
            if mid in self.seen:
                return
            self.seen[mid] = now
        probe = root.find(".//{%s}Probe" % WSD)
        if probe is None:
            return
        wanted = []
        for qn in (probe.findtext("{%s}Types" % WSD) or "").split():
            prefix, _, local_name = qn.rpartition(":")
            wanted.append((nsmap.get(prefix, None), local_name))
        if any(w not in OFFERED for w in wanted):
            return
        for s in (probe.findtext("{%s}Scopes" % WSD) or "").split():
            s = s.rstrip("/")
            if not any(d == s or d.startswith(s + "/") for d in SCOPES):
                return
        reply = self.probe_matches(mid, local)
        dest = (src[0], int(os.environ.get("FAKE_WSD_REPLY_PORT") or src[1]))
        time.sleep(random.uniform(0, 0.1))       # APP_MAX_DELAY-style jitter, kept short
        self.sock.sendto(reply, dest)
        log_datagram("SENT ProbeMatches to", dest, reply)

    def serve(self, stop):
        self.sock.settimeout(0.2)
        while not stop.is_set():
            try:
                data, anc, _flags, src = self.sock.recvmsg(65535, 256)
            except socket.timeout:
                continue
            local = None
            for level, kind, val in anc:
                if level == socket.IPPROTO_IP and kind == IP_PKTINFO and len(val) >= 12:
                    local = socket.inet_ntoa(val[4:8])       # ipi_spec_dst: our address on that interface
            log_datagram("RECV from", src, data)
            if local:
                self.handle(data, src, local)


class Http(http.server.BaseHTTPRequestHandler):
    def _answer(self):
        body = b"<html><body>401 Unauthorized (fake-responder)</body></html>"
        self.send_response(401)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _answer

    def log_message(self, *a):
        pass


def device_main(argv):
    ap = argparse.ArgumentParser(prog="fake-responder.py")
    ap.add_argument("--data-dir")
    ap.add_argument("--host", default="0.0.0.0")
    ap.add_argument("--port", type=int, default=8080)
    ap.add_argument("--discovery", default="on", choices=["on", "off", "auto"])
    ap.add_argument("--add-user", action="append", default=[])
    args, _unknown = ap.parse_known_args(argv)
    httpd = http.server.ThreadingHTTPServer((args.host, args.port), Http)
    port = httpd.server_address[1]
    if args.port == 0:
        print(port, flush=True)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    dev = None
    if args.discovery != "off":
        dev = Device(port)
        print("fake-responder: EPR %s, discovery on %s" % (dev.epr, ", ".join(dev.addrs) or "no interface"),
              file=sys.stderr, flush=True)
        dev.announce("Hello")
        t = threading.Thread(target=dev.serve, args=(stop,), daemon=True)
        t.start()
    while not stop.wait(0.2):
        pass
    if dev:
        dev.announce("Bye")
    httpd.shutdown()
    return 0


def discover_main(argv):
    ap = argparse.ArgumentParser(prog="fake-responder.py discover")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--timeout", type=float, default=2.0)
    args = ap.parse_args(argv)
    mid = uuid.uuid4().urn
    probe = envelope("<a:MessageID>%s</a:MessageID><a:To>%s</a:To><a:Action>%sProbe</a:Action>" % (mid, TO_ALL, ACT),
                     "<d:Probe><d:Types>dn:NetworkVideoTransmitter</d:Types></d:Probe>")
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_TTL, 1)
    s.sendto(probe, (GROUP, PORT))
    found = {}
    deadline = time.time() + args.timeout
    while True:
        left = deadline - time.time()
        if left <= 0:
            break
        s.settimeout(left)
        try:
            data, _src = s.recvfrom(65535)
        except socket.timeout:
            break
        try:
            root = ET.fromstring(data)
        except ET.ParseError:
            continue
        if (root.findtext(".//{%s}RelatesTo" % WSA) or "").strip() != mid:
            continue
        for pm in root.iter("{%s}ProbeMatch" % WSD):
            addr = (pm.findtext("{%s}EndpointReference/{%s}Address" % (WSA, WSA)) or "").strip()
            found[addr] = {"address": addr,
                           "types": (pm.findtext("{%s}Types" % WSD) or "").split(),
                           "scopes": (pm.findtext("{%s}Scopes" % WSD) or "").split(),
                           "xaddrs": (pm.findtext("{%s}XAddrs" % WSD) or "").split(),
                           "metadataVersion": int((pm.findtext("{%s}MetadataVersion" % WSD) or "0").strip() or 0)}
    if args.json:
        print(json.dumps(list(found.values()), indent=2))
    else:
        for d in found.values():
            print("%s  %s" % (d["address"], " ".join(d["xaddrs"])))
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["discover"]:
        sys.exit(discover_main(sys.argv[2:]))
    sys.exit(device_main(sys.argv[1:]))
