// swift-tools-version:6.2
// Cartable: the portal host, the stable C plugin ABI, the Swift plugin SDK and the CLI.

import PackageDescription

let swiftSettings: [SwiftSetting] = [
    // https://github.com/apple/swift-evolution/blob/main/proposals/0335-existential-any.md
    .enableUpcomingFeature("ExistentialAny"),
    // https://github.com/swiftlang/swift-evolution/blob/main/proposals/0444-member-import-visibility.md
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "cartable",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "cartable", targets: ["cartable"]),
        .library(name: "PluginAPI", targets: ["PluginAPI"]),
        .library(name: "PluginKit", targets: ["PluginKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/vapor/jwt-kit.git", from: "5.8.0"),
    ],
    targets: [
        // The stable C ABI: one header, compiled once as C99 to check it.
        .target(name: "PluginAPI"),
        // Text helpers (HTML escaping, locale placeholders) compiled into both the host and plugins.
        .target(name: "CartableText", swiftSettings: swiftSettings),
        // What the host and PluginKit must agree on, written once and compiled into both: C-string and sink
        // bridging, route patterns and their matching, the JSON of the extensions, multipart bodies, ABI codes.
        .target(name: "CartableWire", dependencies: ["PluginAPI", "CartableText"], swiftSettings: swiftSettings),
        // The system's libgd, which decodes and re-encodes uploaded avatars.
        .systemLibrary(name: "CGD", path: "Sources/CGD", providers: [.apt(["libgd-dev"])]),
        // The Swift SDK for plugin authors; compiled into plugins, never into the host.
        .target(name: "PluginKit", dependencies: ["PluginAPI", "CartableText", "CartableWire"], swiftSettings: swiftSettings),
        // The host, in layers: each target imports only the ones below it, and the compiler checks it.
        // Storage: the database, its migrations and the host's SQL.
        .target(
            name: "HostStorage",
            dependencies: [
                "CartableText",
                "CartableWire",
                .product(name: "GRDB", package: "GRDB.swift"),
                // The PostgreSQL engine of `--database postgres://…`.
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                // migrate-data's checksums.
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        // The portal's strings, French first, English.
        .target(name: "HostLocales", dependencies: ["CartableText"], resources: [.copy("Locales")], swiftSettings: swiftSettings),
        // Rules and services: identity, access, single sign-on, events, modules. No GRDB: no SQL here.
        .target(
            name: "HostDomain",
            dependencies: [
                "HostStorage",
                "HostLocales",
                "CartableText",
                "CartableWire",
                "CGD",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
                .product(name: "JWTKit", package: "jwt-kit"),
            ],
            swiftSettings: swiftSettings
        ),
        // Plugins at run time: bundles, the loader, the ABI bridge, the host's extensions.
        .target(
            name: "PluginRuntime",
            dependencies: [
                "PluginAPI",
                "HostDomain",
                "HostStorage",
                "CartableText",
                "CartableWire",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        // HTTP: the application, its middleware and routes, the shell and the console. No GRDB: no SQL here.
        .target(
            name: "Portal",
            dependencies: [
                "PluginRuntime",
                "HostDomain",
                "HostLocales",
                "HostStorage",
                "PluginAPI",
                "CartableText",
                "CartableWire",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "JWTKit", package: "jwt-kit"),
                // The SMTP client of `serve --smtp`.
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            resources: [.copy("Shell/Assets")],
            swiftSettings: swiftSettings
        ),
        // The thin command line: serve, plugins, migrate.
        .executableTarget(
            name: "cartable",
            dependencies: [
                "Portal",
                "PluginRuntime",
                "HostDomain",
                "HostStorage",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        // `make bench`: ABI call cost and HTTP throughput, as ratios in one run.
        .executableTarget(
            name: "CartableBench",
            dependencies: [
                "Portal",
                "PluginRuntime",
                "HostDomain",
                "HostStorage",
                "CartableText",
                "CartableWire",
                "PluginAPI",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "bench/Sources/CartableBench",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "HostTests",
            dependencies: [
                "Portal",
                "PluginRuntime",
                "HostDomain",
                "HostLocales",
                "HostStorage",
                "PluginAPI",
                "CGD",
                "CartableText",
                "CartableWire",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "JWTKit", package: "jwt-kit"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
