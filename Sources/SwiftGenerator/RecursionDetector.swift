/// Pass: finds the single-valued fields through which generated structs contain themselves
/// (directly or through other structs), so they can be stored out of line (`XMLIndirect`) and
/// the structs keep a finite size and value semantics. Arrays need no box: their storage is
/// already out of line.
///
/// A field `owner.f: Target` is boxed when `owner` and `Target` lie in the same strongly
/// connected component of the "holds a single value of" graph (Tarjan's algorithm, iterative).
struct RecursionDetector {
    /// An edge: `owner` holds one `target` (optional or required) in the field `field`.
    struct Edge: Hashable {
        var owner: String
        var field: String
        var target: String
    }

    /// The fields to box, as (owner, field name) pairs.
    static func fieldsToBox(_ edges: [Edge]) -> Set<Edge> {
        var successors: [String: [String]] = [:]
        var nodes = Set<String>()
        for edge in edges {
            successors[edge.owner, default: []].append(edge.target)
            nodes.insert(edge.owner)
            nodes.insert(edge.target)
        }
        let component = stronglyConnectedComponents(nodes: nodes.sorted(), successors: successors)
        var result = Set<Edge>()
        // Same component: there is a path back from the target, so a cycle runs through the edge.
        for edge in edges where component[edge.owner] == component[edge.target] {
            result.insert(edge)
        }
        return result
    }

    /// Component index per node.
    private static func stronglyConnectedComponents(nodes: [String], successors: [String: [String]]) -> [String: Int] {
        var index: [String: Int] = [:]
        var lowLink: [String: Int] = [:]
        var onStack = Set<String>()
        var stack: [String] = []
        var component: [String: Int] = [:]
        var nextIndex = 0
        var nextComponent = 0
        for root in nodes where index[root] == nil {
            // Frames of (node, position in its successor list).
            var frames: [(node: String, next: Int)] = [(root, 0)]
            index[root] = nextIndex
            lowLink[root] = nextIndex
            nextIndex += 1
            stack.append(root)
            onStack.insert(root)
            while !frames.isEmpty {
                let (node, position) = frames[frames.count - 1]
                let next = successors[node] ?? []
                if position < next.count {
                    frames[frames.count - 1].next += 1
                    let successor = next[position]
                    if index[successor] == nil {
                        index[successor] = nextIndex
                        lowLink[successor] = nextIndex
                        nextIndex += 1
                        stack.append(successor)
                        onStack.insert(successor)
                        frames.append((successor, 0))
                    } else if onStack.contains(successor) {
                        lowLink[node] = min(lowLink[node] ?? 0, index[successor] ?? 0)
                    }
                    continue
                }
                frames.removeLast()
                if let parent = frames.last?.node {
                    lowLink[parent] = min(lowLink[parent] ?? 0, lowLink[node] ?? 0)
                }
                if lowLink[node] == index[node] {
                    while let member = stack.popLast() {
                        onStack.remove(member)
                        component[member] = nextComponent
                        if member == node { break }
                    }
                    nextComponent += 1
                }
            }
        }
        return component
    }
}

extension RecursionDetector {
    /// A struct that holds itself through single (non-array) fields would have infinite size:
    /// those fields are stored out of line (see ``RecursionDetector``).
    static func boxRecursiveFields(_ structs: inout [StructRenderModel]) {
        var edges: [RecursionDetector.Edge] = []
        func collect(_ model: StructRenderModel) {
            for field in model.elementFields where field.isComplex && field.isSingle {
                edges.append(RecursionDetector.Edge(owner: model.qualifiedName, field: field.plainName, target: field.valueType))
            }
            // A single choice holds its branch inline: an edge per complex, non-repeated branch.
            for field in model.elementFields where field.isChoice && field.isSingle {
                for branch in field.choiceBranches where branch.isComplex && !branch.isRepeatedBranch {
                    edges.append(RecursionDetector.Edge(owner: model.qualifiedName, field: field.plainName, target: branch.valueType))
                }
            }
            model.nestedStructs.forEach(collect)
        }
        structs.forEach(collect)
        let boxed = RecursionDetector.fieldsToBox(edges)
        guard !boxed.isEmpty else { return }
        let byOwner = Dictionary(grouping: boxed, by: \.owner).mapValues { Set($0.map(\.field)) }
        func rewrite(_ model: inout StructRenderModel) {
            if let names = byOwner[model.qualifiedName] {
                for index in model.choiceEnums.indices {
                    if model.elementFields.contains(where: { $0.isChoice && $0.choiceEnumName == model.choiceEnums[index].name && names.contains($0.plainName) }) {
                        model.choiceEnums[index].isIndirect = true
                    }
                }
                func mark(_ fields: inout [FieldRenderModel]) {
                    for index in fields.indices where names.contains(fields[index].plainName) && !fields[index].isAttributeField && !fields[index].isChoice {
                        fields[index].isIndirect = true
                        fields[index].isDirect = false
                        let type = fields[index].swiftType
                        fields[index].storageType = fields[index].isOptional && type.hasSuffix("?") ? String(type.dropLast()) : type
                    }
                }
                mark(&model.fields)
                mark(&model.elementFields)
            }
            for index in model.nestedStructs.indices { rewrite(&model.nestedStructs[index]) }
        }
        for index in structs.indices { rewrite(&structs[index]) }
    }
}
