import SOAPRuntime

/// The ONVIF fault subcodes (namespace `ter`) that AppMgmt and ONVIF Core use, so callers test
/// `fault.hasSubcode(.unknownId)` without spelling namespaces. They belong to ONVIF, not to
/// SOAP: the generic runtime uses none of them unless given ``SOAPFaultPolicy/onvif``.
extension XMLName {
    /// `http://www.onvif.org/ver10/error`
    public static let onvifErrorNamespace = "http://www.onvif.org/ver10/error"

    /// `ter:InvalidArgVal`: an argument value is invalid.
    public static let invalidArgVal = XMLName(onvifErrorNamespace, "InvalidArgVal")
    /// `ter:InvalidArgs`: the arguments are invalid as a whole.
    public static let invalidArgs = XMLName(onvifErrorNamespace, "InvalidArgs")
    /// `ter:UnknownId`: no such item (AppMgmt: no app with that AppID).
    public static let unknownId = XMLName(onvifErrorNamespace, "UnknownId")
    /// `ter:InvalidFormat`: AppMgmt InstallLicense with a license in an unknown format.
    public static let invalidFormat = XMLName(onvifErrorNamespace, "InvalidFormat")
    /// `ter:NotAuthorized`: the caller lacks the access class the operation needs.
    public static let notAuthorized = XMLName(onvifErrorNamespace, "NotAuthorized")
    /// `ter:ActionNotSupported`: the device does not implement the operation.
    public static let actionNotSupported = XMLName(onvifErrorNamespace, "ActionNotSupported")
    /// `ter:Action`: a Receiver fault raised by the action itself.
    public static let action = XMLName(onvifErrorNamespace, "Action")
    /// `ter:WellFormed`: the message is not well-formed XML.
    public static let wellFormed = XMLName(onvifErrorNamespace, "WellFormed")
    /// `ter:TagMismatch`: the body element does not match the operation.
    public static let tagMismatch = XMLName(onvifErrorNamespace, "TagMismatch")
    /// `ter:MissingAttr` / element-level errors: a required value is missing.
    public static let missingAttr = XMLName(onvifErrorNamespace, "MissingAttr")
}

extension SOAPFaultPolicy {
    /// ONVIF Core's fault subcodes for the faults a dispatcher raises itself (ONVIF Core 5.11.2):
    /// `ter:WellFormed`, `ter:ActionNotSupported`, `ter:TagMismatch`, `ter:InvalidArgs`, `ter:Action`.
    public static let onvif = SOAPFaultPolicy(
        notWellFormed: [.wellFormed], unknownOperation: [.actionNotSupported], bodyDoesNotMatchAction: [.tagMismatch],
        invalidArguments: [.invalidArgs], operationFailed: [.action])

    /// ONVIF's subcode for a request whose credentials fail or do not grant the operation:
    /// `ter:NotAuthorized` (for `UsernameTokenAuthentication(failureSubcodes:)`).
    public static let onvifNotAuthorized: [XMLName] = [.notAuthorized]
}
