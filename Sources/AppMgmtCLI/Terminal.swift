import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

public enum Terminal {
    public static var stderrIsTTY: Bool { isatty(STDERR_FILENO) == 1 }
    public static var stdoutIsTTY: Bool { isatty(STDOUT_FILENO) == 1 }

    public static func writeStderr(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    public static func writeStdout(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
