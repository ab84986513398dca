/// WS-Addressing 1.0 (SOAP binding): on the server side, for dispatchers created with
/// `addressing: true` (WS-Notification and ONVIF's Event service require it), the request
/// headers it understands, the request's action and `MessageID`, and the headers of a
/// response or fault (`wsa:Action`, `wsa:RelatesTo`); on the client side, a request's
/// headers (`wsa:Action`, `wsa:MessageID`, `wsa:To`).
public enum WSAddressing {
    /// `http://www.w3.org/2005/08/addressing`
    public static let namespace = "http://www.w3.org/2005/08/addressing"
    /// The action of every SOAP fault.
    public static let faultAction = namespace + "/soap/fault"
    /// The anonymous address: "reply on the same connection".
    public static let anonymous = namespace + "/anonymous"

    /// The message addressing properties a request may carry; a dispatcher with addressing
    /// processes them, so `mustUnderstand` on them is honoured.
    public static let understoodHeaders: Set<XMLName> = Set(
        ["Action", "MessageID", "To", "ReplyTo", "From", "FaultTo", "RelatesTo"].map { XMLName(namespace, $0) })

    /// The text of the request's `wsa:<local>` header, trimmed; `nil` when absent or empty.
    public static func value(_ local: String, in headers: [SOAPHeaderBlock]) -> String? {
        guard let block = headers.first(where: { $0.name == XMLName(namespace, local) }) else { return nil }
        let text = trimmingXMLWhitespace(block.element.text)
        return text.isEmpty ? nil : text
    }

    /// The headers of a reply: `wsa:Action`, and `wsa:RelatesTo` the request's `MessageID`
    /// when it had one.
    public static func replyHeaders(action: String, request headers: [SOAPHeaderBlock]) -> [XMLAnyElement] {
        var reply = [XMLAnyElement(name: XMLName(namespace, "Action"), prefix: "wsa", children: [.text(action)])]
        if let messageID = value("MessageID", in: headers) {
            reply.append(XMLAnyElement(name: XMLName(namespace, "RelatesTo"), prefix: "wsa", children: [.text(messageID)]))
        }
        return reply
    }

    /// The headers of a request to `to`: `wsa:Action`, a fresh `wsa:MessageID`, `wsa:To`.
    public static func requestHeaders(action: String, to: String, messageID: String = newMessageID()) -> [XMLAnyElement] {
        [
            XMLAnyElement(name: XMLName(namespace, "Action"), prefix: "wsa", children: [.text(action)]),
            XMLAnyElement(name: XMLName(namespace, "MessageID"), prefix: "wsa", children: [.text(messageID)]),
            XMLAnyElement(name: XMLName(namespace, "To"), prefix: "wsa", children: [.text(to)]),
        ]
    }

    /// A new `urn:uuid:` message identifier (a random, version 4 UUID).
    public static func newMessageID() -> String {
        var bytes = (0..<16).map { _ in UInt8.random(in: 0...255) }
        bytes[6] = bytes[6] & 0x0F | 0x40
        bytes[8] = bytes[8] & 0x3F | 0x80
        let digits = Array("0123456789abcdef".utf8)
        var text = Array("urn:uuid:".utf8)
        for (index, byte) in bytes.enumerated() {
            if index == 4 || index == 6 || index == 8 || index == 10 { text.append(UInt8(ascii: "-")) }
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
