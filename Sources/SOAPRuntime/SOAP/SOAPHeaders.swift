/// Typed SOAP header blocks (`soap:header` parts of a binding): a value is turned into a header
/// block with its message element, and a received block back into a value. Header blocks are
/// small, so the conversion goes through bytes and reuses the generated coders unchanged.
extension XMLAnyElement {
    /// `value` written as the message element `element`, ready to travel as a header block.
    public init<T>(_ value: T, as element: SOAPMessageElement<T>) {
        var writer = XMLWriter(capacity: 512)
        writer.declareOnNextElement(element.namespaces)
        value.encode(to: &writer, as: element.name)
        do {
            let reader = try XMLPullReader(bytes: writer.bytes)
            try reader.moveToRootElement()
            self = try reader.readAnyElement()
        } catch {
            // The writer's own output always reads back; keep the name if it ever did not.
            self = XMLAnyElement(name: element.name)
        }
    }
}

extension SOAPMessageElement {
    /// Decodes a received header block as this element's value.
    /// - Parameter lenient: skip unknown elements and tolerate missing values (a client reading
    ///   what a device sent); `false` (a server reading a request) refuses both.
    public func decode(_ block: XMLAnyElement, lenient: Bool = false, limits: XMLReaderLimits = .default) throws(XMLDecodingError) -> Value {
        var writer = XMLWriter(capacity: 512)
        writer.write(block)
        let reader = try XMLPullReader(bytes: writer.bytes, limits: limits)
        reader.skipsUnknownElements = lenient
        reader.toleratesMissingValues = lenient
        try reader.moveToRootElement()
        let value = try Value(from: reader)
        try reader.finish()
        return value
    }

    /// The first block of `headers` with this element's name, decoded; `nil` when there is none.
    public func first(in headers: [XMLAnyElement], lenient: Bool = false) throws(XMLDecodingError) -> Value? {
        guard let block = headers.first(where: { $0.name == name }) else { return nil }
        return try decode(block, lenient: lenient)
    }
}

/// A message body with the header blocks that travel beside it: what a generated client
/// returns for an operation whose binding declares output headers, and what a generated server
/// method returns to send some.
public struct SOAPResponse<Body: Sendable>: Sendable {
    public var body: Body
    public var headers: [XMLAnyElement]

    public init(_ body: Body, headers: [XMLAnyElement] = []) {
        self.body = body
        self.headers = headers
    }

    /// The header block `element`, decoded leniently (as a client reads what a device sent).
    public func header<T>(_ element: SOAPMessageElement<T>) throws(XMLDecodingError) -> T? {
        try element.first(in: headers, lenient: true)
    }
}

extension SOAPRequestContext {
    /// The request's header block `element`, decoded strictly; `nil` when the request has none.
    /// Throws (answered as a `Sender` fault) when the block does not match its schema.
    public func header<T>(_ element: SOAPMessageElement<T>) throws(XMLDecodingError) -> T? {
        try element.first(in: headers.map(\.element))
    }
}
