// swift-tools-version: 6.1
import PackageDescription

/// wsdl2swift: a WSDL 1.1 / XML Schema to Swift generator, its runtime, and the ONVIF AppMgmt
/// service generated from `Schemas/` into `Generated/`.
let package = Package(
    name: "wsdl2swift",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "wsdl2swift", targets: ["wsdl2swift"]),
        .library(name: "SOAPRuntime", targets: ["SOAPRuntime"]),
        .library(name: "WSDLModel", targets: ["WSDLModel"]),
        .library(name: "WSDLParser", targets: ["WSDLParser"]),
        .library(name: "SwiftGenerator", targets: ["SwiftGenerator"]),
        .library(name: "AppMgmt", targets: ["AppMgmt"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
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
            exclude: ["README.md"],
            sources: ["EmbeddedTemplates.swift"]
        ),
        .target(
            name: "SwiftGenerator",
            dependencies: [
                "WSDLModel", "WSDLParser", "GeneratorTemplates",
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

        // What generated code depends on.
        .target(name: "SOAPRuntime", dependencies: ["CLibXML2"], path: "Sources/SOAPRuntime"),

        // Generated from Schemas/ by wsdl2swift; never edited by hand.
        .target(name: "AppMgmt", dependencies: ["SOAPRuntime"], path: "Generated/AppMgmt"),

        .testTarget(name: "WSDLParserTests", dependencies: ["WSDLParser", "WSDLModel"], resources: [.copy("Fixtures")]),
        .testTarget(name: "SwiftGeneratorTests", dependencies: ["SwiftGenerator", "WSDLParser", "WSDLModel", "GeneratorTemplates"]),
        .testTarget(name: "SOAPRuntimeTests", dependencies: ["SOAPRuntime"]),
        .testTarget(name: "AppMgmtTests", dependencies: ["AppMgmt", "SOAPRuntime"]),
    ],
    swiftLanguageModes: [.v6]
)
