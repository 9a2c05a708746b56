// swift-tools-version:6.2
// The gradebook plugin of Cartable: its rules (marks, averages, statistics) as a library of their own, tested without a host.
import PackageDescription

let package = Package(
    name: "gradebook",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "GradebookRules", targets: ["GradebookRules"])
    ],
    dependencies: [
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.0")
    ],
    targets: [
        .target(name: "GradebookRules", swiftSettings: [.enableUpcomingFeature("ExistentialAny")]),
        // `make bench`: the report cards of a 1,000-pupil school computed from their marks.
        .executableTarget(name: "GradebookBench", dependencies: ["GradebookRules"]),
        .testTarget(
            name: "GradebookRulesTests",
            dependencies: ["GradebookRules", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
    ]
)
