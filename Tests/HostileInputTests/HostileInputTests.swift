import AppMgmt
import AppMgmtServer
import Foundation
import Hummingbird
import ONVIFSupport
import SOAPRuntime
import Testing

/// Hostile requests against the generated AppMgmt dispatcher served by Hummingbird on
/// 127.0.0.1: each gets its exact fault or HTTP status, fast, and the server keeps serving.
@Suite("Hostile input", .serialized, .timeLimit(.minutes(2)))
struct HostileInputTests {
    @Test("DOCTYPE with an external file entity: refused, nothing read")
    func externalFileEntity() async throws {
        let canary = Canary()
        try await withServer(hostileRouter(canary: canary)) { port in
            let body = #"<?xml version="1.0"?><!DOCTYPE env:Envelope [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>"#
                + envelope("<ans:GetAppsInfo><ans:AppID>&xxe;</ans:AppID></ans:GetAppsInfo>").replacingOccurrences(of: #"<?xml version="1.0" encoding="UTF-8"?>"#, with: "")
            let result = try await post(port, contentType: action("GetAppsInfo"), body)
            try expectSenderFault(result, [.wellFormed])
            #expect(!result.text.contains("root:"))
            try await expectStillServing(port)
        }
    }

    @Test("DOCTYPE with an external http entity and parameter entity: refused, never fetched")
    func externalHTTPEntity() async throws {
        let canary = Canary()
        try await withServer(hostileRouter(canary: canary)) { port in
            let body = #"<?xml version="1.0"?><!DOCTYPE env:Envelope [<!ENTITY % remote SYSTEM "http://127.0.0.1:\#(port)/canary/dtd"> %remote; <!ENTITY xxe SYSTEM "http://127.0.0.1:\#(port)/canary/entity">]>"#
                + envelope("<ans:GetAppsInfo><ans:AppID>&xxe;</ans:AppID></ans:GetAppsInfo>").replacingOccurrences(of: #"<?xml version="1.0" encoding="UTF-8"?>"#, with: "")
            let result = try await post(port, contentType: action("GetAppsInfo"), body)
            try expectSenderFault(result, [.wellFormed])
            #expect(await canary.hits == 0)
            try await expectStillServing(port)
            #expect(await canary.hits == 0)
        }
    }

    @Test("Billion laughs: refused at the DOCTYPE, quickly")
    func billionLaughs() async throws {
        try await withServer(hostileRouter(canary: Canary())) { port in
            var dtd = #"<!ENTITY lol0 "lollollollollollollollollollol">"#
            for i in 1...9 {
                dtd += "<!ENTITY lol\(i) \"" + String(repeating: "&lol\(i - 1);", count: 10) + "\">"
            }
            let body = "<?xml version=\"1.0\"?><!DOCTYPE env:Envelope [\(dtd)]>"
                + envelope("<ans:GetAppsInfo><ans:AppID>&lol9;</ans:AppID></ans:GetAppsInfo>").replacingOccurrences(of: #"<?xml version="1.0" encoding="UTF-8"?>"#, with: "")
            let start = ContinuousClock.now
            let result = try await post(port, contentType: action("GetAppsInfo"), body)
            #expect(ContinuousClock.now - start < .seconds(2))
            try expectSenderFault(result, [.wellFormed])
            try await expectStillServing(port)
        }
    }

    @Test("Nesting 10,000 deep in a header block: the depth limit answers")
    func deepNesting() async throws {
        try await withServer(hostileRouter(canary: Canary())) { port in
            let deep = String(repeating: "<x>", count: 10_000) + String(repeating: "</x>", count: 10_000)
            let result = try await post(port, contentType: action("GetAppsInfo"), envelope("<ans:GetAppsInfo/>", header: deep))
            try expectSenderFault(result, [.wellFormed])
            // libxml2 parses ahead of the reader, so its own depth limit (256) may answer first.
            let reason = try result.fault().reason
            #expect(reason.contains("deeper than 128") || reason.contains("Excessive depth"), "\(reason)")
            // And inside the body element, where the decoder meets it as an unknown element first.
            let inBody = try await post(port, contentType: action("GetAppsInfo"), envelope("<ans:GetAppsInfo>\(deep)</ans:GetAppsInfo>"))
            try expectSenderFault(inBody, [.invalidArgs])
            try await expectStillServing(port)
        }
    }

    @Test("A 50 MB body: HTTP 413 from the body limit")
    func fiftyMegabytes() async throws {
        try await withServer(hostileRouter(canary: Canary())) { port in
            let filler = String(repeating: "a", count: 50 << 20)
            let result = try await post(port, contentType: action("Activate"), envelope("<ans:Activate><ans:AppID>\(filler)</ans:AppID></ans:Activate>"))
            #expect(result.status == 413)
            try await expectStillServing(port)
        }
    }

    @Test("A 20 MB text node: HTTP 413 at the endpoint, a limit fault from the dispatcher alone")
    func hugeTextNode() async throws {
        let filler = String(repeating: "x", count: 20 << 20)
        let body = envelope("<ans:Activate><ans:AppID>\(filler)</ans:AppID></ans:Activate>")
        try await withServer(hostileRouter(canary: Canary())) { port in
            let result = try await post(port, contentType: action("Activate"), body)
            #expect(result.status == 413)
            try await expectStillServing(port)
        }
        // Without the transport's limit, the reader's document limit (16 MiB) answers.
        let dispatcher = AppManagementDispatcher(service: FixedService(), faultPolicy: .onvif)
        let response = await dispatcher.handle(SOAPServerRequest(contentType: action("Activate"), body: Array(body.utf8)))
        #expect(response.status == 400)
        let fault = try SOAPEnvelopeReader(bytes: response.body).decodeFault()
        #expect(fault.code == .sender)
        #expect(fault.subcodes == [.wellFormed])
        #expect(fault.reason.contains("exceeds the limit"))
    }

    @Test("100,000 attributes on one element: refused quickly by the pre-scan")
    func manyAttributes() async throws {
        try await withServer(hostileRouter(canary: Canary())) { port in
            var tag = "<ans:GetAppsInfo"
            for i in 0..<100_000 { tag += " a\(i)=\"\"" }
            tag += "/>"
            let start = ContinuousClock.now
            let result = try await post(port, contentType: action("GetAppsInfo"), envelope(tag))
            #expect(ContinuousClock.now - start < .seconds(3))
            try expectSenderFault(result, [.wellFormed])
            #expect(try result.fault().reason.contains("more than 256 attributes"))
            try await expectStillServing(port)
        }
    }

    @Test("Invalid UTF-8, a truncated document and an empty body: ter:WellFormed")
    func malformed() async throws {
        try await withServer(hostileRouter(canary: Canary())) { port in
            var invalid = Array(envelope("<ans:Activate><ans:AppID>AB</ans:AppID></ans:Activate>").utf8)
            let index = try #require(invalid.firstIndex(of: UInt8(ascii: "B")))
            invalid[index] = 0xFF
            invalid.insert(0xC3, at: index)
            try expectSenderFault(try await post(port, contentType: action("Activate"), body: invalid), [.wellFormed])

            let full = envelope("<ans:Activate><ans:AppID>com.example.watch</ans:AppID></ans:Activate>")
            for cut in [full.count / 2, full.count - 5] {
                let truncated = String(full.prefix(cut))
                try expectSenderFault(try await post(port, contentType: action("Activate"), truncated), [.wellFormed])
            }
            let empty = try await post(port, contentType: action("Activate"), body: [])
            try expectSenderFault(empty, [.wellFormed])
            #expect(try empty.fault().reason == "empty request body")
            try await expectStillServing(port)
        }
    }

    @Test("A non-XML content type is HTTP 415, and so is none")
    func contentType() async throws {
        try await withServer(hostileRouter(canary: Canary())) { port in
            let json = try await post(port, contentType: "application/json", #"{"GetAppsInfo": {}}"#)
            #expect(json.status == 415)
            #expect(json.contentType?.hasPrefix("text/plain") == true)
            let none = try await post(port, contentType: nil, envelope("<ans:GetAppsInfo/>"))
            #expect(none.status == 415)
            try await expectStillServing(port)
        }
    }

    @Test("A SOAP 1.1 envelope on the SOAP 1.2 endpoint: env:VersionMismatch")
    func versionMismatch() async throws {
        try await withServer(hostileRouter(canary: Canary())) { port in
            let soap11 = #"<?xml version="1.0"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ans="http://www.onvif.org/ver10/appmgmt/wsdl"><soapenv:Body><ans:GetAppsInfo/></soapenv:Body></soapenv:Envelope>"#
            let result = try await post(port, contentType: "text/xml; charset=utf-8", soap11)
            #expect(result.status == 500)
            let fault = try result.fault()
            #expect(fault.code == .versionMismatch)
            #expect(fault.subcodes.isEmpty)
            try await expectStillServing(port)
        }
    }

    @Test("An unknown operation (by action and by body element): ter:ActionNotSupported")
    func unknownOperation() async throws {
        try await withServer(hostileRouter(canary: Canary())) { port in
            try expectSenderFault(try await post(port, contentType: action("Frobnicate"), envelope("<ans:Frobnicate/>")), [.actionNotSupported])
            try expectSenderFault(try await post(port, envelope("<ans:Frobnicate/>")), [.actionNotSupported])
            try await expectStillServing(port)
        }
    }

    @Test("A body element that does not match the action: ter:TagMismatch")
    func tagMismatch() async throws {
        try await withServer(hostileRouter(canary: Canary())) { port in
            let result = try await post(port, contentType: action("Uninstall"), envelope("<ans:Activate><ans:AppID>com.example.watch</ans:AppID></ans:Activate>"))
            try expectSenderFault(result, [.tagMismatch])
            try await expectStillServing(port)
        }
    }

    @Test("A missing required element and an element the schema does not allow: ter:InvalidArgs")
    func schemaViolations() async throws {
        try await withServer(hostileRouter(canary: Canary())) { port in
            let missing = try await post(port, contentType: action("Activate"), envelope("<ans:Activate/>"))
            try expectSenderFault(missing, [.invalidArgs])
            #expect(try missing.fault().reason.contains("missing element AppID"))
            let unknown = try await post(port, contentType: action("Activate"), envelope("<ans:Activate><ans:AppID>com.example.watch</ans:AppID><ans:Force>true</ans:Force></ans:Activate>"))
            try expectSenderFault(unknown, [.invalidArgs])
            #expect(try unknown.fault().reason.contains("unexpected element <Force>"))
            let duplicate = try await post(port, contentType: action("Activate"), envelope("<ans:Activate><ans:AppID>a</ans:AppID><ans:AppID>b</ans:AppID></ans:Activate>"))
            try expectSenderFault(duplicate, [.invalidArgs])
            let text = try await post(port, contentType: action("GetDeviceId"), envelope("<ans:GetDeviceId>hello</ans:GetDeviceId>"))
            try expectSenderFault(text, [.invalidArgs])
            try await expectStillServing(port)
        }
    }

    @Test("A slow-drip upload: HTTP 408 after the body-read timeout")
    func slowDripUpload() async throws {
        try await withServer(hostileRouter(canary: Canary(), bodyReadTimeout: .milliseconds(500))) { port in
            let body = Array(envelope("<ans:GetAppsInfo/>").utf8)
            let head = "POST \(appMgmtPath) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nContent-Type: \(action("GetAppsInfo"))\r\nContent-Length: \(body.count)\r\n\r\n"
            let start = ContinuousClock.now
            let answer = try await slowDrip(port: port, head: head, body: body, interval: .milliseconds(50))
            #expect(answer.hasPrefix("HTTP/1.1 408"), "\(answer.prefix(200))")
            #expect(ContinuousClock.now - start < .seconds(5))
            try await expectStillServing(port)
        }
    }

    @Test("A client that stops sending mid-body: the server's idle timeout closes it, and it keeps serving")
    func stalledClient() async throws {
        try await withServer(hostileRouter(canary: Canary(), bodyReadTimeout: .seconds(30)), idleTimeout: .seconds(1)) { port in
            let body = Array(envelope("<ans:GetAppsInfo/>").utf8)
            let head = "POST \(appMgmtPath) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nContent-Type: \(action("GetAppsInfo"))\r\nContent-Length: \(body.count)\r\n\r\n"
            let start = ContinuousClock.now
            let answer = try await slowDrip(port: port, head: head, body: body, interval: .milliseconds(10), stopAfter: 20)
            let elapsed = ContinuousClock.now - start
            #expect(answer.isEmpty, "\(answer.prefix(200))")
            #expect(elapsed >= .milliseconds(900) && elapsed < .seconds(8), "closed after \(elapsed)")
            try await expectStillServing(port)
        }
    }

    @Test("Memory stays bounded over repeated hostile requests")
    func memoryBounded() async throws {
        try await withServer(hostileRouter(canary: Canary())) { port in
            let big = envelope("<ans:Activate><ans:AppID>\(String(repeating: "y", count: 3 << 20))</ans:AppID></ans:Activate>")
            let deep = envelope("<ans:GetAppsInfo/>", header: String(repeating: "<x>", count: 10_000) + String(repeating: "</x>", count: 10_000))
            var attributes = "<ans:GetAppsInfo"
            for i in 0..<20_000 { attributes += " a\(i)=\"1\"" }
            let wide = envelope(attributes + "/>")
            // Warm up allocator pools and lazily created state, then measure.
            _ = try await post(port, contentType: action("Activate"), big)
            try await expectStillServing(port)
            let before = residentKiB()
            for _ in 0..<10 {
                #expect(try await post(port, contentType: action("Activate"), big).status == 400)
                #expect(try await post(port, contentType: action("GetAppsInfo"), deep).status == 400)
                #expect(try await post(port, contentType: action("GetAppsInfo"), wide).status == 400)
            }
            try await expectStillServing(port)
            let growth = residentKiB() - before
            #expect(before > 0)
            #expect(growth < 64 << 10, "RSS grew by \(growth) KiB over 30 hostile requests")
        }
    }
}

/// Values the server never receives but a client decodes: wrong lexical forms are errors,
/// unknown enumeration values are kept by design.
@Suite("Hostile values in decoded messages")
struct HostileValueTests {
    func appInfo(_ replace: String, with replacement: String) -> [UInt8] {
        let info = "<ans:Info><ans:AppID>a</ans:AppID><ans:Name>n</ans:Name><ans:Version>1</ans:Version><ans:InstallationDate>2024-03-01T12:30:45Z</ans:InstallationDate><ans:LastUpdate>2024-03-01T12:30:45Z</ans:LastUpdate><ans:State>Active</ans:State><ans:Status>s</ans:Status><ans:Autostart>true</ans:Autostart><ans:Website>w</ans:Website></ans:Info>"
        return Array(envelope("<ans:GetAppsInfoResponse>\(info.replacingOccurrences(of: replace, with: replacement))</ans:GetAppsInfoResponse>").utf8)
    }

    func decode(_ bytes: [UInt8]) throws -> GetAppsInfoResponse {
        let reader = try SOAPEnvelopeReader(bytes: bytes)
        let value = try reader.decodeBody(GetAppsInfoResponse.self)
        try reader.finish()
        return value
    }

    @Test("The valid message decodes")
    func valid() throws {
        #expect(try decode(appInfo("", with: "")).info.first?.autostart == true)
    }

    @Test(
        "A wrong boolean, dateTime or date is .invalidValue",
        arguments: [
            ("<ans:Autostart>true<", "<ans:Autostart>yes<"),
            ("<ans:Autostart>true<", "<ans:Autostart>2<"),
            ("<ans:InstallationDate>2024-03-01T12:30:45Z<", "<ans:InstallationDate>2024-13-01T12:30:45Z<"),
            ("<ans:InstallationDate>2024-03-01T12:30:45Z<", "<ans:InstallationDate>2023-02-29T12:30:45Z<"),
            ("<ans:LastUpdate>2024-03-01T12:30:45Z<", "<ans:LastUpdate>2024-03-01T12:30:45+15:00<"),
            ("<ans:LastUpdate>2024-03-01T12:30:45Z<", "<ans:LastUpdate>yesterday<"),
        ])
    func wrongValue(_ original: String, _ replacement: String) throws {
        #expect {
            _ = try decode(appInfo(original, with: replacement))
        } throws: { error in
            (error as? XMLDecodingError)?.kind == .invalidValue
        }
    }

    @Test("An unknown AppState is accepted and kept as .unknown")
    func unknownState() throws {
        let value = try decode(appInfo("<ans:State>Active<", with: "<ans:State>Suspended<"))
        #expect(value.info.first?.state == .unknown("Suspended"))
        #expect(value.xmlString().contains("<State>Suspended</State>"))
    }

    @Test("A wrong integer in an integer-typed value is .invalidValue")
    func wrongInteger() {
        // AppMgmt messages carry no integers; the codec the generated code would call is checked.
        #expect(throws: XSDValueError.self) { try Int32(xsdLexical: "2147483648") }
        #expect(throws: XSDValueError.self) { try Int(xsdLexical: "12a") }
        #expect(throws: XSDValueError.self) { try UInt8(xsdLexical: "-1") }
    }
}
