import Foundation
import Testing
@testable import HTTPDigestAuth

private let fixedNow = Date(timeIntervalSince1970: 1_795_503_662)
private let testKey = Array(repeating: UInt8(7), count: 32)

private func passwords(_ table: [String: String]) -> (String) async -> String? {
    { table[$0] }
}

@Suite struct KnownAnswerTests {
    @Test func rfc2617Example() {
        let challenge = DigestChallenge(
            realm: "testrealm@host.com", nonce: "dcd98b7102dd2f0e8b11d0f600bfb0c093",
            opaque: "5ccc069c403ebaf9f0171e9517f40e41", algorithm: .md5, qop: ["auth", "auth-int"])
        let header = DigestClient.authorization(
            for: challenge, method: "GET", uri: "/dir/index.html", username: "Mufasa", password: "Circle Of Life",
            cnonce: "0a4f113b", nc: 1)
        let credentials = DigestCredentials(header: header)
        #expect(credentials?.response == "6629fae49393a05397450978507c4ef1")
        #expect(credentials?.nc == "00000001")
        #expect(credentials?.qop == "auth")
        #expect(credentials?.cnonce == "0a4f113b")
        #expect(credentials?.opaque == "5ccc069c403ebaf9f0171e9517f40e41")
        #expect(credentials?.uri == "/dir/index.html")
    }

    @Test func rfc2617ExampleParsedFromTheRFCText() {
        let header = """
            Digest username="Mufasa", realm="testrealm@host.com", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", \
            uri="/dir/index.html", qop=auth, nc=00000001, cnonce="0a4f113b", \
            response="6629fae49393a05397450978507c4ef1", opaque="5ccc069c403ebaf9f0171e9517f40e41"
            """
        let credentials = DigestCredentials(header: header)
        #expect(credentials?.username == "Mufasa")
        #expect(credentials?.algorithm == .md5)
        #expect(credentials?.expectedResponse(password: "Circle Of Life", method: "GET") == "6629fae49393a05397450978507c4ef1")
    }

    /// RFC 7616 §3.9.1: the same request answered with MD5 and with SHA-256.
    @Test(arguments: [
        (DigestAlgorithm.md5, "8ca523f5e9506fed4657c9700eebdbec"),
        (DigestAlgorithm.sha256, "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1"),
    ])
    func rfc7616Example(algorithm: DigestAlgorithm, expected: String) {
        let challenge = DigestChallenge(
            realm: "http-auth@example.org", nonce: "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v",
            opaque: "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS", algorithm: algorithm, qop: ["auth", "auth-int"])
        let header = DigestClient.authorization(
            for: challenge, method: "GET", uri: "/dir/index.html", username: "Mufasa", password: "Circle of Life",
            cnonce: "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ")
        #expect(DigestCredentials(header: header)?.response == expected)
        #expect(DigestCredentials(header: header)?.algorithm == algorithm)
    }

    @Test func legacyNoQop() {
        // RFC 2069 form: H(HA1:nonce:HA2).
        let challenge = DigestChallenge(realm: "r", nonce: "n", qop: [])
        let header = DigestClient.authorization(for: challenge, method: "GET", uri: "/x", username: "u", password: "p")
        let credentials = DigestCredentials(header: header)
        #expect(credentials?.qop == nil)
        #expect(credentials?.nc == nil)
        #expect(credentials?.cnonce == nil)
        let ha1 = DigestAlgorithm.md5.hexDigest("u:r:p")
        let ha2 = DigestAlgorithm.md5.hexDigest("GET:/x")
        #expect(credentials?.response == DigestAlgorithm.md5.hexDigest("\(ha1):n:\(ha2)"))
    }
}

@Suite struct ParsingTests {
    @Test func challengeWithQuotedCommasAndEscapes() {
        let header = #"DIGEST Realm="ONVIF, \"cam\" 1", qop="auth,auth-int", NONCE="abc", opaque="x,y", algorithm=sha-256, stale=TRUE"#
        let challenge = DigestChallenge(header: header)
        #expect(challenge?.realm == #"ONVIF, "cam" 1"#)
        #expect(challenge?.qop == ["auth", "auth-int"])
        #expect(challenge?.nonce == "abc")
        #expect(challenge?.opaque == "x,y")
        #expect(challenge?.algorithm == .sha256)
        #expect(challenge?.stale == true)
    }

    @Test func challengeRoundTripsThroughHeaderValue() throws {
        let original = DigestChallenge(realm: #"a "quoted", realm\"#, nonce: "n1", opaque: "o", algorithm: .sha256, qop: ["auth"], stale: true)
        #expect(DigestChallenge(header: original.headerValue) == original)
        let plain = DigestChallenge(realm: "r", nonce: "n", algorithm: .md5, qop: [])
        #expect(DigestChallenge(header: plain.headerValue) == plain)
    }

    @Test func notDigestOrUnusable() {
        #expect(DigestChallenge(header: #"Basic realm="x""#) == nil)
        #expect(DigestChallenge(header: "") == nil)
        #expect(DigestChallenge(header: #"Digest realm="x""#) == nil)  // no nonce
        #expect(DigestChallenge(header: #"Digest realm="x", nonce="n", algorithm=MD5-sess"#) == nil)
        #expect(DigestChallenge(header: #"Digest realm="x", nonce="unterminated"#) == nil)
        #expect(DigestCredentials(header: "Basic dXNlcjpwYXNz") == nil)
        #expect(DigestCredentials(header: #"Digest username="u", realm="r", nonce="n", uri="/""#) == nil)  // no response
    }

    @Test func secondChallengeInOneHeader() {
        let header = #"Basic realm="basic, realm", Digest realm="d", nonce="n", algorithm=MD5, qop="auth""#
        let challenge = DigestChallenge(header: header)
        #expect(challenge?.realm == "d")
        #expect(challenge?.nonce == "n")
        #expect(DigestChallenge(header: "Bearer abc/def==, Digest realm=\"d\", nonce=\"n\"")?.realm == "d")
    }

    @Test func preferSHA256() {
        let md5 = #"Digest realm="r", nonce="a", algorithm=MD5, qop="auth""#
        let sha = #"Digest realm="r", nonce="b", algorithm=SHA-256, qop="auth""#
        #expect(DigestChallenge.preferred(in: [md5, sha])?.algorithm == .sha256)
        #expect(DigestChallenge.all(in: md5 + ", " + sha).count == 2)
        #expect(DigestChallenge.preferred(in: [md5])?.nonce == "a")
    }

    @Test func credentialsRoundTrip() {
        let credentials = DigestCredentials(
            username: #"dom\"user""#, realm: "r, s", nonce: "n", uri: "/a?b=c,d", response: "abc", algorithm: .sha256,
            qop: "auth", nc: "0000000a", cnonce: "c", opaque: "o")
        #expect(DigestCredentials(header: credentials.headerValue) == credentials)
    }

    @Test func extendedUsername() {
        let credentials = DigestCredentials(username: "Jäsøn Doe", realm: "r", nonce: "n", uri: "/", response: "x")
        #expect(credentials.headerValue.contains("username*=UTF-8''J%C3%A4s%C3%B8n%20Doe"))
        #expect(DigestCredentials(header: credentials.headerValue)?.username == "Jäsøn Doe")
    }
}

@Suite struct VerifierTests {
    let verifier = DigestVerifier(realm: "AppMgmt", algorithm: .md5, nonceLifetime: .seconds(300), key: testKey)

    private func answer(_ challenge: DigestChallenge, password: String = "secret", method: String = "POST", uri: String = "/upload") -> String {
        DigestClient.authorization(for: challenge, method: method, uri: uri, username: "admin", password: password)
    }

    @Test func roundTrip() async {
        for algorithm in DigestAlgorithm.allCases {
            let verifier = DigestVerifier(realm: "AppMgmt", algorithm: algorithm)
            let challenge = verifier.challenge(now: fixedNow)
            #expect(challenge.qop == ["auth"])
            #expect(challenge.algorithm == algorithm)
            let header = answer(DigestChallenge(header: challenge.headerValue) ?? challenge)
            let outcome = await verifier.verify(
                authorization: header, method: "POST", requestURI: "/upload", password: passwords(["admin": "secret"]),
                now: fixedNow.addingTimeInterval(10))
            #expect(outcome == .authenticated(username: "admin"))
        }
    }

    @Test func missing() async {
        #expect(await verifier.verify(authorization: nil, method: "GET", password: passwords([:])) == .missing)
        #expect(await verifier.verify(authorization: "Basic YWRtaW46c2VjcmV0", method: "GET", password: passwords([:])) == .missing)
    }

    @Test func wrongPasswordUnknownUserWrongMethod() async {
        let challenge = verifier.challenge(now: fixedNow)
        let store = passwords(["admin": "secret"])
        #expect(await verifier.verify(authorization: answer(challenge, password: "nope"), method: "POST", password: store, now: fixedNow) == .invalid)
        #expect(await verifier.verify(authorization: answer(challenge), method: "POST", password: passwords([:]), now: fixedNow) == .invalid)
        #expect(await verifier.verify(authorization: answer(challenge), method: "GET", password: store, now: fixedNow) == .invalid)
    }

    @Test func uriMustMatchRequest() async {
        let challenge = verifier.challenge(now: fixedNow)
        let store = passwords(["admin": "secret"])
        let header = answer(challenge, uri: "/upload")
        #expect(await verifier.verify(authorization: header, method: "POST", requestURI: "/other", password: store, now: fixedNow) == .invalid)
        let absolute = answer(challenge, uri: "http://cam:8080/upload")
        #expect(await verifier.verify(authorization: absolute, method: "POST", requestURI: "/upload", password: store, now: fixedNow) == .authenticated(username: "admin"))
    }

    @Test func tamperedNonce() async {
        var challenge = verifier.challenge(now: fixedNow)
        var bytes = Array(challenge.nonce)
        bytes[3] = bytes[3] == "0" ? "1" : "0"  // change the timestamp: the MAC no longer matches
        challenge.nonce = String(bytes)
        #expect(await verifier.verify(authorization: answer(challenge), method: "POST", password: passwords(["admin": "secret"]), now: fixedNow) == .invalid)
        challenge.nonce = "dcd98b7102dd2f0e8b11d0f600bfb0c093"
        #expect(await verifier.verify(authorization: answer(challenge), method: "POST", password: passwords(["admin": "secret"]), now: fixedNow) == .invalid)
        // Another key (another process) did not issue it.
        let other = DigestVerifier(realm: "AppMgmt", key: Array(repeating: 9, count: 32))
        #expect(await other.verify(authorization: answer(verifier.challenge(now: fixedNow)), method: "POST", password: passwords(["admin": "secret"]), now: fixedNow) == .invalid)
    }

    @Test func oldNonceIsStale() async {
        let challenge = verifier.challenge(now: fixedNow)
        let store = passwords(["admin": "secret"])
        let later = fixedNow.addingTimeInterval(301)
        #expect(await verifier.verify(authorization: answer(challenge), method: "POST", password: store, now: later) == .stale)
        // ... but only when the answer is otherwise right.
        #expect(await verifier.verify(authorization: answer(challenge, password: "nope"), method: "POST", password: store, now: later) == .invalid)
        #expect(verifier.challenge(stale: true, now: later).headerValue.contains("stale=true"))
    }

    @Test func wrongRealmOrAlgorithmOrQop() async {
        let store = passwords(["admin": "secret"])
        var challenge = verifier.challenge(now: fixedNow)
        challenge.realm = "Other"
        #expect(await verifier.verify(authorization: answer(challenge), method: "POST", password: store, now: fixedNow) == .invalid)
        challenge = verifier.challenge(now: fixedNow)
        challenge.algorithm = .sha256
        #expect(await verifier.verify(authorization: answer(challenge), method: "POST", password: store, now: fixedNow) == .invalid)
        let good = DigestCredentials(header: answer(verifier.challenge(now: fixedNow)))
        guard var bad = good else { Issue.record("no credentials"); return }
        bad.qop = "auth-int"
        bad.response = bad.expectedResponse(password: "secret", method: "POST")
        #expect(await verifier.verify(authorization: bad.headerValue, method: "POST", password: store, now: fixedNow) == .invalid)
        #expect(await verifier.verify(authorization: "Digest username=\"admin\", realm=\"AppMgmt\"", method: "POST", password: store, now: fixedNow) == .invalid)
    }

    /// RFC 2069 answers carry no nonce count, so nothing stops their replay: refused, though the
    /// response is right.
    @Test func legacyClientWithoutQopIsRefused() async {
        var challenge = verifier.challenge(now: fixedNow)
        challenge.qop = []
        let header = answer(challenge)
        #expect(!header.contains("qop="))
        #expect(await verifier.verify(authorization: header, method: "POST", password: passwords(["admin": "secret"]), now: fixedNow) == .invalid)
    }

    /// A captured Authorization sent again (or a nonce count used before) is a replay: stale,
    /// so a real client fetches a new nonce; counts that grow keep working.
    @Test func replayedNonceCountIsStale() async {
        let store = passwords(["admin": "secret"])
        let challenge = verifier.challenge(now: fixedNow)
        let first = DigestClient.authorization(for: challenge, method: "POST", uri: "/upload", username: "admin", password: "secret", nc: 1)
        #expect(await verifier.verify(authorization: first, method: "POST", requestURI: "/upload", password: store, now: fixedNow) == .authenticated(username: "admin"))
        #expect(await verifier.verify(authorization: first, method: "POST", requestURI: "/upload", password: store, now: fixedNow) == .stale)
        // A copy of the verifier (another handler) shares the counts.
        let copy = verifier
        #expect(await copy.verify(authorization: first, method: "POST", requestURI: "/upload", password: store, now: fixedNow) == .stale)
        let second = DigestClient.authorization(for: challenge, method: "POST", uri: "/upload", username: "admin", password: "secret", nc: 2)
        #expect(await verifier.verify(authorization: second, method: "POST", requestURI: "/upload", password: store, now: fixedNow) == .authenticated(username: "admin"))
        let older = DigestClient.authorization(for: challenge, method: "POST", uri: "/upload", username: "admin", password: "secret", nc: 1)
        #expect(await verifier.verify(authorization: older, method: "POST", requestURI: "/upload", password: store, now: fixedNow) == .stale)
        // A wrong answer records nothing: the right one with its count still passes.
        let other = verifier.challenge(now: fixedNow)
        let wrong = DigestClient.authorization(for: other, method: "POST", uri: "/upload", username: "admin", password: "nope", nc: 1)
        #expect(await verifier.verify(authorization: wrong, method: "POST", requestURI: "/upload", password: store, now: fixedNow) == .invalid)
        let right = DigestClient.authorization(for: other, method: "POST", uri: "/upload", username: "admin", password: "secret", nc: 1)
        #expect(await verifier.verify(authorization: right, method: "POST", requestURI: "/upload", password: store, now: fixedNow) == .authenticated(username: "admin"))
    }

    /// Bounded, and a forgotten nonce never becomes new again: every nonce issued no later
    /// than the newest forgotten one is refused (stale), while newer ones still work.
    @Test func nonceCountsAreBoundedAndForgetNothingUsable() {
        let counts = NonceCounts(capacity: 2)
        let t = Date(timeIntervalSince1970: 1_000)
        #expect(counts.advance("a", to: 1, issued: t))
        #expect(counts.advance("b", to: 1, issued: t + 1))
        #expect(!counts.advance("a", to: 1, issued: t))
        #expect(counts.advance("c", to: 1, issued: t + 2))  // forgets "a", the oldest
        #expect(!counts.advance("a", to: 1, issued: t), "a forgotten nonce is not new again")
        #expect(!counts.advance("a", to: 2, issued: t), "nor with a higher count")
        #expect(!counts.advance("z", to: 1, issued: t - 5), "a nonce issued before a forgotten one may have been used")
        #expect(!counts.advance("c", to: 1, issued: t + 2))
        #expect(counts.advance("d", to: 1, issued: t + 3))  // forgets "b"
        #expect(counts.advance("c", to: 2, issued: t + 2), "a remembered nonce keeps counting")
    }

    /// The attack the bound allowed: a captured single-use upload Authorization, replayed
    /// after 10,000 other logins pushed its nonce out of the table.
    @Test func singleUseNonceStaysUsedAfterEviction() async {
        let small = DigestVerifier(realm: "AppMgmt", algorithms: [.md5], key: testKey, nonceCountCapacity: 3)
        let ha1: (String, DigestAlgorithm) async -> String? = { user, algorithm in user == "admin" ? algorithm.hexDigest("admin:AppMgmt:secret") : nil }
        let captured = DigestClient.authorization(for: small.challenge(now: fixedNow), method: "POST", uri: "/onvif/app_upload", username: "admin", password: "secret", nc: 1)
        #expect(await small.verify(authorization: captured, method: "POST", requestURI: "/onvif/app_upload", singleUse: true, now: fixedNow, ha1: ha1) == .authenticated(username: "admin"))
        for second in 1...5 {
            let now = fixedNow + Double(second)
            let other = DigestClient.authorization(for: small.challenge(now: now), method: "POST", uri: "/onvif/app_upload", username: "admin", password: "secret", nc: 1)
            #expect(await small.verify(authorization: other, method: "POST", requestURI: "/onvif/app_upload", singleUse: true, now: now, ha1: ha1) == .authenticated(username: "admin"))
        }
        #expect(await small.verify(authorization: captured, method: "POST", requestURI: "/onvif/app_upload", singleUse: true, now: fixedNow + 6, ha1: ha1) == .stale)
    }

    @Test func uppercaseHexResponseAccepted() async {
        guard var credentials = DigestCredentials(header: answer(verifier.challenge(now: fixedNow))) else { Issue.record("no credentials"); return }
        credentials.response = credentials.response.uppercased()
        #expect(await verifier.verify(authorization: credentials.headerValue, method: "POST", password: passwords(["admin": "secret"]), now: fixedNow) == .authenticated(username: "admin"))
    }

    @Test func noncesDiffer() {
        #expect(verifier.challenge(now: fixedNow).nonce != verifier.challenge(now: fixedNow).nonce)
        #expect(verifier.checkNonce(verifier.challenge(now: fixedNow).nonce) != nil)
    }
}

@Suite("DigestVerifier: several algorithms, stored HA1s, single-use nonces")
struct VerifierAlgorithmsTests {
    let verifier = DigestVerifier(realm: "AppMgmt", algorithms: [.sha256, .md5], key: testKey)

    private func ha1(_ username: String, _ algorithm: DigestAlgorithm) -> String? {
        username == "admin" ? algorithm.hexDigest("admin:AppMgmt:secret") : nil
    }

    @Test("One challenge per algorithm, preferred first, sharing a nonce; answers in either are accepted from HA1s")
    func bothAlgorithms() async {
        let challenges = verifier.challenges(now: fixedNow)
        #expect(challenges.map(\.algorithm) == [.sha256, .md5])
        #expect(Set(challenges.map(\.nonce)).count == 1)
        for (index, challenge) in challenges.enumerated() {
            // One nonce: each use counts up.
            let header = DigestClient.authorization(for: challenge, method: "GET", uri: "/c", username: "admin", password: "secret", nc: index + 1)
            let outcome = await verifier.verify(authorization: header, method: "GET", requestURI: "/c", singleUse: false, now: fixedNow) { self.ha1($0, $1) }
            #expect(outcome == .authenticated(username: "admin"), "\(challenge.algorithm)")
        }
        // An algorithm not offered is refused.
        let md5Only = DigestVerifier(realm: "AppMgmt", algorithm: .md5, key: testKey)
        let sha = DigestClient.authorization(for: challenges[0], method: "GET", uri: "/c", username: "admin", password: "secret")
        #expect(await md5Only.verify(authorization: sha, method: "GET", requestURI: "/c", singleUse: false, now: fixedNow) { self.ha1($0, $1) } == .invalid)
    }

    @Test("A single-use nonce cannot be used again, not even with a higher count: a fresh challenge instead")
    func singleUse() async {
        let challenge = verifier.challenges(now: fixedNow)[1]
        let first = DigestClient.authorization(for: challenge, method: "POST", uri: "/u", username: "admin", password: "secret", nc: 1)
        let second = DigestClient.authorization(for: challenge, method: "POST", uri: "/u", username: "admin", password: "secret", nc: 2)
        #expect(await verifier.verify(authorization: first, method: "POST", requestURI: "/u", singleUse: true, now: fixedNow) { self.ha1($0, $1) } == .authenticated(username: "admin"))
        #expect(await verifier.verify(authorization: second, method: "POST", requestURI: "/u", singleUse: true, now: fixedNow) { self.ha1($0, $1) } == .stale)
        // Without single use the higher count is fine.
        let other = verifier.challenges(now: fixedNow)[1]
        let a = DigestClient.authorization(for: other, method: "GET", uri: "/u", username: "admin", password: "secret", nc: 1)
        let b = DigestClient.authorization(for: other, method: "GET", uri: "/u", username: "admin", password: "secret", nc: 2)
        #expect(await verifier.verify(authorization: a, method: "GET", requestURI: "/u", singleUse: false, now: fixedNow) { self.ha1($0, $1) } == .authenticated(username: "admin"))
        #expect(await verifier.verify(authorization: b, method: "GET", requestURI: "/u", singleUse: false, now: fixedNow) { self.ha1($0, $1) } == .authenticated(username: "admin"))
    }
}
