/// Swift names for XML names, following the Swift API Design Guidelines: `AppID` becomes the
/// property `appID`, `app-info` the type `AppInfo`; keywords are backticked.
enum SwiftNaming {
    /// Words Swift reserves in declarations; such a name is written with backticks.
    static let keywords: Set<String> = [
        "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import", "init",
        "inout", "internal", "let", "open", "operator", "private", "precedencegroup", "protocol", "public",
        "rethrows", "static", "struct", "subscript", "typealias", "var", "break", "case", "catch", "continue",
        "default", "defer", "do", "else", "fallthrough", "for", "guard", "if", "in", "repeat", "return",
        "throw", "switch", "where", "while", "Any", "as", "await", "false", "is", "nil", "self", "Self",
        "super", "throws", "true", "try", "Type", "Protocol",
    ]

    /// Type names that would shadow what generated code uses.
    static let reservedTypeNames: Set<String> = [
        "String", "Bool", "Int", "Int8", "Int16", "Int32", "Int64", "UInt", "UInt8", "UInt16", "UInt32", "UInt64",
        "Double", "Float", "Array", "Dictionary", "Optional", "Set", "Error", "Sendable", "Hashable", "Equatable",
        "Never", "Void", "Character", "Date", "Data", "URL", "Decimal", "XMLName", "XMLWriter", "XMLPullReader",
        "XMLAnyElement", "XMLAnyAttribute", "XMLAnyNode", "XMLNamespaceBinding", "XMLDecodingError",
        "XMLElementRepresentable", "XMLRootElement", "XSDSimpleValue", "XSDValueError", "XSDDateTime", "XSDDate",
        "XSDTime", "XSDDuration", "XSDDecimal", "XSDInteger", "XSDBase64Binary", "XSDHexBinary", "XSDQName",
        "XSDList", "Type", "Protocol", "Self", "Any",
    ]

    /// Splits an XML name into words at separators and case changes (`AppID` → `App`, `ID`;
    /// `HTTPServer` → `HTTP`, `Server`; `app-info_2` → `app`, `info`, `2`).
    static func words(_ name: String) -> [String] {
        var words: [String] = []
        var current = ""
        let chars = Array(name)
        for (i, c) in chars.enumerated() {
            if !(c.isLetter || c.isNumber) {
                if !current.isEmpty { words.append(current); current = "" }
                continue
            }
            if !current.isEmpty, let last = current.last {
                let next = i + 1 < chars.count ? chars[i + 1] : nil
                let boundary =
                    (last.isLowercase && c.isUppercase)
                    || (last.isNumber != c.isNumber)
                    || (last.isUppercase && c.isUppercase && (next?.isLowercase ?? false))
                if boundary {
                    words.append(current)
                    current = ""
                }
            }
            current.append(c)
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// `AppInfo`, `GetAppsInfoResponse`: the name's words with their first letter upper-cased.
    static func typeName(_ xmlName: String) -> String {
        var result = words(xmlName).map { word -> String in
            guard let first = word.first else { return word }
            return first.uppercased() + word.dropFirst()
        }.joined()
        if result.isEmpty { result = "Type" }
        if result.first?.isNumber == true { result = "_" + result }
        if reservedTypeNames.contains(result) { result += "Type" }
        return result
    }

    /// `appID`, `installationDate`, `urlPath`: lower camel case, keeping acronyms after the
    /// first word.
    static func memberName(_ xmlName: String) -> String {
        let parts = words(xmlName)
        guard let first = parts.first else { return "value" }
        var result = first.allSatisfy({ $0.isUppercase || $0.isNumber }) ? first.lowercased() : first.prefix(1).lowercased() + first.dropFirst()
        for word in parts.dropFirst() {
            guard let c = word.first else { continue }
            result += c.uppercased() + word.dropFirst()
        }
        if result.first?.isNumber == true { result = "_" + result }
        return result
    }

    /// An enum case name for an enumeration value: `Active` → `active`, `InstallationFailed` →
    /// `installationFailed`, `1.0` → `_1_0`.
    static func caseName(_ value: String) -> String {
        if value.isEmpty { return "empty" }
        return memberName(value)
    }

    /// The name as written in a declaration, backticked when it is a keyword.
    static func escaped(_ name: String) -> String {
        keywords.contains(name) ? "`\(name)`" : name
    }

    /// The name as an argument label at a call site: any keyword but `inout`, `var` and `let`
    /// may stand there unescaped (escaping the others draws a compiler warning).
    static func argumentLabel(_ name: String) -> String {
        ["inout", "var", "let"].contains(name) ? "`\(name)`" : name
    }

    /// Makes `name` unique within `used` by appending a number, and records it.
    static func unique(_ name: String, in used: inout Set<String>) -> String {
        var candidate = name
        var n = 2
        while used.contains(candidate) {
            candidate = "\(name)\(n)"
            n += 1
        }
        used.insert(candidate)
        return candidate
    }

    /// `xs:documentation` text as doc-comment lines.
    static func docLines(_ documentation: String?) -> [String] {
        guard let documentation else { return [] }
        let lines = documentation.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: " \t\r")
        }
        var result = lines
        while result.first?.isEmpty == true { result.removeFirst() }
        while result.last?.isEmpty == true { result.removeLast() }
        return result
    }

    /// Doc-comment lines for a declaration: its documentation, then a remark naming its source.
    static func docLines(_ documentation: String?, remark: String) -> [String] {
        let lines = docLines(documentation)
        return lines + (lines.isEmpty ? [] : [""]) + ["Remark: Generated from \(remark)."]
    }

    /// Escapes text for a Swift string literal.
    static func stringLiteral(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 { result += "\\u{\(String(scalar.value, radix: 16))}" } else { result.unicodeScalars.append(scalar) }
            }
        }
        return result
    }
}

extension Substring {
    func trimmingCharacters(in set: String) -> String {
        var s = self[...]
        while let f = s.first, set.contains(f) { s.removeFirst() }
        while let l = s.last, set.contains(l) { s.removeLast() }
        return String(s)
    }
}
