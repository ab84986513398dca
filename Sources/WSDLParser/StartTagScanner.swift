/// Finds where each start tag of a document begins, in document order, so that elements get
/// a column (libxml2's DOM keeps only a line, and that is the line where the start tag ends).
///
/// The scan skips comments, CDATA sections, processing instructions, the DOCTYPE (with its
/// internal subset) and quoted attribute values, so the n-th start tag found is the n-th
/// element of the DOM in document order.
struct StartTagScanner {
    struct StartTag: Equatable {
        /// 1-based line and byte column of the `<`.
        var line: Int
        var column: Int
        /// The tag name as written.
        var name: String
    }

    let bytes: [UInt8]
    /// Byte offset of the first byte of each line.
    private(set) var lineStarts: [Int] = [0]

    init(bytes: [UInt8]) {
        self.bytes = bytes
        for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            lineStarts.append(offset + 1)
        }
    }

    /// Every start tag, in document order.
    func startTags() -> [StartTag] {
        var tags: [StartTag] = []
        let count = bytes.count
        var index = 0
        while index < count {
            guard bytes[index] == UInt8(ascii: "<") else {
                index += 1
                continue
            }
            if hasPrefix("<!--", at: index) {
                index = find("-->", from: index + 4) + 3
            } else if hasPrefix("<![CDATA[", at: index) {
                index = find("]]>", from: index + 9) + 3
            } else if hasPrefix("<!", at: index) {
                index = skipDeclaration(from: index + 2)
            } else if hasPrefix("<?", at: index) {
                index = find("?>", from: index + 2) + 2
            } else if hasPrefix("</", at: index) {
                index = find(">", from: index + 2) + 1
            } else {
                var end = index + 1
                while end < count, !isNameTerminator(bytes[end]) { end += 1 }
                let name = String(decoding: bytes[(index + 1)..<end], as: UTF8.self)
                let (line, column) = position(of: index)
                tags.append(StartTag(line: line, column: column, name: name))
                index = skipTag(from: end)
            }
        }
        return tags
    }

    /// 1-based line and column of a byte offset.
    func position(of offset: Int) -> (line: Int, column: Int) {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return (low + 1, offset - lineStarts[low] + 1)
    }

    /// The column of the `occurrence`-th (0-based) `<name` on `line`, if there is one.
    func column(ofTag name: String, onLine line: Int, occurrence: Int) -> Int? {
        guard line >= 1, line <= lineStarts.count else { return nil }
        let start = lineStarts[line - 1]
        let end = line < lineStarts.count ? lineStarts[line] : bytes.count
        let needle = Array(("<" + name).utf8)
        var seen = 0
        var index = start
        while index + needle.count <= end {
            if bytes[index..<(index + needle.count)].elementsEqual(needle),
                index + needle.count == end || isNameTerminator(bytes[index + needle.count]) {
                if seen == occurrence { return index - start + 1 }
                seen += 1
            }
            index += 1
        }
        return nil
    }

    private func isNameTerminator(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
            || byte == UInt8(ascii: "/") || byte == UInt8(ascii: ">")
    }

    private func hasPrefix(_ prefix: StaticString, at index: Int) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        return prefix.withUTF8Buffer { buffer in
            buffer.elementsEqual(bytes[index..<(index + count)])
        }
    }

    /// Offset of the next `terminator` at or after `start`, or the end of the document.
    private func find(_ terminator: StaticString, from start: Int) -> Int {
        var index = start
        while index < bytes.count {
            if hasPrefix(terminator, at: index) { return index }
            index += 1
        }
        return bytes.count
    }

    /// Skips the rest of a start tag, honouring quoted attribute values.
    private func skipTag(from start: Int) -> Int {
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                index = skipQuoted(from: index)
                continue
            }
            if byte == UInt8(ascii: ">") { return index + 1 }
            index += 1
        }
        return bytes.count
    }

    /// Skips `<!DOCTYPE ...>` including an internal subset in brackets.
    private func skipDeclaration(from start: Int) -> Int {
        var index = start
        var depth = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                index = skipQuoted(from: index)
                continue
            }
            if hasPrefix("<!--", at: index) {
                index = find("-->", from: index + 4) + 3
                continue
            }
            if byte == UInt8(ascii: "[") { depth += 1 }
            if byte == UInt8(ascii: "]") { depth -= 1 }
            if byte == UInt8(ascii: ">"), depth <= 0 { return index + 1 }
            index += 1
        }
        return bytes.count
    }

    private func skipQuoted(from start: Int) -> Int {
        let quote = bytes[start]
        var index = start + 1
        while index < bytes.count, bytes[index] != quote { index += 1 }
        return index + 1
    }
}
