// swift-tools-version: 6.1
import PackageDescription

/// Settings every fairlabel target shares: strict Swift 6 with the upcoming features that keep
/// C types out of public APIs (`InternalImportsByDefault`, SE-0409), make existentials explicit
/// (`ExistentialAny`, SE-0335) and make member lookup follow imports (`MemberImportVisibility`,
/// SE-0444).
let strictSwift: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

/// The command-line parser: only the `fairlabel` executable uses it.
let argumentParser: Package.Dependency = .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")

let package = Package(
    name: "fairlabel",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "fairlabel", targets: ["fairlabel"]),
        .library(name: "FairlabelXML", targets: ["FairlabelXML"]),
        .library(name: "Schematron", targets: ["Schematron"]),
        .library(name: "Audit", targets: ["Audit"]),
        .library(name: "AuditReports", targets: ["AuditReports"]),
        .library(name: "AuditBatch", targets: ["AuditBatch"]),
        .library(name: "Server", targets: ["Server"]),
        .library(name: "Registry", targets: ["Registry"]),
        .library(name: "AuditJobs", targets: ["AuditJobs"]),
        .library(name: "Locking", targets: ["Locking"]),
    ],
    dependencies: [
        argumentParser,
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.3"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        .target(name: "Locking", swiftSettings: strictSwift),
        .target(name: "FairlabelXML", dependencies: ["CLibXML2", "Locking"], exclude: ["XPath/README.md"], swiftSettings: strictSwift),
        .target(name: "Schematron", dependencies: ["FairlabelXML"], swiftSettings: strictSwift),
        .target(
            name: "Audit",
            dependencies: ["FairlabelXML", "Schematron", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strictSwift
        ),
        .target(name: "AuditReports", dependencies: ["Audit", "FairlabelXML", "Schematron"], swiftSettings: strictSwift),
        .target(
            name: "AuditBatch",
            dependencies: ["Audit", "AuditReports", "FairlabelXML", "Locking", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strictSwift
        ),
        .target(
            name: "AuditJobs",
            dependencies: ["Audit", "AuditReports", "AuditBatch", "CZlib", "FairlabelXML", "Locking", "Registry"],
            swiftSettings: strictSwift
        ),
        .target(
            name: "Server",
            dependencies: [
                "Audit",
                "AuditReports",
                "AuditBatch",
                "AuditJobs",
                "FairlabelXML",
                "Locking",
                "Registry",
                "Schematron",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            resources: [.copy("Resources")],
            swiftSettings: strictSwift
        ),
        .target(
            name: "Registry",
            dependencies: [
                "Audit", "FairlabelXML", "Locking", "Schematron", .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSwift
        ),
        .executableTarget(
            name: "fairlabel",
            dependencies: [
                "FairlabelXML",
                "Schematron",
                "Audit",
                "AuditReports",
                "AuditBatch",
                "AuditJobs",
                "Server",
                "Registry",
                "Locking",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            swiftSettings: strictSwift
        ),
        .executableTarget(
            name: "RegistryBenchmark", dependencies: ["Registry", "TestSupport"], path: "Benchmarks/registry",
            exclude: ["copy_to_postgres.py", "wal_during_verify.sh"], swiftSettings: strictSwift),
        .executableTarget(
            name: "XPathBenchmark", dependencies: ["Audit", "Schematron", "FairlabelXML"], path: "Benchmarks/xpath/XPathBenchmark",
            swiftSettings: strictSwift),
        .executableTarget(
            name: "WriterBenchmark", dependencies: ["FairlabelXML", "Schematron"], path: "Benchmarks/writers", exclude: ["run.py"],
            swiftSettings: strictSwift),
        .testTarget(name: "FairlabelXMLTests", dependencies: ["FairlabelXML"], exclude: ["Fixtures"], swiftSettings: strictSwift),
        .testTarget(
            name: "SchematronTests", dependencies: ["Schematron", "FairlabelXML"], exclude: ["Fixtures"], swiftSettings: strictSwift),
        .testTarget(
            name: "AuditTests", dependencies: ["Audit", "AuditReports", "AuditBatch", "FairlabelXML", "Locking"], exclude: ["Fixtures"],
            swiftSettings: strictSwift),
        .testTarget(
            name: "RegistryTests",
            dependencies: [
                "Registry", "Audit", "FairlabelXML", "Locking", "TestSupport", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
            ],
            exclude: ["Fixtures"], swiftSettings: strictSwift),
        .target(name: "TestSupport", dependencies: ["Locking"], path: "Tests/TestSupport", swiftSettings: strictSwift),
        .testTarget(name: "LockingTests", dependencies: ["Locking"], swiftSettings: strictSwift),
        .testTarget(name: "TestSupportTests", dependencies: ["TestSupport"], swiftSettings: strictSwift),
        .testTarget(
            name: "ServerTests",
            dependencies: [
                "Server", "Audit", "AuditReports", "AuditBatch", "AuditJobs", "Locking", "Registry", "TestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            exclude: ["Fixtures"], swiftSettings: strictSwift),
        .testTarget(name: "fairlabelTests", dependencies: ["fairlabel", "TestSupport"], exclude: ["Fixtures"], swiftSettings: strictSwift),
    ],
    swiftLanguageModes: [.v6]
)

// `scripts/check-threads` builds with `FAIRLABEL_THREAD_CHECK=1` and ThreadSanitizer: only the
// libraries and test targets its concurrent tests need, without the command-line executable, its
// end-to-end tests, the registry benchmark and swift-argument-parser.
if Context.environment["FAIRLABEL_THREAD_CHECK"] == "1" {
    let unneeded: Set<String> = ["fairlabel", "fairlabelTests", "RegistryBenchmark"]
    package.targets.removeAll { unneeded.contains($0.name) }
    package.products.removeAll { unneeded.contains($0.name) }
    package.dependencies.removeAll { $0 === argumentParser }
}
