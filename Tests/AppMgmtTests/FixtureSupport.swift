import Foundation
import SOAPRuntime
import Testing

/// Loads a wire fixture from `Fixtures/`.
func fixture(_ name: String) throws -> [UInt8] {
    let url = try #require(Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil))
    return Array(try Data(contentsOf: url))
}

/// Decodes the first child of a SOAP 1.2 Body as `T`.
func decodeBody<T: XMLRootElement>(_ type: T.Type, from bytes: [UInt8]) throws(XMLDecodingError) -> T {
    let reader = try XMLPullReader(bytes: bytes)
    try reader.moveToRootElement()
    guard reader.matchesExactly("Envelope", "http://www.w3.org/2003/05/soap-envelope") else {
        throw reader.error(.unexpectedRoot, "not a SOAP 1.2 envelope")
    }
    var result: T?
    try reader.forEachChild { () throws(XMLDecodingError) in
        guard reader.matchesExactly("Body", "http://www.w3.org/2003/05/soap-envelope") else {
            try reader.skipElement()
            return
        }
        try reader.forEachChild { () throws(XMLDecodingError) in
            guard result == nil, reader.matchesName(T.xmlName) else {
                throw reader.error(.unexpectedElement, "unexpected body element <\(reader.localName)>")
            }
            result = try T(from: reader)
        }
    }
    try reader.finish()
    guard let result else { throw XMLDecodingError(.missingValue, "empty Body") }
    return result
}
