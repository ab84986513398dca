import Foundation
import SOAPRuntime

/// Builds and reads the `wsse:Security` SOAP header block carrying a UsernameToken.
public enum WSSecurityHeader: Sendable {
    private static let securityName = XMLName(WSSecurityNamespaces.wsse, "Security")
    private static let usernameTokenName = XMLName(WSSecurityNamespaces.wsse, "UsernameToken")
    private static let usernameName = XMLName(WSSecurityNamespaces.wsse, "Username")
    private static let passwordName = XMLName(WSSecurityNamespaces.wsse, "Password")
    private static let nonceName = XMLName(WSSecurityNamespaces.wsse, "Nonce")
    private static let createdName = XMLName(WSSecurityNamespaces.wsu, "Created")
    /// Some old clients put Created in the wsse namespace; tolerated when reading.
    private static let wsseCreatedName = XMLName(WSSecurityNamespaces.wsse, "Created")

    /// The `<wsse:Security>` header block for a request: `wsse:UsernameToken` with
    /// `wsse:Username`, `wsse:Password Type=…`, `wsse:Nonce EncodingType=…Base64Binary` and
    /// `wsu:Created` (UTC, milliseconds, `Z`; the local clock plus `credentials.clockOffset`).
    /// `nonce` defaults to 16 fresh random bytes (also when empty). No `mustUnderstand`: ONVIF
    /// devices accept the header either way.
    public static func make(credentials: WSSecurityCredentials, now: Date = Date(), nonce: [UInt8]? = nil) -> XMLAnyElement {
        let nonceBytes: [UInt8]
        if let nonce, !nonce.isEmpty {
            nonceBytes = nonce
        } else {
            nonceBytes = randomNonce()
        }
        let created = XSDDateTimeBridge.format(now.addingTimeInterval(WSSecurityUtilities.seconds(credentials.clockOffset)))

        let passwordType: String
        let passwordValue: String
        switch credentials.passwordType {
        case .digest:
            passwordType = WSSecurityNamespaces.passwordDigest
            passwordValue = UsernameToken.digest(nonce: nonceBytes, created: created, password: credentials.password)
        case .text:
            passwordType = WSSecurityNamespaces.passwordText
            passwordValue = credentials.password
        }

        func leaf(_ name: XMLName, _ prefix: String, _ text: String, attributes: [XMLAnyAttribute] = []) -> XMLAnyNode {
            .element(XMLAnyElement(name: name, prefix: prefix, attributes: attributes, children: text.isEmpty ? [] : [.text(text)]))
        }
        let token = XMLAnyElement(
            name: usernameTokenName, prefix: "wsse",
            children: [
                leaf(usernameName, "wsse", credentials.username),
                leaf(passwordName, "wsse", passwordValue,
                     attributes: [XMLAnyAttribute(name: XMLName("", "Type"), value: passwordType)]),
                leaf(nonceName, "wsse", Data(nonceBytes).base64EncodedString(),
                     attributes: [XMLAnyAttribute(name: XMLName("", "EncodingType"), value: WSSecurityNamespaces.base64Binary)]),
                leaf(createdName, "wsu", created),
            ])
        return XMLAnyElement(
            name: securityName, prefix: "wsse",
            namespaceDeclarations: [
                XMLNamespaceBinding(prefix: "wsse", namespace: WSSecurityNamespaces.wsse),
                XMLNamespaceBinding(prefix: "wsu", namespace: WSSecurityNamespaces.wsu),
            ],
            children: [.element(token)])
    }

    /// Whether a header block is a `wsse:Security` element (WSS 1.0 namespace).
    public static func isSecurityHeader(_ element: XMLAnyElement) -> Bool {
        element.name == securityName
    }

    /// Parses the single UsernameToken inside a `wsse:Security` element. A `Password` without
    /// `Type` is `PasswordText` (the spec default); a `Nonce` without `EncodingType` is base64
    /// and must decode; whitespace around the user name, digest, nonce and Created is ignored
    /// (a clear-text password is kept exactly as sent).
    public static func parseUsernameToken(_ security: XMLAnyElement) throws(WSSecurityError) -> UsernameToken {
        guard isSecurityHeader(security) else {
            throw .malformed("the header block is \(security.name), not wsse:Security")
        }
        let tokens = childElements(of: security, named: usernameTokenName)
        guard let token = tokens.first else { throw .malformed("wsse:Security has no wsse:UsernameToken") }
        guard tokens.count == 1 else { throw .malformed("wsse:Security has more than one wsse:UsernameToken") }

        guard let usernameElement = try single(usernameName, in: token, label: "wsse:Username") else {
            throw .malformed("wsse:UsernameToken has no wsse:Username")
        }
        let username = WSSecurityUtilities.trimmed(usernameElement.text)
        guard !username.isEmpty else { throw .malformed("wsse:Username is empty") }

        guard let passwordElement = try single(passwordName, in: token, label: "wsse:Password") else {
            throw .malformed("wsse:UsernameToken has no wsse:Password")
        }
        let password: UsernameToken.Password
        let type = attributeValue(passwordElement, "Type").map(WSSecurityUtilities.trimmed)
        if let type, type == WSSecurityNamespaces.passwordDigest || type.hasSuffix("#PasswordDigest") {
            let digest = WSSecurityUtilities.trimmed(passwordElement.text)
            guard let bytes = WSSecurityUtilities.decodeBase64(digest), !bytes.isEmpty else {
                throw .malformed("the wsse:Password digest is not valid base64")
            }
            password = .digest(digest)
        } else if type == nil || type == WSSecurityNamespaces.passwordText || type?.hasSuffix("#PasswordText") == true {
            password = .text(passwordElement.text)
        } else {
            throw .malformed("unsupported wsse:Password Type '\(type ?? "")'")
        }

        var nonce: [UInt8]?
        if let nonceElement = try single(nonceName, in: token, label: "wsse:Nonce") {
            if let encoding = attributeValue(nonceElement, "EncodingType").map(WSSecurityUtilities.trimmed),
               encoding != WSSecurityNamespaces.base64Binary, !encoding.hasSuffix("#Base64Binary") {
                throw .malformed("unsupported wsse:Nonce EncodingType '\(encoding)'")
            }
            guard let bytes = WSSecurityUtilities.decodeBase64(WSSecurityUtilities.trimmed(nonceElement.text)),
                  !bytes.isEmpty
            else { throw .malformed("wsse:Nonce is not valid non-empty base64") }
            nonce = bytes
        }

        var created: String?
        let createdElement = try single(createdName, in: token, label: "wsu:Created")
        let legacyCreated = try single(wsseCreatedName, in: token, label: "wsse:Created")
        if createdElement != nil && legacyCreated != nil {
            throw .malformed("wsse:UsernameToken has more than one Created")
        }
        if let element = createdElement ?? legacyCreated {
            let text = WSSecurityUtilities.trimmed(element.text)
            guard WSSecurityUtilities.parseCreated(text) != nil else {
                throw .malformed("wsu:Created '\(text)' is not an xs:dateTime")
            }
            created = text
        }
        return UsernameToken(username: username, password: password, nonce: nonce, created: created)
    }

    // MARK: Helpers

    private static func childElements(of element: XMLAnyElement, named name: XMLName) -> [XMLAnyElement] {
        var result: [XMLAnyElement] = []
        for child in element.children {
            if case .element(let e) = child, e.name == name { result.append(e) }
        }
        return result
    }

    /// The one child with this name, `nil` when absent; throws when repeated.
    private static func single(_ name: XMLName, in element: XMLAnyElement, label: String) throws(WSSecurityError) -> XMLAnyElement? {
        let found = childElements(of: element, named: name)
        if found.count > 1 { throw .malformed("wsse:UsernameToken has more than one \(label)") }
        return found.first
    }

    /// An unqualified attribute's value.
    private static func attributeValue(_ element: XMLAnyElement, _ localName: String) -> String? {
        element.attributes.first { $0.name.namespace.isEmpty && $0.name.localName == localName }?.value
    }

    private static func randomNonce() -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        var bytes = [UInt8](repeating: 0, count: 16)
        for i in bytes.indices { bytes[i] = UInt8.random(in: .min ... .max, using: &generator) }
        return bytes
    }
}
