// Serve: `cartable serve` runs the portal.
import ArgumentParser
import Foundation
import Host

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Serve the portal over HTTP.")

    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on.")
    var port = 8080

    @Option(name: .customLong("max-body"), help: "Largest request body in bytes; larger ones get 413.")
    var maxBody = 10 << 20

    @Option(name: .customLong("public-url"), help: "The address users reach the portal at, e.g. https://ent.example.org (Secure cookies, origin checks).")
    var publicURL: String?

    @Option(name: .customLong("password-cost"), help: "log2 of scrypt's cost for new password hashes (10 to 20).")
    var passwordCost = 16

    @Flag(help: "Demo mode: print the URLs of the installed apps at start.")
    var demo = false

    @OptionGroup var options: DataOptions

    func run() async throws {
        let logger = options.logger()
        var configuration = options.portalConfiguration()
        configuration.host = host
        configuration.port = port
        configuration.maxBodyBytes = maxBody
        configuration.demo = demo
        configuration.publicURL = publicURL
        configuration.passwordCost = passwordCost
        let portal: Portal
        do {
            portal = try Portal(configuration: configuration, logger: logger)
        } catch {
            throw ValidationError("cannot start: \(error)")
        }
        if demo {
            print("Cartable demo: http://\(host):\(port)/")
            for app in portal.apps { print("  \(app.name): http://\(host):\(port)/apps/\(app.id)/") }
            for refusal in portal.plugins.refused { print("  refused: \(refusal)") }
        }
        try await PortalApplication.serve(portal: portal)
    }
}
