// swift-tools-version:6.2
// A Cartable plugin written in Swift: builds libnotes.so against PluginKit.
import Foundation
import PackageDescription

// Where the Cartable sources are: this template lives in plugin-template/swift of the
// Cartable repository. Once copied elsewhere, point CARTABLE_PATH at a Cartable checkout.
let cartablePath = ProcessInfo.processInfo.environment["CARTABLE_PATH"] ?? "../.."
let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent().path

let package = Package(
    name: "notes",
    platforms: [.macOS(.v15)],
    products: [
        // `type: .dynamic` makes libnotes.so, the file the manifest names.
        .library(name: "notes", type: .dynamic, targets: ["Notes"])
    ],
    dependencies: [
        .package(name: "cartable", path: cartablePath)
    ],
    targets: [
        .target(
            name: "Notes",
            dependencies: [.product(name: "PluginKit", package: "cartable")],
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")],
            // Export only the two ABI entry points; everything else stays inside the library.
            linkerSettings: [.unsafeFlags(["-Xlinker", "--version-script=\(here)/exports.map"], .when(platforms: [.linux]))]
        )
    ]
)
