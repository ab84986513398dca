// swift-tools-version: 6.1
import PackageDescription

/// Benchmarks, kept apart from the root package so that the root `swift test` never builds them.
///
///     swift run -c release --package-path Benchmarks appmgmt-bench
///
/// `appmgmt-load-server` is the small release server `scripts/load.sh` drives with wrk.
let package = Package(
    name: "wsdl2swift-benchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "wsdl2swift", path: ".."),
        .package(url: "https://github.com/CoreOffice/XMLCoder", exact: "0.18.2"),
        .package(url: "https://github.com/ordo-one/malloc-interposer", exact: "1.6.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.20.0"),
    ],
    targets: [
        // Deterministic AppMgmt messages and the in-memory service, shared by the executables.
        .target(
            name: "BenchSupport",
            dependencies: [
                .product(name: "SOAPRuntime", package: "wsdl2swift"),
                .product(name: "ONVIFSupport", package: "wsdl2swift"),
                .product(name: "AppMgmt", package: "wsdl2swift"),
                .product(name: "AppMgmtServer", package: "wsdl2swift"),
            ]
        ),
        .executableTarget(
            name: "appmgmt-bench",
            dependencies: [
                "BenchSupport",
                .product(name: "SOAPRuntime", package: "wsdl2swift"),
                .product(name: "AppMgmt", package: "wsdl2swift"),
                .product(name: "AppMgmtServer", package: "wsdl2swift"),
                .product(name: "SwiftGenerator", package: "wsdl2swift"),
                .product(name: "WSDLParser", package: "wsdl2swift"),
                .product(name: "XMLCoder", package: "XMLCoder"),
                .product(name: "MallocInterposerSwift", package: "malloc-interposer"),
            ]
        ),
        .executableTarget(
            name: "appmgmt-load-server",
            dependencies: [
                "BenchSupport",
                .product(name: "SOAPRuntime", package: "wsdl2swift"),
                .product(name: "AppMgmt", package: "wsdl2swift"),
                .product(name: "AppMgmtServer", package: "wsdl2swift"),
                .product(name: "SOAPHummingbird", package: "wsdl2swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
