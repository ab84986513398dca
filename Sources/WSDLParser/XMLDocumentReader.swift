import CLibXML2
import Foundation
import WSDLModel

/// Frees a string libxml2 allocated. `xmlFree` is a mutable C global Swift 6 refuses to read;
/// libxml2's default allocator, which nothing in this process replaces, is `malloc`.
private func releaseXMLString(_ pointer: UnsafeMutablePointer<xmlChar>) {
    free(pointer)
}

/// One-time libxml2 set-up (thread-safe: a global `static let` is initialized once).
enum LibXML2 {
    static let initialized: Bool = {
        xmlInitParser()
        return true
    }()
}

/// Collects libxml2's errors for one parse.
private final class XMLErrorCollector {
    let file: String
    var diagnostics: [Diagnostic] = []
    var sawFatalError = false

    init(file: String) { self.file = file }

    func record(_ error: UnsafeMutablePointer<xmlError>) {
        let level = error.pointee.level
        // After the first fatal error libxml2's further complaints are consequences of it.
        guard level == XML_ERR_ERROR || level == XML_ERR_FATAL, !sawFatalError else { return }
        if level == XML_ERR_FATAL { sawFatalError = true }
        diagnostics.append(Self.diagnostic(error, file: file))
    }

    static func diagnostic(_ error: UnsafeMutablePointer<xmlError>, file: String) -> Diagnostic {
        let message = error.pointee.message.map { String(cString: $0) }?.trimmingXMLWhitespace() ?? "malformed XML"
        let line = Int(error.pointee.line)
        let column = Int(error.pointee.int2)
        let location = line > 0 ? SourceLocation(file: file, line: line, column: max(column, 1)) : SourceLocation(file: file, line: 1, column: 1)
        return Diagnostic(.error, "malformed XML: \(message)", at: location)
    }
}

private let xmlErrorHandler: xmlStructuredErrorFunc = { userData, error in
    guard let userData, let error else { return }
    let context = userData.assumingMemoryBound(to: xmlParserCtxt.self)
    guard let collector = context.pointee._private else { return }
    Unmanaged<XMLErrorCollector>.fromOpaque(collector).takeUnretainedValue().record(error)
}

/// Reads a document with libxml2 into `XMLNode`s, securely: no network, no DTD loading, no
/// entity substitution. The DOM is freed before returning.
enum XMLDocumentReader {
    /// Parses `bytes` (the content of `file`, the display path). Returns the root element, or
    /// the diagnostics of a malformed document.
    static func read(bytes original: [UInt8], file: String) -> Result<XMLNode, DiagnosticError> {
        _ = LibXML2.initialized
        // Encoding errors bypass the structured handler below and would reach stderr.
        clibxml2_silence_generic_errors()
        let bytes = movingDeclarationFirst(original)
        guard let context = xmlNewParserCtxt() else {
            return .failure(DiagnosticError("cannot create an XML parser for '\(file)'", at: nil))
        }
        defer { xmlFreeParserCtxt(context) }
        let collector = XMLErrorCollector(file: file)
        context.pointee._private = Unmanaged.passUnretained(collector).toOpaque()
        context.pointee.sax.pointee.serror = xmlErrorHandler

        let options = Int32(
            XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue | XML_PARSE_BIG_LINES.rawValue
        )
        let document = withExtendedLifetime(collector) {
            bytes.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { chars in
                    xmlCtxtReadMemory(context, chars.baseAddress, Int32(chars.count), file, nil, options)
                }
            }
        }
        context.pointee._private = nil
        defer { if let document { xmlFreeDoc(document) } }

        var diagnostics = collector.diagnostics
        if diagnostics.isEmpty, document == nil || context.pointee.wellFormed == 0 || context.pointee.nsWellFormed == 0 {
            if let last = xmlCtxtGetLastError(context) {
                diagnostics.append(XMLErrorCollector.diagnostic(last, file: file))
            } else {
                diagnostics.append(Diagnostic(.error, "malformed XML", at: SourceLocation(file: file, line: 1, column: 1)))
            }
        }
        guard diagnostics.isEmpty, let document, let root = xmlDocGetRootElement(document) else {
            return .failure(DiagnosticError(diagnostics))
        }
        var builder = NodeBuilder(document: document, file: file, scanner: StartTagScanner(bytes: bytes))
        return .success(builder.build(root, parentScope: nil))
    }
}

extension XMLDocumentReader {
    /// Documents that start with blank lines before `<?xml …?>` (Spain's AEAT services ship
    /// so) are not well-formed, yet every SOAP stack reads them: the declaration is moved in
    /// front of the blank lines, so every later line keeps its number.
    static func movingDeclarationFirst(_ bytes: [UInt8]) -> [UInt8] {
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        guard let first = bytes.firstIndex(where: { !isSpace($0) }), first > 0,
            bytes[first...].starts(with: Array("<?xml".utf8)), bytes.count > first + 5, isSpace(bytes[first + 5]),
            let end = bytes[first...].firstRange(of: Array("?>".utf8))?.upperBound
        else { return bytes }
        return Array(bytes[first..<end]) + Array(bytes[..<first]) + Array(bytes[end...])
    }
}

/// Copies libxml2 elements into `XMLNode`s, giving each its line and column.
private struct NodeBuilder {
    let document: xmlDocPtr
    let file: String
    let scanner: StartTagScanner
    let tags: [StartTagScanner.StartTag]
    /// Index of the next element in document order.
    var elementIndex = 0
    /// How many elements with a given tag name were already placed on a line (fallback).
    var occurrences: [String: Int] = [:]

    init(document: xmlDocPtr, file: String, scanner: StartTagScanner) {
        self.document = document
        self.file = file
        self.scanner = scanner
        self.tags = scanner.startTags()
    }

    mutating func build(_ node: xmlNodePtr, parentScope: NamespaceScope?) -> XMLNode {
        let localName = string(node.pointee.name)
        let namespace = node.pointee.ns.map { Self.canonical(string($0.pointee.href)) } ?? ""
        let prefix = node.pointee.ns.flatMap { $0.pointee.prefix }.map { String(cString: $0) }
        let qualifiedName = prefix.map { "\($0):\(localName)" } ?? localName

        var declarations: [(prefix: String, namespace: String)] = []
        var ns = node.pointee.nsDef
        while let current = ns {
            declarations.append((current.pointee.prefix.map { String(cString: $0) } ?? "", Self.canonical(string(current.pointee.href))))
            ns = current.pointee.next
        }
        let scope = (declarations.isEmpty ? parentScope : nil) ?? NamespaceScope(parent: parentScope, declarations: declarations)

        var attributes: [XMLNodeAttribute] = []
        var attribute = node.pointee.properties
        while let current = attribute {
            var value = ""
            if let raw = xmlNodeListGetString(document, current.pointee.children, 1) {
                value = String(cString: raw)
                releaseXMLString(raw)
            }
            attributes.append(XMLNodeAttribute(
                namespace: current.pointee.ns.map { Self.canonical(string($0.pointee.href)) } ?? "",
                localName: string(current.pointee.name),
                value: value
            ))
            attribute = current.pointee.next
        }

        var text: String?
        if localName == "documentation", let raw = xmlNodeGetContent(node) {
            text = String(cString: raw)
            releaseXMLString(raw)
        }

        let location = locate(node, qualifiedName: qualifiedName)
        var result = XMLNode(
            namespace: namespace, localName: localName, qualifiedName: qualifiedName, attributes: attributes,
            children: [], scope: scope, text: text, location: location
        )
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE {
                result.children.append(build(current, parentScope: scope))
            }
            child = current.pointee.next
        }
        return result
    }

    /// The element's `<` position: the n-th start tag of the source when its name agrees,
    /// else a search on libxml2's line.
    private mutating func locate(_ node: xmlNodePtr, qualifiedName: String) -> SourceLocation {
        defer { elementIndex += 1 }
        if elementIndex < tags.count, tags[elementIndex].name == qualifiedName {
            return SourceLocation(file: file, line: tags[elementIndex].line, column: tags[elementIndex].column)
        }
        let line = max(Int(xmlGetLineNo(node)), 1)
        let key = "\(line) \(qualifiedName)"
        let occurrence = occurrences[key, default: 0]
        occurrences[key] = occurrence + 1
        let column = scanner.column(ofTag: qualifiedName, onLine: line, occurrence: occurrence) ?? 1
        return SourceLocation(file: file, line: line, column: column)
    }

    /// The namespaces of XML Schema's 1999 and 2000 drafts, which Apache SOAP and Axis 1 era
    /// WSDLs still declare, read as XML Schema 1.0's: their structures and the built-in types
    /// such services use are the same.
    static func canonical(_ namespace: String) -> String {
        switch namespace {
        case "http://www.w3.org/1999/XMLSchema", "http://www.w3.org/2000/10/XMLSchema": return Namespaces.xsd
        default: return namespace
        }
    }

    private func string(_ pointer: UnsafePointer<xmlChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
    }
}
