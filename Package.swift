// swift-tools-version: 6.1
import PackageDescription

/// wsdl2swift: a WSDL 1.1 / XML Schema to Swift generator, its runtime, and the ONVIF AppMgmt
/// service generated from `Schemas/` into `Generated/`.
let package = Package(
    name: "wsdl2swift",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "wsdl2swift", targets: ["wsdl2swift"]),
        .executable(name: "appmgmt-device", targets: ["appmgmt-device"]),
        .library(name: "AppMgmtDevice", targets: ["AppMgmtDevice"]),
        .library(name: "SOAPRuntime", targets: ["SOAPRuntime"]),
        .library(name: "ONVIFSupport", targets: ["ONVIFSupport"]),
        .library(name: "WSDLModel", targets: ["WSDLModel"]),
        .library(name: "WSDLParser", targets: ["WSDLParser"]),
        .library(name: "SwiftGenerator", targets: ["SwiftGenerator"]),
        .library(name: "WSSecurity", targets: ["WSSecurity"]),
        .library(name: "SOAPAsyncHTTPClient", targets: ["SOAPAsyncHTTPClient"]),
        .library(name: "SOAPHummingbird", targets: ["SOAPHummingbird"]),
        .library(name: "AppMgmt", targets: ["AppMgmt"]),
        .library(name: "ONVIFDevice", targets: ["ONVIFDevice"]),
        .library(name: "ONVIFEvents", targets: ["ONVIFEvents"]),
        .library(name: "ONVIFMedia", targets: ["ONVIFMedia"]),
        .library(name: "ONVIFMedia2", targets: ["ONVIFMedia2"]),
        .library(name: "ONVIFPTZ", targets: ["ONVIFPTZ"]),
        .library(name: "AppMgmtClient", targets: ["AppMgmtClient"]),
        .library(name: "AppMgmtServer", targets: ["AppMgmtServer"]),
        .plugin(name: "WSDL2SwiftPlugin", targets: ["WSDL2SwiftPlugin"]),
        .plugin(name: "WSDL2SwiftCommand", targets: ["WSDL2SwiftCommand"]),
        .library(name: "HTTPDigestAuth", targets: ["HTTPDigestAuth"]),
        .library(name: "WSDiscovery", targets: ["WSDiscovery"]),
        .library(name: "ONVIFClientSupport", targets: ["ONVIFClientSupport"]),
        .library(name: "AppMgmtCLI", targets: ["AppMgmtCLI"]),
        .library(name: "AppMgmtEvents", targets: ["AppMgmtEvents"]),
        .executable(name: "appmgmt", targets: ["appmgmt"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.0"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.20.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.30.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.27.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
    ],
    targets: [
        // libxml2, used by the parser and the runtime's pull reader.
        .systemLibrary(
            name: "CLibXML2",
            path: "Sources/CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),

        // The generator pipeline: documents -> IR -> render model -> templates -> files.
        .target(name: "WSDLModel", path: "Sources/WSDLModel"),
        .target(name: "WSDLParser", dependencies: ["WSDLModel", "CLibXML2"], path: "Sources/WSDLParser"),
        .target(
            name: "GeneratorTemplates",
            path: "Templates",
            exclude: ["README.md", "Types.swift.mustache", "XMLCoding.swift.mustache", "header.mustache", "enum.mustache", "struct.mustache", "enum-coding.mustache", "struct-coding.mustache", "Client.swift.mustache", "Server.swift.mustache",
                "choice-enum.mustache", "read-value.mustache", "write-value.mustache", "union.mustache", "union-coding.mustache",
            ],
            sources: ["EmbeddedTemplates.swift"]
        ),
        .target(
            name: "SwiftGenerator",
            dependencies: [
                "WSDLModel", "GeneratorTemplates",
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            path: "Sources/SwiftGenerator"
        ),
        .executableTarget(
            name: "wsdl2swift",
            dependencies: [
                "SwiftGenerator", "WSDLParser", "WSDLModel",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/wsdl2swift"
        ),

        // SwiftPM plugins running wsdl2swift: on build (output compiled into the target) and
        // on demand (output written into the package). See Plugins/README.md.
        .plugin(name: "WSDL2SwiftPlugin", capability: .buildTool(), dependencies: ["wsdl2swift"]),
        .plugin(
            name: "WSDL2SwiftCommand",
            capability: .command(
                intent: .custom(verb: "generate-code-from-wsdl", description: "Generate Swift from WSDL/XSD into the package's folders."),
                permissions: [.writeToPackageDirectory(reason: "To write the generated Swift files into the package's source folders.")]
            ),
            dependencies: ["wsdl2swift"]
        ),

        // What generated code depends on.
        .target(name: "SOAPRuntime", dependencies: ["CLibXML2"], path: "Sources/SOAPRuntime"),
        // ONVIF's conventions on top of the generic runtime: the ter: fault vocabulary and policy.
        .target(name: "ONVIFSupport", dependencies: ["SOAPRuntime"], path: "Sources/ONVIFSupport"),

        // WS-Security UsernameToken (OASIS 1.0) for clients and servers.
        .target(
            name: "WSSecurity",
            dependencies: ["SOAPRuntime", .product(name: "Crypto", package: "swift-crypto")],
            path: "Sources/WSSecurity"
        ),

        // Transports, apart so the runtime does not pull them in.
        .target(
            name: "SOAPAsyncHTTPClient",
            dependencies: ["SOAPRuntime", .product(name: "AsyncHTTPClient", package: "async-http-client")],
            path: "Sources/SOAPAsyncHTTPClient"
        ),
        .target(
            name: "SOAPHummingbird",
            dependencies: [
                "SOAPRuntime", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Sources/SOAPHummingbird"
        ),

        // Generated from Schemas/ by wsdl2swift; never edited by hand.
        .target(name: "AppMgmt", dependencies: ["SOAPRuntime"], path: "Generated/AppMgmt"),
        .target(name: "AppMgmtClient", dependencies: ["AppMgmt", "SOAPRuntime"], path: "Generated/AppMgmtClient"),
        .target(name: "AppMgmtServer", dependencies: ["AppMgmt", "SOAPRuntime"], path: "Generated/AppMgmtServer"),

        // HTTP Digest access authentication (RFC 7616 / RFC 2617), client and server side.
        .target(
            name: "HTTPDigestAuth",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")],
            path: "Sources/HTTPDigestAuth"
        ),

        // The `appmgmt` command-line client: logic in AppMgmtCLI, a thin executable.
        .target(
            name: "AppMgmtCLI",
            dependencies: [
                "AppMgmt", "AppMgmtClient", "AppMgmtEvents", "ONVIFDevice", "SOAPRuntime", "ONVIFSupport", "SOAPAsyncHTTPClient", "WSSecurity", "HTTPDigestAuth",
                "WSDiscovery", "ONVIFClientSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            path: "Sources/AppMgmtCLI"
        ),
        .executableTarget(
            name: "appmgmt",
            dependencies: [
                "AppMgmtCLI", "AppMgmt", "AppMgmtClient", "SOAPRuntime", "SOAPAsyncHTTPClient", "WSSecurity", "HTTPDigestAuth",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            path: "Sources/appmgmt",
            exclude: ["README.md"]
        ),
        // A SOAP 1.1 test service: types, client and server generated into one module.
        .target(name: "Calculator11", dependencies: ["SOAPRuntime"], path: "Generated/Calculator11"),
        // The generator constructs real WSDLs need, in one small service (Tests/Constructs).
        .target(name: "Constructs", dependencies: ["SOAPRuntime"], path: "Generated/Constructs"),
        // An rpc/encoded SOAP 1.1 service (SOAP 1.1 section 5 encoding, Axis/.NET style).
        .target(name: "EncodedInventory", dependencies: ["SOAPRuntime"], path: "Generated/EncodedInventory"),
        // The ONVIF Device and Event services, from Schemas/onvif (unmodified), filtered to the
        // operations the device implements: types, client and server in one module each.
        .target(name: "ONVIFDevice", dependencies: ["SOAPRuntime"], path: "Generated/ONVIFDevice"),
        .target(name: "ONVIFEvents", dependencies: ["SOAPRuntime"], path: "Generated/ONVIFEvents"),
        // A typed follower of tns1:AppMgmt/State over the generated Event clients.
        .target(name: "AppMgmtEvents", dependencies: ["AppMgmt", "ONVIFEvents", "SOAPRuntime"], path: "Sources/AppMgmtEvents"),
        // Media (ver10), Media2 and PTZ (ver20), filtered to what a streaming client calls first.
        .target(name: "ONVIFMedia", dependencies: ["SOAPRuntime"], path: "Generated/ONVIFMedia"),
        .target(name: "ONVIFMedia2", dependencies: ["SOAPRuntime"], path: "Generated/ONVIFMedia2"),
        .target(name: "ONVIFPTZ", dependencies: ["SOAPRuntime"], path: "Generated/ONVIFPTZ"),

        // Linux calls the device needs that Swift cannot make safely or Glibc does not export:
        // starting app processes with a clean slate (signals, descriptors, process group,
        // cgroup, user) between fork and exec, pipe2, renameat2's atomic exchange.
        .target(name: "CLinuxSupport", path: "Sources/CLinuxSupport"),

        // The AppMgmt device and its executable.
        // What clients of ONVIF devices need beside the generated clients: the device's clock.
        .target(name: "ONVIFClientSupport", dependencies: ["ONVIFDevice", "SOAPRuntime", "WSSecurity"], path: "Sources/ONVIFClientSupport"),
        // WS-Discovery (2005/04, as ONVIF uses it): the device's responder and the CLI's probe.
        .target(
            name: "WSDiscovery",
            dependencies: [
                "SOAPRuntime", .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Sources/WSDiscovery"
        ),
        .target(
            name: "AppMgmtDevice",
            dependencies: [
                "CLinuxSupport", "AppMgmt", "AppMgmtServer", "ONVIFDevice", "ONVIFEvents", "SOAPRuntime", "ONVIFSupport", "SOAPHummingbird", "WSSecurity", "HTTPDigestAuth",
                "SOAPAsyncHTTPClient", "WSDiscovery", .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Sources/AppMgmtDevice"
        ),
        .executableTarget(
            name: "appmgmt-device",
            dependencies: ["AppMgmtDevice", .product(name: "ArgumentParser", package: "swift-argument-parser"), .product(name: "Logging", package: "swift-log")],
            path: "Sources/appmgmt-device"
        ),

        .testTarget(
            name: "AppMgmtDeviceTests",
            dependencies: [
                "AppMgmtDevice", "appmgmt-device", "appmgmt", "AppMgmt", "AppMgmtClient", "ONVIFDevice", "ONVIFEvents", "SOAPRuntime", "ONVIFSupport", "SOAPAsyncHTTPClient", "WSSecurity", "HTTPDigestAuth",
                "SOAPHummingbird", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .testTarget(name: "WSDiscoveryTests", dependencies: ["WSDiscovery", "SOAPRuntime"]),
        .testTarget(name: "WSDLParserTests", dependencies: ["WSDLParser", "WSDLModel"], resources: [.copy("Fixtures")]),
        .testTarget(name: "SwiftGeneratorTests", dependencies: ["SwiftGenerator", "WSDLParser", "WSDLModel", "GeneratorTemplates", "wsdl2swift"]),
        .testTarget(name: "SOAPRuntimeTests", dependencies: ["SOAPRuntime", "ONVIFSupport"]),
        .testTarget(name: "ConstructsTests", dependencies: ["Constructs", "EncodedInventory", "SOAPRuntime", "ONVIFSupport"]),
        .testTarget(
            name: "ONVIFMessageTests", dependencies: ["ONVIFDevice", "ONVIFEvents", "ONVIFMedia", "ONVIFMedia2", "ONVIFPTZ", "SOAPRuntime", "CLibXML2"],
            resources: [.copy("Fixtures")]),
        .testTarget(name: "WSSecurityTests", dependencies: ["WSSecurity", "SOAPRuntime"]),
        .testTarget(name: "HTTPDigestAuthTests", dependencies: ["HTTPDigestAuth"]),
        .testTarget(name: "AppMgmtCLITests", dependencies: ["AppMgmtCLI", "AppMgmt", "SOAPRuntime", "ONVIFSupport", "HTTPDigestAuth"]),
        .testTarget(name: "AppMgmtTests", dependencies: ["AppMgmt", "SOAPRuntime"], resources: [.copy("Fixtures")]),
        .testTarget(
            name: "SOAPEndToEndTests",
            dependencies: [
                "AppMgmt", "AppMgmtClient", "AppMgmtEvents", "AppMgmtServer", "Calculator11", "Constructs", "SOAPRuntime", "ONVIFSupport", "WSSecurity", "SOAPHummingbird",
                "SOAPAsyncHTTPClient", "ONVIFDevice", "ONVIFClientSupport", "appmgmt",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
        // Hostile requests against the generated server, and the fuzzers' regression inputs.
        .testTarget(
            name: "HostileInputTests",
            dependencies: [
                "AppMgmt", "AppMgmtServer", "SOAPRuntime", "ONVIFSupport", "SOAPHummingbird",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
