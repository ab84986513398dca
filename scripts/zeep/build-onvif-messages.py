#!/usr/bin/env python3
"""Builds ONVIF SOAP messages with zeep from the official schemas in Schemas/onvif/.

The messages are the test inputs of Tests/ONVIFMessageTests/ZeepMessageTests.swift: they come
from outside our encoder (zeep reads the official WSDLs and XSDs, exactly as shipped, and
serialises the values below with lxml), so decoding them proves we read what another
implementation of the same schema writes.

Usage: scripts/zeep/build-onvif-messages.sh   (creates a venv with zeep from PyPI and runs this)
"""
import json
import os
import sys

from lxml import etree
from zeep import Client, Settings, xsd
from zeep.transports import Transport

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
ONVIF = os.path.join(ROOT, "Schemas", "onvif")
OUT = os.path.join(ROOT, "Tests", "ONVIFMessageTests", "Fixtures", "zeep")
SOAP12 = "http://www.w3.org/2003/05/soap-envelope"


class LocalTransport(Transport):
    """Loads every remote schema from Schemas/onvif/ through location-map.json; never the network."""

    def __init__(self):
        super().__init__()
        with open(os.path.join(ONVIF, "location-map.json")) as f:
            self.map = json.load(f)["locationMap"]

    def load(self, url):
        if url.rstrip("/").endswith("www.w3.org/2003/05/soap-envelope"):
            # The trap in these files (see Schemas/onvif/README.md): onvif.xsd imports the SOAP
            # 1.1 envelope schema for the SOAP 1.2 namespace, which zeep refuses. Nothing the
            # messages use is in it; hand zeep open stand-ins for the two types onvif.xsd names.
            return (b'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" '
                    b'targetNamespace="http://www.w3.org/2003/05/soap-envelope">'
                    b'<xs:complexType name="Envelope"><xs:sequence><xs:any processContents="lax" '
                    b'minOccurs="0" maxOccurs="unbounded"/></xs:sequence></xs:complexType>'
                    b'<xs:complexType name="Fault"><xs:sequence><xs:any processContents="lax" '
                    b'minOccurs="0" maxOccurs="unbounded"/></xs:sequence></xs:complexType></xs:schema>')
        if url in self.map:
            url = os.path.join(ONVIF, self.map[url])
        elif url.startswith("http://") or url.startswith("https://"):
            # A relative import inside a mapped document: zeep resolves it against the remote
            # base URL; the file sits beside the local copy of that document.
            base = url.rsplit("/", 1)[0] + "/"
            for remote, local in self.map.items():
                if remote.startswith(base):
                    url = os.path.join(ONVIF, os.path.dirname(local), url[len(base):])
                    break
        if url.startswith("http://") or url.startswith("https://"):
            raise RuntimeError("not in location-map.json: " + url)
        with open(url, "rb") as f:
            return f.read()


def client(wsdl):
    return Client(os.path.join(ONVIF, "specs", "wsdl", wsdl), transport=LocalTransport(),
                  settings=Settings(strict=True))


def envelope(c, qname, value):
    """Renders one global element as the Body of a SOAP 1.2 envelope (as a device would send it)."""
    env = etree.Element(etree.QName(SOAP12, "Envelope"), nsmap={"s": SOAP12})
    etree.SubElement(env, etree.QName(SOAP12, "Header"))
    body = etree.SubElement(env, etree.QName(SOAP12, "Body"))
    element = c.get_element(qname)
    element.render(body, value)
    etree.cleanup_namespaces(env)
    return etree.tostring(env, xml_declaration=True, encoding="UTF-8")


def write(name, data):
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, name + ".xml"), "wb") as f:
        f.write(data)
    print("wrote", os.path.relpath(os.path.join(OUT, name + ".xml"), ROOT))


def device():
    c = client("ver10/device/wsdl/devicemgmt.wsdl")
    write("GetDeviceInformationResponse", envelope(c, "{http://www.onvif.org/ver10/device/wsdl}GetDeviceInformationResponse", dict(
        Manufacturer="Acme Vision", Model="AV-4K-DOME", FirmwareVersion="5.7.3 build 260112",
        SerialNumber="DS-2CD2143G2-I20231127AAWRJ9", HardwareId="88")))
    write("GetSystemDateAndTimeResponse", envelope(c, "{http://www.onvif.org/ver10/device/wsdl}GetSystemDateAndTimeResponse", dict(
        SystemDateAndTime=dict(
            DateTimeType="NTP", DaylightSavings=True, TimeZone=dict(TZ="CET-1CEST,M3.5.0,M10.5.0/3"),
            UTCDateTime=dict(Time=dict(Hour=21, Minute=4, Second=59), Date=dict(Year=2026, Month=12, Day=2)),
            LocalDateTime=dict(Time=dict(Hour=22, Minute=4, Second=59), Date=dict(Year=2026, Month=12, Day=2))))))
    write("GetScopesResponse", envelope(c, "{http://www.onvif.org/ver10/device/wsdl}GetScopesResponse", dict(Scopes=[
        dict(ScopeDef="Fixed", ScopeItem="onvif://www.onvif.org/type/video_encoder"),
        dict(ScopeDef="Fixed", ScopeItem="onvif://www.onvif.org/Profile/Streaming"),
        dict(ScopeDef="Fixed", ScopeItem="onvif://www.onvif.org/Profile/T"),
        dict(ScopeDef="Configurable", ScopeItem="onvif://www.onvif.org/location/city/Lyon"),
        dict(ScopeDef="Configurable", ScopeItem="onvif://www.onvif.org/name/Entrance%20North"),
        dict(ScopeDef="Fixed", ScopeItem="onvif://www.onvif.org/hardware/AV-4K-DOME")])))
    write("GetServicesResponse", envelope(c, "{http://www.onvif.org/ver10/device/wsdl}GetServicesResponse", dict(Service=[
        dict(Namespace="http://www.onvif.org/ver10/device/wsdl", XAddr="http://192.168.1.64/onvif/device_service",
             Version=dict(Major=21, Minor=12)),
        dict(Namespace="http://www.onvif.org/ver10/media/wsdl", XAddr="http://192.168.1.64/onvif/Media",
             Version=dict(Major=21, Minor=6)),
        dict(Namespace="http://www.onvif.org/ver10/events/wsdl", XAddr="http://192.168.1.64/onvif/Events",
             Version=dict(Major=21, Minor=12)),
        dict(Namespace="http://www.onvif.org/ver20/ptz/wsdl", XAddr="http://192.168.1.64/onvif/PTZ",
             Version=dict(Major=20, Minor=12))])))
    write("GetCapabilitiesResponse", envelope(c, "{http://www.onvif.org/ver10/device/wsdl}GetCapabilitiesResponse", dict(
        Capabilities=dict(
            Device=dict(
                XAddr="http://192.168.1.64/onvif/device_service",
                Network=dict(IPFilter=True, ZeroConfiguration=True, IPVersion6=False, DynDNS=True,
                             Extension=dict(Dot11Configuration=False)),
                System=dict(DiscoveryResolve=False, DiscoveryBye=True, RemoteDiscovery=False, SystemBackup=False,
                            SystemLogging=True, FirmwareUpgrade=True,
                            SupportedVersions=[dict(Major=2, Minor=40), dict(Major=2, Minor=20)],
                            Extension=dict(HttpFirmwareUpgrade=True, HttpSystemBackup=False,
                                           HttpSystemLogging=False, HttpSupportInformation=True)),
                IO=dict(InputConnectors=1, RelayOutputs=1, Extension=dict(Auxiliary=False, AuxiliaryCommands=[],
                                                                           Extension=dict())),
                Security=dict(**{"TLS1.1": True, "TLS1.2": True}, OnboardKeyGeneration=False,
                              AccessPolicyConfig=True, **{"X.509Token": False}, SAMLToken=False,
                              KerberosToken=False, RELToken=False,
                              Extension=dict(**{"TLS1.0": False}, Extension=dict(
                                  Dot1X=False, SupportedEAPMethod=[0], RemoteUserHandling=False)))),
            Events=dict(XAddr="http://192.168.1.64/onvif/Events", WSSubscriptionPolicySupport=True,
                        WSPullPointSupport=True, WSPausableSubscriptionManagerInterfaceSupport=False),
            Media=dict(XAddr="http://192.168.1.64/onvif/Media",
                       StreamingCapabilities=dict(RTPMulticast=True, RTP_TCP=True, RTP_RTSP_TCP=True),
                       Extension=dict(ProfileCapabilities=dict(MaximumNumberOfProfiles=10))),
            PTZ=dict(XAddr="http://192.168.1.64/onvif/PTZ")))))
    write("GetNetworkInterfacesResponse", envelope(c, "{http://www.onvif.org/ver10/device/wsdl}GetNetworkInterfacesResponse", dict(
        NetworkInterfaces=[dict(
            token="eth0", Enabled=True,
            Info=dict(Name="eth0", HwAddress="44:19:b6:0a:1b:2c", MTU=1500),
            Link=dict(AdminSettings=dict(AutoNegotiation=True, Speed=100, Duplex="Full"),
                      OperSettings=dict(AutoNegotiation=True, Speed=100, Duplex="Full"), InterfaceType=6),
            IPv4=dict(Enabled=True, Config=dict(
                Manual=[dict(Address="192.168.1.64", PrefixLength=24)],
                FromDHCP=dict(Address="192.168.1.64", PrefixLength=24), DHCP=False)),
            IPv6=dict(Enabled=False, Config=dict(AcceptRouterAdvert=False, DHCP="Off",
                                                  LinkLocal=[dict(Address="fe80::4619:b6ff:fe0a:1b2c", PrefixLength=64)])))])))


def media():
    c = client("ver10/media/wsdl/media.wsdl")
    tt = "{http://www.onvif.org/ver10/schema}"
    profile = lambda token, name, w, h, enc: dict(
        token=token, fixed=True, Name=name,
        VideoSourceConfiguration=dict(token="VideoSourceToken", Name="VideoSourceConfig", UseCount=2,
                                      SourceToken="VideoSource_1", Bounds=dict(x=0, y=0, width=3840, height=2160)),
        AudioSourceConfiguration=dict(token="AudioSourceConfigToken", Name="AudioSourceConfig", UseCount=2,
                                      SourceToken="AudioSourceChannel"),
        VideoEncoderConfiguration=dict(
            token="VideoEncoderToken_" + token[-1], Name="VideoEncoder_" + token[-1], UseCount=1, Encoding=enc,
            Resolution=dict(Width=w, Height=h), Quality=3.0,
            RateControl=dict(FrameRateLimit=25, EncodingInterval=1, BitrateLimit=4096),
            H264=dict(GovLength=50, H264Profile="Main"),
            Multicast=dict(Address=dict(Type="IPv4", IPv4Address="239.0.0.0"), Port=8860, TTL=128, AutoStart=False),
            SessionTimeout="PT5S"),
        AudioEncoderConfiguration=dict(
            token="AudioEncoderToken_1", Name="AudioEncoder_1", UseCount=1, Encoding="G711", Bitrate=64, SampleRate=8,
            Multicast=dict(Address=dict(Type="IPv4", IPv4Address="0.0.0.0"), Port=8862, TTL=128, AutoStart=False),
            SessionTimeout="PT5S"),
        PTZConfiguration=dict(
            token="PTZToken", Name="PTZ", UseCount=2, NodeToken="PTZNODETOKEN",
            DefaultAbsolutePantTiltPositionSpace="http://www.onvif.org/ver10/tptz/PanTiltSpaces/PositionGenericSpace",
            DefaultContinuousPanTiltVelocitySpace="http://www.onvif.org/ver10/tptz/PanTiltSpaces/VelocityGenericSpace",
            DefaultPTZSpeed=dict(PanTilt=dict(x=0.1, y=0.1, space="http://www.onvif.org/ver10/tptz/PanTiltSpaces/GenericSpeedSpace")),
            DefaultPTZTimeout="PT5S",
            PanTiltLimits=dict(Range=dict(URI="http://www.onvif.org/ver10/tptz/PanTiltSpaces/PositionGenericSpace",
                                          XRange=dict(Min=-1.0, Max=1.0), YRange=dict(Min=-1.0, Max=1.0)))),
        MetadataConfiguration=dict(
            token="MetadataToken", Name="Metadata", UseCount=1, CompressionType="None",
            Analytics=True,
            Events=dict(Filter=None),
            Multicast=dict(Address=dict(Type="IPv4", IPv4Address="0.0.0.0"), Port=8864, TTL=128, AutoStart=False),
            SessionTimeout="PT5S"))
    write("MediaGetProfilesResponse", envelope(c, "{http://www.onvif.org/ver10/media/wsdl}GetProfilesResponse", dict(Profiles=[
        profile("Profile_1", "mainStream", 3840, 2160, "H264"),
        profile("Profile_2", "subStream", 640, 360, "H264")])))
    write("MediaGetStreamUriResponse", envelope(c, "{http://www.onvif.org/ver10/media/wsdl}GetStreamUriResponse", dict(
        MediaUri=dict(Uri="rtsp://192.168.1.64:554/Streaming/Channels/101?transportmode=unicast&profile=Profile_1",
                      InvalidAfterConnect=False, InvalidAfterReboot=False, Timeout="PT60S"))))
    # Media 1 GetProfiles request, as a client sends it (empty element).
    write("MediaGetStreamUri", envelope(c, "{http://www.onvif.org/ver10/media/wsdl}GetStreamUri", dict(
        StreamSetup=dict(Stream="RTP-Unicast", Transport=dict(Protocol="RTSP")), ProfileToken="Profile_1")))


def media2():
    c = client("ver20/media/wsdl/media.wsdl")
    cfg = lambda **kw: kw
    profiles = envelope(c, "{http://www.onvif.org/ver20/media/wsdl}GetProfilesResponse", dict(Profiles=[
        dict(token="Profile_1", fixed=True, Name="mainStream", Configurations=dict(
            VideoSource=cfg(token="VideoSourceToken", Name="VideoSourceConfig", UseCount=2, SourceToken="VideoSource_1",
                            Bounds=dict(x=0, y=0, width=3840, height=2160)),
            AudioSource=cfg(token="AudioSourceConfigToken", Name="AudioSourceConfig", UseCount=2, SourceToken="AudioSourceChannel"),
            VideoEncoder=cfg(token="VideoEncoderToken_1", Name="VideoEncoder_1", UseCount=1, GovLength=50, Profile="Main",
                             Encoding="H265", Resolution=dict(Width=3840, Height=2160),
                             RateControl=dict(ConstantBitRate=False, FrameRateLimit=25.0, BitrateLimit=6144),
                             Multicast=dict(Address=dict(Type="IPv4", IPv4Address="239.0.0.0"), Port=8860, TTL=128, AutoStart=False),
                             Quality=3.0),
            AudioEncoder=cfg(token="AudioEncoderToken_1", Name="AudioEncoder_1", UseCount=1, Encoding="PCMU",
                             Multicast=dict(Address=dict(Type="IPv4", IPv4Address="0.0.0.0"), Port=8862, TTL=128, AutoStart=False),
                             Bitrate=64, SampleRate=8),
            Analytics=cfg(token="VideoAnalyticsToken", Name="VideoAnalyticsName", UseCount=2,
                          AnalyticsEngineConfiguration=dict(AnalyticsModule=[dict(
                              Name="MyCellMotionModule", Type="tt:CellMotionEngine",
                              Parameters=dict(SimpleItem=[dict(Name="Sensitivity", Value="60")],
                                              ElementItem=[]))]),
                          RuleEngineConfiguration=dict(Rule=[])),
            PTZ=cfg(token="PTZToken", Name="PTZ", UseCount=2, NodeToken="PTZNODETOKEN",
                    DefaultPTZTimeout="PT5S"))),
        dict(token="Profile_2", fixed=False, Name="subStream", Configurations=dict(
            VideoSource=cfg(token="VideoSourceToken", Name="VideoSourceConfig", UseCount=2, SourceToken="VideoSource_1",
                            Bounds=dict(x=0, y=0, width=3840, height=2160)),
            VideoEncoder=cfg(token="VideoEncoderToken_2", Name="VideoEncoder_2", UseCount=1, GovLength=25, Profile="Main",
                             Encoding="H264", Resolution=dict(Width=640, Height=360),
                             RateControl=dict(ConstantBitRate=True, FrameRateLimit=15.0, BitrateLimit=512),
                             Multicast=dict(Address=dict(Type="IPv4", IPv4Address="0.0.0.0"), Port=0, TTL=0, AutoStart=False),
                             Quality=2.5)))]))
    # AnalyticsModule/@Type is an xs:QName; zeep writes the string as given, so its prefix
    # must be declared by the caller, as a device does on the Envelope.
    write("Media2GetProfilesResponse", profiles.replace(b"<s:Envelope ", b'<s:Envelope xmlns:tt="http://www.onvif.org/ver10/schema" ', 1))
    write("Media2GetStreamUriResponse", envelope(c, "{http://www.onvif.org/ver20/media/wsdl}GetStreamUriResponse", dict(
        Uri="rtsp://192.168.1.64:554/Streaming/Channels/102")))
    write("Media2GetProfiles", envelope(c, "{http://www.onvif.org/ver20/media/wsdl}GetProfiles", dict(
        Type=["VideoSource", "VideoEncoder", "Analytics"])))


def ptz():
    c = client("ver20/ptz/wsdl/ptz.wsdl")
    write("PTZGetStatusResponse", envelope(c, "{http://www.onvif.org/ver20/ptz/wsdl}GetStatusResponse", dict(PTZStatus=dict(
        Position=dict(PanTilt=dict(x=0.153, y=-0.42, space="http://www.onvif.org/ver10/tptz/PanTiltSpaces/PositionGenericSpace"),
                      Zoom=dict(x=0.25, space="http://www.onvif.org/ver10/tptz/ZoomSpaces/PositionGenericSpace")),
        MoveStatus=dict(PanTilt="IDLE", Zoom="MOVING"),
        Error="",
        UtcTime="2026-12-02T21:04:59Z"))))
    write("PTZContinuousMove", envelope(c, "{http://www.onvif.org/ver20/ptz/wsdl}ContinuousMove", dict(
        ProfileToken="Profile_1",
        Velocity=dict(PanTilt=dict(x=0.5, y=-0.25, space="http://www.onvif.org/ver10/tptz/PanTiltSpaces/VelocityGenericSpace"),
                      Zoom=dict(x=0.0)),
        Timeout="PT2S")))


def events():
    c = client("ver10/events/wsdl/event.wsdl")
    wsnt = "http://docs.oasis-open.org/wsn/b-2"
    wsa = "http://www.w3.org/2005/08/addressing"
    tt = "http://www.onvif.org/ver10/schema"
    tns1 = "http://www.onvif.org/ver10/topics"
    addr = c.get_type("{%s}EndpointReferenceType" % wsa)
    write("CreatePullPointSubscriptionResponse", envelope(c, "{http://www.onvif.org/ver10/events/wsdl}CreatePullPointSubscriptionResponse", dict(
        SubscriptionReference=dict(Address="http://192.168.1.64/onvif/Events/PullSubManager_20261202T210459Z_0"),
        CurrentTime="2026-12-02T21:04:59Z", TerminationTime="2026-12-02T21:05:59Z")))

    # tt:Message inside wsnt:Message is open content (xs:any): build it with lxml, the way
    # zeep users do, then let zeep render the rest of the NotificationMessage.
    def tt_message(op, time, items, data):
        m = etree.Element(etree.QName(tt, "Message"), nsmap={"tt": tt})
        m.set("UtcTime", time)
        m.set("PropertyOperation", op)
        for part, values in (("Source", items), ("Data", data)):
            p = etree.SubElement(m, etree.QName(tt, part))
            for name, value in values:
                s = etree.SubElement(p, etree.QName(tt, "SimpleItem"))
                s.set("Name", name)
                s.set("Value", value)
        return m

    topic_type = c.get_type("{%s}TopicExpressionType" % wsnt)
    messages = []
    for op, time, topic, src, data in [
        ("Initialized", "2026-12-02T21:05:01Z", "tns1:RuleEngine/CellMotionDetector/Motion",
         [("VideoSourceConfigurationToken", "VideoSourceToken"), ("VideoAnalyticsConfigurationToken", "VideoAnalyticsToken"),
          ("Rule", "MyMotionDetectorRule")], [("IsMotion", "false")]),
        ("Changed", "2026-12-02T21:05:03.250Z", "tns1:RuleEngine/CellMotionDetector/Motion",
         [("VideoSourceConfigurationToken", "VideoSourceToken"), ("VideoAnalyticsConfigurationToken", "VideoAnalyticsToken"),
          ("Rule", "MyMotionDetectorRule")], [("IsMotion", "true")]),
        ("Changed", "2026-12-02T21:05:04Z", "tns1:Device/Trigger/DigitalInput",
         [("InputToken", "DigitalInputToken1")], [("LogicalState", "true")]),
    ]:
        messages.append(dict(
            SubscriptionReference=dict(Address="http://192.168.1.64/onvif/Events/PullSubManager_20261202T210459Z_0"),
            Topic=topic_type(_value_1=topic, Dialect="http://www.onvif.org/ver10/tev/topicExpression/ConcreteSet"),
            ProducerReference=dict(Address="http://192.168.1.64/onvif/Events"),
            Message=dict(_value_1=tt_message(op, time, src, data))))
    body = envelope(c, "{http://www.onvif.org/ver10/events/wsdl}PullMessagesResponse", dict(
        CurrentTime="2026-12-02T21:05:05Z", TerminationTime="2026-12-02T21:06:05Z", NotificationMessage=messages))
    # The topic's prefix must be declared where the text is: zeep leaves that to the caller.
    body = body.replace(b"<s:Envelope ", b'<s:Envelope xmlns:tns1="%s" ' % tns1.encode(), 1)
    write("PullMessagesResponse", body)

    # The topic set: WS-Topics open content, built with lxml as device code does.
    wstop = "http://docs.oasis-open.org/wsn/t-1"
    xs = "http://www.w3.org/2001/XMLSchema"
    ts = etree.Element(etree.QName(wstop, "TopicSet"), nsmap={"wstop": wstop, "tns1": tns1, "tt": tt, "xs": xs})
    def description(parent, path, source, data, prop=True):
        node = parent
        for name in path:
            found = node.find(etree.QName(tns1, name)) if node is not ts else node.find(etree.QName(tns1, name))
            if found is None:
                found = etree.SubElement(node, etree.QName(tns1, name))
            node = found
        node.set(etree.QName(wstop, "topic"), "true")
        md = etree.SubElement(node, etree.QName(tt, "MessageDescription"))
        if prop:
            md.set("IsProperty", "true")
        for part, items in (("Source", source), ("Data", data)):
            p = etree.SubElement(md, etree.QName(tt, part))
            for name, typ in items:
                s = etree.SubElement(p, etree.QName(tt, "SimpleItemDescription"))
                s.set("Name", name)
                s.set("Type", typ)
    description(ts, ["RuleEngine", "CellMotionDetector", "Motion"],
                [("VideoSourceConfigurationToken", "tt:ReferenceToken"), ("VideoAnalyticsConfigurationToken", "tt:ReferenceToken"),
                 ("Rule", "xs:string")], [("IsMotion", "xs:boolean")])
    description(ts, ["Device", "Trigger", "DigitalInput"], [("InputToken", "tt:ReferenceToken")], [("LogicalState", "xs:boolean")])
    description(ts, ["AppMgmt", "State"], [("AppID", "xs:string")], [("State", "xs:string"), ("Status", "xs:string")])
    write("GetEventPropertiesResponse", envelope(c, "{http://www.onvif.org/ver10/events/wsdl}GetEventPropertiesResponse", dict(
        TopicNamespaceLocation=["http://www.onvif.org/onvif/ver10/topics/topicns.xml"],
        FixedTopicSet=True,
        TopicSet=dict(_value_1=list(ts)),
        TopicExpressionDialect=["http://www.onvif.org/ver10/tev/topicExpression/ConcreteSet",
                                "http://docs.oasis-open.org/wsn/t-1/TopicExpression/Concrete"],
        MessageContentFilterDialect=["http://www.onvif.org/ver10/tev/messageContentFilter/ItemFilter"],
        MessageContentSchemaLocation=["http://www.onvif.org/onvif/ver10/schema/onvif.xsd"])))
    request = envelope(c, "{http://www.onvif.org/ver10/events/wsdl}CreatePullPointSubscription", dict(
        Filter=dict(_value_1=[xsd.AnyObject(c.get_element("{%s}TopicExpression" % wsnt), topic_type(
            _value_1="tns1:RuleEngine//.", Dialect="http://www.onvif.org/ver10/tev/topicExpression/ConcreteSet"))]),
        InitialTerminationTime="PT60S"))
    write("CreatePullPointSubscription", request.replace(b"<s:Envelope ", b'<s:Envelope xmlns:tns1="%s" ' % tns1.encode(), 1))


if __name__ == "__main__":
    for f in (device, media, media2, ptz, events):
        f()
