import CLibXML2
import Foundation

/// The XML information set of one element, read with libxml2's tree parser (not our
/// reader): names as (namespace, local name), attributes without
/// namespace declarations, children in document order, non-blank text.
///
/// Values that name a namespace through a prefix (`tns1:RuleEngine/...`, `tt:ReferenceToken`)
/// are compared by meaning: the prefix is replaced by the namespace it is bound to *at that
/// element*, so an encoder that writes the text but drops the declaration differs.
/// Numbers and booleans compare by value (`3.0` and `3`, `1` and `true`), as XML Schema does.
indirect enum InfoItem: Equatable, CustomStringConvertible {
    case element(namespace: String, name: String, attributes: [Attribute], children: [InfoItem])
    case text(Value)

    struct Attribute: Equatable, CustomStringConvertible {
        var namespace: String
        var name: String
        var value: Value
        var description: String { "@{\(namespace)}\(name)=\(value)" }
    }

    /// A text or attribute value, with prefixed names resolved.
    struct Value: Equatable, CustomStringConvertible {
        var text: String

        static func == (a: Value, b: Value) -> Bool {
            if a.text == b.text { return true }
            if let x = Double(a.text), let y = Double(b.text) { return x == y }
            let truth: [String: Bool] = ["true": true, "1": true, "false": false, "0": false]
            if let x = truth[a.text], let y = truth[b.text] { return x == y }
            return false
        }
        var description: String { text.debugDescription }
    }

    var description: String { lines(indent: "").joined(separator: "\n") }

    func lines(indent: String) -> [String] {
        switch self {
        case .text(let value): return [indent + "text " + value.description]
        case .element(let namespace, let name, let attributes, let children):
            let head = indent + "{\(namespace)}\(name)" + attributes.map { " " + $0.description }.joined()
            return [head] + children.flatMap { $0.lines(indent: indent + "  ") }
        }
    }
}

enum InfoSetError: Error, CustomStringConvertible {
    case noBody(String)
    var description: String {
        switch self { case .noBody(let s): "no SOAP Body child in \(s)" }
    }
}

enum InfoSet {
    /// The info set of the first child of the SOAP Body in `bytes`, from libxml2's tree parser.
    static func body(of bytes: [UInt8]) throws -> InfoItem {
        let document = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.map { base in
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { xmlReadMemory($0, Int32(buffer.count), nil, nil, Int32(XML_PARSE_NONET.rawValue)) }
            } ?? nil
        }
        guard let document else { throw InfoSetError.noBody(String(decoding: bytes.prefix(200), as: UTF8.self)) }
        defer { xmlFreeDoc(document) }
        guard let root = xmlDocGetRootElement(document),
            let body = elements(of: root).first(where: { name(of: $0) == "Body" }),
            let first = elements(of: body).first
        else { throw InfoSetError.noBody(String(decoding: bytes.prefix(200), as: UTF8.self)) }
        return item(first, document: document)
    }

    static func elements(of node: xmlNodePtr) -> [xmlNodePtr] {
        var out: [xmlNodePtr] = []
        var child = node.pointee.children
        while let c = child {
            if c.pointee.type == XML_ELEMENT_NODE { out.append(c) }
            child = c.pointee.next
        }
        return out
    }

    static func string(_ p: UnsafePointer<xmlChar>?) -> String { p.map { String(cString: $0) } ?? "" }
    static func name(of node: xmlNodePtr) -> String { string(node.pointee.name) }

    static func item(_ element: xmlNodePtr, document: xmlDocPtr) -> InfoItem {
        var attributes: [InfoItem.Attribute] = []
        var attribute = element.pointee.properties
        while let a = attribute {
            var value = ""
            var text = a.pointee.children
            while let t = text {
                value += string(t.pointee.content)
                text = t.pointee.next
            }
            attributes.append(InfoItem.Attribute(
                namespace: string(a.pointee.ns?.pointee.href), name: string(a.pointee.name),
                value: resolved(value, at: element, document: document)))
            attribute = a.pointee.next
        }
        attributes.sort { ($0.namespace, $0.name) < ($1.namespace, $1.name) }
        var children: [InfoItem] = []
        var child = element.pointee.children
        while let c = child {
            if c.pointee.type == XML_ELEMENT_NODE {
                children.append(item(c, document: document))
            } else if c.pointee.type == XML_TEXT_NODE || c.pointee.type == XML_CDATA_SECTION_NODE {
                let text = string(c.pointee.content).trimmingCharacters(in: .whitespacesAndNewlines)
                if !text.isEmpty { children.append(.text(resolved(text, at: element, document: document))) }
            }
            child = c.pointee.next
        }
        return .element(namespace: string(element.pointee.ns?.pointee.href), name: name(of: element), attributes: attributes, children: children)
    }

    /// `prefix:rest` with a prefix bound at `element` becomes `{namespace}rest`.
    static func resolved(_ text: String, at element: xmlNodePtr, document: xmlDocPtr) -> InfoItem.Value {
        guard let colon = text.firstIndex(of: ":"), colon != text.startIndex else { return .init(text: text) }
        let prefix = String(text[..<colon])
        let rest = text[text.index(after: colon)...]
        guard prefix.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "." }), !rest.hasPrefix("//") else {
            return .init(text: text)
        }
        guard let ns = xmlSearchNs(document, element, prefix), let href = ns.pointee.href else {
            return .init(text: "UNDECLARED(\(text))")
        }
        return .init(text: "{\(String(cString: href))}" + rest)
    }
}
