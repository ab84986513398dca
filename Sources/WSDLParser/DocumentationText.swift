/// Normalizes `documentation` text: each paragraph (lines separated by a blank line) becomes
/// one line with single spaces; paragraphs are joined with "\n"; several documentation
/// elements are joined like paragraphs. Empty text is nil.
enum DocumentationText {
    static func normalize(_ texts: [String]) -> String? {
        var paragraphs: [String] = []
        for text in texts {
            var current: [String] = []
            let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
            for line in lines {
                let words = String(line).xmlTokens
                if words.isEmpty {
                    if !current.isEmpty { paragraphs.append(current.joined(separator: " ")) }
                    current = []
                } else {
                    current.append(words.joined(separator: " "))
                }
            }
            if !current.isEmpty { paragraphs.append(current.joined(separator: " ")) }
        }
        return paragraphs.isEmpty ? nil : paragraphs.joined(separator: "\n")
    }
}
