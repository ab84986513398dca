import WSDLModel

extension SchemaSet {
    /// The diagnostic text for a reference to a component that does not exist: `unknown KIND
    /// 'NAME'`, and, when its namespace's import was ignored, why (so the user sees which
    /// import to fix, and that it matters only because this component is used).
    func unknownComponent(_ kind: String, _ name: String, namespace: String) -> String {
        guard let unavailable = unavailableNamespaces[namespace] else { return "unknown \(kind) '\(name)'" }
        let place = unavailable.location.map { " at \($0)" } ?? ""
        return "unknown \(kind) '\(name)': namespace '\(namespace)' was not loaded (\(unavailable.reason)\(place)); map that import to a schema of this namespace"
    }
}
