// XSDDuration.swift
// xs:duration, keeping its lexical form.

/// `xs:duration`: `-?P(nY)?(nM)?(nD)?(T(nH)?(nM)?(n(.n+)?S)?)?` with at least one component
/// and, after `T`, at least one time component (`P`, `PT`, `P1Y2`, `P1H` are refused). The text
/// is kept and written back as read (`PT90S` stays `PT90S`); equality compares the lexical form.
public struct XSDDuration: XSDSimpleValue, CustomStringConvertible {
    /// Whether the duration is negative (a leading `-`).
    public let isNegative: Bool
    /// The `Y` component, 0 when absent.
    public let years: Int
    /// The `M` component before `T`, 0 when absent.
    public let months: Int
    /// The `D` component, 0 when absent.
    public let days: Int
    /// The `H` component, 0 when absent.
    public let hours: Int
    /// The `M` component after `T`, 0 when absent.
    public let minutes: Int
    /// The whole part of the `S` component, 0 when absent.
    public let seconds: Int
    /// The digits after the `.` of the `S` component exactly as given, `""` when none.
    public let fractionDigits: String
    /// The lexical form (as read, without surrounding whitespace, or as built by the
    /// component initializer).
    public let xsdLexical: String

    /// Parses an `xs:duration` lexical form with surrounding whitespace.
    public init(xsdLexical: String) throws(XSDValueError) {
        typealias Parsed = (negative: Bool, values: [Int], fraction: String, lexical: String)
        let result: Result<Parsed, XSDValueError> = withUTF8Bytes(xsdLexical) { bytes in
            func fail(_ reason: String) -> Result<Parsed, XSDValueError> {
                .failure(XSDValueError(typeName: "xs:duration", value: xsdLexical, reason: reason))
            }
            let range = XSDWhitespace.trimmed(bytes)
            var i = range.lowerBound
            let end = range.upperBound
            guard i < end else { return fail("empty") }
            var negative = false
            if bytes[i] == UInt8(ascii: "-") {
                negative = true
                i += 1
            }
            guard i < end, bytes[i] == UInt8(ascii: "P") else { return fail("expected 'P'") }
            i += 1
            // Slots: 0 Y, 1 M, 2 D, 3 H, 4 M, 5 S.
            var values = [0, 0, 0, 0, 0, 0]
            var fraction = ""
            var nextSlot = 0
            var inTime = false
            var components = 0
            var timeComponents = 0
            while i < end {
                if bytes[i] == UInt8(ascii: "T") {
                    guard !inTime else { return fail("'T' appears twice") }
                    inTime = true
                    nextSlot = 3
                    i += 1
                    continue
                }
                let start = i
                var value = 0
                var overflow = false
                while i < end, bytes[i] &- 0x30 < 10 {
                    let (shifted, o1) = value.multipliedReportingOverflow(by: 10)
                    let (next, o2) = shifted.addingReportingOverflow(Int(bytes[i] &- 0x30))
                    if o1 || o2 { overflow = true } else { value = next }
                    i += 1
                }
                guard i > start else { return fail("expected digits") }
                guard !overflow else { return fail("component too large") }
                var hasFraction = false
                if i < end, bytes[i] == UInt8(ascii: ".") {
                    i += 1
                    let fractionStart = i
                    while i < end, bytes[i] &- 0x30 < 10 { i += 1 }
                    guard i > fractionStart else { return fail("expected digits after '.'") }
                    fraction = makeString(bytes, fractionStart..<i)
                    hasFraction = true
                }
                guard i < end else { return fail("number without designator") }
                let slot: Int
                switch bytes[i] {
                case UInt8(ascii: "Y") where !inTime: slot = 0
                case UInt8(ascii: "M"): slot = inTime ? 4 : 1
                case UInt8(ascii: "D") where !inTime: slot = 2
                case UInt8(ascii: "H") where inTime: slot = 3
                case UInt8(ascii: "S") where inTime: slot = 5
                default: return fail("unexpected designator")
                }
                guard slot >= nextSlot else { return fail("components out of order") }
                guard !hasFraction || slot == 5 else { return fail("only seconds may have a fraction") }
                values[slot] = value
                nextSlot = slot + 1
                components += 1
                if inTime { timeComponents += 1 }
                i += 1
            }
            guard components > 0 else { return fail("no components") }
            guard !inTime || timeComponents > 0 else { return fail("'T' without time components") }
            let lexical = range.count == bytes.count ? xsdLexical : makeString(bytes, range)
            return .success((negative, values, fraction, lexical))
        }
        let parsed = try result.get()
        isNegative = parsed.negative
        years = parsed.values[0]
        months = parsed.values[1]
        days = parsed.values[2]
        hours = parsed.values[3]
        minutes = parsed.values[4]
        seconds = parsed.values[5]
        fractionDigits = parsed.fraction
        self.xsdLexical = parsed.lexical
    }

    /// Creates a duration from non-negative components, writing only the non-zero ones
    /// (`PT0S` when all are zero); throws for negative components or a non-digit fraction.
    public init(
        isNegative: Bool = false, years: Int = 0, months: Int = 0, days: Int = 0,
        hours: Int = 0, minutes: Int = 0, seconds: Int = 0, fractionDigits: String = ""
    ) throws(XSDValueError) {
        self.isNegative = isNegative
        self.years = years
        self.months = months
        self.days = days
        self.hours = hours
        self.minutes = minutes
        self.seconds = seconds
        self.fractionDigits = fractionDigits
        var text = isNegative ? "-P" : "P"
        if years != 0 { text += "\(years)Y" }
        if months != 0 { text += "\(months)M" }
        if days != 0 { text += "\(days)D" }
        let hasSeconds = seconds != 0 || !fractionDigits.isEmpty
        if hours != 0 || minutes != 0 || hasSeconds {
            text += "T"
            if hours != 0 { text += "\(hours)H" }
            if minutes != 0 { text += "\(minutes)M" }
            if hasSeconds { text += fractionDigits.isEmpty ? "\(seconds)S" : "\(seconds).\(fractionDigits)S" }
        }
        if text.utf8.count <= 2 { text += "T0S" }
        self.xsdLexical = text
        if [years, months, days, hours, minutes, seconds].contains(where: { $0 < 0 }) {
            throw XSDValueError(typeName: "xs:duration", value: text, reason: "components must not be negative")
        }
        if let reason = XSDCalendar.validateFraction(fractionDigits) {
            throw XSDValueError(typeName: "xs:duration", value: text, reason: reason)
        }
    }

    /// A duration of `timeInterval` seconds in hours, minutes and seconds (`PT1M30S`,
    /// `-PT0.25S`), rounded to milliseconds; non-finite values give `PT0S`.
    public init(timeInterval: Double) {
        let magnitude = timeInterval.isFinite ? Swift.min(abs(timeInterval), 9.0e15) : 0
        let totalMilliseconds = Int((magnitude * 1000).rounded())
        let whole = totalMilliseconds / 1000
        var fraction = ""
        if totalMilliseconds % 1000 != 0 {
            fraction = buildASCIIString(capacity: 3) { $0.putDecimal(UInt(totalMilliseconds % 1000), minimumDigits: 3) }
            while fraction.hasSuffix("0") { fraction.removeLast() }
        }
        let value = try? XSDDuration(
            isNegative: timeInterval < 0 && totalMilliseconds > 0, hours: whole / 3600,
            minutes: whole / 60 % 60, seconds: whole % 60, fractionDigits: fraction)
        self = value ?? XSDDuration(zero: ())
    }

    private init(zero: ()) {
        isNegative = false
        years = 0
        months = 0
        days = 0
        hours = 0
        minutes = 0
        seconds = 0
        fractionDigits = ""
        xsdLexical = "PT0S"
    }

    /// The length in seconds when it is fixed, that is without years and months (whose length
    /// depends on the start date); `nil` otherwise.
    public var timeInterval: Double? {
        guard years == 0, months == 0 else { return nil }
        let whole = Double(days) * 86_400 + Double(hours) * 3600 + Double(minutes) * 60 + Double(seconds)
        let total = whole + XSDCalendar.fractionValue(fractionDigits)
        return isNegative ? -total : total
    }

    /// The lexical form.
    public var description: String { xsdLexical }
}
