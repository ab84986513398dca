#!/usr/bin/env python3
"""Follows a running appmgmt-device's tns1:AppMgmt/State events with zeep, from the official
event.wsdl in Schemas/onvif/, as onvif-zeep-based clients (Home Assistant's) do: WS-Addressing
on every request (zeep's WsAddressingPlugin), GetEventProperties, CreatePullPointSubscription,
PullMessages at the subscription's own address, Renew, Unsubscribe; then a WS-BaseNotification
push subscription (Subscribe) to a consumer this script runs on 127.0.0.1, whose Notify zeep
parses against the official b-2.xsd. zeep parses every response against the official schema
(strict), so a reply that breaks it fails here.

Usage: python3 scripts/zeep/event-service-check.py http://127.0.0.1:8080 USER PASSWORD
"""
import datetime
import http.server
import importlib.util
import os
import queue
import sys
import threading

from lxml import etree

from zeep import Client, Settings
from zeep.wsa import WsAddressingPlugin
from zeep.wsse.username import UsernameToken

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("onvif_messages", os.path.join(HERE, "build-onvif-messages.py"))
messages = importlib.util.module_from_spec(spec)
spec.loader.exec_module(messages)

base, user, password = sys.argv[1], sys.argv[2], sys.argv[3]
wsdl = os.path.join(messages.ONVIF, "specs", "wsdl", "ver10", "events", "wsdl", "event.wsdl")
tev = "{http://www.onvif.org/ver10/events/wsdl}"


def service(binding, address):
    client = Client(wsdl, transport=messages.LocalTransport(), settings=Settings(strict=True),
                    wsse=UsernameToken(user, password, use_digest=True), plugins=[WsAddressingPlugin()])
    return client.create_service(tev + binding, address)


events = service("EventBinding", base + "/onvif/event_service")
capabilities = events.GetServiceCapabilities()
print("GetServiceCapabilities: MaxPullPoints %s, WSPullPointSupport via GetCapabilities" % capabilities.MaxPullPoints)
properties = events.GetEventProperties()
print("GetEventProperties: dialects %s; topic set %s" % (
    ", ".join(properties.TopicExpressionDialect), [e.tag for e in properties.TopicSet._value_1]))
subscription = events.CreatePullPointSubscription(InitialTerminationTime="PT60S")
address = subscription.SubscriptionReference.Address._value_1
print("CreatePullPointSubscription: %s, terminates %s" % (address, subscription.TerminationTime))
pull_point = service("PullPointSubscriptionBinding", address)
pulled = pull_point.PullMessages(Timeout=datetime.timedelta(seconds=2), MessageLimit=100)
for message in pulled.NotificationMessage:
    element = message.Message._value_1
    items = {i.get("Name"): i.get("Value") for i in element.iter("{http://www.onvif.org/ver10/schema}SimpleItem")}
    print("PullMessages: %s %s %s %s" % (message.Topic._value_1, element.get("PropertyOperation"), items.get("AppID"), items.get("State")))
print("PullMessages: %d message(s), terminates %s" % (len(pulled.NotificationMessage), pulled.TerminationTime))
manager = service("SubscriptionManagerBinding", address)
renewed = manager.Renew(TerminationTime="PT120S")
print("Renew: terminates %s (now %s)" % (renewed.TerminationTime, renewed.CurrentTime))
manager.Unsubscribe()
print("Unsubscribe: done")
try:
    pull_point.PullMessages(Timeout=datetime.timedelta(seconds=1), MessageLimit=1)
    sys.exit("a pull after Unsubscribe was answered")
except Exception as fault:
    print("PullMessages after Unsubscribe: refused (%s)" % str(fault)[:70])
print("zeep: every response parsed against the official schema")

# Push: a consumer on 127.0.0.1 that keeps every Notify it is sent.
received = queue.Queue()


class Consumer(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        received.put(self.rfile.read(int(self.headers.get("Content-Length", "0"))))
        self.send_response(202)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


consumer = http.server.HTTPServer(("127.0.0.1", 0), Consumer)
threading.Thread(target=consumer.serve_forever, daemon=True).start()
consumer_address = "http://127.0.0.1:%d/notify" % consumer.server_port
producer = service("NotificationProducerBinding", base + "/onvif/event_service")
pushed = producer.Subscribe(ConsumerReference={"Address": consumer_address}, InitialTerminationTime="PT60S")
push_address = pushed.SubscriptionReference.Address._value_1
print("Subscribe: %s, terminates %s" % (push_address, pushed.TerminationTime))
notify_element = service("NotificationConsumerBinding", consumer_address)._client.get_element("{http://docs.oasis-open.org/wsn/b-2}Notify")
schema = service("NotificationConsumerBinding", consumer_address)._client.wsdl.types
body = None
try:
    body = received.get(timeout=5)
except queue.Empty:
    pass
if body is not None:
    envelope = etree.fromstring(body)
    ns = {"s": "http://www.w3.org/2003/05/soap-envelope", "wsa": "http://www.w3.org/2005/08/addressing"}
    action = envelope.findtext("s:Header/wsa:Action", namespaces=ns)
    notify = notify_element.parse(envelope.find("s:Body", ns)[0], schema)
    for message in notify.NotificationMessage:
        element = message.Message._value_1
        items = {i.get("Name"): i.get("Value") for i in element.iter("{http://www.onvif.org/ver10/schema}SimpleItem")}
        print("Notify (%s): %s %s %s %s" % (action, message.SubscriptionReference.Address._value_1 == push_address,
                                            element.get("PropertyOperation"), items.get("AppID"), items.get("State")))
else:
    print("Notify: none within 5 s (no app installed: nothing to report at subscribe time)")
service("SubscriptionManagerBinding", push_address).Unsubscribe()
print("Unsubscribe (push): done")
consumer.shutdown()
