@testable import SwiftGenerator
import Testing

@Suite("Swift names for XML names")
struct NamingTests {
    @Test(arguments: [
        ("AppID", "appID"), ("InstallationDate", "installationDate"), ("DeviceId", "deviceId"),
        ("URLPath", "urlPath"), ("ID", "id"), ("app-info", "appInfo"), ("X509Data", "x509Data"),
        ("UploadPath", "uploadPath"), ("FormatsSupported", "formatsSupported"), ("name_2", "name2"),
    ])
    func memberNames(xml: String, swift: String) {
        #expect(SwiftNaming.memberName(xml) == swift)
    }

    @Test(arguments: [
        ("AppInfo", "AppInfo"), ("getAppsInfoResponse", "GetAppsInfoResponse"), ("app-state", "AppState"),
        ("String", "StringType"), ("Type", "TypeType"), ("3D", "_3D"),
    ])
    func typeNames(xml: String, swift: String) {
        #expect(SwiftNaming.typeName(xml) == swift)
    }

    @Test func keywordsAreEscaped() {
        #expect(SwiftNaming.escaped("default") == "`default`")
        #expect(SwiftNaming.escaped("self") == "`self`")
        #expect(SwiftNaming.escaped("appID") == "appID")
    }

    @Test func collisionsGetNumbers() {
        var used: Set<String> = []
        #expect(SwiftNaming.unique("name", in: &used) == "name")
        #expect(SwiftNaming.unique("name", in: &used) == "name2")
        #expect(SwiftNaming.unique("name", in: &used) == "name3")
    }

    @Test func stringLiterals() {
        #expect(SwiftNaming.stringLiteral(#"a"b\c"#) == #"a\"b\\c"#)
        #expect(SwiftNaming.stringLiteral("line\nbreak") == #"line\nbreak"#)
    }
}
