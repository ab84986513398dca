import Foundation
import Testing
import SOAPRuntime

@Suite("XSD values: dateTime, date, time")
struct XSDValueDateTimeTests {
    @Test(arguments: [
        "2024-03-01T12:30:45.123+02:00", "2024-03-01T12:30:45Z", "2024-03-01T12:30:45", "2024-03-01T12:30:45+00:00",
        "2024-03-01T12:30:45.000Z", "2024-03-01T24:00:00", "2024-03-01T24:00:00.000Z", "2024-02-29T00:00:00-05:30",
        "0001-01-01T00:00:00Z", "-0044-03-15T12:00:00Z", "12345-06-07T08:09:10.1234567890123-14:00",
        "2024-12-31T23:59:59.999999999+14:00", "0000-01-01T00:00:00",
    ])
    func roundTripsExactly(text: String) throws {
        let value = try XSDDateTime(xsdLexical: text)
        #expect(value.xsdLexical == text)
        #expect(try XSDDateTime(xsdLexical: value.xsdLexical) == value)
    }

    @Test func fields() throws {
        let value = try XSDDateTime(xsdLexical: " 2024-03-01T12:30:45.1230+02:00\n")
        #expect(value.year == 2024)
        #expect(value.month == 3)
        #expect(value.day == 1)
        #expect(value.hour == 12)
        #expect(value.minute == 30)
        #expect(value.second == 45)
        #expect(value.fractionDigits == "1230")
        #expect(value.timeZoneOffsetMinutes == 120)
        #expect(!value.usesZ)
        #expect(value.xsdLexical == "2024-03-01T12:30:45.1230+02:00")

        let zulu = try XSDDateTime(xsdLexical: "2024-03-01T12:30:45Z")
        #expect(zulu.timeZoneOffsetMinutes == 0)
        #expect(zulu.usesZ)
        #expect(zulu.fractionDigits == "")
        let local = try XSDDateTime(xsdLexical: "2024-03-01T12:30:45")
        #expect(local.timeZoneOffsetMinutes == nil)
        let negative = try XSDDateTime(xsdLexical: "-0044-03-15T12:00:00-01:30")
        #expect(negative.year == -44)
        #expect(negative.timeZoneOffsetMinutes == -90)
    }

    @Test(arguments: [
        "2024-02-30T00:00:00Z", "2023-02-29T00:00:00Z", "2024-04-31T00:00:00Z", "2024-13-01T00:00:00Z",
        "2024-00-01T00:00:00Z", "2024-01-00T00:00:00Z", "2024-03-01T25:00:00Z", "2024-03-01T24:00:01Z",
        "2024-03-01T24:30:00Z", "2024-03-01T24:00:00.001Z", "2024-03-01T12:60:00Z", "2024-03-01T12:00:60Z",
        "2024-03-01T12:00:00+14:30", "2024-03-01T12:00:00-15:00", "2024-03-01T12:00:00+02:60", "2024-03-01T12:00:00+0200",
        "2024-03-01T12:00:00.Z", "2024-03-01T12:00:00.", "2024-03-01 12:00:00", "2024-03-01", "24-03-01T12:00:00",
        "02024-03-01T12:00:00", "2024-3-01T12:00:00", "2024-03-01T1:00:00", "2024-03-01T12:00", "2024-03-01T12:00:00ZZ",
        "2024-03-01T12:00:00z", "", "  ", "2024-03-01T12:00:00 Z", "+2024-03-01T12:00:00", "1900-02-29T00:00:00",
        "1234567890-01-01T00:00:00",
    ])
    func invalid(text: String) {
        #expect(throws: XSDValueError.self) { try XSDDateTime(xsdLexical: text) }
    }

    @Test func leapYears() throws {
        _ = try XSDDateTime(xsdLexical: "2024-02-29T00:00:00Z")
        _ = try XSDDateTime(xsdLexical: "2000-02-29T00:00:00Z")
        _ = try XSDDate(xsdLexical: "2024-02-29")
        #expect(throws: XSDValueError.self) { try XSDDate(xsdLexical: "2023-02-29") }
        #expect(throws: XSDValueError.self) { try XSDDate(xsdLexical: "2100-02-29") }
    }

    @Test func timeZoneLimits() throws {
        #expect(try XSDDateTime(xsdLexical: "2024-03-01T12:00:00+14:00").timeZoneOffsetMinutes == 840)
        #expect(try XSDDateTime(xsdLexical: "2024-03-01T12:00:00-14:00").timeZoneOffsetMinutes == -840)
        #expect(throws: XSDValueError.self) { try XSDDateTime(xsdLexical: "2024-03-01T12:00:00+14:30") }
        #expect(throws: XSDValueError.self) { try XSDDateTime(xsdLexical: "2024-03-01T12:00:00-14:01") }
    }

    @Test func knownEpochValues() throws {
        #expect(try XSDDateTime(xsdLexical: "1970-01-01T00:00:00Z").date.timeIntervalSince1970 == 0)
        #expect(try XSDDateTime(xsdLexical: "2001-01-01T00:00:00Z").date.timeIntervalSinceReferenceDate == 0)
        // 2024-03-01T12:30:45Z is 1709296245 seconds after the epoch.
        #expect(try XSDDateTime(xsdLexical: "2024-03-01T12:30:45Z").date.timeIntervalSince1970 == 1_709_296_245)
        #expect(try XSDDateTime(xsdLexical: "2024-03-01T14:30:45+02:00").date.timeIntervalSince1970 == 1_709_296_245)
        #expect(try XSDDateTime(xsdLexical: "2024-03-01T12:30:45").date.timeIntervalSince1970 == 1_709_296_245)
        let fractional = try XSDDateTime(xsdLexical: "2024-03-01T12:30:45.250Z").date.timeIntervalSince1970
        #expect(abs(fractional - 1_709_296_245.25) < 1e-6)
        #expect(try XSDDateTime(xsdLexical: "1969-12-31T23:59:59Z").date.timeIntervalSince1970 == -1)
        #expect(try XSDDateTime(xsdLexical: "2024-02-29T24:00:00Z").date
            == XSDDateTime(xsdLexical: "2024-03-01T00:00:00Z").date)
        // 1900-01-01 is 2208988800 seconds before the epoch.
        #expect(try XSDDateTime(xsdLexical: "1900-01-01T00:00:00Z").date.timeIntervalSince1970 == -2_208_988_800)
    }

    @Test func fromDate() throws {
        let date = Date(timeIntervalSince1970: 1_709_296_245.123)
        #expect(XSDDateTime(date: date).xsdLexical == "2024-03-01T12:30:45.123Z")
        #expect(XSDDateTime(date: date, fractionDigits: 0).xsdLexical == "2024-03-01T12:30:45Z")
        #expect(XSDDateTime(date: date, fractionDigits: 6).xsdLexical == "2024-03-01T12:30:45.123000Z")
        #expect(XSDDateTime(date: date, timeZoneOffsetMinutes: 120).xsdLexical == "2024-03-01T14:30:45.123+02:00")
        #expect(XSDDateTime(date: date, timeZoneOffsetMinutes: -330).xsdLexical == "2024-03-01T07:00:45.123-05:30")
        #expect(XSDDateTime(date: date, timeZoneOffsetMinutes: nil).xsdLexical == "2024-03-01T12:30:45.123")
        #expect(XSDDateTime(date: Date(timeIntervalSince1970: 0), fractionDigits: 0).xsdLexical == "1970-01-01T00:00:00Z")
        #expect(XSDDateTime(date: Date(timeIntervalSince1970: -0.5), fractionDigits: 1).xsdLexical == "1969-12-31T23:59:59.5Z")
        // Rounding the fraction carries into the seconds.
        #expect(XSDDateTime(date: Date(timeIntervalSince1970: 59.9996), fractionDigits: 3).xsdLexical == "1970-01-01T00:01:00.000Z")
        let back = XSDDateTime(date: date, timeZoneOffsetMinutes: 60).date
        #expect(abs(back.timeIntervalSince1970 - 1_709_296_245.123) < 1e-6)
    }

    @Test func dateRoundTripsOverManyDays() throws {
        // Every 7 hours 13 minutes over ~400 years around the epoch, both directions.
        var t = -6_000_000_000.0
        while t < 7_000_000_000 {
            let value = XSDDateTime(date: Date(timeIntervalSince1970: t), fractionDigits: 0)
            #expect(value.date.timeIntervalSince1970 == t)
            #expect(try XSDDateTime(xsdLexical: value.xsdLexical) == value)
            t += 25_980 * 97
        }
    }

    @Test func equalityIsLexicalAndInstantComparisonIsNot() throws {
        let zulu = try XSDDateTime(xsdLexical: "2024-03-01T12:00:00Z")
        let plusZero = try XSDDateTime(xsdLexical: "2024-03-01T12:00:00+00:00")
        let shifted = try XSDDateTime(xsdLexical: "2024-03-01T14:00:00.000+02:00")
        let other = try XSDDateTime(xsdLexical: "2024-03-01T14:00:00.001+02:00")
        #expect(zulu != plusZero)
        #expect(zulu != shifted)
        #expect(zulu.isSameInstant(as: plusZero))
        #expect(zulu.isSameInstant(as: shifted))
        #expect(!zulu.isSameInstant(as: other))
        #expect(Set([zulu, plusZero, zulu]).count == 2)
        #expect(try XSDDateTime(xsdLexical: "2024-03-01T24:00:00Z").isSameInstant(as: XSDDateTime(xsdLexical: "2024-03-02T00:00:00Z")))
    }

    @Test func fieldInitializer() throws {
        let value = try XSDDateTime(year: 2024, month: 3, day: 1, hour: 12, minute: 30, second: 45, fractionDigits: "5")
        #expect(value.xsdLexical == "2024-03-01T12:30:45.5Z")
        let noZone = try XSDDateTime(year: 99, month: 12, day: 31, timeZoneOffsetMinutes: nil)
        #expect(noZone.xsdLexical == "0099-12-31T00:00:00")
        #expect(try XSDDateTime(year: 2024, month: 3, day: 1, timeZoneOffsetMinutes: 0, usesZ: false).xsdLexical
            == "2024-03-01T00:00:00+00:00")
        #expect(throws: XSDValueError.self) { try XSDDateTime(year: 2023, month: 2, day: 29) }
        #expect(throws: XSDValueError.self) { try XSDDateTime(year: 2024, month: 1, day: 1, hour: 24, minute: 1) }
        #expect(throws: XSDValueError.self) { try XSDDateTime(year: 2024, month: 1, day: 1, fractionDigits: "1a") }
        #expect(throws: XSDValueError.self) { try XSDDateTime(year: 2024, month: 1, day: 1, timeZoneOffsetMinutes: 900) }
    }

    @Test(arguments: ["2024-03-01", "2024-03-01Z", "2024-03-01+02:00", "2024-03-01-14:00", "-0001-12-31", "20240-01-01", "2024-03-01+00:00"])
    func dateRoundTrips(text: String) throws {
        #expect(try XSDDate(xsdLexical: text).xsdLexical == text)
    }

    @Test(arguments: ["2024-03-01T00:00:00", "2024-02-30", "2024-03-01+14:30", "2024-03", "2024-03-1", "", "2024-03-01 Z"])
    func dateInvalid(text: String) {
        #expect(throws: XSDValueError.self) { try XSDDate(xsdLexical: text) }
    }

    @Test func dateConversions() throws {
        let value = try XSDDate(xsdLexical: "2024-03-01+02:00")
        #expect(value.year == 2024 && value.month == 3 && value.day == 1 && value.timeZoneOffsetMinutes == 120)
        #expect(value.date.timeIntervalSince1970 == 1_709_251_200 - 7200)
        #expect(try XSDDate(xsdLexical: "1970-01-02").date.timeIntervalSince1970 == 86_400)
        #expect(XSDDate(date: Date(timeIntervalSince1970: 1_709_296_245)).xsdLexical == "2024-03-01")
        #expect(XSDDate(date: Date(timeIntervalSince1970: 1_709_296_245), timeZoneOffsetMinutes: 0).xsdLexical == "2024-03-01Z")
        #expect(XSDDate(date: Date(timeIntervalSince1970: 1_709_296_245), timeZoneOffsetMinutes: 720).xsdLexical == "2024-03-02+12:00")
        #expect(try XSDDate(year: 2024, month: 2, day: 29).xsdLexical == "2024-02-29")
        #expect(throws: XSDValueError.self) { try XSDDate(year: 2024, month: 2, day: 30) }
    }

    @Test(arguments: ["12:30:45", "12:30:45.123Z", "00:00:00+14:00", "23:59:59.9999999-05:00", "24:00:00", "12:00:00+00:00"])
    func timeRoundTrips(text: String) throws {
        #expect(try XSDTime(xsdLexical: text).xsdLexical == text)
    }

    @Test(arguments: ["25:00:00", "24:00:01", "12:60:00", "12:00:60", "12:00", "12:00:00.", "12:00:00+14:30", "T12:00:00", "", "1:00:00"])
    func timeInvalid(text: String) {
        #expect(throws: XSDValueError.self) { try XSDTime(xsdLexical: text) }
    }

    @Test func timeFields() throws {
        let value = try XSDTime(xsdLexical: "12:30:45.25-03:00")
        #expect(value.hour == 12 && value.minute == 30 && value.second == 45)
        #expect(value.fractionDigits == "25")
        #expect(value.timeZoneOffsetMinutes == -180)
        #expect(value.secondsSinceMidnight == 45_045.25)
        #expect(try XSDTime(hour: 7, minute: 5).xsdLexical == "07:05:00")
        #expect(throws: XSDValueError.self) { try XSDTime(hour: 23, minute: 60) }
    }
}
