// Written by scripts/embed-templates.sh from Templates/*.mustache. Do not edit.

/// The generator's Mustache templates, compiled in so the generator needs no resource bundle.
public enum EmbeddedTemplates {
    /// Template name (file name without `.mustache`) to template text.
    public static let all: [String: String] = [
        "Client.swift": #"""
        {{% CONTENT_TYPE: TEXT}}
        {{> header}}

        @_spi(Generated) import SOAPRuntime
        {{#imports}}
        import {{.}}
        {{/imports}}

        /// Fails to compile against a runtime this code was not generated for.
        private struct _GeneratedWithWSDL2SwiftVersion: WSDL2SwiftGeneratedCodeVersion_2 {}

        {{#services}}
        /// The operations of `{{portTypeName}}` as a client calls them. ``{{clientName}}`` sends them
        /// over SOAP; conform a mock to this protocol to test code that calls the service.
        {{access}} protocol {{clientProtocolName}}: Sendable {
            {{#operations}}
            {{#docLines}}
            /// {{{.}}}
            {{/docLines}}
            {{#hasResponse}}
            {{#hasEmptyResponse}}
            @discardableResult
            {{/hasEmptyResponse}}
            func {{methodName}}(_ request: {{requestType}}{{#inputHeaders}}, {{parameterName}}: {{typeName}}?{{/inputHeaders}}) async throws -> {{responseType}}
            {{/hasResponse}}
            {{#hasOutputHeaders}}
            /// ``{{methodName}}(_:{{#inputHeaders}}{{parameterName}}:{{/inputHeaders}})`` with the response's header blocks.
            func {{methodName}}WithHeaders(_ request: {{requestType}}{{#inputHeaders}}, {{parameterName}}: {{typeName}}?{{/inputHeaders}}) async throws -> SOAPResponse<{{responseType}}>
            {{/hasOutputHeaders}}
            {{#isOneWay}}
            /// One-way: returns once the peer accepted the message.
            func {{methodName}}(_ request: {{requestType}}{{#inputHeaders}}, {{parameterName}}: {{typeName}}?{{/inputHeaders}}) async throws
            {{/isOneWay}}

            {{/operations}}
        }

        extension {{clientProtocolName}} {
            {{#operations}}
            {{#hasInputHeaders}}
            /// ``{{methodName}}(_:{{#inputHeaders}}{{parameterName}}:{{/inputHeaders}})`` without header blocks.
            {{#hasEmptyResponse}}
            @discardableResult
            {{/hasEmptyResponse}}
            {{access}} func {{methodName}}(_ request: {{requestType}}) async throws{{#hasResponse}} -> {{responseType}}{{/hasResponse}} {
                try await self.{{methodName}}(request{{#inputHeaders}}, {{parameterName}}: nil{{/inputHeaders}})
            }

            {{/hasInputHeaders}}
            {{#hasConvenience}}
            {{#docLines}}
            /// {{{.}}}
            {{/docLines}}
            {{#hasEmptyResponse}}
            @discardableResult
            {{/hasEmptyResponse}}
            {{access}} func {{methodName}}({{#convenienceFields}}{{^isFirst}}, {{/isFirst}}{{swiftName}}: {{swiftType}}{{^isRequired}} = {{#isOptional}}nil{{/isOptional}}{{#isArray}}[]{{/isArray}}{{#isMixedText}}""{{/isMixedText}}{{/isRequired}}{{/convenienceFields}}{{#inputHeaders}}{{^isFirst}}, {{/isFirst}}{{#isFirst}}{{#hasConvenienceFields}}, {{/hasConvenienceFields}}{{/isFirst}}{{parameterName}}: {{typeName}}? = nil{{/inputHeaders}}) async throws{{#hasResponse}} -> {{responseType}}{{/hasResponse}} {
                try await self.{{methodName}}({{requestType}}({{#convenienceFields}}{{^isFirst}}, {{/isFirst}}{{argumentLabel}}: {{swiftName}}{{/convenienceFields}}){{#inputHeaders}}, {{parameterName}}: {{parameterName}}{{/inputHeaders}})
            }

            {{/hasConvenience}}
            {{/operations}}
        }

        {{#docLines}}
        /// {{{.}}}
        {{/docLines}}
        ///
        /// A SOAP fault from the peer is thrown as `SOAPFault` (test `fault.hasSubcode(...)`); transport
        /// and decoding problems as `SOAPClientError`.
        {{access}} struct {{clientName}}: {{clientProtocolName}} {
            private var client: SOAPClient

            /// - Parameters:
            ///   - endpoint: the service address, e.g. `{{exampleEndpoint}}`.
            ///   - transport: how requests are sent (e.g. `AsyncHTTPClientTransport`).
            ///   - security: header blocks added to every request (e.g. a WS-Security UsernameToken).
            {{access}} init(endpoint: String, transport: any SOAPClientTransport, security: (any SOAPClientSecurity)? = nil, limits: XMLReaderLimits = .default) {
                self.client = SOAPClient(endpoint: endpoint, transport: transport, security: security, version: {{soapVersion}}, limits: limits)
                self.client.addressing = {{usesAddressing}}
            }

            /// Send WS-Addressing headers (`wsa:Action`, `wsa:MessageID`, `wsa:To`) with every request:
            /// on by default when the WSDL declares addressing actions for this port type.
            {{access}} var addressing: Bool {
                get { client.addressing }
                set { client.addressing = newValue }
            }

            /// Refuse response elements the schema does not declare and missing required values
            /// (`false`, the default: skip and fill them, telling ``deviationHandler``).
            {{access}} var strictDecoding: Bool {
                get { client.strictDecoding }
                set { client.strictDecoding = newValue }
            }

            /// Told about each deviation from the schema that lenient decoding tolerated in a response.
            {{access}} var deviationHandler: XMLDeviationHandler? {
                get { client.deviationHandler }
                set { client.deviationHandler = newValue }
            }
            {{#operations}}

            {{#docLines}}
            /// {{{.}}}
            {{/docLines}}
            {{#hasInputHeaders}}
            ///
            /// Header blocks (`soap:header`), sent when given:{{#inputHeaders}}{{^isFirst}},{{/isFirst}} `{{parameterName}}`{{/inputHeaders}}.
            {{/hasInputHeaders}}
            {{#hasResponse}}
            {{#hasEmptyResponse}}
            @discardableResult
            {{/hasEmptyResponse}}
            {{access}} func {{methodName}}(_ request: {{requestType}}{{#inputHeaders}}, {{parameterName}}: {{typeName}}? = nil{{/inputHeaders}}) async throws -> {{responseType}} {
                try await client.call(action: {{{actionLiteral}}}{{{addressingActionArgument}}}, request: request, as: {{requestType}}.{{requestElement}}, response: {{responseType}}.{{responseElement}}{{#hasInputHeaders}}, headers: [{{#inputHeaders}}{{^isFirst}}, {{/isFirst}}{{parameterName}}.map { XMLAnyElement($0, as: {{typeName}}.{{element}}) }{{/inputHeaders}}].compactMap { $0 }{{/hasInputHeaders}})
            }
            {{/hasResponse}}
            {{#hasOutputHeaders}}

            /// ``{{methodName}}(_:{{#inputHeaders}}{{parameterName}}:{{/inputHeaders}})`` with the response's header blocks: read them with
            /// {{#outputHeaders}}{{^isFirst}}, {{/isFirst}}`response.header({{typeName}}.{{element}})`{{/outputHeaders}}.
            {{access}} func {{methodName}}WithHeaders(_ request: {{requestType}}{{#inputHeaders}}, {{parameterName}}: {{typeName}}? = nil{{/inputHeaders}}) async throws -> SOAPResponse<{{responseType}}> {
                try await client.callWithHeaders(action: {{{actionLiteral}}}{{{addressingActionArgument}}}, request: request, as: {{requestType}}.{{requestElement}}, response: {{responseType}}.{{responseElement}}{{#hasInputHeaders}}, headers: [{{#inputHeaders}}{{^isFirst}}, {{/isFirst}}{{parameterName}}.map { XMLAnyElement($0, as: {{typeName}}.{{element}}) }{{/inputHeaders}}].compactMap { $0 }{{/hasInputHeaders}})
            }
            {{/hasOutputHeaders}}
            {{#isOneWay}}
            /// One-way: returns once the peer accepted the message (HTTP 202, or 200 with no content).
            {{access}} func {{methodName}}(_ request: {{requestType}}{{#inputHeaders}}, {{parameterName}}: {{typeName}}? = nil{{/inputHeaders}}) async throws {
                try await client.send(action: {{{actionLiteral}}}{{{addressingActionArgument}}}, request: request, as: {{requestType}}.{{requestElement}}{{#hasInputHeaders}}, headers: [{{#inputHeaders}}{{^isFirst}}, {{/isFirst}}{{parameterName}}.map { XMLAnyElement($0, as: {{typeName}}.{{element}}) }{{/inputHeaders}}].compactMap { $0 }{{/hasInputHeaders}})
            }
            {{/isOneWay}}
            {{/operations}}
        }

        {{/services}}

        """#,
        "Server.swift": #"""
        {{% CONTENT_TYPE: TEXT}}
        {{> header}}

        @_spi(Generated) import SOAPRuntime
        {{#imports}}
        import {{.}}
        {{/imports}}

        /// Fails to compile against a runtime this code was not generated for.
        private struct _GeneratedWithWSDL2SwiftVersion: WSDL2SwiftGeneratedCodeVersion_2 {}

        {{#services}}
        {{#docLines}}
        /// {{{.}}}
        {{/docLines}}
        ///
        /// Implement one method per operation; throw `SOAPFault` for a fault the caller should see.
        /// Any other error becomes a Receiver fault that reveals nothing of it.
        {{access}} protocol {{protocolName}}: Sendable {
            {{#operations}}
            {{#docLines}}
            /// {{{.}}}
            {{/docLines}}
            {{#hasInputHeaders}}
            ///
            /// Header blocks (`soap:header`), `nil` when absent:{{#inputHeaders}}{{^isFirst}},{{/isFirst}} `try context.header({{typeName}}.{{element}})`{{/inputHeaders}}.
            {{/hasInputHeaders}}
            {{#hasOutputHeaders}}
            ///
            /// Return the body with the header blocks the binding declares for the response:
            /// `SOAPResponse(body, headers: [{{#outputHeaders}}{{^isFirst}}, {{/isFirst}}XMLAnyElement(value, as: {{typeName}}.{{element}}){{/outputHeaders}}])`.
            func {{methodName}}(_ request: {{requestType}}, context: SOAPRequestContext) async throws -> SOAPResponse<{{responseType}}>
            {{/hasOutputHeaders}}
            {{^hasOutputHeaders}}
            func {{methodName}}(_ request: {{requestType}}, context: SOAPRequestContext) async throws{{#hasResponse}} -> {{responseType}}{{/hasResponse}}
            {{/hasOutputHeaders}}
            {{^isLast}}

            {{/isLast}}
            {{/operations}}
        }

        extension {{protocolName}} {
            /// The operations of `{{portTypeName}}` with their SOAP actions and body elements.
            {{#isPublicAccess}}@_spi(Generated) {{/isPublicAccess}}{{access}} static var soapOperations: [SOAPOperation<Self>] {
                [
                    {{#operations}}
                    {{#hasResponse}}
                    .make{{#hasOutputHeaders}}WithHeaders{{/hasOutputHeaders}}(name: "{{name}}", action: {{{actionLiteral}}}, request: {{requestType}}.{{requestElement}}, response: {{responseType}}.{{responseElement}}, responseAction: {{{responseActionLiteral}}}{{#hasInputHeaders}}, headers: [{{#inputHeaders}}{{^isFirst}}, {{/isFirst}}{{typeName}}.{{element}}.name{{/inputHeaders}}]{{/hasInputHeaders}}) { service, request, context in
                        try await service.{{methodName}}(request, context: context)
                    },
                    {{/hasResponse}}
                    {{#isOneWay}}
                    .makeOneWay(name: "{{name}}", action: {{{actionLiteral}}}, request: {{requestType}}.{{requestElement}}{{#hasInputHeaders}}, headers: [{{#inputHeaders}}{{^isFirst}}, {{/isFirst}}{{typeName}}.{{element}}.name{{/inputHeaders}}]{{/hasInputHeaders}}) { service, request, context in
                        try await service.{{methodName}}(request, context: context)
                    },
                    {{/isOneWay}}
                    {{/operations}}
                ]
            }
        }

        /// Answers SOAP {{soapVersionNumber}} requests for a `{{protocolName}}`: picks the operation by SOAP
        /// action and body element, decodes, calls, encodes, and maps faults to HTTP status. Mount it on
        /// a server transport (e.g. `SOAPHummingbird`).
        {{access}} struct {{dispatcherName}}<Service: {{protocolName}}>: SOAPRequestHandler {
            private let dispatcher: SOAPDispatcher<Service>

            /// - Parameters:
            ///   - faultPolicy: the subcodes of the faults the dispatcher raises itself (none by
            ///     default; ONVIF devices pass `.onvif` from `ONVIFSupport`).
            ///   - addressing: WS-Addressing 1.0 on every reply (`wsa:Action`, `wsa:RelatesTo`), and
            ///     the request's `wsa:Action` selects the operation (WS-Notification services need it).
            {{access}} init(
                service: Service, security: (any SOAPServerSecurity)? = nil, limits: XMLReaderLimits = .default, logger: SOAPErrorLogger? = nil,
                faultPolicy: SOAPFaultPolicy = .plain, addressing: Bool = false
            ) {
                self.dispatcher = SOAPDispatcher(
                    service: service, operations: Service.soapOperations, version: {{soapVersion}}, security: security, limits: limits, logger: logger,
                    faultPolicy: faultPolicy, addressing: addressing)
            }

            {{access}} func handle(_ request: SOAPServerRequest) async -> SOAPServerResponse {
                await dispatcher.handle(request)
            }
        }

        {{/services}}

        """#,
        "Types.swift": #"""
        {{% CONTENT_TYPE: TEXT}}
        {{> header}}

        import SOAPRuntime
        {{#imports}}
        import {{.}}
        {{/imports}}

        {{#enums}}
        {{> enum}}


        {{/enums}}
        {{#unions}}
        {{> union}}


        {{/unions}}
        {{#structs}}
        {{> struct}}


        {{/structs}}
        /// The namespaces of this module with their preferred prefixes, declared once on the root of
        /// every message.
        {{access}} enum {{namespacesTypeName}} {
            {{#namespaces}}
            /// `{{uri}}`
            {{access}} static let {{swiftName}} = XMLNamespaceBinding(prefix: "{{prefix}}", namespace: "{{uri}}")
            {{/namespaces}}

            /// Every namespace above, in a fixed order.
            {{access}} static let all: [XMLNamespaceBinding] = [{{#namespaces}}{{swiftName}}{{^isLast}}, {{/isLast}}{{/namespaces}}]
        }

        """#,
        "XMLCoding.swift": #"""
        {{% CONTENT_TYPE: TEXT}}
        {{> header}}

        @_spi(Generated) import SOAPRuntime

        /// Fails to compile against a runtime this code was not generated for.
        private struct _GeneratedWithWSDL2SwiftVersion: WSDL2SwiftGeneratedCodeVersion_2 {}

        {{#enums}}
        {{> enum-coding}}


        {{/enums}}
        {{#unions}}
        {{> union-coding}}


        {{/unions}}
        {{#structs}}
        {{> struct-coding}}


        {{/structs}}
        {{#rootElements}}
        extension {{typeName}}: XMLRootElement {
            /// `{{prefixedName}}`
            {{access}} static var xmlName: XMLName { XMLName("{{namespace}}", "{{localName}}") }
            {{access}} static var xmlNamespaces: [XMLNamespaceBinding] { {{namespacesTypeName}}.all }
        }

        {{/rootElements}}
        {{#sharedMessageElements}}
        extension {{typeName}} {
            /// `{{prefixedName}}`, one of the global elements of this type, as a SOAP message element.
            {{access}} static var {{memberName}}: SOAPMessageElement<{{typeName}}> { SOAPMessageElement(XMLName("{{namespace}}", "{{localName}}"), namespaces: {{namespacesTypeName}}.all) }
        }

        {{/sharedMessageElements}}

        """#,
        "choice-enum": #"""
        {{% CONTENT_TYPE: TEXT}}
        {{#enumDocLines}}
        /// {{{.}}}
        {{/enumDocLines}}
        {{access}} {{#isIndirect}}indirect {{/isIndirect}}enum {{name}}: Sendable, Hashable {
            {{#branches}}
            {{#docLines}}
            /// {{{.}}}
            {{/docLines}}
            /// `{{prefixedName}}`
            case {{caseName}}({{payloadType}})
            {{/branches}}
        }

        """#,
        "enum-coding": #"""
        {{% CONTENT_TYPE: TEXT}}
        extension {{qualifiedName}}: XSDSimpleValue {
            {{access}} init(xsdLexical: String) throws(XSDValueError) {
                switch xsdLexical {
                {{#cases}}
                case "{{{literal}}}": self = .{{swiftName}}
                {{/cases}}
                default: self = .unknown(xsdLexical)
                }
            }

            {{access}} var xsdLexical: String {
                switch self {
                {{#cases}}
                case .{{swiftName}}: return "{{{literal}}}"
                {{/cases}}
                case .unknown(let value): return value
                }
            }
        }
        {{#nestedEnums}}

        {{> enum-coding}}

        {{/nestedEnums}}

        """#,
        "enum": #"""
        {{% CONTENT_TYPE: TEXT}}
        {{#docLines}}
        /// {{{.}}}
        {{/docLines}}
        {{access}} enum {{name}}: Sendable, Hashable, CustomStringConvertible {
            {{#cases}}
            {{#docLines}}
            /// {{{.}}}
            {{/docLines}}
            case {{swiftName}}
            {{/cases}}
            /// A value this schema version does not know (a newer peer may send one); decoded and
            /// written back unchanged.
            case unknown(String)

            /// Every value the schema declares, in schema order.
            {{access}} static let knownCases: [{{name}}] = [{{#cases}}.{{swiftName}}{{^isLast}}, {{/isLast}}{{/cases}}]

            /// The value as it appears on the wire.
            {{access}} var description: String { xsdLexical }
        }

        """#,
        "header": #"""
        {{% CONTENT_TYPE: TEXT}}
        // Generated by wsdl2swift {{generatorVersion}} from {{inputs}}.
        // DO NOT EDIT: regenerate with `{{regenerateCommand}}`.
        // swift-format-ignore-file
        // swiftlint:disable all

        """#,
        "read-value": #"""
        {{% CONTENT_TYPE: TEXT}}
        {{#isValue}}
        let value = try reader.readValue({{valueType}}.self)
        {{/isValue}}
        {{#isList}}
        let value = try reader.readList({{valueType}}.self)
        {{/isList}}
        {{#isComplex}}
        let value = try {{valueType}}(from: reader)
        {{/isComplex}}
        {{#isAnyElement}}
        let value = try reader.readAnyElement()
        {{/isAnyElement}}

        """#,
        "struct-coding": #"""
        {{% CONTENT_TYPE: TEXT}}
        extension {{qualifiedName}}: XMLElementRepresentable {
            {{access}} init(from reader: XMLPullReader) throws(XMLDecodingError) {
                {{#fields}}
                var _{{plainName}}: {{decodeVariableType}} = {{#isSingle}}{{^isMixedText}}nil{{/isMixedText}}{{#isMixedText}}""{{/isMixedText}}{{/isSingle}}{{#isArray}}[]{{/isArray}}
                {{/fields}}
                {{#hasAttributeHandling}}
                try reader.forEachAttribute { () throws(XMLDecodingError) in
                    {{#attributeFields}}
                    {{^hasFixedValue}}
                    if reader.matchesExactly("{{xmlLocalName}}", "{{xmlNamespace}}") { _{{plainName}} = try reader.{{#isList}}attributeList{{/isList}}{{^isList}}attributeValue{{/isList}}({{valueType}}.self); return }
                    {{/hasFixedValue}}
                    {{#hasFixedValue}}
                    if reader.matchesExactly("{{xmlLocalName}}", "{{xmlNamespace}}") {
                        _{{plainName}} = try reader.attributeValue({{valueType}}.self)
                        try reader.checkFixed(_{{plainName}}, "{{fixedLexical}}", "attribute {{xmlLocalName}} in <{{ownerXMLName}}>")
                        return
                    }
                    {{/hasFixedValue}}
                    {{/attributeFields}}
                    {{#otherAttributesField}}
                    {{#wildcard}}
                    if reader.isOpenAttribute({{#isAnyNamespace}}.any{{/isAnyNamespace}}{{#otherNamespace}}.other("{{.}}"){{/otherNamespace}}{{#isNamespaceList}}.list([{{#namespaceList}}"{{literal}}"{{^isLast}}, {{/isLast}}{{/namespaceList}}]){{/isNamespaceList}}) { _{{plainName}}.append(reader.captureAttribute()) }
                    {{/wildcard}}
                    {{/otherAttributesField}}
                }
                {{#attributeFields}}
                {{#hasDefaultValue}}
                if _{{plainName}} == nil { _{{plainName}} = reader.defaultValue({{valueType}}.self, "{{defaultLexical}}") }
                {{/hasDefaultValue}}
                {{/attributeFields}}
                {{/hasAttributeHandling}}
                {{#simpleContentField}}
                _{{plainName}} = try reader.readValue({{valueType}}.self)
                {{#hasTextNamespaces}}
                _{{textNamespacesName}} = reader.namespaces(usedIn: _{{plainName}})
                {{/hasTextNamespaces}}
                {{/simpleContentField}}
                {{^simpleContentField}}
                {{#mixedTextField}}
                try reader.forEachChild(collectingText: &_{{plainName}}) { () throws(XMLDecodingError) in
                {{/mixedTextField}}
                {{^mixedTextField}}
                try reader.forEachChild(allowText: false) { () throws(XMLDecodingError) in
                {{/mixedTextField}}
                    {{#elementFields}}
                    {{#isChoice}}
                    {{#choiceBranches}}
                    if reader.matches("{{xmlLocalName}}", "{{matchNamespace}}") {
                        {{> read-value}}
                        {{#isSingle}}
                        {{#isRepeatedBranch}}
                        switch _{{plainName}} {
                        case nil: _{{plainName}} = .{{caseName}}([value])
                        case .{{caseName}}(let values)?: _{{plainName}} = .{{caseName}}(values + [value])
                        default: throw reader.error(.duplicateElement, "element <{{xmlLocalName}}> follows another branch of a choice in <{{ownerXMLName}}>")
                        }
                        {{/isRepeatedBranch}}
                        {{^isRepeatedBranch}}
                        guard _{{plainName}} == nil else {
                            throw reader.error(.duplicateElement, "element <{{xmlLocalName}}> follows another branch of a choice in <{{ownerXMLName}}>")
                        }
                        _{{plainName}} = .{{caseName}}(value)
                        {{/isRepeatedBranch}}
                        {{/isSingle}}
                        {{#isArray}}
                        _{{plainName}}.append(.{{caseName}}(value))
                        {{/isArray}}
                        return
                    }
                    {{/choiceBranches}}
                    {{/isChoice}}
                    {{#isPlainElement}}
                    {{#isNillable}}
                    if reader.matches("{{xmlLocalName}}", "{{matchNamespace}}") {
                        {{#isSingle}}
                        guard _{{plainName}} == nil else { throw reader.duplicateElement(in: "{{ownerXMLName}}") }
                        {{/isSingle}}
                        if reader.isNil {
                            try reader.skipElement()
                            _{{plainName}}{{#isSingle}} = .nil{{/isSingle}}{{#isArray}}.append(.nil){{/isArray}}
                            return
                        }
                        {{> read-value}}
                        _{{plainName}}{{#isSingle}} = .value(value){{/isSingle}}{{#isArray}}.append(.value(value)){{/isArray}}
                        return
                    }
                    {{/isNillable}}
                    {{^isNillable}}
                    {{#isSingle}}
                    {{#hasDefaultValue}}
                    if reader.matches("{{xmlLocalName}}", "{{matchNamespace}}") {
                        try reader.readValue(into: &_{{plainName}}, emptyMeans: "{{defaultLexical}}", in: "{{ownerXMLName}}")
                        {{#hasFixedValue}}
                        try reader.checkFixed(_{{plainName}}, "{{fixedLexical}}", "element {{xmlLocalName}} in <{{ownerXMLName}}>")
                        {{/hasFixedValue}}
                        return
                    }
                    {{/hasDefaultValue}}
                    {{^hasDefaultValue}}
                    if reader.matches("{{xmlLocalName}}", "{{matchNamespace}}") { try reader.{{#isValue}}readValue{{/isValue}}{{#isList}}readList{{/isList}}{{#isComplex}}readElement{{/isComplex}}{{#isAnyElement}}readAnyElement{{/isAnyElement}}(into: &_{{plainName}}, in: "{{ownerXMLName}}"); return }
                    {{/hasDefaultValue}}
                    {{/isSingle}}
                    {{#isArray}}
                    if reader.matches({{#matchesAnyName}}.any{{/matchesAnyName}}{{^matchesAnyName}}"{{xmlLocalName}}", "{{matchNamespace}}"{{/matchesAnyName}}) { _{{plainName}}.append(try {{#isValue}}reader.readValue({{valueType}}.self){{/isValue}}{{#isList}}reader.readList({{valueType}}.self){{/isList}}{{#isComplex}}{{valueType}}(from: reader){{/isComplex}}{{#isAnyElement}}reader.readAnyElement(){{/isAnyElement}}); return }
                    {{/isArray}}
                    {{/isNillable}}
                    {{/isPlainElement}}
                    {{/elementFields}}
                    {{#choiceWildcardFields}}
                    {{#choiceWildcard}}
                    {{#wildcard}}
                    if reader.matches({{#isAnyNamespace}}.any{{/isAnyNamespace}}{{#otherNamespace}}.other("{{.}}"){{/otherNamespace}}{{#isNamespaceList}}.list([{{#namespaceList}}"{{literal}}"{{^isLast}}, {{/isLast}}{{/namespaceList}}]){{/isNamespaceList}}) {
                    {{/wildcard}}
                        let value = try reader.readAnyElement()
                        {{#isSingle}}
                        guard _{{plainName}} == nil else {
                            throw reader.error(.duplicateElement, "element <\(reader.localName)> follows another branch of a choice in <{{ownerXMLName}}>")
                        }
                        _{{plainName}} = .{{caseName}}(value)
                        {{/isSingle}}
                        {{#isArray}}
                        _{{plainName}}.append(.{{caseName}}(value))
                        {{/isArray}}
                        return
                    }
                    {{/choiceWildcard}}
                    {{/choiceWildcardFields}}
                    {{#otherElementsField}}
                    {{#wildcard}}
                    if reader.matches({{#isAnyNamespace}}.any{{/isAnyNamespace}}{{#otherNamespace}}.other("{{.}}"){{/otherNamespace}}{{#isNamespaceList}}.list([{{#namespaceList}}"{{literal}}"{{^isLast}}, {{/isLast}}{{/namespaceList}}]){{/isNamespaceList}}) { _{{plainName}}.append(try reader.readAnyElement()); return }
                    {{/wildcard}}
                    {{/otherElementsField}}
                    try reader.unknownElement(in: "{{ownerXMLName}}")
                }
                {{#mixedTextField}}
                _{{textNamespacesName}} = reader.namespaces(usedIn: _{{plainName}})
                {{/mixedTextField}}
                {{/simpleContentField}}
                self.init({{#fields}}{{^isFirst}}, {{/isFirst}}{{argumentLabel}}: {{#isRequired}}try reader.require(_{{plainName}}, "{{kindDescription}} {{xmlLocalName}} in <{{ownerXMLName}}>"){{/isRequired}}{{^isRequired}}_{{plainName}}{{/isRequired}}{{/fields}})
            }

            {{access}} func encode(to writer: inout XMLWriter, as name: XMLName) {
                writer.startElement(name)
                {{#textNamespacesField}}
                for binding in self.{{swiftName}} { writer.declareIfNeeded(binding) }
                {{/textNamespacesField}}
                {{#soapArray}}
                writer.soapArrayType(XMLName("{{itemNamespace}}", "{{itemLocalName}}"), count: self.{{itemsName}}.count)
                {{/soapArray}}
                {{#attributeFields}}
                {{#isRequired}}
                writer.attribute(XMLName("{{xmlNamespace}}", "{{xmlLocalName}}"), {{#isList}}list{{/isList}}{{^isList}}value{{/isList}}: self.{{swiftName}})
                {{/isRequired}}
                {{#isOptional}}
                if let value = self.{{swiftName}} { writer.attribute(XMLName("{{xmlNamespace}}", "{{xmlLocalName}}"), {{#isList}}list{{/isList}}{{^isList}}value{{/isList}}: value) }
                {{/isOptional}}
                {{/attributeFields}}
                {{#otherAttributesField}}
                for attribute in self.{{swiftName}} { writer.write(attribute) }
                {{/otherAttributesField}}
                {{#simpleContentField}}
                writer.text(self.{{swiftName}}.xsdLexical)
                {{/simpleContentField}}
                {{#mixedTextField}}
                if !self.{{swiftName}}.isEmpty { writer.text(self.{{swiftName}}) }
                {{/mixedTextField}}
                {{#elementFields}}
                {{#isChoice}}
                {{#isRequired}}
                switch self.{{swiftName}} {
                {{/isRequired}}
                {{#isOptional}}
                if let choice = self.{{swiftName}} { switch choice {
                {{/isOptional}}
                {{#isArray}}
                for choice in self.{{swiftName}} { switch choice {
                {{/isArray}}
                {{#choiceBranches}}
                {{#isRepeatedBranch}}
                case .{{caseName}}(let values):
                    for value in values {
                        {{> write-value}}
                    }
                {{/isRepeatedBranch}}
                {{^isRepeatedBranch}}
                case .{{caseName}}(let value):
                    {{> write-value}}
                {{/isRepeatedBranch}}
                {{/choiceBranches}}
                {{#choiceWildcard}}
                case .{{caseName}}(let value):
                    writer.write(value)
                {{/choiceWildcard}}
                }
                {{^isRequired}}
                }
                {{/isRequired}}
                {{/isChoice}}
                {{#isNillable}}
                {{#isRequired}}
                switch self.{{swiftName}} {
                {{/isRequired}}
                {{#isOptional}}
                if let nillable = self.{{swiftName}} { switch nillable {
                {{/isOptional}}
                {{#isArray}}
                for nillable in self.{{swiftName}} { switch nillable {
                {{/isArray}}
                case .nil:
                    writer.nilElement(XMLName("{{xmlNamespace}}", "{{xmlLocalName}}"))
                case .value(let value):
                    {{> write-value}}
                }
                {{^isRequired}}
                }
                {{/isRequired}}
                {{/isNillable}}
                {{^isNillable}}
                {{#isPlainElement}}
                {{#isRequired}}
                {{#isValue}}
                {{#isUnqualified}}
                writer.element(local: "{{xmlLocalName}}", value: self.{{swiftName}})
                {{/isUnqualified}}
                {{^isUnqualified}}
                writer.element(XMLName("{{xmlNamespace}}", "{{xmlLocalName}}"), value: self.{{swiftName}})
                {{/isUnqualified}}
                {{/isValue}}
                {{#isList}}
                writer.element(XMLName("{{xmlNamespace}}", "{{xmlLocalName}}"), list: self.{{swiftName}})
                {{/isList}}
                {{#isComplex}}
                self.{{swiftName}}.encode(to: &writer, as: XMLName("{{xmlNamespace}}", "{{xmlLocalName}}"))
                {{/isComplex}}
                {{#isAnyElement}}
                writer.write(self.{{swiftName}})
                {{/isAnyElement}}
                {{/isRequired}}
                {{^isRequired}}
                {{#isOptional}}if let value = self.{{swiftName}} {{/isOptional}}{{#isArray}}for value in self.{{swiftName}} {{/isArray}}{
                    {{#isValue}}
                    {{#isUnqualified}}
                    writer.element(local: "{{xmlLocalName}}", value: value)
                    {{/isUnqualified}}
                    {{^isUnqualified}}
                    writer.element(XMLName("{{xmlNamespace}}", "{{xmlLocalName}}"), value: value)
                    {{/isUnqualified}}
                    {{/isValue}}
                    {{#isList}}
                    writer.element(XMLName("{{xmlNamespace}}", "{{xmlLocalName}}"), list: value)
                    {{/isList}}
                    {{#isComplex}}
                    value.encode(to: &writer, as: XMLName("{{xmlNamespace}}", "{{xmlLocalName}}"))
                    {{/isComplex}}
                    {{#isAnyElement}}
                    writer.write(value)
                    {{/isAnyElement}}
                }
                {{/isRequired}}
                {{/isPlainElement}}
                {{/isNillable}}
                {{/elementFields}}
                {{#otherElementsField}}
                for element in self.{{swiftName}} { writer.write(element) }
                {{/otherElementsField}}
                writer.endElement(name)
            }
        }
        {{#nestedEnums}}

        {{> enum-coding}}

        {{/nestedEnums}}
        {{#nestedStructs}}

        {{> struct-coding}}

        {{/nestedStructs}}

        """#,
        "struct": #"""
        {{% CONTENT_TYPE: TEXT}}
        {{#docLines}}
        /// {{{.}}}
        {{/docLines}}
        {{access}} struct {{name}}: Sendable, Hashable {
            {{#fields}}
            {{#docLines}}
            /// {{{.}}}
            {{/docLines}}
            {{#isDirect}}
            {{access}} var {{swiftName}}: {{swiftType}}
            {{/isDirect}}
            {{#isIndirect}}
            {{access}} var {{swiftName}}: {{swiftType}} {
                get { {{storageName}}{{#isOptional}}?{{/isOptional}}.value }
                set { {{storageName}} = {{#isOptional}}newValue.map(XMLIndirect.init){{/isOptional}}{{#isRequired}}XMLIndirect(newValue){{/isRequired}} }
            }
            /// Out of line: this type contains itself through `{{swiftName}}`.
            private var {{storageName}}: XMLIndirect<{{storageType}}>{{#isOptional}}?{{/isOptional}}
            {{/isIndirect}}
            {{/fields}}

            {{access}} init({{#fields}}{{^isFirst}}, {{/isFirst}}{{swiftName}}: {{swiftType}}{{^isRequired}} = {{#isOptional}}nil{{/isOptional}}{{#isArray}}[]{{/isArray}}{{#isMixedText}}""{{/isMixedText}}{{/isRequired}}{{/fields}}) {
                {{#fields}}
                {{#isDirect}}
                self.{{swiftName}} = {{swiftName}}
                {{/isDirect}}
                {{#isIndirect}}
                self.{{storageName}} = {{#isOptional}}{{swiftName}}.map(XMLIndirect.init){{/isOptional}}{{#isRequired}}XMLIndirect({{swiftName}}){{/isRequired}}
                {{/isIndirect}}
                {{/fields}}
            }
            {{#nestedEnums}}

            {{> enum}}

            {{/nestedEnums}}
            {{#nestedStructs}}

            {{> struct}}

            {{/nestedStructs}}
            {{#choiceEnums}}

            {{> choice-enum}}

            {{/choiceEnums}}
        }

        """#,
        "union-coding": #"""
        {{% CONTENT_TYPE: TEXT}}
        extension {{qualifiedName}}: XSDSimpleValue {
            {{access}} init(xsdLexical: String) throws(XSDValueError) {
                {{#members}}
                if let value = try? {{swiftType}}(xsdLexical: xsdLexical) {
                    self = .{{caseName}}(value)
                    return
                }
                {{/members}}
                throw XSDValueError(typeName: "{{{typeDescription}}}", value: xsdLexical, reason: "no member type of the union accepts it")
            }

            {{access}} var xsdLexical: String {
                switch self {
                {{#members}}
                case .{{caseName}}(let value): return value.xsdLexical
                {{/members}}
                }
            }
        }

        """#,
        "union": #"""
        {{% CONTENT_TYPE: TEXT}}
        {{#docLines}}
        /// {{{.}}}
        {{/docLines}}
        ///
        /// `xs:union`: decoded as the first member type that accepts the text, in schema order.
        {{access}} enum {{name}}: Sendable, Hashable, CustomStringConvertible {
            {{#members}}
            /// {{memberDescription}}
            case {{caseName}}({{swiftType}})
            {{/members}}

            /// The value as it appears on the wire.
            {{access}} var description: String { xsdLexical }
        }

        """#,
        "write-value": #"""
        {{% CONTENT_TYPE: TEXT}}
        {{#isValue}}
        {{#isUnqualified}}
        writer.element(local: "{{xmlLocalName}}", value: value)
        {{/isUnqualified}}
        {{^isUnqualified}}
        writer.element(XMLName("{{xmlNamespace}}", "{{xmlLocalName}}"), value: value)
        {{/isUnqualified}}
        {{/isValue}}
        {{#isList}}
        writer.element(XMLName("{{xmlNamespace}}", "{{xmlLocalName}}"), list: value)
        {{/isList}}
        {{#isComplex}}
        value.encode(to: &writer, as: XMLName("{{xmlNamespace}}", "{{xmlLocalName}}"))
        {{/isComplex}}
        {{#isAnyElement}}
        writer.write(value)
        {{/isAnyElement}}

        """#,
    ]
}
