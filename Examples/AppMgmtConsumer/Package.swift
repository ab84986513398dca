// swift-tools-version: 6.1
import PackageDescription

/// A package that uses wsdl2swift the way any other package would: it depends on it and
/// applies the WSDL2SwiftPlugin build plugin to a target holding a WSDL and a
/// wsdl2swift-config.json. `swift build` generates the AppMgmt types, client and server.
let package = Package(
    name: "AppMgmtConsumer",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "AppMgmtAPI", targets: ["AppMgmtAPI"]),
    ],
    dependencies: [
        // In your package: .package(url: "<wsdl2swift repository URL>", from: "0.1.0").
        // The name keeps product references stable whatever the checkout folder is called.
        .package(name: "wsdl2swift", path: "../.."),
    ],
    targets: [
        // Sources/AppMgmtAPI holds Schemas/ (a symlink to the repository's schemas) and
        // wsdl2swift-config.json; the Swift code is generated on build.
        .target(
            name: "AppMgmtAPI",
            dependencies: [.product(name: "SOAPRuntime", package: "wsdl2swift")],
            plugins: [.plugin(name: "WSDL2SwiftPlugin", package: "wsdl2swift")]
        ),
        .testTarget(
            name: "AppMgmtAPITests",
            dependencies: ["AppMgmtAPI", .product(name: "SOAPRuntime", package: "wsdl2swift"), .product(name: "ONVIFSupport", package: "wsdl2swift")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
