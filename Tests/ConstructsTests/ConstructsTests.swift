import Constructs
import ONVIFSupport
import SOAPRuntime
import Testing

/// Hands each request straight to a generated dispatcher: the real client and server code,
/// without a socket.
struct InProcessTransport<Handler: SOAPRequestHandler>: SOAPClientTransport {
    let handler: Handler

    func send(_ request: SOAPHTTPRequest) async throws -> SOAPHTTPResponse {
        let response = await handler.handle(SOAPServerRequest(contentType: request.contentType, body: request.body))
        return SOAPHTTPResponse(status: response.status, contentType: response.body.isEmpty ? nil : response.contentType, body: response.body)
    }
}

/// Answers with fixed bytes, to test what the client accepts.
struct CannedTransport: SOAPClientTransport {
    var status: Int
    var contentType: String?
    var body: String

    func send(_ request: SOAPHTTPRequest) async throws -> SOAPHTTPResponse {
        SOAPHTTPResponse(status: status, contentType: contentType, body: Array(body.utf8))
    }
}

/// Records what the generated dispatchers hand it.
actor Recorder {
    var calls: [String] = []
    var notified: [[String]] = []

    func record(_ call: String) { calls.append(call) }
    func notify(_ messages: [String]) { notified.append(messages) }
}

struct Devices: DevicesService {
    let recorder: Recorder

    func getInputs(_ request: Get, context: SOAPRequestContext) async throws -> NameList {
        await recorder.record("GetInputs \(request.token ?? "-")")
        return NameList(name: ["in1", "in2"])
    }

    func getOutputs(_ request: Get, context: SOAPRequestContext) async throws -> NameList {
        await recorder.record("GetOutputs \(request.token ?? "-")")
        return NameList(name: ["out1"])
    }

    func configure(_ request: Configuration, context: SOAPRequestContext) async throws -> Configuration {
        await recorder.record("Devices.Configure")
        return request
    }

    /// Salesforce-style: refuses a call without a session, answers with a usage header.
    func query(_ request: Query, context: SOAPRequestContext) async throws -> SOAPResponse<QueryResponse> {
        guard let session = try context.header(SessionHeader.messageElement), session.sessionId == "00D-session" else {
            throw SOAPFault(code: .sender, reason: "INVALID_SESSION_ID")
        }
        let client = try context.header(CallOptions.messageElement)?.client ?? "-"
        await recorder.record("Query \(request.statement) by \(client)")
        return SOAPResponse(QueryResponse(row: ["a", "b"]), headers: [XMLAnyElement(LimitInfoHeader(current: 7, limit: 15000), as: LimitInfoHeader.messageElement)])
    }
}

struct Consumer: ConsumerService {
    let recorder: Recorder

    func notify(_ request: Notify, context: SOAPRequestContext) async throws {
        await recorder.notify(request.message)
    }

    func configure(_ request: Configuration, context: SOAPRequestContext) async throws -> Configuration {
        await recorder.record("Consumer.Configure")
        var answer = request
        answer.note = "seen by the consumer"
        return answer
    }

    func echo(_ request: Echo, context: SOAPRequestContext) async throws -> EchoResponse {
        EchoResponse(value: String(request.value.reversed()))
    }

    func ping(_ request: SOAPEmptyBody, context: SOAPRequestContext) async throws -> SOAPEmptyBody {
        await recorder.record("Ping")
        return SOAPEmptyBody()
    }

    func lastEcho(_ request: SOAPEmptyBody, context: SOAPRequestContext) async throws -> EchoResponse {
        EchoResponse(value: "last")
    }
}

/// The rpc/literal port type.
struct Legacy: LegacyService {
    let recorder: Recorder

    func add(_ request: Add, context: SOAPRequestContext) async throws -> AddResponse {
        AddResponse(sum: request.a + request.b)
    }

    func rename(_ request: Rename, context: SOAPRequestContext) async throws -> RenameResponse {
        await recorder.notify(request.notify.message)
        return RenameResponse(names: NameList(name: request.names.name.map { request.prefix + $0 }))
    }

    func reset(_ request: Reset, context: SOAPRequestContext) async throws -> ResetResponse {
        await recorder.record("Reset")
        return ResetResponse()
    }
}

/// A Configure body written by hand the way other stacks write it: other prefixes than the
/// schema's, a default namespace, CRLF, no XML declaration.
let configureEnvelope = """
    <e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope" xmlns:x="urn:example:constructs" xmlns:tns1="http://www.onvif.org/ver10/topics">\r
    <e:Body>\r
    <x:Configure note="free text">\r
      <x:Stage><x:Method>EAP-TLS</x:Method><x:Inner><x:Method>PEAP</x:Method><x:Inner><x:Method>MSCHAPv2</x:Method></x:Inner></x:Inner></x:Stage>\r
      <Graph xmlns="urn:example:constructs"><Label>a</Label><Link weight="0.5"><Target><Label>b</Label></Target></Link></Graph>\r
      <x:Topic Dialect="http://www.onvif.org/ver10/tev/topicExpression/ConcreteSet">tns1:AppMgmt/State</x:Topic>\r
      <x:Code dialect="urn:vendor:codes">E<v:Detail xmlns:v="urn:vendor">42</v:Detail>17</x:Code>\r
    </x:Configure>\r
    </e:Body>\r
    </e:Envelope>
    """

@Suite("Constructs: the generated code of Tests/Constructs/Constructs.wsdl, used for real")
struct ConstructsTests {
    func decodeConfigure(_ text: String) throws -> Configuration {
        let envelope = try SOAPEnvelopeReader(bytes: Array(text.utf8))
        #expect(envelope.bodyElement == XMLName("urn:example:constructs", "Configure"))
        let value = try envelope.decodeBody(Configuration.self)
        try envelope.finish()
        return value
    }

    @Test("Message elements sharing one named type reach their own operations")
    func sharedNamedTypes() async throws {
        let recorder = Recorder()
        let client = DevicesClient(endpoint: "http://device/devices", transport: InProcessTransport(handler: DevicesDispatcher(service: Devices(recorder: recorder))))
        let inputs = try await client.getInputs(token: "a")
        let outputs = try await client.getOutputs(Get(token: "b"))
        #expect(inputs.name == ["in1", "in2"])
        #expect(outputs.name == ["out1"])
        #expect(await recorder.calls == ["GetInputs a", "GetOutputs b"])

        // On the wire: each element by its own name, the shared type's content inside.
        let bytes = SOAPEnvelopeWriter.message(Get(token: "t"), as: Get.getOutputsElement, version: .soap12)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("<c:GetOutputs><c:Token>t</c:Token></c:GetOutputs>"))
        #expect(text.contains(#"xmlns:c="urn:example:constructs""#))
    }

    @Test("A body element of the other operation is refused by the action check")
    func sharedTypeActionMismatch() async throws {
        let dispatcher = DevicesDispatcher(service: Devices(recorder: Recorder()))
        let body = SOAPEnvelopeWriter.message(Get(token: "t"), as: Get.getOutputsElement, version: .soap12)
        let response = await dispatcher.handle(SOAPServerRequest(contentType: SOAPVersion.soap12.contentType(action: "urn:example:constructs/GetInputs"), body: body))
        #expect(response.status == 400)
        #expect(String(decoding: response.body, as: UTF8.self).contains("does not match the action"))
    }

    @Test("Fault subcodes are a policy: none from a plain dispatcher, ONVIF's ter: codes with .onvif")
    func faultPolicy() async throws {
        let requests: [(body: String, action: String?, onvif: XMLName)] = [
            ("<not xml", nil, .wellFormed),
            (#"<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope"><env:Body><x:Nope xmlns:x="urn:x"/></env:Body></env:Envelope>"#, nil, .actionNotSupported),
            (#"<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope"><env:Body><c:GetInputs xmlns:c="urn:example:constructs"/></env:Body></env:Envelope>"#, "urn:example:constructs/GetOutputs", .tagMismatch),
        ]
        for request in requests {
            let serverRequest = SOAPServerRequest(contentType: SOAPVersion.soap12.contentType(action: request.action), body: Array(request.body.utf8))
            let plain = try SOAPEnvelopeReader(bytes: await DevicesDispatcher(service: Devices(recorder: Recorder())).handle(serverRequest).body).decodeFault()
            #expect(plain.code == .sender)
            #expect(plain.subcodes == [], "\(request.body)")
            let onvif = try SOAPEnvelopeReader(bytes: await DevicesDispatcher(service: Devices(recorder: Recorder()), faultPolicy: .onvif).handle(serverRequest).body).decodeFault()
            #expect(onvif.code == .sender)
            #expect(onvif.subcodes == [request.onvif], "\(request.body)")
        }
    }

    @Test("One-way: the server answers 202 with no body; the client returns")
    func oneWay() async throws {
        let recorder = Recorder()
        let dispatcher = ConsumerDispatcher(service: Consumer(recorder: recorder))
        let client = ConsumerClient(endpoint: "http://consumer/notify", transport: InProcessTransport(handler: dispatcher))
        try await client.notify(message: ["first", "second"])
        #expect(await recorder.notified == [["first", "second"]])

        let body = SOAPEnvelopeWriter.message(Notify(message: ["x"]), as: Notify.messageElement, version: .soap12)
        let response = await dispatcher.handle(SOAPServerRequest(contentType: SOAPVersion.soap12.contentType(action: "urn:example:constructs/Notify"), body: body))
        #expect(response.status == 202)
        #expect(response.body.isEmpty)
    }

    @Test("One-way: the client accepts 202, an empty 200 and an empty Body; a fault is thrown")
    func oneWayResponses() async throws {
        for transport in [
            CannedTransport(status: 202, contentType: nil, body: ""),
            CannedTransport(status: 200, contentType: "text/plain", body: ""),
            CannedTransport(status: 200, contentType: "application/soap+xml", body: #"<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body/></s:Envelope>"#),
        ] {
            try await ConsumerClient(endpoint: "http://x/", transport: transport).notify(message: ["m"])
        }
        let fault = CannedTransport(
            status: 500, contentType: "application/soap+xml",
            body: #"<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body><s:Fault><s:Code><s:Value>s:Receiver</s:Value></s:Code><s:Reason><s:Text xml:lang="en">consumer gone</s:Text></s:Reason></s:Fault></s:Body></s:Envelope>"#)
        await #expect(throws: SOAPFault.self) {
            try await ConsumerClient(endpoint: "http://x/", transport: fault).notify(message: ["m"])
        }
        await #expect(throws: SOAPClientError.self) {
            try await ConsumerClient(endpoint: "http://x/", transport: CannedTransport(status: 404, contentType: "text/html", body: "<html/>")).notify(message: ["m"])
        }
    }

    @Test("Two bindings with an operation of the same name: each client reaches its own service")
    func sameOperationNameInTwoBindings() async throws {
        let recorder = Recorder()
        let configuration = Configuration(stage: Stage(method: "EAP"))
        let devices = DevicesClient(endpoint: "http://d/", transport: InProcessTransport(handler: DevicesDispatcher(service: Devices(recorder: recorder))))
        let consumer = ConsumerClient(endpoint: "http://c/", transport: InProcessTransport(handler: ConsumerDispatcher(service: Consumer(recorder: recorder))))
        #expect(try await devices.configure(configuration).note == nil)
        #expect(try await consumer.configure(configuration).note == "seen by the consumer")
        #expect(await recorder.calls == ["Devices.Configure", "Consumer.Configure"])
    }

    @Test("Recursion through single-valued elements: decoded, re-encoded, with value semantics")
    func recursion() throws {
        let value = try decodeConfigure(configureEnvelope)
        #expect(value.stage.method == "EAP-TLS")
        #expect(value.stage.inner?.method == "PEAP")
        #expect(value.stage.inner?.inner?.method == "MSCHAPv2")
        #expect(value.stage.inner?.inner?.inner == nil)
        #expect(value.graph?.link?.target.label == "b")

        // Value semantics: changing a copy's nested value leaves the original alone.
        var copy = value
        copy.stage.inner?.inner?.method = "changed"
        #expect(value.stage.inner?.inner?.method == "MSCHAPv2")
        #expect(copy.stage.inner?.inner?.method == "changed")
        #expect(copy != value)

        // Round trip: what we write decodes to the same value.
        let bytes = SOAPEnvelopeWriter.message(value, as: Configuration.configureElement, version: .soap12)
        #expect(try decodeConfigure(String(decoding: bytes, as: UTF8.self)) == value)
    }

    @Test("Recursion through a nillable element: nil, absent and a nested value stay apart")
    func nillableRecursion() throws {
        let xml = #"<x:Stage xmlns:x="urn:example:constructs" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><x:Method>a</x:Method><x:Fallback><x:Method>b</x:Method><x:Fallback xsi:nil="true"/></x:Fallback></x:Stage>"#
        let reader = try XMLPullReader(bytes: Array(xml.utf8))
        try reader.moveToRootElement()
        let stage = try Stage(from: reader)
        guard case .value(let fallback)? = stage.fallback else {
            Issue.record("expected a nested Fallback, found \(String(describing: stage.fallback))")
            return
        }
        #expect(fallback.method == "b")
        #expect(fallback.fallback == .nil)
        #expect(stage.inner == nil)
        var writer = XMLWriter()
        stage.encode(to: &writer, as: XMLName("urn:example:constructs", "Stage"))
        #expect(String(decoding: writer.bytes, as: UTF8.self).contains(#"xsi:nil="true""#))
    }

    @Test("Recursion is bounded by the reader's depth limit, not the stack")
    func recursionDepthLimit() throws {
        let depth = 500
        let stage = String(repeating: "<x:Inner><x:Method>m</x:Method>", count: depth) + String(repeating: "</x:Inner>", count: depth)
        let text = #"<e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope" xmlns:x="urn:example:constructs"><e:Body><x:Configure><x:Stage><x:Method>m</x:Method>"#
            + stage + "</x:Stage></x:Configure></e:Body></e:Envelope>"
        #expect {
            _ = try decodeConfigure(text)
        } throws: { error in
            (error as? XMLDecodingError)?.kind == .limitExceeded
        }
    }

    @Test("Mixed content: the text is kept (a topic expression's text is its value)")
    func mixedContent() throws {
        let value = try decodeConfigure(configureEnvelope)
        #expect(value.topic?.text == "tns1:AppMgmt/State")
        #expect(value.topic?.dialect == "http://www.onvif.org/ver10/tev/topicExpression/ConcreteSet")
        // An extension of xs:anyType: its elements kept as open content, its text as text.
        #expect(value.code?.dialect == "urn:vendor:codes")
        #expect(value.code?.text == "E17")
        #expect(value.code?.otherElements.first?.name == XMLName("urn:vendor", "Detail"))
        #expect(value.code?.otherElements.first?.text == "42")

        let written = String(decoding: SOAPEnvelopeWriter.message(value, as: Configuration.configureElement, version: .soap12), as: UTF8.self)
        // The topic's prefix is declared where it is used (the envelope that declared it is gone).
        #expect(written.contains(#"<c:Topic xmlns:tns1="http://www.onvif.org/ver10/topics" Dialect="http://www.onvif.org/ver10/tev/topicExpression/ConcreteSet">tns1:AppMgmt/State</c:Topic>"#))
    }

    @Test("Untyped and xs:anySimpleType attributes are strings")
    func untypedAttributes() throws {
        let value = try decodeConfigure(configureEnvelope)
        #expect(value.note == "free text")
        #expect(value.graph?.link?.weight == "0.5")
        let written = String(decoding: SOAPEnvelopeWriter.message(value, as: Configuration.configureElement, version: .soap12), as: UTF8.self)
        #expect(written.contains(#"<c:Configure note="free text">"#))
        #expect(written.contains(#"<c:Link weight="0.5">"#))
    }

    @Test("xs:anyAttribute with a namespace list: its namespaces and ##local are kept, others are not")
    func openAttributesByNamespaceList() throws {
        let xml = #"<Link xmlns="urn:example:constructs" xmlns:v="urn:vendor" xmlns:o="urn:other" weight="1" v:tag="a" local="b" o:tag="c"><Target><Label>x</Label></Target></Link>"#
        let reader = try XMLPullReader(bytes: Array(xml.utf8))
        try reader.moveToRootElement()
        let link = try Link(from: reader)
        #expect(link.weight == "1")
        #expect(link.otherAttributes.map(\.name) == [XMLName("urn:vendor", "tag"), XMLName("", "local")])
        var writer = XMLWriter()
        link.encode(to: &writer, as: XMLName("urn:example:constructs", "Link"))
        let written = String(decoding: writer.bytes, as: UTF8.self)
        #expect(written.contains(#"v:tag="a""#) && written.contains(#"local="b""#) && !written.contains("urn:other"))
    }

    @Test("Clients skip elements the schema lacks (vendor extensions, newer versions); strict mode and servers refuse them")
    func unknownElements() async throws {
        let response = """
            <env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope" xmlns:c="urn:example:constructs" xmlns:v="urn:vendor">
            <env:Body><c:GetInputsResponse><c:Name>in1</c:Name><v:Extra><v:Deep>1</v:Deep></v:Extra><c:Name>in2</c:Name><c:NewerElement/></c:GetInputsResponse></env:Body>
            </env:Envelope>
            """
        let transport = CannedTransport(status: 200, contentType: "application/soap+xml; charset=utf-8", body: response)
        let lenient = DevicesClient(endpoint: "http://x/", transport: transport)
        #expect(try await lenient.getInputs().name == ["in1", "in2"])

        var strict = DevicesClient(endpoint: "http://x/", transport: transport)
        strict.strictDecoding = true
        await #expect(throws: SOAPClientError.self) { try await strict.getInputs() }

        let dispatcher = DevicesDispatcher(service: Devices(recorder: Recorder()))
        let request = #"<e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope" xmlns:c="urn:example:constructs"><e:Body><c:GetInputs><c:Token>t</c:Token><c:Unknown/></c:GetInputs></e:Body></e:Envelope>"#
        let answer = await dispatcher.handle(SOAPServerRequest(contentType: "application/soap+xml", body: Array(request.utf8)))
        #expect(answer.status == 400)
        let fault = try SOAPEnvelopeReader(bytes: answer.body).decodeFault()
        #expect(fault.reason.contains("unexpected element <Unknown> in <Get>"))
    }

    static let choices = """
        <e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope" xmlns:c="urn:example:constructs"><e:Body><c:Configure>
        <c:Stage><c:Method>m</c:Method></c:Stage>
        <c:Move><c:Speed>0.5</c:Speed><c:Home>true</c:Home><c:Text>hi</c:Text>\
        <c:Frame>1</c:Frame><v:Marker xmlns:v="urn:vendor">x</v:Marker><c:Note>n</c:Note><c:Frame>2</c:Frame></c:Move>
        <c:Move><c:Position><c:Method>abs</c:Method></c:Position></c:Move>
        <c:Palette><c:ColorList>red</c:ColorList><c:ColorList>green</c:ColorList></c:Palette>
        <c:Condition><c:Not><c:Not><c:Value>7</c:Value></c:Not></c:Not></c:Condition>
        <c:Tree><c:Label>root</c:Label><c:Tree><c:Label>leaf</c:Label></c:Tree></c:Tree>
        </c:Configure></e:Body></e:Envelope>
        """

    func configure(moves: String) -> String {
        #"<e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope" xmlns:c="urn:example:constructs"><e:Body><c:Configure><c:Stage><c:Method>m</c:Method></c:Stage>"#
            + moves + "</c:Configure></e:Body></e:Envelope>"
    }

    @Test("xs:choice is an enum: required, optional, repeated in document order, with a wildcard branch")
    func choices() throws {
        let value = try decodeConfigure(Self.choices)
        #expect(value.move.count == 2)
        let first = value.move[0]
        #expect(first.speed == 0.5)
        #expect(first.choice == .home(true))
        #expect(first.choice2 == .text("hi"))
        #expect(first.choice3.count == 4)
        #expect(first.choice3[0] == .frame(1))
        guard case .other(let marker) = first.choice3[1] else {
            Issue.record("expected the vendor element as the wildcard branch, got \(first.choice3[1])")
            return
        }
        #expect(marker.name == XMLName("urn:vendor", "Marker"))
        #expect(first.choice3[2] == .note("n"))
        #expect(first.choice3[3] == .frame(2))
        #expect(value.move[1].choice == .position(Stage(method: "abs")))
        #expect(value.move[1].choice2 == nil)
        #expect(value.move[1].choice3.isEmpty)

        let written = String(decoding: SOAPEnvelopeWriter.message(value, as: Configuration.configureElement, version: .soap12), as: UTF8.self)
        #expect(written.contains("<c:Frame>1</c:Frame><v:Marker xmlns:v=\"urn:vendor\">x</v:Marker><c:Note>n</c:Note><c:Frame>2</c:Frame>"))
        #expect(try decodeConfigure(written) == value)
    }

    @Test("A repeated element as one branch of a choice; recursion through a choice")
    func choiceBranchesRepeatedAndRecursive() throws {
        let value = try decodeConfigure(Self.choices)
        #expect(value.palette?.choice == .colorList(["red", "green"]))
        #expect(value.condition == Expression(choice: .not(Expression(choice: .not(Expression(choice: .value(7)))))))
        let written = String(decoding: SOAPEnvelopeWriter.message(value, as: Configuration.configureElement, version: .soap12), as: UTF8.self)
        #expect(written.contains("<c:Palette><c:ColorList>red</c:ColorList><c:ColorList>green</c:ColorList></c:Palette>"))
        #expect(written.contains("<c:Condition><c:Not><c:Not><c:Value>7</c:Value></c:Not></c:Not></c:Condition>"))
    }

    @Test("A choice refuses a second branch and a missing required one")
    func choiceContract() throws {
        for (moves, kind) in [
            ("<c:Move><c:Home>true</c:Home><c:PresetToken>p</c:PresetToken></c:Move>", XMLDecodingError.Kind.duplicateElement),
            ("<c:Move><c:Speed>1</c:Speed></c:Move>", .missingValue),
            ("<c:Move><c:Home>true</c:Home><c:Text>a</c:Text><c:Binary>AA==</c:Binary></c:Move>", .duplicateElement),
            ("<c:Palette><c:ColorList>red</c:ColorList><c:ColorRange>all</c:ColorRange></c:Palette>", .duplicateElement),
        ] {
            #expect(performing: { _ = try decodeConfigure(configure(moves: moves)) }, throws: { ($0 as? XMLDecodingError)?.kind == kind })
        }
    }

    @Test("A global element whose anonymous type refers to itself through ref= is declared once")
    func selfReferenceThroughRef() throws {
        let value = try decodeConfigure(Self.choices)
        #expect(value.tree?.label == "root")
        #expect(value.tree?.tree?.label == "leaf")
        #expect(value.tree?.tree?.tree == nil)
        let written = String(decoding: SOAPEnvelopeWriter.message(value, as: Configuration.configureElement, version: .soap12), as: UTF8.self)
        #expect(written.contains("<c:Tree><c:Label>root</c:Label><c:Tree><c:Label>leaf</c:Label></c:Tree></c:Tree>"))
    }

    @Test("Prefixes inside values keep their namespace: xs:QName and topic-like text")
    func prefixedValues() throws {
        let text = """
            <e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope" xmlns:c="urn:example:constructs"><e:Body>\
            <c:Configure xmlns:q="urn:example:kinds" kindAttribute="q:Attr"><c:Stage><c:Method>m</c:Method></c:Stage>\
            <c:Topic xmlns:tns1="http://www.onvif.org/ver10/topics" Dialect="http://www.onvif.org/ver10/tev/topicExpression/ConcreteSet">tns1:RuleEngine/CellMotionDetector/Motion</c:Topic>\
            <c:Kind xmlns:k="urn:example:kinds">k:Camera</c:Kind></c:Configure></e:Body></e:Envelope>
            """
        let value = try decodeConfigure(text)
        #expect(value.kind == XSDQName(prefix: "k", localName: "Camera", namespace: "urn:example:kinds"))
        #expect(value.kindAttribute == XSDQName(prefix: "q", localName: "Attr", namespace: "urn:example:kinds"))
        #expect(value.topic?.textNamespaces == [XMLNamespaceBinding(prefix: "tns1", namespace: "http://www.onvif.org/ver10/topics")])

        // Written again, every prefix is declared where it is used: decoded again, same meaning.
        let written = String(decoding: SOAPEnvelopeWriter.message(value, as: Configuration.configureElement, version: .soap12), as: UTF8.self)
        #expect(written.contains(#"xmlns:tns1="http://www.onvif.org/ver10/topics""#))
        #expect(written.contains(#"<c:Kind xmlns:k="urn:example:kinds">k:Camera</c:Kind>"#))
        #expect(try decodeConfigure(written) == value)

        // A topic made in code names its namespace once; a colon that is no prefix yields none.
        let made = Configuration(
            stage: Stage(method: "m"),
            topic: TopicExpression(text: "tns1:AppMgmt/State", dialect: "d", textNamespaces: [XMLNamespaceBinding(prefix: "tns1", namespace: "http://www.onvif.org/ver10/topics")]))
        let madeText = String(decoding: SOAPEnvelopeWriter.message(made, as: Configuration.configureElement, version: .soap12), as: UTF8.self)
        #expect(try decodeConfigure(madeText).topic?.textNamespaces == made.topic?.textNamespaces)
        let url = try decodeConfigure(configure(moves: #"<c:Topic Dialect="d">http://example.com/a:b 10:30</c:Topic>"#))
        #expect(url.topic?.textNamespaces == [])
    }

    @Test("A fault with a code that is not SOAP's, or none, is still a SOAPFault")
    func vendorFaultCodes() async throws {
        let misspelt = """
            <env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope" xmlns:ter="http://www.onvif.org/ver10/error"><env:Body><env:Fault>\
            <env:Code><env:Value>env:Reveiver</env:Value></env:Code><env:Reason><env:Text xml:lang="en">Device busy</env:Text></env:Reason>\
            </env:Fault></env:Body></env:Envelope>
            """
        let noCode = #"<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope"><env:Body><env:Fault><env:Reason><env:Text xml:lang="en">no code</env:Text></env:Reason></env:Fault></env:Body></env:Envelope>"#
        for (body, reason, code) in [(misspelt, "Device busy", XMLName("http://www.w3.org/2003/05/soap-envelope", "Reveiver")), (noCode, "no code", XMLName("", ""))] {
            let client = DevicesClient(endpoint: "http://x/", transport: CannedTransport(status: 500, contentType: "application/soap+xml", body: body))
            do {
                _ = try await client.getInputs()
                Issue.record("expected a fault")
            } catch let fault as SOAPFault {
                #expect(fault.code == .receiver)
                #expect(fault.unrecognizedCode == code)
                #expect(fault.reason == reason)
                #expect(fault.subcodes.isEmpty)
            }
        }
    }

    @Test("default and fixed: an absent attribute or an empty element takes its default; another fixed value is refused")
    func defaultsAndFixed() throws {
        let value = try decodeConfigure(configure(moves: "<c:Options><c:Retries/><c:Mode></c:Mode><c:Label>l</c:Label></c:Options>"))
        let options = try #require(value.options)
        #expect(options.retries == 3)
        #expect(options.mode == "auto")
        #expect(options.version == nil)  // absent element: no default (XSD applies it to empty ones)
        #expect(options.enabled == true)
        #expect(options.level == 1)
        let given = try decodeConfigure(configure(moves: #"<c:Options enabled="false" level="1"><c:Retries>5</c:Retries><c:Version>2.0</c:Version><c:Label>l</c:Label></c:Options>"#))
        #expect(given.options == Options(retries: 5, mode: nil, version: "2.0", label: .value("l"), enabled: false, level: 1))

        for options in [#"<c:Options level="2"><c:Label>l</c:Label></c:Options>"#, "<c:Options><c:Version>3.0</c:Version><c:Label>l</c:Label></c:Options>"] {
            #expect(performing: { _ = try decodeConfigure(configure(moves: options)) }, throws: { ($0 as? XMLDecodingError)?.kind == .invalidValue })
        }
        // A lenient (client) reader keeps what arrived and reports it.
        let envelope = try SOAPEnvelopeReader(bytes: Array(configure(moves: #"<c:Options level="2"><c:Label>l</c:Label></c:Options>"#).utf8))
        envelope.reader.skipsUnknownElements = true
        let log = Messages()
        envelope.reader.deviationHandler = { log.add($0) }
        #expect(try envelope.decodeBody(Configuration.self).options?.level == 2)
        #expect(log.all == ["attribute level in <Options> is '2', but the schema fixes it to '1'"])
    }

    @Test("nillable: xsi:nil is its own value, apart from absent, in single, optional and repeated elements")
    func nillable() throws {
        let xsi = #"xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance""#
        let value = try decodeConfigure(configure(moves: """
            <c:Options \(xsi)><c:Label xsi:nil="true"/><c:Limit xsi:nil="1"></c:Limit>\
            <c:Owner><c:Method>a</c:Method></c:Owner><c:Owner xsi:nil="true"/></c:Options>
            """))
        let options = try #require(value.options)
        #expect(options.label == .nil)
        #expect(options.limit == .nil)
        #expect(options.owner == [.value(Stage(method: "a")), .nil])
        let absent = try decodeConfigure(configure(moves: "<c:Options><c:Label>x</c:Label></c:Options>"))
        #expect(absent.options?.label == .value("x"))
        #expect(absent.options?.limit == nil)
        #expect(absent.options?.owner == [])

        let written = String(decoding: SOAPEnvelopeWriter.message(value, as: Configuration.configureElement, version: .soap12), as: UTF8.self)
        #expect(written.contains(#"<c:Label xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:nil="true"/>"#))
        #expect(written.contains(#"xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance""#))
        #expect(try decodeConfigure(written) == value)
        // A required nillable element must still be there.
        #expect(performing: { _ = try decodeConfigure(configure(moves: "<c:Options/>")) }, throws: { ($0 as? XMLDecodingError)?.kind == .missingValue })
    }
}

/// Collects messages from a `@Sendable` callback (the tests call it on one thread).
final class Messages: @unchecked Sendable {
    private(set) var all: [String] = []
    func add(_ message: String) { all.append(message) }
}


@Suite("Constructs: soap:header parts as typed parameters, soap:body parts=, mustUnderstand")
struct HeaderTests {
    @Test("client header parameters reach the server's context; output headers come back typed")
    func headersBothWays() async throws {
        let recorder = Recorder()
        let client = DevicesClient(endpoint: "http://d/", transport: InProcessTransport(handler: DevicesDispatcher(service: Devices(recorder: recorder))))
        let response = try await client.queryWithHeaders(
            Query(statement: "SELECT Id FROM Account"), session: SessionHeader(sessionId: "00D-session"), options: CallOptions(client: "zeep"))
        #expect(response.body.row == ["a", "b"])
        #expect(try response.header(LimitInfoHeader.messageElement) == LimitInfoHeader(current: 7, limit: 15000))
        #expect(try await client.query(statement: "SELECT 1", session: SessionHeader(sessionId: "00D-session")).row.count == 2)
        #expect(await recorder.calls == ["Query SELECT Id FROM Account by zeep", "Query SELECT 1 by -"])

        // Without the header the service's own fault arrives.
        await #expect(throws: SOAPFault.self) { try await client.query(Query(statement: "x")) }
    }

    /// What another stack sends: the header with mustUnderstand, other prefixes.
    func envelope(header: String) -> [UInt8] {
        Array("""
            <s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:q="urn:example:constructs">\
            <s:Header>\(header)</s:Header><s:Body><q:Query><q:Statement>S</q:Statement></q:Query></s:Body></s:Envelope>
            """.utf8)
    }

    @Test("a mustUnderstand header the binding declares is understood; an undeclared one is refused")
    func mustUnderstand() async throws {
        let dispatcher = DevicesDispatcher(service: Devices(recorder: Recorder()))
        let declared = await dispatcher.handle(SOAPServerRequest(
            contentType: "application/soap+xml", body: envelope(header: #"<q:SessionHeader s:mustUnderstand="true"><q:sessionId>00D-session</q:sessionId></q:SessionHeader>"#)))
        #expect(declared.status == 200)
        let text = String(decoding: declared.body, as: UTF8.self)
        #expect(text.contains("LimitInfoHeader>") && text.contains("Row>a</"))

        let undeclared = await dispatcher.handle(SOAPServerRequest(
            contentType: "application/soap+xml", body: envelope(header: #"<v:Trace xmlns:v="urn:vendor" s:mustUnderstand="1">x</v:Trace>"#)))
        #expect(undeclared.status == 500)
        #expect(String(decoding: undeclared.body, as: UTF8.self).contains("MustUnderstand"))

        // A declared header that does not match its schema: a Sender fault, not a crash.
        let invalid = await dispatcher.handle(SOAPServerRequest(
            contentType: "application/soap+xml", body: envelope(header: #"<q:SessionHeader><q:other>1</q:other></q:SessionHeader>"#)))
        #expect(invalid.status == 400)
    }

    @Test("the response header as a device sends it, decoded leniently by the client")
    func responseHeaderFromAnotherStack() async throws {
        let body = """
            <env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope" xmlns:sf="urn:example:constructs" xmlns:vendor="urn:vendor">\
            <env:Header><sf:LimitInfoHeader><sf:current>3</sf:current><vendor:extra>1</vendor:extra><sf:limit>100</sf:limit></sf:LimitInfoHeader></env:Header>\
            <env:Body><sf:QueryResponse><sf:Row>r</sf:Row></sf:QueryResponse></env:Body></env:Envelope>
            """
        let client = DevicesClient(endpoint: "http://d/", transport: CannedTransport(status: 200, contentType: "application/soap+xml", body: body))
        let response = try await client.queryWithHeaders(Query(statement: "S"))
        #expect(response.body.row == ["r"])
        #expect(try response.header(LimitInfoHeader.messageElement) == LimitInfoHeader(current: 3, limit: 100))
        #expect(try response.header(SessionHeader.messageElement) == nil)
    }
}

@Suite("Constructs: xs:union as a typed value")
struct UnionTests {
    func options(_ xml: String) throws -> Options {
        let reader = try XMLPullReader(bytes: Array(xml.utf8))
        try reader.moveToRootElement()
        let value = try Options(from: reader)
        try reader.finish()
        return value
    }

    @Test("each value decodes as the first member type that accepts it, and is written back as it came")
    func members() throws {
        let value = try options("""
            <x:Options xmlns:x="urn:example:constructs" priority="7"><x:Label>l</x:Label>\
            <x:Until>PT60S</x:Until><x:Until>2026-12-02T10:00:00Z</x:Until></x:Options>
            """)
        #expect(value.until == [.duration(try XSDDuration(xsdLexical: "PT60S")), .dateTime(try XSDDateTime(xsdLexical: "2026-12-02T10:00:00Z"))])
        #expect(value.priority == .number(.int(7)))
        #expect(try options(#"<x:Options xmlns:x="urn:example:constructs" priority="2.5"><x:Label>l</x:Label></x:Options>"#).priority == .number(.double(2.5)))
        #expect(try options(#"<x:Options xmlns:x="urn:example:constructs" priority="high"><x:Label>l</x:Label></x:Options>"#).priority == .priorityName(.high))

        var writer = XMLWriter()
        value.encode(to: &writer, as: XMLName("urn:example:constructs", "Options"))
        let text = String(decoding: writer.bytes, as: UTF8.self)
        #expect(text.contains(#"priority="7""#) && text.contains("PT60S</") && text.contains("2026-12-02T10:00:00Z</"))
    }

    @Test("a value no member accepts is a decoding error naming the union")
    func noMember() throws {
        #expect {
            try options(#"<x:Options xmlns:x="urn:example:constructs"><x:Label>l</x:Label><x:Until>tomorrow</x:Until></x:Options>"#)
        } throws: { error in
            "\(error)".contains("c:AbsoluteOrRelativeTime")
        }
    }
}

@Suite("Constructs: substitution groups")
struct SubstitutionGroupTests {
    func configuration(_ content: String) throws -> Configuration {
        let xml = #"<x:Configure xmlns:x="urn:example:constructs"><x:Stage><x:Method>m</x:Method></x:Stage>"# + content + "</x:Configure>"
        let reader = try XMLPullReader(bytes: Array(xml.utf8))
        try reader.moveToRootElement()
        let value = try Configuration(from: reader)
        try reader.finish()
        return value
    }

    @Test("members are accepted where their (abstract) head may appear, each decoded to its own type, in order")
    func members() throws {
        let value = try configuration("""
            <x:Square><x:Side>2</x:Side></x:Square><x:Circle><x:Label>c</x:Label><x:Radius>1.5</x:Radius></x:Circle>\
            <x:Square><x:Side>3</x:Side></x:Square><x:Comment>note</x:Comment>
            """)
        #expect(value.shape == [.square(SquareType(side: 2)), .circle(CircleType(label: "c", radius: 1.5)), .square(SquareType(side: 3))])
        #expect(value.annotation == .comment("note"))
        #expect(try configuration("<x:Annotation>head</x:Annotation>").annotation == .annotation("head"))

        var writer = XMLWriter()
        value.encode(to: &writer, as: XMLName("urn:example:constructs", "Configure"))
        let text = String(decoding: writer.bytes, as: UTF8.self)
        #expect(text.contains("<ns1:Square><ns1:Side>2.0</ns1:Side></ns1:Square><ns1:Circle><ns1:Label>c</ns1:Label><ns1:Radius>1.5</ns1:Radius></ns1:Circle><ns1:Square>"))
        #expect(text.contains("<ns1:Comment>note</ns1:Comment>"))
        let reader = try XMLPullReader(bytes: writer.bytes)
        try reader.moveToRootElement()
        #expect(try Configuration(from: reader) == value)
    }

    @Test("the abstract head itself is refused, and so is a second member where the head occurs once")
    func abstractHeadAndSingleOccurrence() throws {
        #expect(throws: XMLDecodingError.self) { try configuration("<x:Shape><x:Label>l</x:Label></x:Shape>") }
        #expect { try configuration("<x:Annotation>a</x:Annotation><x:Comment>b</x:Comment>") } throws: { error in
            "\(error)".contains("follows another branch")
        }
    }
}

/// rpc/literal and simple-typed message elements, fed messages zeep 4.3 built from
/// Tests/Constructs/Constructs.wsdl (`client.create_message(...)`, serialised by lxml).
@Suite("Constructs: rpc/literal and simple-typed message elements, against zeep's messages")
struct RPCLiteralTests {
    static let zeepAdd = #"<soap-env:Envelope xmlns:soap-env="http://schemas.xmlsoap.org/soap/envelope/"><soap-env:Body><ns0:Add xmlns:ns0="urn:example:legacy"><a>2</a><b>40</b></ns0:Add></soap-env:Body></soap-env:Envelope>"#
    static let zeepRename = #"<soap-env:Envelope xmlns:soap-env="http://schemas.xmlsoap.org/soap/envelope/"><soap-env:Body><ns0:Rename xmlns:ns0="urn:example:legacy"><names><ns1:Name xmlns:ns1="urn:example:constructs">x</ns1:Name><ns2:Name xmlns:ns2="urn:example:constructs">y</ns2:Name></names><prefix>p-</prefix><ns3:Notify xmlns:ns3="urn:example:constructs"><ns3:Message>hi</ns3:Message></ns3:Notify></ns0:Rename></soap-env:Body></soap-env:Envelope>"#
    static let zeepReset = #"<soap-env:Envelope xmlns:soap-env="http://schemas.xmlsoap.org/soap/envelope/"><soap-env:Body><ns0:Reset xmlns:ns0="urn:example:legacy"/></soap-env:Body></soap-env:Envelope>"#
    static let zeepEcho = #"<soap-env:Envelope xmlns:soap-env="http://www.w3.org/2003/05/soap-envelope"><soap-env:Body><ns0:Echo xmlns:ns0="urn:example:constructs">h&#233;llo</ns0:Echo></soap-env:Body></soap-env:Envelope>"#

    func post(_ envelope: String, action: String, to handler: some SOAPRequestHandler) async -> (status: Int, body: String) {
        let response = await handler.handle(SOAPServerRequest(contentType: "text/xml; charset=utf-8", soapActionHeader: "\"\(action)\"", body: Array(envelope.utf8)))
        return (response.status, String(decoding: response.body, as: UTF8.self))
    }

    @Test("the server takes zeep's rpc requests: accessors by part name, unqualified; an element part by its element")
    func serverDecodesZeep() async throws {
        let recorder = Recorder()
        let dispatcher = LegacyDispatcher(service: Legacy(recorder: recorder))
        let add = await post(Self.zeepAdd, action: "urn:example:legacy#Add", to: dispatcher)
        #expect(add.status == 200)
        #expect(add.body.contains(#"xmlns:ns1="urn:example:legacy""#))
        #expect(add.body.contains("<soapenv:Body><ns1:AddResponse><sum>42</sum></ns1:AddResponse></soapenv:Body>"))
        let rename = await post(Self.zeepRename, action: "urn:example:legacy#Rename", to: dispatcher)
        #expect(rename.status == 200)
        #expect(rename.body.contains("<names><c:Name>p-x</c:Name><c:Name>p-y</c:Name></names>"))
        let reset = await post(Self.zeepReset, action: "urn:example:legacy#Reset", to: dispatcher)
        #expect(reset.status == 200)
        #expect(reset.body.contains("<soapenv:Body><ns1:ResetResponse/></soapenv:Body>"))
        #expect(await recorder.notified == [["hi"]])
        #expect(await recorder.calls == ["Reset"])

        // Accessors qualified by the wrapper's namespace (some stacks write them so) are read
        // leniently; an accessor of another name is a Client fault, and the server goes on.
        let qualified = await post(Self.zeepAdd.replacingOccurrences(of: "<a>2</a>", with: "<ns0:a>2</ns0:a>"), action: "urn:example:legacy#Add", to: dispatcher)
        #expect(qualified.body.contains("<sum>42</sum>"))
        let wrong = await post(Self.zeepAdd.replacingOccurrences(of: "<a>2</a>", with: "<c>2</c>"), action: "urn:example:legacy#Add", to: dispatcher)
        #expect(wrong.status == 500)
        #expect(wrong.body.contains("soapenv:Client"))
        #expect(await post(Self.zeepAdd, action: "urn:example:legacy#Add", to: dispatcher).status == 200)
    }

    @Test("the client writes what zeep writes, and reads the server's answer")
    func clientMatchesZeep() async throws {
        let recorder = Recorder()
        let client = LegacyClient(endpoint: "http://device/legacy", transport: InProcessTransport(handler: LegacyDispatcher(service: Legacy(recorder: recorder))))
        #expect(try await client.add(a: 2, b: 40).sum == 42)
        let renamed = try await client.rename(Rename(names: NameList(name: ["x"]), prefix: "n-", notify: Notify(message: ["m"])))
        #expect(renamed.names.name == ["n-x"])
        _ = try await client.reset()

        let bytes = SOAPEnvelopeWriter.message(Add(a: 2, b: 40), as: Add.messageElement, version: .soap11)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains(#"xmlns:ns1="urn:example:legacy""#))
        #expect(text.contains("<soapenv:Body><ns1:Add><a>2</a><b>40</b></ns1:Add></soapenv:Body>"))
    }

    @Test("a simple-typed message element is a struct with its value, on both sides")
    func simpleTypedElements() async throws {
        let dispatcher = ConsumerDispatcher(service: Consumer(recorder: Recorder()))
        let response = await dispatcher.handle(SOAPServerRequest(contentType: SOAPVersion.soap12.contentType(action: "urn:example:constructs/Echo"), body: Array(Self.zeepEcho.utf8)))
        #expect(response.status == 200)
        #expect(String(decoding: response.body, as: UTF8.self).contains("<c:EchoResponse>olléh</c:EchoResponse>"))
        let client = ConsumerClient(endpoint: "http://device/consumer", transport: InProcessTransport(handler: dispatcher))
        #expect(try await client.echo(Echo(value: "abc")).value == "cba")
    }

    @Test("messages with no parts: an empty Body, told apart by the action, in both directions")
    func emptyMessages() async throws {
        let recorder = Recorder()
        let dispatcher = ConsumerDispatcher(service: Consumer(recorder: recorder))
        // zeep 4.3's Ping request.
        let zeepPing = #"<soap-env:Envelope xmlns:soap-env="http://www.w3.org/2003/05/soap-envelope"><soap-env:Body/></soap-env:Envelope>"#
        func post(_ body: String, action: String?) async -> (status: Int, body: String) {
            let response = await dispatcher.handle(SOAPServerRequest(contentType: SOAPVersion.soap12.contentType(action: action), body: Array(body.utf8)))
            return (response.status, String(decoding: response.body, as: UTF8.self))
        }
        let ping = await post(zeepPing, action: "urn:example:constructs/Ping")
        #expect(ping.status == 200)
        #expect(ping.body.contains("<env:Body></env:Body>") || ping.body.contains("<env:Body/>"))
        let last = await post(zeepPing, action: "urn:example:constructs/LastEcho")
        #expect(last.body.contains("<c:EchoResponse>last</c:EchoResponse>"))
        // Without an action, an empty Body could be either: a precise fault.
        let ambiguous = await post(zeepPing, action: nil)
        #expect(ambiguous.status == 400)
        #expect(ambiguous.body.contains("several operations take an empty Body; the request must name its action"))
        // An element where the action expects an empty Body, and the reverse.
        let withElement = await post(Self.zeepEcho, action: "urn:example:constructs/Ping")
        #expect(withElement.body.contains("does not match the action 'urn:example:constructs/Ping', which expects an empty Body"))
        let emptyForEcho = await post(zeepPing, action: "urn:example:constructs/Echo")
        #expect(emptyForEcho.body.contains("an empty SOAP Body does not match the action 'urn:example:constructs/Echo', which expects &lt;Echo&gt;"))

        let client = ConsumerClient(endpoint: "http://device/consumer", transport: InProcessTransport(handler: dispatcher))
        try await client.ping()
        #expect(try await client.lastEcho().value == "last")
        #expect(await recorder.calls == ["Ping", "Ping"])
        // A peer that answers an empty output with 202 or an empty 200 is fine too.
        for (status, body) in [(202, ""), (200, "")] {
            let canned = ConsumerClient(endpoint: "http://device/consumer", transport: CannedTransport(status: status, contentType: nil, body: body))
            try await canned.ping()
        }
    }
}

@Suite("Constructs: xml: attributes without xml.xsd")
struct XMLAttributeTests {
    @Test("xml:lang is built in: read from any document, written with the reserved prefix and no declaration")
    func xmlLang() throws {
        let reader = try XMLPullReader(bytes: Array(#"<q:Query xmlns:q="urn:example:constructs" xml:lang="de-CH"><q:Statement>s</q:Statement></q:Query>"#.utf8))
        try reader.moveToRootElement()
        let query = try Query(from: reader)
        #expect(query == Query(statement: "s", lang: "de-CH"))
        var writer = XMLWriter()
        query.encode(to: &writer, as: Query.xmlName)
        let text = String(decoding: writer.bytes, as: UTF8.self)
        #expect(text.contains(#" xml:lang="de-CH""#))
        #expect(!text.contains("xmlns:xml"))
    }
}

/// Code under test that depends on the client only through its generated protocol.
func inputCount(of devices: some DevicesClientProtocol) async throws -> Int {
    try await devices.getInputs(token: "t").name.count
}

@Suite("Constructs: the generated client protocol")
struct ClientProtocolTests {
    /// A test double: no SOAP, no transport.
    struct MockDevices: DevicesClientProtocol {
        func getInputs(_ request: Get) async throws -> NameList { NameList(name: Array(repeating: request.token ?? "", count: 3)) }
        func getOutputs(_ request: Get) async throws -> NameList { NameList() }
        func configure(_ request: Configuration) async throws -> Configuration { request }
        func query(_ request: Query, session: SessionHeader?, options: CallOptions?) async throws -> QueryResponse {
            QueryResponse(row: [session?.sessionId ?? "no session"])
        }
        func queryWithHeaders(_ request: Query, session: SessionHeader?, options: CallOptions?) async throws -> SOAPResponse<QueryResponse> {
            SOAPResponse(try await query(request, session: session, options: options))
        }
    }

    @Test("a mock conforms with the primary methods and gets the convenience methods for free")
    func mock() async throws {
        let mock = MockDevices()
        #expect(try await inputCount(of: mock) == 3)
        #expect(try await mock.query(Query(statement: "s")).row == ["no session"])
        #expect(try await mock.query(statement: "s", session: SessionHeader(sessionId: "id")).row == ["id"])
        // The real client is the same protocol.
        let real = DevicesClient(endpoint: "http://device/devices", transport: InProcessTransport(handler: DevicesDispatcher(service: Devices(recorder: Recorder()))))
        #expect(try await inputCount(of: real) == 2)
    }
}
