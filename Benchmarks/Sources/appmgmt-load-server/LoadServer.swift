import AppMgmt
import AppMgmtServer
import BenchSupport
import Foundation
import Hummingbird
import Logging
import NIOCore
import SOAPHummingbird
import SOAPRuntime

/// The baseline server of `scripts/load.sh`: a bare Hummingbird route at /bare that reads the
/// request body and answers fixed response bytes without any SOAP work, on 127.0.0.1:PORT
/// (argument 1). The bytes are the file given as argument 2 (the real device's GetAppsInfo
/// answer, captured by the script); without it, the generated AppManagementDispatcher's answer
/// for an in-memory service of 10 apps, which is also mounted at /onvif/app_management.
@main
struct LoadServer {
    static func main() async throws {
        let port = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 8089
        let apps = BenchMessages.response(count: 10).info
        let dispatcher = AppManagementDispatcher(service: FixedAppManagement(apps: apps))
        let contentType = "application/soap+xml; charset=utf-8; action=\"http://www.onvif.org/ver10/appmgmt/wsdl/GetAppsInfo\""
        let probe = await dispatcher.handle(SOAPServerRequest(contentType: contentType, body: BenchMessages.getAppsInfoRequest))
        guard probe.status == 200 else {
            FileHandle.standardError.write(Data("dispatcher answered \(probe.status)\n".utf8))
            exit(1)
        }
        let responseBytes: [UInt8] =
            CommandLine.arguments.count > 2
            ? Array(try Data(contentsOf: URL(fileURLWithPath: CommandLine.arguments[2]))) : probe.body
        let responseType = probe.contentType

        let router = Router()
        router.addSOAPService(dispatcher, at: "/onvif/app_management")
        router.post("/bare") { request, _ -> Response in
            // Read the body like the SOAP route does, then answer the fixed bytes.
            _ = try await request.body.collect(upTo: 4 << 20)
            var headers = HTTPFields()
            headers[.contentType] = responseType
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: responseBytes)))
        }
        var logger = Logger(label: "appmgmt-load-server")
        logger.logLevel = .warning
        let app = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: port), serverName: "appmgmt-load-server"),
            onServerRunning: { _ in
                FileHandle.standardOutput.write(Data("appmgmt-load-server listening on http://127.0.0.1:\(port) (response \(responseBytes.count) bytes)\n".utf8))
            },
            logger: logger)
        try await app.runService()
    }
}
