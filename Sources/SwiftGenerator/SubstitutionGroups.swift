import WSDLModel

/// The substitution groups of a schema set: for each head element, the global elements that
/// may appear where it does (`substitutionGroup=`), transitively.
struct SubstitutionGroups: Sendable {
    private var directMembers: [QName: [QName]] = [:]

    init(schemas: SchemaSet) {
        for (name, element) in schemas.elements {
            guard let head = element.substitutionGroup, head != name else { continue }
            directMembers[head, default: []].append(name)
        }
        for head in directMembers.keys { directMembers[head]?.sort() }
    }

    var isEmpty: Bool { directMembers.isEmpty }

    /// Every element that may substitute for `head` (members of members too), in a stable
    /// order, `head` itself excluded; a cycle of `substitutionGroup=` is cut where it closes.
    func members(of head: QName) -> [QName] {
        guard directMembers[head] != nil else { return [] }
        var result: [QName] = []
        var seen: Set<QName> = [head]
        var queue = [head]
        while !queue.isEmpty {
            let next = queue.removeFirst()
            for member in directMembers[next] ?? [] where seen.insert(member).inserted {
                result.append(member)
                queue.append(member)
            }
        }
        return result
    }
}
