import Foundation

/// Plain-text output: aligned tables, key/value blocks, byte counts, progress lines.
public enum TextFormat {
    /// A table with a header row; columns separated by two spaces, the last one not padded.
    public static func table(headers: [String], rows: [[String]]) -> String {
        let columns = headers.count
        var widths = headers.map(\.count)
        for row in rows {
            for (i, cell) in row.prefix(columns).enumerated() { widths[i] = max(widths[i], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            var out = ""
            for i in 0..<columns {
                let cell = i < cells.count ? cells[i] : ""
                if i == columns - 1 {
                    out += cell
                } else {
                    out += cell + String(repeating: " ", count: widths[i] - cell.count + 2)
                }
            }
            return out.trimmingTrailingSpaces()
        }
        return ([line(headers)] + rows.map(line)).joined(separator: "\n")
    }

    /// `key:` lines with the values aligned; a multi-line value continues indented.
    public static func keyValues(_ pairs: [(String, String)]) -> String {
        let width = (pairs.map(\.0.count).max() ?? 0) + 1
        return pairs.map { key, value in
            let label = key + ":" + String(repeating: " ", count: width - key.count + 1)
            let indent = String(repeating: " ", count: label.count)
            let lines = value.split(separator: "\n", omittingEmptySubsequences: false)
            return (label + (lines.first.map(String.init) ?? "")).trimmingTrailingSpaces()
                + lines.dropFirst().map { "\n" + indent + $0 }.joined()
        }.joined(separator: "\n")
    }

    /// `512 B`, `1.5 KiB`, `12.3 MiB`, `1.0 GiB`.
    public static func bytes(_ count: Int64) -> String {
        if count < 1024 { return "\(count) B" }
        let units = ["KiB", "MiB", "GiB", "TiB"]
        var value = Double(count) / 1024
        var unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return String(format: "%.1f %@", value, units[unit])
    }

    /// `3.4 MiB/s`, or `-` when no time has passed.
    public static func rate(bytes: Int64, seconds: Double) -> String {
        guard seconds > 0.000_001 else { return "-" }
        return self.bytes(Int64((Double(bytes) / seconds).rounded())) + "/s"
    }

    /// The live progress line: `[#######.............]  35%  1.2 MiB / 3.4 MiB  850.0 KiB/s`.
    public static func progressLine(sent: Int64, total: Int64?, elapsed: Double, barWidth: Int = 24) -> String {
        let speed = rate(bytes: sent, seconds: elapsed)
        guard let total, total > 0 else {
            return "\(bytes(sent))  \(speed)"
        }
        let fraction = min(1, max(0, Double(sent) / Double(total)))
        let filled = Int((fraction * Double(barWidth)).rounded(.down))
        let bar = "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: barWidth - filled) + "]"
        let percent = String(format: "%3d%%", Int((fraction * 100).rounded(.down)))
        return "\(bar) \(percent)  \(bytes(sent)) / \(bytes(total))  \(speed)"
    }

    /// The line printed when a transfer ends: `sent 3.4 MiB in 1.2 s (2.8 MiB/s)`.
    public static func summaryLine(verb: String, bytes count: Int64, elapsed: Double) -> String {
        "\(verb) \(bytes(count)) in \(String(format: "%.1f", elapsed)) s (\(rate(bytes: count, seconds: elapsed)))"
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = Substring(self)
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}

/// What the AppMgmt HTTP endpoints' status codes mean (ONVIF AppMgmt §5.2/§5.3 plus HTTP).
public enum HTTPStatusMeaning {
    /// `415 Unsupported Media Type (...)`.
    public static func describe(_ status: Int) -> String {
        let text: String
        switch status {
        case 200: text = "OK"
        case 201: text = "Created"
        case 202: text = "Accepted"
        case 204: text = "No Content"
        case 400: text = "Bad Request"
        case 401: text = "Unauthorized (credentials missing or wrong, or the user lacks WRITE_SYSTEM access)"
        case 403: text = "Forbidden"
        case 404: text = "Not Found"
        case 405: text = "Method Not Allowed"
        case 408: text = "Request Timeout (upload too slow)"
        case 409: text = "Conflict"
        case 411: text = "Length Required (no Content-Length)"
        case 413: text = "Payload Too Large"
        case 415: text = "Unsupported Media Type (no Content-Type, or a MIME type not in FormatsSupported)"
        case 500: text = "Internal Server Error"
        case 503: text = "Service Unavailable"
        case 521: text = "Version Mismatch (the configuration does not fit the installed app version)"
        default: text = (200..<300).contains(status) ? "Success" : "HTTP error"
        }
        return "\(status) \(text)"
    }
}
