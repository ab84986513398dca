// XSDDateTime.swift
// xs:dateTime, xs:date and xs:time, sharing one hand-written parser over the UTF-8 bytes
// (no DateFormatter on this hot path). Values keep their lexical precision and time zone.

import Foundation

// MARK: - Shared calendar arithmetic and scanning

enum XSDCalendar {
    /// The proleptic Gregorian leap-year rule with a year 0 (XSD 1.1: 0000 is 1 BCE).
    @inline(__always)
    static func isLeapYear(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    @inline(__always)
    static func daysInMonth(_ month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days from 1970-01-01 to the given civil date (H. Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let shiftedMonth = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The civil date `days` after 1970-01-01.
    static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Seconds between 1970-01-01 and 2001-01-01 (Foundation's reference date).
    static let referenceDateOffset = 978_307_200

    /// The value of up to the first 17 `digits` as a fraction of a second.
    static func fractionValue(_ digits: String) -> Double {
        var value: UInt64 = 0
        var scale: Double = 1
        var count = 0
        for byte in digits.utf8 {
            if count == 17 { break }
            value = value &* 10 &+ UInt64(byte &- 0x30)
            scale *= 10
            count += 1
        }
        return count == 0 ? 0 : Double(value) / scale
    }

    /// `digits` without trailing zeros.
    static func trimmedFraction(_ digits: String) -> Substring {
        var end = digits.utf8.endIndex
        let utf8 = digits.utf8
        while end > utf8.startIndex, utf8[utf8.index(before: end)] == UInt8(ascii: "0") {
            end = utf8.index(before: end)
        }
        return Substring(utf8[utf8.startIndex..<end])
    }

    /// A timestamp split into civil fields shifted by an offset, with a rounded fraction.
    static func fields(of date: Date, fractionDigits: Int, offsetMinutes: Int)
        -> (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, fraction: String) {
        let digits = Swift.max(0, Swift.min(fractionDigits, 9))
        var seconds = date.timeIntervalSinceReferenceDate + Double(offsetMinutes * 60)
        if !seconds.isFinite { seconds = 0 }
        // Keep within years of ±(10^9 - 1): far beyond any real timestamp.
        seconds = Swift.max(-3.0e16, Swift.min(3.0e16, seconds))
        var whole = seconds.rounded(.down)
        var scale = 1
        for _ in 0..<digits { scale *= 10 }
        var units = ((seconds - whole) * Double(scale)).rounded()
        if units >= Double(scale) {
            whole += 1
            units -= Double(scale)
        }
        let total = Int(whole) + referenceDateOffset
        let days = total >= 0 ? total / 86_400 : (total - 86_399) / 86_400
        let secondOfDay = total - days * 86_400
        let civil = civilFromDays(days)
        var fraction = ""
        if digits > 0 {
            let value = UInt(Swift.max(0, Swift.min(Double(scale - 1), units)))
            fraction = buildASCIIString(capacity: digits) { $0.putDecimal(value, minimumDigits: digits) }
        }
        return (civil.year, civil.month, civil.day, secondOfDay / 3600, secondOfDay / 60 % 60, secondOfDay % 60, fraction)
    }

    static func validateTimeZone(_ offset: Int?) -> String? {
        guard let offset else { return nil }
        return abs(offset) <= 14 * 60 ? nil : "time zone offset out of range -14:00...+14:00"
    }

    static func validateFraction(_ digits: String) -> String? {
        digits.utf8.allSatisfy({ $0 &- 0x30 < 10 }) ? nil : "fraction digits must be decimal digits"
    }

    static func validateDate(year: Int, month: Int, day: Int) -> String? {
        guard abs(year) < 1_000_000_000 else { return "year out of range" }
        guard (1...12).contains(month) else { return "month out of range 01...12" }
        guard day >= 1, day <= daysInMonth(month, year: year) else { return "day out of range for the month" }
        return nil
    }

    static func validateTime(hour: Int, minute: Int, second: Int, fractionDigits: String) -> String? {
        if let reason = validateFraction(fractionDigits) { return reason }
        if hour == 24 {
            guard minute == 0, second == 0, fractionDigits.utf8.allSatisfy({ $0 == UInt8(ascii: "0") }) else {
                return "hour 24 is only allowed as 24:00:00"
            }
            return nil
        }
        guard (0...23).contains(hour) else { return "hour out of range 00...23" }
        guard (0...59).contains(minute) else { return "minute out of range 00...59" }
        guard (0...59).contains(second) else { return "second out of range 00...59" }
        return nil
    }
}

/// A failure reason from the scanner.
struct XSDScanFailure: Error {
    let reason: String
}

/// Scans the date, time and time-zone parts of the XSD date/time lexical forms.
struct XSDTemporalScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    var index: Int
    let end: Int

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        let range = XSDWhitespace.trimmed(bytes)
        index = range.lowerBound
        end = range.upperBound
    }

    var atEnd: Bool { index == end }

    @inline(__always)
    mutating func expect(_ byte: UInt8, _ what: String) throws(XSDScanFailure) {
        guard index < end, bytes[index] == byte else { throw XSDScanFailure(reason: "expected \(what)") }
        index += 1
    }

    /// Exactly two digits.
    @inline(__always)
    mutating func twoDigits(_ what: String) throws(XSDScanFailure) -> Int {
        guard index + 1 < end else { throw XSDScanFailure(reason: "expected two-digit \(what)") }
        let high = bytes[index] &- 0x30
        let low = bytes[index + 1] &- 0x30
        guard high < 10, low < 10 else { throw XSDScanFailure(reason: "expected two-digit \(what)") }
        index += 2
        return Int(high) * 10 + Int(low)
    }

    /// `-?([1-9][0-9]{3,}|0[0-9]{3})`, at most 9 digits.
    mutating func year() throws(XSDScanFailure) -> Int {
        var negative = false
        if index < end, bytes[index] == UInt8(ascii: "-") {
            negative = true
            index += 1
        }
        let start = index
        var value = 0
        while index < end, bytes[index] &- 0x30 < 10 {
            value = value &* 10 &+ Int(bytes[index] &- 0x30)
            index += 1
            if index - start > 9 { throw XSDScanFailure(reason: "year out of range") }
        }
        let count = index - start
        guard count >= 4 else { throw XSDScanFailure(reason: "expected a year of at least four digits") }
        if count > 4, bytes[start] == UInt8(ascii: "0") {
            throw XSDScanFailure(reason: "a year of more than four digits cannot start with 0")
        }
        return negative ? -value : value
    }

    /// `YYYY-MM-DD`, validated.
    mutating func date() throws(XSDScanFailure) -> (year: Int, month: Int, day: Int) {
        let year = try year()
        try expect(UInt8(ascii: "-"), "'-' after the year")
        let month = try twoDigits("month")
        try expect(UInt8(ascii: "-"), "'-' after the month")
        let day = try twoDigits("day")
        if let reason = XSDCalendar.validateDate(year: year, month: month, day: day) {
            throw XSDScanFailure(reason: reason)
        }
        return (year, month, day)
    }

    /// `hh:mm:ss(.s+)?`, validated (24:00:00 allowed).
    mutating func time() throws(XSDScanFailure) -> (hour: Int, minute: Int, second: Int, fraction: String) {
        let hour = try twoDigits("hour")
        try expect(UInt8(ascii: ":"), "':' after the hour")
        let minute = try twoDigits("minute")
        try expect(UInt8(ascii: ":"), "':' after the minute")
        let second = try twoDigits("second")
        var fraction = ""
        var allZero = true
        if index < end, bytes[index] == UInt8(ascii: ".") {
            index += 1
            let start = index
            while index < end, bytes[index] &- 0x30 < 10 {
                if bytes[index] != UInt8(ascii: "0") { allZero = false }
                index += 1
            }
            guard index > start else { throw XSDScanFailure(reason: "expected digits after '.'") }
            fraction = makeString(bytes, start..<index)
        }
        if hour == 24 {
            guard minute == 0, second == 0, allZero else {
                throw XSDScanFailure(reason: "hour 24 is only allowed as 24:00:00")
            }
        } else {
            guard hour < 24 else { throw XSDScanFailure(reason: "hour out of range 00...23") }
            guard minute < 60 else { throw XSDScanFailure(reason: "minute out of range 00...59") }
            guard second < 60 else { throw XSDScanFailure(reason: "second out of range 00...59") }
        }
        return (hour, minute, second, fraction)
    }

    /// An optional `Z` or `(+|-)hh:mm` within ±14:00, then the end of the text.
    mutating func timeZoneAndEnd() throws(XSDScanFailure) -> (offset: Int?, usesZ: Bool) {
        var result: (offset: Int?, usesZ: Bool) = (nil, false)
        if index < end {
            let sign = bytes[index]
            if sign == UInt8(ascii: "Z") {
                index += 1
                result = (0, true)
            } else if sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
                index += 1
                let hours = try twoDigits("time zone hour")
                try expect(UInt8(ascii: ":"), "':' in the time zone")
                let minutes = try twoDigits("time zone minute")
                guard minutes < 60, hours * 60 + minutes <= 14 * 60 else {
                    throw XSDScanFailure(reason: "time zone offset out of range -14:00...+14:00")
                }
                let offset = hours * 60 + minutes
                result = (sign == UInt8(ascii: "-") ? -offset : offset, false)
            }
        }
        guard index == end else { throw XSDScanFailure(reason: "unexpected character") }
        return result
    }
}

extension ByteSink {
    mutating func putYear(_ year: Int) {
        if year < 0 { put(UInt8(ascii: "-")) }
        putDecimal(year.magnitude, minimumDigits: 4)
    }

    mutating func putDate(_ year: Int, _ month: Int, _ day: Int) {
        putYear(year)
        put(UInt8(ascii: "-"))
        put2(month)
        put(UInt8(ascii: "-"))
        put2(day)
    }

    mutating func putTime(_ hour: Int, _ minute: Int, _ second: Int, _ fraction: String) {
        put2(hour)
        put(UInt8(ascii: ":"))
        put2(minute)
        put(UInt8(ascii: ":"))
        put2(second)
        if !fraction.isEmpty {
            put(UInt8(ascii: "."))
            put(fraction)
        }
    }

    mutating func putTimeZone(_ offset: Int?, usesZ: Bool) {
        guard let offset else { return }
        if offset == 0, usesZ {
            put(UInt8(ascii: "Z"))
            return
        }
        put(offset < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
        put2(abs(offset) / 60)
        put(UInt8(ascii: ":"))
        put2(abs(offset) % 60)
    }
}

/// Runs `body` over the bytes of `text`, turning a scan failure into an `XSDValueError`.
@inline(__always)
func scanTemporal<T>(
    _ text: String, typeName: String, _ body: (inout XSDTemporalScanner) throws(XSDScanFailure) -> T
) throws(XSDValueError) -> T {
    let result: Result<T, XSDScanFailure> = withUTF8Bytes(text) { bytes in
        var scanner = XSDTemporalScanner(bytes)
        do throws(XSDScanFailure) {
            return .success(try body(&scanner))
        } catch {
            return .failure(error)
        }
    }
    switch result {
    case .success(let value): return value
    case .failure(let failure): throw XSDValueError(typeName: typeName, value: text, reason: failure.reason)
    }
}

// MARK: - xs:dateTime

/// `xs:dateTime`, keeping the lexical precision and time zone of the text it was read from:
/// `2024-03-01T12:30:45.123+02:00`, `2024-03-01T12:30:45Z` and `2024-03-01T12:30:45` (no time
/// zone) are all written back exactly as read. Years may be negative or have more than four
/// digits (up to nine); `24:00:00` is kept as written (it denotes the next day's midnight).
///
/// Equality and hashing compare the fields, that is the lexical identity: `…T12:00:00Z`,
/// `…T12:00:00+00:00`, `…T14:00:00+02:00` and `…T12:00:00.0Z` are four different values. Use
/// ``isSameInstant(as:)`` to compare points in time.
public struct XSDDateTime: XSDSimpleValue, CustomStringConvertible {
    /// The year, in astronomical numbering (0 is 1 BCE); may be negative or above 9999.
    public let year: Int
    /// The month, 1...12.
    public let month: Int
    /// The day of the month, 1...28/29/30/31.
    public let day: Int
    /// The hour, 0...23, or 24 for the end of the day (then minute and second are 0).
    public let hour: Int
    /// The minute, 0...59.
    public let minute: Int
    /// The whole second, 0...59.
    public let second: Int
    /// The digits after the `.` exactly as given (`"123"`, `"5000"`), `""` when none.
    public let fractionDigits: String
    /// The offset from UTC in minutes (-840...840); `nil` when the value has no time zone.
    public let timeZoneOffsetMinutes: Int?
    /// Whether a zero offset is written `Z` (as opposed to `+00:00`).
    public let usesZ: Bool

    /// Creates a value from validated fields; throws when a field is out of range.
    public init(
        year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0,
        fractionDigits: String = "", timeZoneOffsetMinutes: Int? = 0, usesZ: Bool = true
    ) throws(XSDValueError) {
        let reason = XSDCalendar.validateDate(year: year, month: month, day: day)
            ?? XSDCalendar.validateTime(hour: hour, minute: minute, second: second, fractionDigits: fractionDigits)
            ?? XSDCalendar.validateTimeZone(timeZoneOffsetMinutes)
        self.init(
            unchecked: year, month, day, hour, minute, second, fractionDigits, timeZoneOffsetMinutes,
            usesZ && timeZoneOffsetMinutes == 0)
        if let reason { throw XSDValueError(typeName: "xs:dateTime", value: xsdLexical, reason: reason) }
    }

    init(unchecked year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int, _ second: Int,
         _ fractionDigits: String, _ timeZoneOffsetMinutes: Int?, _ usesZ: Bool) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
        self.fractionDigits = fractionDigits
        self.timeZoneOffsetMinutes = timeZoneOffsetMinutes
        self.usesZ = usesZ
    }

    /// Parses `-?YYYY-MM-DDThh:mm:ss(.s+)?(Z|(+|-)hh:mm)?` with surrounding whitespace.
    public init(xsdLexical: String) throws(XSDValueError) {
        self = try scanTemporal(xsdLexical, typeName: "xs:dateTime") { (scanner) throws(XSDScanFailure) in
            let date = try scanner.date()
            try scanner.expect(UInt8(ascii: "T"), "'T' between date and time")
            let time = try scanner.time()
            let zone = try scanner.timeZoneAndEnd()
            return XSDDateTime(
                unchecked: date.year, date.month, date.day, time.hour, time.minute, time.second,
                time.fraction, zone.offset, zone.usesZ)
        }
    }

    /// The instant `date` in the given time zone (`nil`: computed in UTC and written without a
    /// time zone; offsets are clamped to ±14:00), with `fractionDigits` (0...9) digits of
    /// fraction; a zero offset is written `Z`.
    public init(date: Date, fractionDigits: Int = 3, timeZoneOffsetMinutes: Int? = 0) {
        let offset = timeZoneOffsetMinutes.map { Swift.max(-840, Swift.min(840, $0)) }
        let f = XSDCalendar.fields(of: date, fractionDigits: fractionDigits, offsetMinutes: offset ?? 0)
        self.init(unchecked: f.year, f.month, f.day, f.hour, f.minute, f.second, f.fraction, offset, offset == 0)
    }

    /// The lexical form, reproducing the text read for typical inputs.
    public var xsdLexical: String {
        buildASCIIString(capacity: 48 + fractionDigits.utf8.count, writeLexical)
    }

    /// The lexical form as UTF-8, built on the stack.
    public func withXSDLexicalUTF8(_ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        withASCIIBytes(capacity: 48 + fractionDigits.utf8.count, writeLexical, body)
    }

    private func writeLexical(_ sink: inout ByteSink) {
        sink.putDate(year, month, day)
        sink.put(UInt8(ascii: "T"))
        sink.putTime(hour, minute, second, fractionDigits)
        sink.putTimeZone(timeZoneOffsetMinutes, usesZ: usesZ)
    }

    /// The lexical form.
    public var description: String { xsdLexical }

    /// Whole seconds since 1970-01-01T00:00:00Z; a value without time zone is taken as UTC.
    var epochSeconds: Int {
        XSDCalendar.daysFromCivil(year: year, month: month, day: day) * 86_400
            + hour * 3600 + minute * 60 + second - (timeZoneOffsetMinutes ?? 0) * 60
    }

    /// The point in time. A value without time zone is taken as UTC (XSD leaves it
    /// unspecified; SOAP peers that omit it almost always mean UTC or local device time).
    /// Fractions beyond Double's precision are rounded.
    public var date: Date {
        Date(timeIntervalSinceReferenceDate: Double(epochSeconds - XSDCalendar.referenceDateOffset)
            + XSDCalendar.fractionValue(fractionDigits))
    }

    /// Whether both denote the same point in time, whatever their time zones and precision
    /// (`12:00:00Z`, `14:00:00.000+02:00` are the same instant). Values without time zone are
    /// taken as UTC.
    public func isSameInstant(as other: XSDDateTime) -> Bool {
        epochSeconds == other.epochSeconds
            && XSDCalendar.trimmedFraction(fractionDigits) == XSDCalendar.trimmedFraction(other.fractionDigits)
    }
}

// MARK: - xs:date

/// `xs:date`: a calendar day with an optional time zone (`2024-03-01`, `2024-03-01Z`,
/// `2024-03-01-05:00`), written back as read. Equality compares the fields (lexical identity).
public struct XSDDate: XSDSimpleValue, CustomStringConvertible {
    /// The year, in astronomical numbering (0 is 1 BCE); may be negative or above 9999.
    public let year: Int
    /// The month, 1...12.
    public let month: Int
    /// The day of the month.
    public let day: Int
    /// The offset from UTC in minutes (-840...840); `nil` when the value has no time zone.
    public let timeZoneOffsetMinutes: Int?
    /// Whether a zero offset is written `Z` (as opposed to `+00:00`).
    public let usesZ: Bool

    /// Creates a value from validated fields; throws when a field is out of range.
    public init(year: Int, month: Int, day: Int, timeZoneOffsetMinutes: Int? = nil, usesZ: Bool = true) throws(XSDValueError) {
        let reason = XSDCalendar.validateDate(year: year, month: month, day: day)
            ?? XSDCalendar.validateTimeZone(timeZoneOffsetMinutes)
        self.year = year
        self.month = month
        self.day = day
        self.timeZoneOffsetMinutes = timeZoneOffsetMinutes
        self.usesZ = usesZ && timeZoneOffsetMinutes == 0
        if let reason { throw XSDValueError(typeName: "xs:date", value: xsdLexical, reason: reason) }
    }

    /// Parses `-?YYYY-MM-DD(Z|(+|-)hh:mm)?` with surrounding whitespace.
    public init(xsdLexical: String) throws(XSDValueError) {
        let parsed = try scanTemporal(xsdLexical, typeName: "xs:date") { (scanner) throws(XSDScanFailure) in
            (try scanner.date(), try scanner.timeZoneAndEnd())
        }
        year = parsed.0.year
        month = parsed.0.month
        day = parsed.0.day
        timeZoneOffsetMinutes = parsed.1.offset
        usesZ = parsed.1.usesZ
    }

    /// The day on which `date` falls in the given time zone (`nil`: in UTC, written without a
    /// time zone; offsets are clamped to ±14:00).
    public init(date: Date, timeZoneOffsetMinutes: Int? = nil) {
        let offset = timeZoneOffsetMinutes.map { Swift.max(-840, Swift.min(840, $0)) }
        let f = XSDCalendar.fields(of: date, fractionDigits: 0, offsetMinutes: offset ?? 0)
        year = f.year
        month = f.month
        day = f.day
        self.timeZoneOffsetMinutes = offset
        usesZ = offset == 0
    }

    /// The lexical form.
    public var xsdLexical: String {
        buildASCIIString(capacity: 40) { sink in
            sink.putDate(year, month, day)
            sink.putTimeZone(timeZoneOffsetMinutes, usesZ: usesZ)
        }
    }

    /// The lexical form.
    public var description: String { xsdLexical }

    /// Midnight at the start of the day in its time zone (UTC when it has none).
    public var date: Date {
        let seconds = XSDCalendar.daysFromCivil(year: year, month: month, day: day) * 86_400
            - (timeZoneOffsetMinutes ?? 0) * 60
        return Date(timeIntervalSinceReferenceDate: Double(seconds - XSDCalendar.referenceDateOffset))
    }
}

// MARK: - xs:time

/// `xs:time`: a time of day with fractional seconds and an optional time zone
/// (`12:30:45.250+02:00`), written back as read; `24:00:00` is allowed. Equality compares the
/// fields (lexical identity).
public struct XSDTime: XSDSimpleValue, CustomStringConvertible {
    /// The hour, 0...23, or 24 for the end of the day (then minute and second are 0).
    public let hour: Int
    /// The minute, 0...59.
    public let minute: Int
    /// The whole second, 0...59.
    public let second: Int
    /// The digits after the `.` exactly as given, `""` when none.
    public let fractionDigits: String
    /// The offset from UTC in minutes (-840...840); `nil` when the value has no time zone.
    public let timeZoneOffsetMinutes: Int?
    /// Whether a zero offset is written `Z` (as opposed to `+00:00`).
    public let usesZ: Bool

    /// Creates a value from validated fields; throws when a field is out of range.
    public init(
        hour: Int, minute: Int, second: Int = 0, fractionDigits: String = "",
        timeZoneOffsetMinutes: Int? = nil, usesZ: Bool = true
    ) throws(XSDValueError) {
        let reason = XSDCalendar.validateTime(hour: hour, minute: minute, second: second, fractionDigits: fractionDigits)
            ?? XSDCalendar.validateTimeZone(timeZoneOffsetMinutes)
        self.hour = hour
        self.minute = minute
        self.second = second
        self.fractionDigits = fractionDigits
        self.timeZoneOffsetMinutes = timeZoneOffsetMinutes
        self.usesZ = usesZ && timeZoneOffsetMinutes == 0
        if let reason { throw XSDValueError(typeName: "xs:time", value: xsdLexical, reason: reason) }
    }

    /// Parses `hh:mm:ss(.s+)?(Z|(+|-)hh:mm)?` with surrounding whitespace.
    public init(xsdLexical: String) throws(XSDValueError) {
        let parsed = try scanTemporal(xsdLexical, typeName: "xs:time") { (scanner) throws(XSDScanFailure) in
            (try scanner.time(), try scanner.timeZoneAndEnd())
        }
        hour = parsed.0.hour
        minute = parsed.0.minute
        second = parsed.0.second
        fractionDigits = parsed.0.fraction
        timeZoneOffsetMinutes = parsed.1.offset
        usesZ = parsed.1.usesZ
    }

    /// The lexical form.
    public var xsdLexical: String {
        buildASCIIString(capacity: 24 + fractionDigits.utf8.count) { sink in
            sink.putTime(hour, minute, second, fractionDigits)
            sink.putTimeZone(timeZoneOffsetMinutes, usesZ: usesZ)
        }
    }

    /// The lexical form.
    public var description: String { xsdLexical }

    /// Seconds since midnight (local to the value's own time zone), fraction included.
    public var secondsSinceMidnight: Double {
        Double(hour * 3600 + minute * 60 + second) + XSDCalendar.fractionValue(fractionDigits)
    }
}
