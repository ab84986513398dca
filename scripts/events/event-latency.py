#!/usr/bin/env python3
"""Event path of a running appmgmt-device (issue 10 item 4, issue 11): latency from a state
change to its message in the reply of a waiting PullMessages, over CHANGES changes, and the
device's RSS with IDLE subscriptions that never pull.

    python3 scripts/events/event-latency.py http://127.0.0.1:8080 USER PASSWORD DEVICE_PID [CHANGES] [IDLE]

Uploads Examples/HelloApp (HTTP Digest), opens IDLE pull points that are never pulled, then one
that a thread keeps pulling (Timeout PT10S), while the main thread activates and deactivates the
app through SOAP (WS-Security PasswordDigest), two changes per cycle. The latency of a message is
its arrival at the client minus its tt:Message UtcTime (the moment the device published the
change; same machine, same clock). Standard library + requests only.
"""
import base64
import datetime
import hashlib
import io
import os
import re
import statistics
import sys
import tarfile
import threading
import time

import requests
from requests.auth import HTTPDigestAuth

base, user, password, pid = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
changes = int(sys.argv[5]) if len(sys.argv) > 5 else 1000
idle = int(sys.argv[6]) if len(sys.argv) > 6 else 100
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
session = requests.Session()


def rss_mb():
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def security():
    nonce = os.urandom(16)
    created = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    digest = base64.b64encode(hashlib.sha1(nonce + created.encode() + password.encode()).digest()).decode()
    return ('<wsse:Security s:mustUnderstand="1" xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd" '
            'xmlns:wsu="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd"><wsse:UsernameToken>'
            f'<wsse:Username>{user}</wsse:Username><wsse:Password Type="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest">{digest}</wsse:Password>'
            f'<wsse:Nonce EncodingType="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary">{base64.b64encode(nonce).decode()}</wsse:Nonce>'
            f'<wsu:Created>{created}</wsu:Created></wsse:UsernameToken></wsse:Security>')


def call(url, action, body, http=session, check=True):
    envelope = ('<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:a="http://www.w3.org/2005/08/addressing" '
                'xmlns:tev="http://www.onvif.org/ver10/events/wsdl" xmlns:tan="http://www.onvif.org/ver10/appmgmt/wsdl">'
                '<s:Header>' + (f'<a:Action s:mustUnderstand="1">{action}</a:Action><a:MessageID>urn:uuid:{os.urandom(8).hex()}</a:MessageID>' if action else '')
                + f'{security()}</s:Header><s:Body>{body}</s:Body></s:Envelope>')
    response = http.post(url, data=envelope, headers={"Content-Type": "application/soap+xml; charset=utf-8"}, timeout=60)
    if check and response.status_code != 200:
        sys.exit(f"{action}: HTTP {response.status_code}: {response.text[:300]}")
    return response.text


TEV = "http://www.onvif.org/ver10/events/wsdl"
CREATE = TEV + "/EventPortType/CreatePullPointSubscriptionRequest"
PULL = TEV + "/PullPointSubscription/PullMessagesRequest"
APPMGMT = base + "/onvif/app_management"

# The app.
package = io.BytesIO()
with tarfile.open(fileobj=package, mode="w:gz") as archive:
    archive.add(os.path.join(ROOT, "Examples", "HelloApp"), arcname=".")
upload = session.post(base + "/onvif/app_upload", data=package.getvalue(), auth=HTTPDigestAuth(user, password), headers={"Content-Type": "application/gzip"})
assert upload.status_code == 200, upload.text
app_id = "com.example.hello"
for _ in range(100):
    if ">Inactive<" in call(APPMGMT, "", f"<tan:GetAppsInfo><tan:AppID>{app_id}</tan:AppID></tan:GetAppsInfo>", check=False):
        break
    time.sleep(0.1)

rss_before = rss_mb()
for _ in range(idle):
    call(base + "/onvif/event_service", CREATE, "<tev:CreatePullPointSubscription><tev:InitialTerminationTime>PT1H</tev:InitialTerminationTime></tev:CreatePullPointSubscription>")
rss_idle = rss_mb()

address = re.search(r"<wsa:Address>([^<]+)<", call(base + "/onvif/event_service", CREATE,
                    "<tev:CreatePullPointSubscription><tev:InitialTerminationTime>PT1H</tev:InitialTerminationTime></tev:CreatePullPointSubscription>")).group(1)
latencies = []
done = threading.Event()


def puller():
    http = requests.Session()
    while not done.is_set() or len(latencies) < changes:
        text = call(address, PULL, "<tev:PullMessages><tev:Timeout>PT10S</tev:Timeout><tev:MessageLimit>100</tev:MessageLimit></tev:PullMessages>", http)
        arrived = time.time()
        for stamp, operation in re.findall(r'UtcTime="([^"]+)" PropertyOperation="([^"]+)"', text):
            if operation != "Changed":
                continue
            sent = datetime.datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=datetime.timezone.utc).timestamp()
            latencies.append((arrived - sent) * 1000)
        if done.is_set() and not text.count("<tt:Message "):
            break


thread = threading.Thread(target=puller)
thread.start()
time.sleep(0.5)
started = time.time()
for _ in range(changes // 2):
    call(APPMGMT, "", f"<tan:Activate><tan:AppID>{app_id}</tan:AppID></tan:Activate>")
    call(APPMGMT, "", f"<tan:Deactivate><tan:AppID>{app_id}</tan:AppID></tan:Deactivate>")
took = time.time() - started
done.set()
thread.join(timeout=30)
rss_after = rss_mb()

latencies.sort()
def pct(p):
    return latencies[min(len(latencies) - 1, int(round(p / 100 * (len(latencies) - 1))))]
print(f"changes: {changes} ({changes // 2} activate/deactivate cycles in {took:.1f} s), messages received: {len(latencies)}")
print(f"latency state change -> waiting PullMessages reply: p50 {pct(50):.2f} ms, p90 {pct(90):.2f} ms, p99 {pct(99):.2f} ms, max {latencies[-1]:.2f} ms, mean {statistics.mean(latencies):.2f} ms")
print(f"RSS: {rss_before:.1f} MB before, {rss_idle:.1f} MB with {idle} idle pull points (+{(rss_idle - rss_before) * 1024 / max(idle, 1):.1f} kB each), "
      f"{rss_after:.1f} MB after {changes} changes queued to each (queues full)")
