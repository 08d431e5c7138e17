// swift-tools-version: 6.1
import PackageDescription

/// libFuzzer targets for fairlabel, kept out of the main package so that its ordinary builds never
/// see them. Build and run them with `scripts/fuzz TARGET SECONDS`, which passes
/// `--sanitize=fuzzer --sanitize=address`: every module gets coverage instrumentation and
/// AddressSanitizer, and libFuzzer supplies `main` (hence `-parse-as-library`).
let fuzzerSettings: [SwiftSetting] = [.unsafeFlags(["-parse-as-library"])]

let package = Package(
    name: "fairlabel-fuzz",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "fairlabel", path: "..")],
    targets: [
        .target(name: "FuzzSupport"),
        .executableTarget(
            name: "fuzz-submission",
            dependencies: ["FuzzSupport", .product(name: "FairlabelXML", package: "fairlabel")],
            swiftSettings: fuzzerSettings),
        .executableTarget(
            name: "fuzz-schematron",
            dependencies: [
                "FuzzSupport", .product(name: "FairlabelXML", package: "fairlabel"), .product(name: "Schematron", package: "fairlabel"),
            ],
            swiftSettings: fuzzerSettings),
        .executableTarget(
            name: "fuzz-audit",
            dependencies: ["FuzzSupport", .product(name: "Audit", package: "fairlabel"), .product(name: "FairlabelXML", package: "fairlabel")],
            swiftSettings: fuzzerSettings),
        .executableTarget(
            name: "fuzz-xpath",
            dependencies: ["FuzzSupport", .product(name: "FairlabelXML", package: "fairlabel")],
            swiftSettings: fuzzerSettings),
    ],
    swiftLanguageModes: [.v6]
)
