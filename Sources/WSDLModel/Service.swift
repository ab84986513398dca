/// The whole IR of one generator input: the WSDL 1.1 service description and every schema it
/// brings in. Pure values: no libxml2, no Swift naming.
public struct ServiceDescription: Sendable, Hashable, Codable {
    /// `targetNamespace` of the entry WSDL (empty when the input is a bare XSD).
    public var targetNamespace: String
    public var name: String?
    public var documentation: String?
    /// Every document read, entry first, in reading order, as the user would name them.
    public var documents: [String]
    public var messages: [QName: Message]
    public var portTypes: [QName: PortType]
    public var bindings: [QName: Binding]
    public var services: [QName: Service]
    public var schemas: SchemaSet
    /// What the parser noticed but could read past (e.g. an import of the wrong namespace).
    public var warnings: [Diagnostic] = []

    public init(
        targetNamespace: String, name: String? = nil, documentation: String? = nil, documents: [String],
        messages: [QName: Message] = [:], portTypes: [QName: PortType] = [:], bindings: [QName: Binding] = [:],
        services: [QName: Service] = [:], schemas: SchemaSet
    ) {
        self.targetNamespace = targetNamespace
        self.name = name
        self.documentation = documentation
        self.documents = documents
        self.messages = messages
        self.portTypes = portTypes
        self.bindings = bindings
        self.services = services
        self.schemas = schemas
    }
}

/// `wsdl:message`.
public struct Message: Sendable, Hashable, Codable {
    public struct Part: Sendable, Hashable, Codable {
        public var name: String
        /// `element=` (document style).
        public var element: QName?
        /// `type=` (rpc style).
        public var type: QName?
        public var location: SourceLocation

        public init(name: String, element: QName?, type: QName?, location: SourceLocation) {
            self.name = name
            self.element = element
            self.type = type
            self.location = location
        }
    }

    public var name: QName
    public var parts: [Part]
    public var documentation: String?
    public var location: SourceLocation

    public init(name: QName, parts: [Part], documentation: String? = nil, location: SourceLocation) {
        self.name = name
        self.parts = parts
        self.documentation = documentation
        self.location = location
    }
}

/// `wsdl:portType`: the abstract interface.
public struct PortType: Sendable, Hashable, Codable {
    public var name: QName
    /// In document order.
    public var operations: [Operation]
    public var documentation: String?
    public var location: SourceLocation

    public init(name: QName, operations: [Operation], documentation: String? = nil, location: SourceLocation) {
        self.name = name
        self.operations = operations
        self.documentation = documentation
        self.location = location
    }
}

/// An abstract operation of a port type.
public struct Operation: Sendable, Hashable, Codable {
    /// `wsdl:input`, `wsdl:output` or `wsdl:fault` of an operation.
    public struct MessageReference: Sendable, Hashable, Codable {
        public var name: String?
        public var message: QName
        /// The WS-Addressing action declared on it (`wsam:Action`/`wsaw:Action`), if any.
        public var action: String?
        public var location: SourceLocation

        public init(name: String?, message: QName, action: String? = nil, location: SourceLocation) {
            self.name = name
            self.message = message
            self.action = action
            self.location = location
        }
    }

    public var name: String
    public var documentation: String?
    public var input: MessageReference?
    public var output: MessageReference?
    public var faults: [MessageReference]
    public var location: SourceLocation

    public init(name: String, documentation: String? = nil, input: MessageReference?, output: MessageReference?, faults: [MessageReference] = [], location: SourceLocation) {
        self.name = name
        self.documentation = documentation
        self.input = input
        self.output = output
        self.faults = faults
        self.location = location
    }
}

/// The SOAP version a binding uses.
public enum SOAPVersion: String, Sendable, Hashable, Codable {
    case soap11 = "1.1"
    case soap12 = "1.2"
}

/// `wsdl:binding` with its SOAP extension elements.
public struct Binding: Sendable, Hashable, Codable {
    public enum Style: String, Sendable, Hashable, Codable { case document, rpc }
    public enum Use: String, Sendable, Hashable, Codable { case literal, encoded }

    /// A `wsdl:operation` inside a binding.
    public struct Operation: Sendable, Hashable, Codable {
        public var name: String
        public var soapAction: String?
        public var style: Style?
        public var inputUse: Use?
        public var outputUse: Use?
        /// `soap:header` parts on the input, as message/part pairs.
        public var inputHeaders: [HeaderReference]
        public var outputHeaders: [HeaderReference]
        /// `soap:body parts=` on the input / output: the parts that travel in the Body; `nil`
        /// when absent (every part not bound to a header).
        public var inputBodyParts: [String]?
        public var outputBodyParts: [String]?
        /// `soap:body namespace=` on the input / output: for rpc style, the namespace of the
        /// operation's wrapper element.
        public var inputNamespace: String?
        public var outputNamespace: String?
        public var location: SourceLocation

        public init(name: String, soapAction: String?, style: Style?, inputUse: Use?, outputUse: Use?, inputHeaders: [HeaderReference] = [], outputHeaders: [HeaderReference] = [], location: SourceLocation) {
            self.name = name
            self.soapAction = soapAction
            self.style = style
            self.inputUse = inputUse
            self.outputUse = outputUse
            self.inputHeaders = inputHeaders
            self.outputHeaders = outputHeaders
            self.location = location
        }
    }

    /// `soap:header message= part=`.
    public struct HeaderReference: Sendable, Hashable, Codable {
        public var message: QName
        public var part: String
        public var location: SourceLocation?

        public init(message: QName, part: String, location: SourceLocation? = nil) {
            self.message = message
            self.part = part
            self.location = location
        }
    }

    public var name: QName
    public var portType: QName
    /// `nil` for a binding that is not SOAP (HTTP or MIME bindings).
    public var soapVersion: SOAPVersion?
    public var style: Style
    public var transport: String?
    public var operations: [Operation]
    public var location: SourceLocation

    public init(name: QName, portType: QName, soapVersion: SOAPVersion?, style: Style, transport: String?, operations: [Operation], location: SourceLocation) {
        self.name = name
        self.portType = portType
        self.soapVersion = soapVersion
        self.style = style
        self.transport = transport
        self.operations = operations
        self.location = location
    }
}

/// `wsdl:service` with its ports.
public struct Service: Sendable, Hashable, Codable {
    public struct Port: Sendable, Hashable, Codable {
        public var name: String
        public var binding: QName
        /// `soap:address location=` / `soap12:address location=`.
        public var address: String?
        public var location: SourceLocation

        public init(name: String, binding: QName, address: String?, location: SourceLocation) {
            self.name = name
            self.binding = binding
            self.address = address
            self.location = location
        }
    }

    public var name: QName
    public var ports: [Port]
    public var documentation: String?
    public var location: SourceLocation

    public init(name: QName, ports: [Port], documentation: String? = nil, location: SourceLocation) {
        self.name = name
        self.ports = ports
        self.documentation = documentation
        self.location = location
    }
}
