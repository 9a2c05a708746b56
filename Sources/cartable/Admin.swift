// Admin: `cartable admin` creates authorities and schools.
import ArgumentParser
import Foundation
import HostDomain
import HostStorage

struct Admin: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Administer the directory.", subcommands: [CreateAuthority.self, CreateSchool.self, ResetCode.self, RevokeSessions.self])

    struct CreateAuthority: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create-authority", abstract: "Create an authority (region, department, city).")

        @Option(help: "Its name.")
        var name: String

        @OptionGroup var options: DataOptions

        func run() async throws {
            let directory = Directory(database: try options.openDatabase())
            do { print(try directory.createAuthority(name: name)) } catch { throw ValidationError("\(error)") }
        }
    }

    struct CreateSchool: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "create-school", abstract: "Create a school of an authority.")

        @Option(help: "UAI code: 7 digits and a letter.")
        var uai: String

        @Option(help: "Its name.")
        var name: String

        @Option(help: "The authority's id or name.")
        var authority: String

        @Flag(help: "A pilot school, which may enable experimental modules.")
        var pilot = false

        @OptionGroup var options: DataOptions

        func run() async throws {
            let directory = Directory(database: try options.openDatabase())
            do {
                let school = try directory.createSchool(uai: uai, name: name, authority: authority, pilot: pilot)
                print(school.id)
            } catch {
                throw ValidationError("\(error)")
            }
        }
    }

    struct ResetCode: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reset-code", abstract: "Give an account a code, valid 7 days, to choose a new password at /auth/activate.")

        @Option(help: "The account's login.")
        var login: String

        @OptionGroup var options: DataOptions

        func run() async throws {
            let database = try options.openDatabase()
            do {
                print(try Authenticator(database: database, hasher: PasswordHasher()).issueResetCode(login: login, by: nil))
            } catch {
                throw ValidationError("no active or pending account '\(login)'")
            }
        }
    }

    struct RevokeSessions: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "revoke-sessions", abstract: "End every session of an account.")

        @Option(help: "The account's login.")
        var login: String

        @OptionGroup var options: DataOptions

        func run() async throws {
            let database = try options.openDatabase()
            guard let userID = try Directory(database: database).userID(login: login) else {
                throw ValidationError("no account '\(login)'")
            }
            print("\(try SessionStore(database: database).revokeAll(userID: userID)) session(s) ended")
        }
    }
}
