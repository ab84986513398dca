import CLibXML2
import Foundation
import XMLCoder

/// Baseline (a): libxml2's xmlTextReader over the same bytes, with the options the runtime's
/// reader uses, visiting every node and reading its name, namespace and value pointers,
/// building nothing.
func libxml2PassThrough(_ bytes: [UInt8]) -> Int {
    let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_COMPACT.rawValue | XML_PARSE_NOWARNING.rawValue)
    return bytes.withUnsafeBufferPointer { buffer -> Int in
        guard let base = buffer.baseAddress,
            let reader = xmlReaderForMemory(UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self), Int32(buffer.count), nil, nil, options)
        else { return -1 }
        defer { xmlFreeTextReader(reader) }
        var checksum = 0
        while xmlTextReaderRead(reader) == 1 {
            checksum &+= Int(xmlTextReaderNodeType(reader))
            if let name = xmlTextReaderConstLocalName(reader) { checksum &+= Int(name[0]) }
            if let namespace = xmlTextReaderConstNamespaceUri(reader) { checksum &+= Int(namespace[0]) }
            if let value = xmlTextReaderConstValue(reader) { checksum &+= Int(value[0]) }
        }
        return checksum
    }
}

// Baseline (b): XMLCoder with equivalent Codable structs and the `.iso8601` date strategy.
// `.iso8601` is ISO8601DateFormatter with `.withInternetDateTime`, which rejects fractional
// seconds: XMLCoder therefore gets messages whose dates have whole seconds (the generated
// decoder is measured on those very bytes for the ratio). XMLCoder skips the extension element
// and attributes instead of keeping them, so it does less work than the generated decoder.

struct XCLicense: Codable {
    var name: String
    var validFrom: Date?
    var validUntil: Date?
    enum CodingKeys: String, CodingKey {
        case name = "Name", validFrom = "ValidFrom", validUntil = "ValidUntil"
    }
}

struct XCAppInfo: Codable {
    var appID: String
    var name: String
    var version: String
    var licenses: [XCLicense]?
    var privileges: [String]?
    var installationDate: Date
    var lastUpdate: Date
    var state: String
    var status: String
    var autostart: Bool
    var website: String
    var openSource: String?
    var configuration: String?
    var interfaceDescription: [String]?
    enum CodingKeys: String, CodingKey {
        case appID = "AppID", name = "Name", version = "Version", licenses = "Licenses", privileges = "Privileges"
        case installationDate = "InstallationDate", lastUpdate = "LastUpdate", state = "State", status = "Status"
        case autostart = "Autostart", website = "Website", openSource = "OpenSource", configuration = "Configuration"
        case interfaceDescription = "InterfaceDescription"
    }
}

struct XCGetAppsInfoResponse: Codable {
    var info: [XCAppInfo]
    enum CodingKeys: String, CodingKey { case info = "Info" }
}

func xmlCoderDecoder() -> XMLDecoder {
    let decoder = XMLDecoder()
    decoder.dateDecodingStrategy = .iso8601
    decoder.shouldProcessNamespaces = true
    return decoder
}

func xmlCoderEncoder() -> XMLEncoder {
    let encoder = XMLEncoder()
    encoder.dateEncodingStrategy = .iso8601
    return encoder
}

/// Reference only (not a target baseline): libxml2's SAX2 interface over the same bytes with
/// callbacks that touch every name and text run and build nothing. It shows how much of the
/// xmlTextReader pass-through is the reader's own node bookkeeping.
func libxml2SAXPassThrough(_ bytes: [UInt8]) -> Int {
    var handler = xmlSAXHandler()
    handler.initialized = XML_SAX2_MAGIC
    handler.startElementNs = { context, localName, _, uri, _, _, _, _, _ in
        guard let context else { return }
        let sum = context.assumingMemoryBound(to: Int.self)
        if let localName { sum.pointee &+= Int(localName[0]) }
        if let uri { sum.pointee &+= Int(uri[0]) }
    }
    handler.endElementNs = { context, localName, _, _ in
        guard let context, let localName else { return }
        context.assumingMemoryBound(to: Int.self).pointee &+= Int(localName[0])
    }
    handler.characters = { context, text, count in
        guard let context, let text else { return }
        context.assumingMemoryBound(to: Int.self).pointee &+= Int(text[0]) &+ Int(count)
    }
    var checksum = 0
    let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_COMPACT.rawValue | XML_PARSE_NOWARNING.rawValue)
    bytes.withUnsafeBufferPointer { buffer in
        withUnsafeMutablePointer(to: &checksum) { sum in
            guard let base = buffer.baseAddress,
                let context = xmlCreatePushParserCtxt(&handler, sum, nil, 0, nil)
            else { return }
            defer { xmlFreeParserCtxt(context) }
            xmlCtxtUseOptions(context, options)
            _ = xmlParseChunk(context, UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self), Int32(buffer.count), 1)
        }
    }
    return checksum
}
