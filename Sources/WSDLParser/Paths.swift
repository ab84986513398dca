/// Path arithmetic on paths as the user named them: relative stays relative.
enum Paths {
    /// Collapses `.`, `..` and repeated separators without touching the file system.
    static func normalize(_ path: String) -> String {
        let isAbsolute = path.hasPrefix("/")
        var stack: [Substring] = []
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            if component == "." { continue }
            if component == "..", let last = stack.last, last != ".." {
                stack.removeLast()
            } else if component == "..", isAbsolute, stack.isEmpty {
                continue
            } else {
                stack.append(component)
            }
        }
        let joined = stack.joined(separator: "/")
        if isAbsolute { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }

    /// The directory part of `path` ("" when it has none).
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        if slash == path.startIndex { return "/" }
        return String(path[..<slash])
    }

    /// `relative` resolved against the directory of `file`, normalized.
    static func resolve(_ relative: String, against file: String) -> String {
        if relative.hasPrefix("/") { return normalize(relative) }
        let directory = directory(of: file)
        if directory.isEmpty { return normalize(relative) }
        return normalize(directory + "/" + relative)
    }

    /// Whether a location is a URL that would need the network.
    static func isRemote(_ location: String) -> Bool {
        let lower = location.lowercased()
        return lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("ftp://")
    }

    /// A `file:` URL turned into a path; anything else unchanged.
    static func stripFileScheme(_ location: String) -> String {
        if location.hasPrefix("file://") { return String(location.dropFirst("file://".count)) }
        if location.hasPrefix("file:") { return String(location.dropFirst("file:".count)) }
        return location
    }
}
