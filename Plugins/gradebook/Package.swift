// swift-tools-version:6.2
// The gradebook plugin of Cartable: libgradebook.so on PluginKit, and its rules (marks, averages, statistics) as a library of their own, tested without a host.
import Foundation
import PackageDescription

// The Cartable sources: this plugin lives in Plugins/gradebook of the Cartable repository.
let cartablePath = ProcessInfo.processInfo.environment["CARTABLE_PATH"] ?? "../.."
let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent().path

let package = Package(
    name: "gradebook",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "gradebook", type: .dynamic, targets: ["Gradebook"]),
        .library(name: "GradebookRules", targets: ["GradebookRules"]),
    ],
    dependencies: [
        .package(name: "cartable", path: cartablePath),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.0"),
    ],
    targets: [
        .target(
            name: "Gradebook",
            dependencies: ["GradebookRules", .product(name: "PluginKit", package: "cartable")],
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")],
            // Export only the two ABI entry points.
            linkerSettings: [.unsafeFlags(["-Xlinker", "--version-script=\(here)/exports.map"], .when(platforms: [.linux]))]
        ),
        .target(name: "GradebookRules", swiftSettings: [.enableUpcomingFeature("ExistentialAny")]),
        // `make bench`: the report cards of a 1,000-pupil school computed from their marks.
        .executableTarget(name: "GradebookBench", dependencies: ["GradebookRules"]),
        .testTarget(
            name: "GradebookRulesTests",
            dependencies: ["GradebookRules", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
    ]
)
