/// Holds a value of a recursive generated type out of line, so that a struct can contain
/// itself through a single-valued element (`tas:Dot1XStage` holds an optional `Dot1XStage`).
/// The box is immutable and replaced on every assignment, so the struct keeps value semantics;
/// decoding depth stays bounded by ``XMLReaderLimits/maxDepth``.
public final class XMLIndirect<Value: Sendable & Hashable>: Sendable, Hashable {
    public let value: Value

    public init(_ value: Value) {
        self.value = value
    }

    public static func == (lhs: XMLIndirect, rhs: XMLIndirect) -> Bool {
        lhs === rhs || lhs.value == rhs.value
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(value)
    }
}
