/// The subcodes a dispatcher adds to the faults it raises itself. These are a service
/// family's convention, not SOAP's: the default (``plain``) adds none, and ONVIF's `ter:` codes
/// come from the ONVIF layer (`SOAPFaultPolicy.onvif` in `ONVIFSupport`), which a device plugs
/// into its dispatchers.
public struct SOAPFaultPolicy: Sendable, Hashable {
    /// The request is not well-formed XML, or over a limit (ONVIF: `ter:WellFormed`).
    public var notWellFormed: [XMLName]
    /// No operation has the action, or takes the body element (ONVIF: `ter:ActionNotSupported`).
    public var unknownOperation: [XMLName]
    /// The body element does not match the action (ONVIF: `ter:TagMismatch`).
    public var bodyDoesNotMatchAction: [XMLName]
    /// The body does not decode as the operation's input (ONVIF: `ter:InvalidArgs`).
    public var invalidArguments: [XMLName]
    /// The operation threw an error that is not a fault (ONVIF: `ter:Action`).
    public var operationFailed: [XMLName]

    public init(
        notWellFormed: [XMLName] = [], unknownOperation: [XMLName] = [], bodyDoesNotMatchAction: [XMLName] = [],
        invalidArguments: [XMLName] = [], operationFailed: [XMLName] = []
    ) {
        self.notWellFormed = notWellFormed
        self.unknownOperation = unknownOperation
        self.bodyDoesNotMatchAction = bodyDoesNotMatchAction
        self.invalidArguments = invalidArguments
        self.operationFailed = operationFailed
    }

    /// SOAP's codes only (`Sender`, `Receiver`, ...), no subcodes.
    public static let plain = SOAPFaultPolicy()
}
