/// WS-Addressing 1.0 (SOAP binding) on the server side, for dispatchers created with
/// `addressing: true` (WS-Notification and ONVIF's Event service require it): the request
/// headers it understands, the request's action and `MessageID`, and the headers of a
/// response or fault (`wsa:Action`, `wsa:RelatesTo`).
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
}
