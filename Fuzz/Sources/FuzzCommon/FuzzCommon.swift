@_exported import AppMgmt
@_exported import SOAPRuntime

/// The checks the fuzz targets run, also callable from regression tests.
public enum FuzzChecks {
    /// Decodes `bytes` as a SOAP envelope and its body as the AppMgmt type its element names,
    /// and as each AppMgmt root type on its own; every value decoded must survive an
    /// encode → decode round trip unchanged. Traps on a violated property.
    public static func messages(_ bytes: [UInt8]) {
        // SOAP encoding's references: a rewrite of an envelope that reads must read too (or
        // exceed a limit, which merging attributes may).
        if SOAPMultiReferences.mayHoldReferences(bytes), let inlined = try? SOAPMultiReferences.inline(bytes), inlined != bytes {
            FuzzChecks.inlinedEnvelopeReads(original: bytes, inlined: inlined)
        }
        if let reader = try? SOAPEnvelopeReader(bytes: bytes), let element = reader.bodyElement {
            if reader.isFault {
                if let fault = try? reader.decodeFault(), (try? reader.finish()) != nil {
                    let again = SOAPEnvelopeWriter.fault(fault, version: reader.version)
                    guard let reread = try? SOAPEnvelopeReader(bytes: again), let fault2 = try? reread.decodeFault() else {
                        fatalError("a decoded fault does not decode after re-encoding: \(String(decoding: again, as: UTF8.self))")
                    }
                    // An unrecognized code (`env:Sgnder`) is written as SOAP's Receiver, which it
                    // decoded to: everything else must come back (crash-a8934ce5).
                    var written = fault
                    written.unrecognizedCode = nil
                    check(written == fault2, "fault round trip differs", again)
                }
            } else if let type = rootTypes.first(where: { $0.xmlName.localName == element.localName }) {
                decodeBody(reader, as: type)
            }
        }
        let selector = bytes.first.map { Int($0) } ?? 0
        // Every root type gets the raw document; one of them, chosen by the first byte, also
        // gets the round trip (so each input stays cheap).
        for (index, type) in rootTypes.enumerated() {
            roundTrip(bytes, as: type, checkRoundTrip: index == selector % rootTypes.count)
        }
    }

    /// The property fuzz-messages checks after `SOAPMultiReferences.inline`.
    public static func inlinedEnvelopeReads(original: [UInt8], inlined: [UInt8]) {
        guard (try? SOAPEnvelopeReader(bytes: original)) != nil else {
            fatalError("SOAPMultiReferences.inline rewrote what is not a readable envelope: \(String(decoding: original, as: UTF8.self))")
        }
        do {
            _ = try SOAPEnvelopeReader(bytes: inlined)
        } catch let error as XMLDecodingError where error.kind == .limitExceeded {
            return
        } catch {
            fatalError("SOAPMultiReferences.inline wrote an envelope that does not read (\(error)): \(String(decoding: inlined, as: UTF8.self))")
        }
    }

    static let rootTypes: [any (XMLRootElement & Equatable).Type] = [
        GetServiceCapabilities.self, GetServiceCapabilitiesResponse.self, Uninstall.self, UninstallResponse.self,
        GetInstalledApps.self, GetInstalledAppsResponse.self, GetAppsInfo.self, GetAppsInfoResponse.self,
        Activate.self, ActivateResponse.self, Deactivate.self, DeactivateResponse.self,
        InstallLicense.self, InstallLicenseResponse.self, GetDeviceId.self, GetDeviceIdResponse.self,
    ]

    static func decodeBody<T: XMLRootElement & Equatable>(_ reader: SOAPEnvelopeReader, as type: T.Type) {
        // Only a message the whole pipeline accepts (decode, then finish) must round-trip.
        guard let value = try? reader.decodeBody(T.self), (try? reader.finish()) != nil else { return }
        let again = SOAPEnvelopeWriter.message(value, version: reader.version)
        guard let reread = try? SOAPEnvelopeReader(bytes: again) else {
            fatalError("re-encoded envelope does not read: \(String(decoding: again, as: UTF8.self))")
        }
        do {
            let value2 = try reread.decodeBody(T.self)
            try reread.finish()
            check(value == value2, "envelope round trip differs for \(T.self)", again)
        } catch {
            fatalError("re-encoded \(T.self) does not decode: \(error)\n\(String(decoding: again, as: UTF8.self))")
        }
    }

    static func roundTrip<T: XMLRootElement & Equatable>(_ bytes: [UInt8], as type: T.Type, checkRoundTrip: Bool) {
        guard let value = try? T(xmlBytes: bytes), checkRoundTrip else { return }
        let again = value.xmlBytes()
        do {
            let value2 = try T(xmlBytes: again)
            check(value == value2, "round trip differs for \(T.self)", again)
        } catch {
            fatalError("re-encoded \(T.self) does not decode: \(error)\n\(String(decoding: again, as: UTF8.self))")
        }
    }

    static func check(_ condition: Bool, _ message: String, _ bytes: [UInt8]) {
        if !condition { fatalError("\(message):\n\(String(decoding: bytes, as: UTF8.self))") }
    }

    /// Parses `bytes` (as UTF-8, invalid sequences repaired) with every XSD value codec; each
    /// value parsed must write a lexical form that parses back to the same lexical form.
    public static func values(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        value(text, Bool.self)
        value(text, Int8.self); value(text, Int16.self); value(text, Int32.self); value(text, Int64.self); value(text, Int.self)
        value(text, UInt8.self); value(text, UInt16.self); value(text, UInt32.self); value(text, UInt64.self); value(text, UInt.self)
        value(text, XSDInteger.self); value(text, XSDDecimal.self); value(text, Float.self); value(text, Double.self)
        value(text, XSDDateTime.self); value(text, XSDDate.self); value(text, XSDTime.self); value(text, XSDDuration.self)
        value(text, XSDBase64Binary.self); value(text, XSDHexBinary.self); value(text, XSDQName.self)
        if let list = try? XSDList.decode(text, as: XSDDecimal.self) {
            let lexical = XSDList.encode(list)
            guard let again = try? XSDList.decode(lexical, as: XSDDecimal.self), XSDList.encode(again) == lexical else {
                fatalError("list round trip differs for \(text.debugDescription) → \(lexical.debugDescription)")
            }
        }
        if let dateTime = try? XSDDateTime(xsdLexical: text) {
            // The Date conversion must not trap, and whole seconds survive it.
            let date = dateTime.date
            let back = XSDDateTime(date: date, fractionDigits: 0, timeZoneOffsetMinutes: dateTime.timeZoneOffsetMinutes ?? 0)
            _ = back.isSameInstant(as: dateTime)
        }
    }

    static func value<T: XSDSimpleValue>(_ text: String, _ type: T.Type) {
        guard let parsed = try? T(xsdLexical: text) else { return }
        let lexical = parsed.xsdLexical
        guard let again = try? T(xsdLexical: lexical) else {
            fatalError("\(T.self): \(text.debugDescription) parsed, but its lexical form \(lexical.debugDescription) does not")
        }
        if again.xsdLexical != lexical {
            fatalError("\(T.self): \(text.debugDescription) → \(lexical.debugDescription) → \(again.xsdLexical.debugDescription)")
        }
    }
}
