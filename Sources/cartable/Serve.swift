// Serve: `cartable serve` runs the portal.
import ArgumentParser
import Foundation
import HostDomain
import HostStorage
import PluginRuntime
import Portal

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Serve the portal over HTTP.")

    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on.")
    var port = 8080

    @Option(name: .customLong("max-body"), help: "Largest request body in bytes; larger ones get 413.")
    var maxBody = 10 << 20

    @Option(
        name: .customLong("public-url"),
        help: "The address users reach the portal at, e.g. https://ent.example.org (Secure cookies, origin checks).")
    var publicURL: String?

    @Option(name: .customLong("password-cost"), help: "log2 of scrypt's cost for new password hashes (10 to 20).")
    var passwordCost = 16

    @Option(help: "A folder with themes.json (each authority's logo and colours) and the logos it names.")
    var themes: String?

    @Option(name: .customLong("cas-ticket-seconds"), help: "How long a CAS service ticket stays valid, in seconds (5 to 300).")
    var casTicketSeconds = 60

    @Option(
        help:
            "A JSON file of external OpenID providers users may log in with: [{\"id\", \"name\", \"issuer\", \"client_id\", \"client_secret\", \"scope\"}]."
    )
    var upstream: String?

    @Option(
        name: .customLong("trusted-proxy"), parsing: .upToNextOption,
        help:
            "Reverse proxies (CIDR ranges or addresses) whose Forwarded / X-Forwarded-For headers name the real client, e.g. 127.0.0.1/32 10.0.0.0/8."
    )
    var trustedProxies: [String] = []

    @Option(name: .customLong("audit-retention-days"), help: "How many days the audit log keeps its entries (30 to 3650).")
    var auditRetentionDays = 365

    @Option(name: .customLong("address-retention-days"), help: "After how many days a session's client address is dropped (1 to 365).")
    var addressRetentionDays = 30

    @Option(
        help:
            "The SMTP relay that sends password-reset and address-confirmation links: smtp://host[:port] (this machine's MTA, no login), smtp+starttls://[user@]host[:port] or smtps://[user@]host[:port], the password in CARTABLE_SMTP_PASSWORD. Without it, a forgotten password names the school's admins."
    )
    var smtp: String?

    @Option(
        name: .customLong("smtp-ca"),
        help: "A PEM file of the authorities the relay's certificate is checked against, instead of the system's.")
    var smtpCA: String?

    @Option(name: .customLong("mail-from"), help: "The address the portal's messages come from (with --smtp).")
    var mailFrom = "ne-pas-repondre@cartable.invalid"

    @Option(name: .customLong("mail-from-name"), help: "The name the portal's messages come from (with --smtp).")
    var mailFromName = "Cartable"

    @Flag(help: "Demo mode: seed a demo directory with known passwords into an empty database, and print the logins and app URLs.")
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
        configuration.themesDirectory = themes.map { URL(fileURLWithPath: $0, isDirectory: true) }
        guard (5...300).contains(casTicketSeconds) else {
            throw ValidationError("--cas-ticket-seconds must be from 5 to 300: CAS tickets are meant to live seconds to minutes")
        }
        configuration.casTicketLifetime = TimeInterval(casTicketSeconds)
        guard (30...3650).contains(auditRetentionDays), (1...365).contains(addressRetentionDays) else {
            throw ValidationError("--audit-retention-days is 30 to 3650 and --address-retention-days 1 to 365")
        }
        configuration.retention.auditDays = auditRetentionDays
        configuration.retention.addressDays = addressRetentionDays
        do { configuration.trustedProxies = try trustedProxies.map(IPNetwork.init) } catch {
            throw ValidationError("--trusted-proxy: \(error)")
        }
        if let upstream {
            do {
                configuration.upstreamProviders = try UpstreamProvider.load(URL(fileURLWithPath: upstream))
            } catch {
                throw ValidationError("\(error)")
            }
        }
        if let smtp {
            do {
                configuration.smtp = try SMTPRelay(
                    url: smtp, from: mailFrom, fromName: mailFromName,
                    password: ProcessInfo.processInfo.environment["CARTABLE_SMTP_PASSWORD"],
                    caFile: smtpCA)
            } catch {
                throw ValidationError("\(error)")
            }
        }
        let portal: Portal
        do {
            portal = try Portal(configuration: configuration, logger: logger)
        } catch {
            throw ValidationError("cannot start: \(error)")
        }
        if demo {
            let seeded = try DemoSeed(database: portal.database, hasher: PasswordHasher(costLog2: passwordCost)).seedIfEmpty()
            // A fresh demo gets every installed app in both schools; later starts add only apps no school has yet.
            try portal.enableInstalledEverywhere(onlyNew: seeded.isEmpty)
            // Each app's sample content (a class blog), once per school.
            for (plugin, school) in try await portal.seedDemoContent() { print("  demo content of \(plugin) created in \(school)") }
            print("Cartable demo: http://\(host):\(port)/")
            if !seeded.isEmpty {
                print("Demo accounts (password \(DemoSeed.password)):")
                for account in seeded { print("  \(account.login)  \(account.role)") }
            } else {
                print(
                    "Demo accounts: nadia.benali, sophie.bernard, paul.durand, lea.martin, marc.martin, ines.moreau (password \(DemoSeed.password))"
                )
            }
            for app in portal.plugins.serving { print("  \(app.manifest.name): http://\(host):\(port)/apps/\(app.id)/") }
            for refusal in portal.plugins.refused { print("  refused: \(refusal)") }
            // Shown at once even when the output goes to a file or a pipe (a service log).
            fflush(nil)
        }
        try await PortalApplication.serve(portal: portal)
    }
}
