import Foundation
import WSDLModel

/// A document read from disk.
struct LoadedDocument {
    /// The path as the user would name it.
    var path: String
    /// The real path, to recognise a document reached twice.
    var canonicalPath: String
    var root: XMLNode
}

extension ParseSession {
    /// The local path of a `schemaLocation`/`location` written in `file`: relative to that
    /// file, or through the location map for a remote URL. Reports an unmapped URL.
    func resolveLocation(_ written: String, from file: String, at location: SourceLocation) -> String? {
        let trimmed = written.trimmingXMLWhitespace()
        if Paths.isRemote(trimmed) {
            guard let mapped = mapRemote(trimmed) else {
                error("cannot load remote schema '\(trimmed)': add it to the location map", at: location)
                return nil
            }
            return Paths.normalize(mapped)
        }
        return Paths.resolve(Paths.stripFileScheme(trimmed), against: file)
    }

    /// The location map applied to `url`: an exact key, else the longest key that is a prefix
    /// of it, its value taken as a directory prefix.
    func mapRemote(_ url: String) -> String? {
        if let exact = options.locationMap[url] { return exact }
        let candidates = options.locationMap.keys.filter { url.hasPrefix($0) }
        guard let key = candidates.max(by: { ($0.count, $0) < ($1.count, $1) }), let directory = options.locationMap[key] else {
            return nil
        }
        var remainder = String(url.dropFirst(key.count))
        while remainder.hasPrefix("/") { remainder.removeFirst() }
        if remainder.isEmpty { return directory }
        return directory.hasSuffix("/") ? directory + remainder : directory + "/" + remainder
    }

    /// Reads and parses `path`. Reports a missing file at `requestedAt` (the import), and
    /// malformed XML at its own position.
    func load(_ path: String, requestedAt location: SourceLocation?) -> LoadedDocument? {
        let bytes: [UInt8]
        if let inMemory = inMemoryDocuments[path] {
            bytes = inMemory
        } else if let data = FileManager.default.contents(atPath: path) {
            bytes = [UInt8](data)
        } else {
            error("cannot read '\(path)': no such file", at: location)
            return nil
        }
        switch XMLDocumentReader.read(bytes: bytes, file: path) {
        case .failure(let failure):
            diagnostics.append(contentsOf: failure.diagnostics)
            return nil
        case .success(let root):
            let canonical = inMemoryDocuments[path] != nil ? path : Self.canonicalPath(path)
            return LoadedDocument(path: path, canonicalPath: canonical, root: root)
        }
    }

    static func canonicalPath(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Reads the entry document, a WSDL or a bare schema.
    func readEntry(_ path: String) {
        let normalized = Paths.normalize(path)
        guard let document = load(normalized, requestedAt: nil) else { return }
        readDocument(document, isEntry: true, importedNamespace: nil, requestedAt: nil)
    }

    /// Dispatches a loaded document on its root element.
    func readDocument(_ document: LoadedDocument, isEntry: Bool, importedNamespace: String?, requestedAt location: SourceLocation?) {
        let root = document.root
        if root.is(Namespaces.wsdl, "definitions") {
            let key = "wsdl|\(document.canonicalPath)"
            guard readKeys.insert(key).inserted else { return }
            noteDocument(document.path)
            readDefinitions(root, file: document.path, isEntry: isEntry)
        } else if root.is(Namespaces.xsd, "schema") {
            let declared = root.attribute("targetNamespace") ?? ""
            if let importedNamespace, declared != importedNamespace {
                importMismatch(path: document.path, declared: declared, imported: importedNamespace, at: location)
                return
            }
            readSchemaDocument(root, file: document.path, canonicalPath: document.canonicalPath, chameleonNamespace: nil)
        } else {
            error("expected wsdl:definitions or xs:schema, found '\(root.qualifiedName)' in namespace '\(root.namespace)'", at: root.location)
        }
    }

    /// Reads a schema document unless this (document, target namespace) pair was read.
    func readSchemaDocument(_ root: XMLNode, file: String, canonicalPath: String, chameleonNamespace: String?) {
        let targetNamespace = root.attribute("targetNamespace") ?? chameleonNamespace ?? ""
        let key = "xsd|\(canonicalPath)|\(targetNamespace)"
        guard readKeys.insert(key).inserted else { return }
        noteDocument(file)
        readSchema(root, file: file, chameleonNamespace: root.attribute("targetNamespace") == nil ? chameleonNamespace : nil)
    }
}
