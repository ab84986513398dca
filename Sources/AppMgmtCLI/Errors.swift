import AsyncHTTPClient
import ArgumentParser
import Foundation
import SOAPRuntime

/// A failure the CLI reports as one line; `exitCode` 1 for what the device refused, 2 for
/// failing to talk to it.
public struct CLIError: Error, CustomStringConvertible {
    public var message: String
    public var exitCode: Int32

    public init(_ message: String, exitCode: Int32 = 1) {
        self.message = message
        self.exitCode = exitCode
    }

    public var description: String { message }
}

public enum ErrorReport {
    /// The one-line message (without `error: `) and exit code for an error; nil for errors
    /// ArgumentParser reports itself (usage errors, `ExitCode`).
    public static func describe(_ error: any Error) -> (message: String, exitCode: Int32)? {
        switch error {
        case let fault as SOAPFault:
            return (fault.description, 1)
        case let error as CLIError:
            return (error.message, error.exitCode)
        case let error as SOAPClientError:
            switch error {
            case .transport(let inner):
                return ("cannot reach the device: \(transportMessage(inner))", 2)
            case .unexpectedResponse(let status, _, let prefix) where status == 401 || status == 403:
                let detail = prefix.trimmingCharacters(in: .whitespacesAndNewlines)
                return ("not authorized: HTTP \(status)\(detail.isEmpty ? "" : " (\(detail.prefix(120)))") — check --user/--password", 2)
            case .unexpectedResponse(let status, let contentType, let prefix):
                let detail = prefix.trimmingCharacters(in: .whitespacesAndNewlines)
                return ("unexpected HTTP \(status) response (\(contentType ?? "no content type"))\(detail.isEmpty ? "" : ": \(detail.prefix(120))")", 2)
            case .invalidResponse(let inner):
                return ("invalid SOAP response: \(inner)", 2)
            }
        case is ExitCode, is ValidationError, is CleanExit:
            return nil
        case let error as DeviceURL.Failure:
            return (error.description, 2)
        case let error as AppManifest.Failure:
            return (error.description, 1)
        case let error as HTTPClientError:
            return ("cannot reach the device: \(transportMessage(error))", 2)
        default:
            return (transportMessage(error), 2)
        }
    }

    static func transportMessage(_ error: any Error) -> String {
        if let error = error as? HTTPClientError {
            if error == .connectTimeout { return "connection timed out" }
            if error == .deadlineExceeded { return "request timed out" }
            if error == .remoteConnectionClosed { return "the device closed the connection" }
        }
        let text = String(describing: error)
        if text.lowercased().contains("connection refused") { return "connection refused" }
        return text
    }
}

/// Runs a command body, printing `error: ...` and exiting 1 or 2 on failure.
func reportingErrors(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch {
        guard let (message, code) = ErrorReport.describe(error) else { throw error }
        Terminal.writeStderr("error: \(message)\n")
        throw ExitCode(code)
    }
}
