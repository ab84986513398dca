// XSDList.swift
// XSD list types: whitespace-separated items of a simple type.

/// Codec for XSD list types (`xs:list`): items separated by XML whitespace (space, tab, CR, LF).
public enum XSDList {
    /// Splits `lexical` on runs of XML whitespace and decodes each item as `T`. Empty or
    /// all-whitespace text is the empty list. Throws the first item's error.
    public static func decode<T: XSDSimpleValue>(_ lexical: String, as type: T.Type) throws(XSDValueError) -> [T] {
        let result: Result<[T], XSDValueError> = withUTF8Bytes(lexical) { bytes in
            var items: [T] = []
            var i = 0
            let end = bytes.count
            while i < end {
                while i < end, XSDWhitespace.isXMLWhitespace(bytes[i]) { i += 1 }
                guard i < end else { break }
                let start = i
                while i < end, !XSDWhitespace.isXMLWhitespace(bytes[i]) { i += 1 }
                let token = start == 0 && i == end ? lexical : makeString(bytes, start..<i)
                do throws(XSDValueError) {
                    items.append(try T(xsdLexical: token))
                } catch {
                    return .failure(error)
                }
            }
            return .success(items)
        }
        return try result.get()
    }

    /// The items' lexical forms joined by single spaces.
    public static func encode<T: XSDSimpleValue>(_ values: [T]) -> String {
        switch values.count {
        case 0: return ""
        case 1: return values[0].xsdLexical
        default: return values.lazy.map(\.xsdLexical).joined(separator: " ")
        }
    }
}
