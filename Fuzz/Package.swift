// swift-tools-version: 6.1
import PackageDescription

/// libFuzzer targets over the SOAP envelope reader, the generated AppMgmt decoders, the XSD
/// value codecs, WS-Discovery datagrams, and the generator (parser + Swift generation on mutated schemas). Kept apart from the root package (the sanitizer flags apply to a whole build):
///
///     swift build -c release -Xswiftc -sanitize=fuzzer,address --package-path Fuzz
///     scripts/fuzz.sh fuzz-messages 600
let parseAsLibrary: [SwiftSetting] = [.unsafeFlags(["-parse-as-library"])]

let package = Package(
    name: "wsdl2swift-fuzz",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "wsdl2swift", path: ".."),
    ],
    targets: [
        .target(
            name: "FuzzCommon",
            dependencies: [
                .product(name: "SOAPRuntime", package: "wsdl2swift"),
                .product(name: "AppMgmt", package: "wsdl2swift"),
                .product(name: "WSDiscovery", package: "wsdl2swift"),
            ]
        ),
        .target(
            name: "GeneratorFuzzCommon",
            dependencies: [
                .product(name: "SwiftGenerator", package: "wsdl2swift"),
                .product(name: "WSDLParser", package: "wsdl2swift"),
                .product(name: "WSDLModel", package: "wsdl2swift"),
            ]
        ),
        // libFuzzer's driver behind SwiftPM's `<module>_main` entry point.
        .target(name: "FuzzDriver"),
        .executableTarget(name: "fuzz-messages", dependencies: ["FuzzCommon", "FuzzDriver"], path: "Sources/FuzzMessages", swiftSettings: parseAsLibrary),
        .executableTarget(name: "fuzz-generator", dependencies: ["GeneratorFuzzCommon", "FuzzDriver"], path: "Sources/FuzzGenerator", swiftSettings: parseAsLibrary),
        .executableTarget(name: "fuzz-discovery", dependencies: ["FuzzCommon", "FuzzDriver"], path: "Sources/FuzzDiscovery", swiftSettings: parseAsLibrary),
        .executableTarget(name: "fuzz-values", dependencies: ["FuzzCommon", "FuzzDriver"], path: "Sources/FuzzValues", swiftSettings: parseAsLibrary),
    ],
    swiftLanguageModes: [.v6]
)
