import AppMgmt
import SOAPRuntime
import Testing

@Suite("AppMgmt messages decode and encode")
struct RoundTripTests {
    @Test("GetAppsInfoResponse with unqualified locals, open content, every optional and an unknown state")
    func getAppsInfoResponseUnqualified() throws {
        let response = try decodeBody(GetAppsInfoResponse.self, from: fixture("GetAppsInfoResponse-unqualified.xml"))
        #expect(response.info.count == 2)
        let full = response.info[0]
        #expect(full.appID == "com.example.watch")
        #expect(full.name == "Kamera-Überwachung ✓")
        #expect(full.version == "2.4.1-rc.2")
        #expect(full.licenses.count == 2)
        #expect(full.licenses[0].name == "Commercial, 4 channels")
        #expect(full.licenses[0].validFrom?.xsdLexical == "2024-01-01T00:00:00Z")
        #expect(full.licenses[0].validUntil?.xsdLexical == "2025-12-31T23:59:59.5-05:00")
        #expect(full.licenses[1].validFrom?.xsdLexical == "2023-11-15T09:15:00.250+01:00")
        #expect(full.privileges == ["camera.read", "events.publish"])
        #expect(full.installationDate.xsdLexical == "2024-03-01T12:30:45.123+02:00")
        #expect(full.lastUpdate.xsdLexical == "2024-06-15T08:00:00Z")
        #expect(full.state == .active)
        #expect(full.status == "Running since 2024-06-15 <ok>")
        #expect(full.autostart == true)
        #expect(full.website == "https://apps.example.com/watch?lang=de&ref=onvif")
        #expect(full.openSource == "https://apps.example.com/watch/oss-licenses.html")
        #expect(full.configuration == "http://127.0.0.1:8080/onvif/apps/com.example.watch/config")
        #expect(full.interfaceDescription.count == 2)
        #expect(full.otherElements.count == 1)
        #expect(full.otherElements.first?.name == XMLName("urn:example:ext", "Extra"))
        #expect(full.otherElements.first?.child(named: "Inner")?.text == "text & more")
        #expect(full.otherAttributes == [XMLAnyAttribute(name: XMLName("urn:example:ext", "vendor"), prefix: "ext", value: "acme")])

        let minimal = response.info[1]
        #expect(minimal.state == .unknown("Suspended"))
        #expect(minimal.state.xsdLexical == "Suspended")
        #expect(minimal.licenses.isEmpty && minimal.privileges.isEmpty && minimal.interfaceDescription.isEmpty)
        #expect(minimal.openSource == nil && minimal.configuration == nil)
        #expect(minimal.autostart == false)

        // Encode, decode again: the same value; the writer follows the schema's element form.
        let xml = response.xmlString()
        #expect(xml.contains("<ans:GetAppsInfoResponse xmlns:ans=\"http://www.onvif.org/ver10/appmgmt/wsdl\">"))
        #expect(xml.contains("<Info ") && xml.contains("<AppID>com.example.watch</AppID>"))
        #expect(xml.contains("<State>Suspended</State>"))
        #expect(xml.contains("<Status>Running since 2024-06-15 &lt;ok&gt;</Status>"))
        #expect(xml.contains("ext:flag=\"1\""))
        let again = try GetAppsInfoResponse(xmlString: xml)
        #expect(again == response)
    }

    @Test("Local elements qualified with the service namespace decode the same")
    func getAppsInfoResponseQualified() throws {
        let response = try decodeBody(GetAppsInfoResponse.self, from: fixture("GetAppsInfoResponse-qualified.xml"))
        #expect(response.info.count == 1)
        #expect(response.info[0].state == .inactive)
        #expect(!response.info[0].appID.isEmpty)
        let again = try GetAppsInfoResponse(xmlString: response.xmlString())
        #expect(again == response)
        #expect(!response.xmlString().contains("<ans:AppID>"))
    }

    @Test("GetInstalledAppsResponse keeps each App's extension content")
    func getInstalledApps() throws {
        let response = try decodeBody(GetInstalledAppsResponse.self, from: fixture("GetInstalledAppsResponse.xml"))
        #expect(response.app.count == 3)
        #expect(response.app.contains { !$0.otherElements.isEmpty })
        let again = try GetInstalledAppsResponse(xmlString: response.xmlString())
        #expect(again == response)
    }

    @Test("Capabilities attributes: a list, a boolean, a URI, a string and a foreign attribute")
    func capabilities() throws {
        let response = try decodeBody(GetServiceCapabilitiesResponse.self, from: fixture("GetServiceCapabilitiesResponse.xml"))
        let capabilities = response.capabilities
        #expect(capabilities.formatsSupported == ["application/gzip", "application/x-tar"])
        #expect(capabilities.licensing == true)
        #expect(capabilities.uploadPath == "/onvif/app_upload")
        #expect(capabilities.eventTopicPrefix == "AppEvents")
        #expect(capabilities.otherAttributes.count == 1)
        let xml = response.xmlString()
        #expect(xml.contains("FormatsSupported=\"application/gzip application/x-tar\""))
        #expect(try GetServiceCapabilitiesResponse(xmlString: xml) == response)
    }

    @Test("Requests decode", arguments: ["Uninstall.xml", "Activate.xml", "Deactivate.xml"])
    func appIDRequests(file: String) throws {
        let bytes = try fixture(file)
        switch file {
        case "Uninstall.xml": #expect(try !decodeBody(Uninstall.self, from: bytes).appID.isEmpty)
        case "Activate.xml": #expect(try !decodeBody(Activate.self, from: bytes).appID.isEmpty)
        default: #expect(try !decodeBody(Deactivate.self, from: bytes).appID.isEmpty)
        }
    }

    @Test("Optional AppID present and absent; InstallLicense; empty requests; GetDeviceIdResponse")
    func otherMessages() throws {
        #expect(try decodeBody(GetAppsInfo.self, from: fixture("GetAppsInfo-all.xml")).appID == nil)
        #expect(try decodeBody(GetAppsInfo.self, from: fixture("GetAppsInfo-one.xml")).appID != nil)
        let license = try decodeBody(InstallLicense.self, from: fixture("InstallLicense.xml"))
        #expect(!license.license.isEmpty)
        _ = try decodeBody(GetDeviceId.self, from: fixture("GetDeviceId.xml"))
        _ = try decodeBody(GetServiceCapabilities.self, from: fixture("GetServiceCapabilities.xml"))
        _ = try decodeBody(GetInstalledApps.self, from: fixture("GetInstalledApps.xml"))
        #expect(try !decodeBody(GetDeviceIdResponse.self, from: fixture("GetDeviceIdResponse.xml")).deviceId.isEmpty)
        #expect(UninstallResponse().xmlString() == #"<?xml version="1.0" encoding="UTF-8"?><ans:UninstallResponse xmlns:ans="http://www.onvif.org/ver10/appmgmt/wsdl"/>"#)
    }

    @Test("Every AppState value round-trips; unknown values are kept")
    func appStates() throws {
        for state in AppState.knownCases {
            #expect(try AppState(xsdLexical: state.xsdLexical) == state)
        }
        #expect(AppState.knownCases.map(\.xsdLexical) == ["Active", "Inactive", "Installing", "Uninstalling", "Removed", "InstallationFailed"])
        #expect(try AppState(xsdLexical: "Paused") == .unknown("Paused"))
    }
}

@Suite("AppMgmt decoding errors say what and where")
struct DecodingErrorTests {
    let ans = "http://www.onvif.org/ver10/appmgmt/wsdl"

    func decode<T: XMLRootElement>(_ type: T.Type, _ xml: String) -> XMLDecodingError? {
        do {
            _ = try T(xmlString: xml)
            return nil
        } catch {
            return error
        }
    }

    @Test func missingRequiredElement() {
        let error = decode(Activate.self, #"<a:Activate xmlns:a="\#(ans)"/>"#)
        #expect(error?.kind == .missingValue)
        #expect(error?.message.contains("AppID") == true)
    }

    @Test func unknownElementWhereSchemaAllowsNone() {
        let error = decode(Activate.self, #"<a:Activate xmlns:a="\#(ans)"><AppID>x</AppID><Extra/></a:Activate>"#)
        #expect(error?.kind == .unexpectedElement)
        #expect(error?.message.contains("<Extra>") == true)
    }

    @Test func duplicateSingleElement() {
        let error = decode(Activate.self, #"<a:Activate xmlns:a="\#(ans)"><AppID>x</AppID><AppID>y</AppID></a:Activate>"#)
        #expect(error?.kind == .duplicateElement)
    }

    @Test func wrongBooleanAndDateTime() {
        let info = { (autostart: String, date: String) in
            #"<a:GetAppsInfoResponse xmlns:a="\#(self.ans)"><Info><AppID>i</AppID><Name>n</Name><Version>1</Version><InstallationDate>\#(date)</InstallationDate><LastUpdate>2024-01-01T00:00:00Z</LastUpdate><State>Active</State><Status/><Autostart>\#(autostart)</Autostart><Website>w</Website></Info></a:GetAppsInfoResponse>"#
        }
        #expect(decode(GetAppsInfoResponse.self, info("true", "2024-01-01T00:00:00Z")) == nil)
        let boolError = decode(GetAppsInfoResponse.self, info("yes", "2024-01-01T00:00:00Z"))
        #expect(boolError?.kind == .invalidValue)
        #expect(boolError?.message.contains("Autostart") == true)
        let dateError = decode(GetAppsInfoResponse.self, info("1", "2024-02-30T00:00:00Z"))
        #expect(dateError?.kind == .invalidValue)
        #expect(dateError?.message.contains("InstallationDate") == true)
    }

    @Test func wrongRootElement() {
        let error = decode(Activate.self, #"<a:Deactivate xmlns:a="\#(ans)"><AppID>x</AppID></a:Deactivate>"#)
        #expect(error?.kind == .unexpectedRoot)
    }

    @Test func doctypeIsRefused() {
        let error = decode(Activate.self, #"<!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a:Activate xmlns:a="\#(ans)"><AppID>&x;</AppID></a:Activate>"#)
        #expect(error?.kind == .forbidden)
    }

    @Test func truncatedDocument() {
        let error = decode(Activate.self, #"<a:Activate xmlns:a="\#(ans)"><AppID>x</AppID>"#)
        #expect(error?.kind == .malformed)
    }
}
