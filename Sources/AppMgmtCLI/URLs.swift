import Foundation

/// Building the addresses the CLI talks to from `--device`.
public enum DeviceURL {
    public enum Failure: Error, CustomStringConvertible, Equatable {
        case invalid(String)
        public var description: String {
            switch self {
            case .invalid(let url): return "invalid device URL '\(url)' (expected e.g. http://192.168.0.10:80)"
            }
        }
    }

    /// `scheme://host[:port]` of an absolute http(s) URL.
    public static func origin(of device: String) throws(Failure) -> String {
        guard let components = URLComponents(string: device), let scheme = components.scheme?.lowercased(),
              scheme == "http" || scheme == "https", var host = components.percentEncodedHost, !host.isEmpty else {
            throw .invalid(device)
        }
        if host.contains(":"), !host.hasPrefix("[") { host = "[\(host)]" }
        if let port = components.port { return "\(scheme)://\(host):\(port)" }
        return "\(scheme)://\(host)"
    }

    /// The SOAP service address: `--device` itself when it has a path, otherwise its origin
    /// plus `servicePath`.
    public static func serviceEndpoint(device: String, servicePath: String) throws(Failure) -> String {
        let origin = try origin(of: device)
        if let components = URLComponents(string: device), !components.percentEncodedPath.isEmpty, components.percentEncodedPath != "/" {
            return device
        }
        return resolve(servicePath, origin: origin)
    }

    /// A path the device reported (UploadPath, a Configuration URI) made absolute: an absolute
    /// http(s) URI is kept, a path is combined with the scheme, host and port of the device.
    public static func resolve(_ reference: String, origin: String) -> String {
        let trimmed = reference.trimmingCharacters(in: .whitespacesAndNewlines)
        let lower = trimmed.lowercased()
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") { return trimmed }
        if trimmed.hasPrefix("/") { return origin + trimmed }
        return origin + "/" + trimmed
    }

    /// The request-target (path and query) of an absolute URL, as the request line carries it
    /// and as HTTP Digest's `uri` must repeat it.
    public static func requestTarget(of url: String) -> String {
        guard let components = URLComponents(string: url) else { return "/" }
        var target = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
        if let query = components.percentEncodedQuery { target += "?" + query }
        return target
    }
}

/// Content types for app packages, from the file name.
public enum PackageContentType {
    public static func forFile(_ path: String) -> String {
        let name = (path as NSString).lastPathComponent.lowercased()
        if name.hasSuffix(".tar.gz") || name.hasSuffix(".tgz") { return "application/gzip" }
        if name.hasSuffix(".gz") { return "application/gzip" }
        if name.hasSuffix(".tar") { return "application/x-tar" }
        if name.hasSuffix(".zip") { return "application/zip" }
        if name.hasSuffix(".json") { return "application/json" }
        return "application/octet-stream"
    }
}
