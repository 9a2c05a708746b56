// swift-tools-version:6.2
// The blogs plugin of Cartable: builds libblogs.so against PluginKit, with Ink for Markdown.
import Foundation
import PackageDescription

// The Cartable sources: this plugin lives in Plugins/blogs of the Cartable repository.
let cartablePath = ProcessInfo.processInfo.environment["CARTABLE_PATH"] ?? "../.."
let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent().path

let package = Package(
    name: "blogs",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "blogs", type: .dynamic, targets: ["Blogs"])
    ],
    dependencies: [
        .package(name: "cartable", path: cartablePath),
        .package(url: "https://github.com/JohnSundell/Ink.git", from: "0.6.0"),
    ],
    targets: [
        .target(
            name: "Blogs",
            dependencies: [.product(name: "PluginKit", package: "cartable"), .product(name: "Ink", package: "Ink")],
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")],
            // Export only the two ABI entry points; everything else (Ink included) stays inside the library.
            linkerSettings: [.unsafeFlags(["-Xlinker", "--version-script=\(here)/exports.map"], .when(platforms: [.linux]))]
        )
    ]
)
