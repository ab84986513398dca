import Foundation
import SOAPRuntime
import Testing
@testable import WSSecurity

private func base64(_ s: String) -> [UInt8] { Array(Data(base64Encoded: s)!) }

/// 2026-11-24T07:01:02.345Z
private let fixedNow = Date(timeIntervalSince1970: 1_795_503_662.345)

private func createdString(_ date: Date) -> String {
    XSDDateTime(date: date, fractionDigits: 3, timeZoneOffsetMinutes: 0).xsdLexical
}

private func digestToken(
    user: String = "admin", password: String = "secret", nonce: [UInt8] = Array(0..<16), created: Date
) -> UsernameToken {
    let c = createdString(created)
    return UsernameToken(
        username: user, password: .digest(UsernameToken.digest(nonce: nonce, created: c, password: password)),
        nonce: nonce, created: c)
}

private let store = StaticCredentialStore(["admin": "secret", "operator": "op pass"])

@Suite struct DigestTests {
    @Test func onvifKnownAnswer() {
        let digest = UsernameToken.digest(
            nonce: base64("LKqI6G/AikKCQrN0zqZFlg=="), created: "2010-09-16T07:50:45Z", password: "userpassword")
        #expect(digest == "tuOSpGlFlIXsozq4HFNeeGeFLEI=")
    }

    @Test func namespaces() {
        #expect(WSSecurityNamespaces.wsse.hasSuffix("oasis-200401-wss-wssecurity-secext-1.0.xsd"))
        #expect(WSSecurityNamespaces.wsu.hasSuffix("oasis-200401-wss-wssecurity-utility-1.0.xsd"))
        #expect(WSSecurityNamespaces.passwordDigest.hasSuffix("username-token-profile-1.0#PasswordDigest"))
        #expect(WSSecurityNamespaces.passwordText.hasSuffix("username-token-profile-1.0#PasswordText"))
        #expect(WSSecurityNamespaces.base64Binary.hasSuffix("soap-message-security-1.0#Base64Binary"))
    }

    @Test func constantTimeEquality() {
        #expect(WSSecurityUtilities.constantTimeEquals([1, 2, 3], [1, 2, 3]))
        #expect(!WSSecurityUtilities.constantTimeEquals([1, 2, 3], [1, 2, 4]))
        #expect(!WSSecurityUtilities.constantTimeEquals([1, 2, 3], [1, 2]))
        #expect(!WSSecurityUtilities.constantTimeEquals([], [0]))
        #expect(WSSecurityUtilities.constantTimeEquals("pässword", "pässword"))
        #expect(!WSSecurityUtilities.constantTimeEquals("password", "password "))
    }
}

@Suite struct HeaderTests {
    let nonce: [UInt8] = base64("LKqI6G/AikKCQrN0zqZFlg==")

    @Test func makeShape() throws {
        let credentials = WSSecurityCredentials(username: "admin", password: "secret")
        let header = WSSecurityHeader.make(credentials: credentials, now: fixedNow, nonce: nonce)
        #expect(WSSecurityHeader.isSecurityHeader(header))
        #expect(header.prefix == "wsse")
        #expect(!header.attributes.contains { $0.name.localName == "mustUnderstand" })
        let token = try #require(header.child(named: "UsernameToken"))
        #expect(token.name == XMLName(WSSecurityNamespaces.wsse, "UsernameToken"))
        #expect(token.child(named: "Username")?.text == "admin")
        let password = try #require(token.child(named: "Password"))
        #expect(password.attributes.first { $0.name.localName == "Type" }?.value == WSSecurityNamespaces.passwordDigest)
        let nonceElement = try #require(token.child(named: "Nonce"))
        #expect(nonceElement.text == "LKqI6G/AikKCQrN0zqZFlg==")
        #expect(nonceElement.attributes.first { $0.name.localName == "EncodingType" }?.value == WSSecurityNamespaces.base64Binary)
        let created = try #require(token.child(named: "Created"))
        #expect(created.name == XMLName(WSSecurityNamespaces.wsu, "Created"))
        #expect(created.text == "2026-11-24T07:01:02.345Z")
        #expect(password.text == UsernameToken.digest(nonce: nonce, created: created.text, password: "secret"))
    }

    @Test func defaultNonceIsFreshAndSixteenBytes() throws {
        let credentials = WSSecurityCredentials(username: "admin", password: "secret")
        let a = try WSSecurityHeader.parseUsernameToken(WSSecurityHeader.make(credentials: credentials))
        let b = try WSSecurityHeader.parseUsernameToken(WSSecurityHeader.make(credentials: credentials))
        #expect(a.nonce?.count == 16)
        #expect(b.nonce?.count == 16)
        #expect(a.nonce != b.nonce)
    }

    @Test func roundTripInMemory() throws {
        let credentials = WSSecurityCredentials(username: "admin", password: "secret")
        let header = WSSecurityHeader.make(credentials: credentials, now: fixedNow, nonce: nonce)
        let token = try WSSecurityHeader.parseUsernameToken(header)
        #expect(token.username == "admin")
        #expect(token.nonce == nonce)
        #expect(token.created == "2026-11-24T07:01:02.345Z")
        #expect(token.password == .digest(UsernameToken.digest(nonce: nonce, created: "2026-11-24T07:01:02.345Z", password: "secret")))
    }

    @Test(arguments: [WSSecurityCredentials.PasswordType.digest, .text])
    func roundTripThroughXML(type: WSSecurityCredentials.PasswordType) async throws {
        let credentials = WSSecurityCredentials(username: "admin", password: "secret & <stuff>", passwordType: type)
        let element = WSSecurityHeader.make(credentials: credentials, now: fixedNow, nonce: nonce)
        var w = XMLWriter()
        w.write(element)
        #expect(w.string.hasPrefix("<wsse:Security xmlns:wsse=\"\(WSSecurityNamespaces.wsse)\""))
        let r = try XMLPullReader(bytes: w.bytes)
        try r.moveToRootElement()
        let e = try r.readAnyElement()
        #expect(WSSecurityHeader.isSecurityHeader(e))
        let token = try WSSecurityHeader.parseUsernameToken(e)
        #expect(token == (try WSSecurityHeader.parseUsernameToken(element)))
        switch type {
        case .digest: #expect(token.password == .digest(UsernameToken.digest(nonce: nonce, created: token.created ?? "", password: credentials.password)))
        case .text: #expect(token.password == .text("secret & <stuff>"))
        }
        let verifier = UsernameTokenVerifier(store: StaticCredentialStore(["admin": "secret & <stuff>"]))
        #expect(try await verifier.verify(token, now: fixedNow) == "admin")
    }

    @Test func parsesHandWrittenHeaderWithWhitespaceAndNoType() throws {
        let xml = """
            <S:Envelope xmlns:S="http://www.w3.org/2003/05/soap-envelope"><S:Header>
            <Security xmlns="\(WSSecurityNamespaces.wsse)" xmlns:u="\(WSSecurityNamespaces.wsu)">
              <UsernameToken u:Id="UsernameToken-1">
                <Username>
                   admin
                </Username>
                <Password>secret</Password>
                <Nonce>
                  LKqI6G/AikKCQrN0zqZFlg==
                </Nonce>
                <u:Created> 2010-09-16T07:50:45Z </u:Created>
              </UsernameToken>
            </Security></S:Header><S:Body/></S:Envelope>
            """
        let r = try XMLPullReader(bytes: Array(xml.utf8))
        try r.moveToRootElement()
        let envelope = try r.readAnyElement()
        let header = try #require(envelope.child(named: "Header"))
        let security = try #require(header.child(named: "Security"))
        let token = try WSSecurityHeader.parseUsernameToken(security)
        #expect(token.username == "admin")
        #expect(token.password == .text("secret"))
        #expect(token.nonce == nonce)
        #expect(token.created == "2010-09-16T07:50:45Z")
    }

    private func security(_ children: [XMLAnyNode]) -> XMLAnyElement {
        XMLAnyElement(
            name: XMLName(WSSecurityNamespaces.wsse, "Security"),
            children: [.element(XMLAnyElement(name: XMLName(WSSecurityNamespaces.wsse, "UsernameToken"), children: children))])
    }

    private func leaf(_ local: String, _ text: String, ns: String = WSSecurityNamespaces.wsse, attributes: [String: String] = [:]) -> XMLAnyNode {
        .element(XMLAnyElement(
            name: XMLName(ns, local),
            attributes: attributes.map { XMLAnyAttribute(name: XMLName("", $0.key), value: $0.value) },
            children: [.text(text)]))
    }

    @Test func digestTypeAndCreatedOffset() throws {
        let token = try WSSecurityHeader.parseUsernameToken(security([
            leaf("Username", "u"),
            leaf("Password", " tuOSpGlFlIXsozq4HFNeeGeFLEI= \n", attributes: ["Type": WSSecurityNamespaces.passwordDigest]),
            leaf("Nonce", "LKqI6G/AikKCQrN0zqZFlg==", attributes: ["EncodingType": WSSecurityNamespaces.base64Binary]),
            leaf("Created", "2010-09-16T09:50:45.5+02:00", ns: WSSecurityNamespaces.wsu),
        ]))
        #expect(token.password == .digest("tuOSpGlFlIXsozq4HFNeeGeFLEI="))
        #expect(token.created == "2010-09-16T09:50:45.5+02:00")
    }

    @Test func rejectsMalformedHeaders() {
        func fails(_ element: XMLAnyElement, sourceLocation: SourceLocation = #_sourceLocation) {
            #expect(sourceLocation: sourceLocation) {
                _ = try WSSecurityHeader.parseUsernameToken(element)
            } throws: { error in
                if case .malformed = error as? WSSecurityError { return true }
                return false
            }
        }
        let user = leaf("Username", "u")
        let pass = leaf("Password", "p")
        // Not a Security element.
        fails(XMLAnyElement(name: XMLName("urn:other", "Security")))
        #expect(!WSSecurityHeader.isSecurityHeader(XMLAnyElement(name: XMLName("urn:other", "Security"))))
        // No UsernameToken.
        fails(XMLAnyElement(name: XMLName(WSSecurityNamespaces.wsse, "Security")))
        fails(security([pass]))
        fails(security([user]))
        fails(security([leaf("Username", "  "), pass]))
        fails(security([user, user, pass]))
        fails(security([user, leaf("Password", "p", attributes: ["Type": "urn:unknown"])]))
        fails(security([user, leaf("Password", "not base64!", attributes: ["Type": WSSecurityNamespaces.passwordDigest])]))
        fails(security([user, pass, leaf("Nonce", "@@@")]))
        fails(security([user, pass, leaf("Nonce", "")]))
        fails(security([user, pass, leaf("Nonce", "AAAA", attributes: ["EncodingType": "urn:hex"])]))
        fails(security([user, pass, leaf("Created", "yesterday", ns: WSSecurityNamespaces.wsu)]))
        fails(security([user, pass, leaf("Created", "2010-13-16T07:50:45Z", ns: WSSecurityNamespaces.wsu)]))
    }

    @Test func clockOffsetShiftsCreated() throws {
        let credentials = WSSecurityCredentials(username: "admin", password: "secret", clockOffset: .seconds(-3600))
        let token = try WSSecurityHeader.parseUsernameToken(WSSecurityHeader.make(credentials: credentials, now: fixedNow))
        #expect(token.created == "2026-11-24T06:01:02.345Z")
        let plus = WSSecurityCredentials(username: "admin", password: "secret", clockOffset: .milliseconds(90_500))
        let token2 = try WSSecurityHeader.parseUsernameToken(WSSecurityHeader.make(credentials: plus, now: fixedNow))
        #expect(token2.created == "2026-11-24T07:02:32.845Z")
    }

    @Test func descriptionsNeverContainPasswords() {
        let credentials = WSSecurityCredentials(username: "admin", password: "hunter2", passwordType: .text)
        #expect(!credentials.description.contains("hunter2"))
        #expect(!String(reflecting: credentials).contains("hunter2"))
        let token = UsernameToken(username: "admin", password: .text("hunter2"))
        #expect(!token.description.contains("hunter2"))
        let errors: [WSSecurityError] = [
            .malformed("x"), .unknownUser("bob"), .wrongPassword("admin"), .staleCreated("2010-09-16T07:50:45Z"),
            .replayedNonce, .missingNonceOrCreated,
        ]
        for error in errors {
            #expect(!error.description.isEmpty)
            #expect(error.description.hasSuffix("."))
        }
        #expect(WSSecurityError.wrongPassword("admin").description.contains("admin"))
    }
}

@Suite struct VerifierTests {
    @Test func acceptsFreshDigestToken() async throws {
        let verifier = UsernameTokenVerifier(store: store)
        #expect(try await verifier.verify(digestToken(created: fixedNow), now: fixedNow) == "admin")
        // Created a little off either way is fine.
        #expect(try await verifier.verify(digestToken(nonce: [1], created: fixedNow - 299), now: fixedNow) == "admin")
        #expect(try await verifier.verify(digestToken(nonce: [2], created: fixedNow + 299), now: fixedNow) == "admin")
    }

    @Test func acceptsHeaderMadeByClient() async throws {
        let verifier = UsernameTokenVerifier(store: store)
        let header = WSSecurityHeader.make(credentials: WSSecurityCredentials(username: "operator", password: "op pass"))
        #expect(try await verifier.verify(securityHeader: header) == "operator")
    }

    @Test func rejectsWrongPassword() async {
        let verifier = UsernameTokenVerifier(store: store)
        await #expect(throws: WSSecurityError.wrongPassword("admin")) {
            try await verifier.verify(digestToken(password: "Secret", created: fixedNow), now: fixedNow)
        }
        await #expect(throws: WSSecurityError.wrongPassword("admin")) {
            try await verifier.verify(UsernameToken(username: "admin", password: .text("secre"), nonce: [1, 2], created: createdString(fixedNow)), now: fixedNow)
        }
        await #expect(throws: WSSecurityError.wrongPassword("admin")) {
            try await verifier.verify(
                UsernameToken(username: "admin", password: .digest("garbage"), nonce: [1], created: createdString(fixedNow)),
                now: fixedNow)
        }
    }

    @Test func rejectsUnknownUser() async {
        let verifier = UsernameTokenVerifier(store: store)
        await #expect(throws: WSSecurityError.unknownUser("mallory")) {
            try await verifier.verify(digestToken(user: "mallory", created: fixedNow), now: fixedNow)
        }
        await #expect(throws: WSSecurityError.unknownUser("mallory")) {
            try await verifier.verify(UsernameToken(username: "mallory", password: .text(""), nonce: [1, 3], created: createdString(fixedNow)), now: fixedNow)
        }
    }

    @Test(arguments: [-360.0, 360.0])
    func rejectsStaleCreated(offset: TimeInterval) async {
        let verifier = UsernameTokenVerifier(store: store)
        let token = digestToken(created: fixedNow + offset)
        await #expect(throws: WSSecurityError.staleCreated(token.created ?? "")) {
            try await verifier.verify(token, now: fixedNow)
        }
    }

    @Test func rejectsReplayedNonce() async throws {
        let verifier = UsernameTokenVerifier(store: store)
        let token = digestToken(created: fixedNow)
        #expect(try await verifier.verify(token, now: fixedNow) == "admin")
        await #expect(throws: WSSecurityError.replayedNonce) {
            try await verifier.verify(token, now: fixedNow + 10)
        }
        // The same nonce with another Created (a forged re-use) is also a replay.
        await #expect(throws: WSSecurityError.replayedNonce) {
            try await verifier.verify(digestToken(created: fixedNow + 1), now: fixedNow + 10)
        }
        // Once the token itself is stale, it is rejected as such.
        await #expect(throws: WSSecurityError.staleCreated(token.created ?? "")) {
            try await verifier.verify(token, now: fixedNow + 400)
        }
    }

    @Test func failedTokensDoNotPoisonTheCache() async throws {
        let verifier = UsernameTokenVerifier(store: store)
        await #expect(throws: WSSecurityError.wrongPassword("admin")) {
            try await verifier.verify(digestToken(password: "nope", created: fixedNow), now: fixedNow)
        }
        #expect(await verifier.cachedNonceCount == 0)
        #expect(try await verifier.verify(digestToken(created: fixedNow), now: fixedNow) == "admin")
    }

    @Test func rejectsDigestTokenWithoutNonceOrCreated() async {
        let verifier = UsernameTokenVerifier(store: store)
        let full = digestToken(created: fixedNow)
        await #expect(throws: WSSecurityError.missingNonceOrCreated) {
            try await verifier.verify(UsernameToken(username: "admin", password: full.password, nonce: nil, created: full.created), now: fixedNow)
        }
        await #expect(throws: WSSecurityError.missingNonceOrCreated) {
            try await verifier.verify(UsernameToken(username: "admin", password: full.password, nonce: full.nonce, created: nil), now: fixedNow)
        }
    }

    @Test func acceptsPasswordTextOnlyWithNonceAndCreated() async throws {
        let verifier = UsernameTokenVerifier(store: store)
        // Without them a captured clear-text token would replay for ever (issue 12, item 3).
        await #expect(throws: WSSecurityError.missingNonceOrCreated) {
            try await verifier.verify(UsernameToken(username: "operator", password: .text("op pass")), now: fixedNow)
        }
        await #expect(throws: WSSecurityError.missingNonceOrCreated) {
            try await verifier.verify(UsernameToken(username: "operator", password: .text("op pass"), nonce: [9, 8], created: nil), now: fixedNow)
        }
        await #expect(throws: WSSecurityError.missingNonceOrCreated) {
            try await verifier.verify(UsernameToken(username: "operator", password: .text("op pass"), created: createdString(fixedNow)), now: fixedNow)
        }
        #expect(try await verifier.verify(UsernameToken(username: "operator", password: .text("op pass"), nonce: [9, 7], created: createdString(fixedNow)), now: fixedNow) == "operator")
        // Nonce and Created are checked as for a digest.
        let token = UsernameToken(username: "admin", password: .text("secret"), nonce: [9, 9], created: createdString(fixedNow))
        #expect(try await verifier.verify(token, now: fixedNow) == "admin")
        await #expect(throws: WSSecurityError.replayedNonce) { try await verifier.verify(token, now: fixedNow) }
        let stale = UsernameToken(username: "admin", password: .text("secret"), nonce: [9, 6], created: createdString(fixedNow - 3600))
        await #expect(throws: WSSecurityError.staleCreated(stale.created ?? "")) { try await verifier.verify(stale, now: fixedNow) }
    }

    @Test func windowIsConfigurable() async throws {
        let strict = UsernameTokenVerifier(store: store, window: .seconds(60))
        let token = digestToken(created: fixedNow - 120)
        await #expect(throws: WSSecurityError.staleCreated(token.created ?? "")) {
            try await strict.verify(token, now: fixedNow)
        }
        let lenient = UsernameTokenVerifier(store: store, window: .seconds(600))
        #expect(try await lenient.verify(digestToken(created: fixedNow - 360), now: fixedNow) == "admin")
        #expect(try await lenient.verify(digestToken(nonce: [7], created: fixedNow + 360), now: fixedNow) == "admin")
    }

    @Test func clockOffsetMakesWrongDeviceClockWork() async throws {
        // The device's clock is two hours behind ours; the client measured it and sets the offset.
        let deviceNow = fixedNow - 7200
        let verifier = UsernameTokenVerifier(store: store)
        let plain = WSSecurityHeader.make(credentials: WSSecurityCredentials(username: "admin", password: "secret"), now: fixedNow)
        await #expect(throws: WSSecurityError.self) { try await verifier.verify(securityHeader: plain, now: deviceNow) }
        let shifted = WSSecurityHeader.make(
            credentials: WSSecurityCredentials(username: "admin", password: "secret", clockOffset: .seconds(-7200)), now: fixedNow)
        #expect(try await verifier.verify(securityHeader: shifted, now: deviceNow) == "admin")
    }

    @Test func replayCacheEvictsAndIsBounded() async throws {
        let verifier = UsernameTokenVerifier(store: store, window: .seconds(300), maxCachedNonces: 3)
        for i in 0..<3 {
            #expect(try await verifier.verify(digestToken(nonce: [UInt8(i)], created: fixedNow + Double(i)), now: fixedNow + 2) == "admin")
        }
        #expect(await verifier.cachedNonceCount == 3)
        // Full: a fresher token is accepted and the oldest nonce (created fixedNow) is forgotten...
        #expect(try await verifier.verify(digestToken(nonce: [100], created: fixedNow + 3), now: fixedNow + 3) == "admin")
        #expect(await verifier.cachedNonceCount == 3)
        // ...and its replay is refused as stale, as is anything created that early or earlier.
        let replay = digestToken(nonce: [0], created: fixedNow)
        await #expect(throws: WSSecurityError.staleCreated(replay.created ?? "")) { try await verifier.verify(replay, now: fixedNow + 4) }
        let skewed = digestToken(nonce: [101], created: fixedNow - 60)
        await #expect(throws: WSSecurityError.staleCreated(skewed.created ?? "")) { try await verifier.verify(skewed, now: fixedNow + 4) }
        // Remembered nonces are still replays; fresh tokens keep working.
        await #expect(throws: WSSecurityError.replayedNonce) {
            try await verifier.verify(digestToken(nonce: [2], created: fixedNow + 2), now: fixedNow + 4)
        }
        #expect(try await verifier.verify(digestToken(nonce: [102], created: fixedNow + 4), now: fixedNow + 4) == "admin")
        // After the window everything old has expired and the pressure is over.
        let later = fixedNow + 400
        #expect(try await verifier.verify(digestToken(nonce: [100], created: later), now: later) == "admin")
        #expect(await verifier.cachedNonceCount == 1)
        #expect(try await verifier.verify(UsernameToken(username: "admin", password: .text("secret"), nonce: [104], created: createdString(later)), now: later) == "admin")
    }

    @Test func concurrentReplaysAcceptExactlyOnce() async {
        let verifier = UsernameTokenVerifier(store: store)
        let token = digestToken(created: fixedNow)
        let accepted = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<20 {
                group.addTask { (try? await verifier.verify(token, now: fixedNow)) != nil }
            }
            var count = 0
            for await ok in group where ok { count += 1 }
            return count
        }
        #expect(accepted == 1)
    }
}

@Suite struct AuthenticationFaultTests {
    func failure(_ authentication: UsernameTokenAuthentication) async -> SOAPFault? {
        let header = WSSecurityHeader.make(credentials: WSSecurityCredentials(username: "admin", password: "wrong"))
        do {
            _ = try await authentication.authenticate([SOAPHeaderBlock(element: header)])
            return nil
        } catch {
            return error
        }
    }

    @Test("A failed token is env:Sender with WS-Security's wsse:FailedAuthentication, or the subcodes a policy gives")
    func subcodes() async throws {
        let plain = try #require(await failure(UsernameTokenAuthentication(store: store)))
        #expect(plain.code == .sender)
        #expect(plain.subcodes == [XMLName(WSSecurityNamespaces.wsse, "FailedAuthentication")])
        let onvif = try #require(await failure(UsernameTokenAuthentication(store: store, failureSubcodes: [XMLName("http://www.onvif.org/ver10/error", "NotAuthorized")])))
        #expect(onvif.subcodes == [XMLName("http://www.onvif.org/ver10/error", "NotAuthorized")])
    }
}
