import Foundation
import SOAPRuntime

/// Formats and parses `wsu:Created` through the runtime's `XSDDateTime`.
enum XSDDateTimeBridge {
    /// `now` in UTC with milliseconds and `Z`, e.g. `2026-11-24T07:01:02.345Z`.
    static func format(_ date: Date) -> String {
        XSDDateTime(date: date, fractionDigits: 3, timeZoneOffsetMinutes: 0).xsdLexical
    }

    /// The instant of `yyyy-MM-ddTHH:mm:ss(.fraction)?(Z|±hh:mm)?`.
    static func parse(_ text: String) throws(XSDValueError) -> Date {
        try XSDDateTime(xsdLexical: text).date
    }
}
