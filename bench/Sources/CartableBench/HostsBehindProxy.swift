// HostsBehindProxy: release `cartable serve` processes on one PostgreSQL — a logged-in home page served directly, behind nginx, and by two hosts behind nginx.
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import HostDomain
import HostStorage

#if canImport(Glibc)
import Glibc
#endif

/// The cost nginx adds (one host behind it against the same host directly) and what a
/// second host gives (two behind nginx against one), in one run; three rotated rounds, medians.
struct HostsBehindProxy {
    let throughput: HTTPThroughput
    let cartable: URL
    let plugins: URL
    /// A `postgres://` URL with a schema of its own.
    let postgres: String

    func measure(into report: inout BenchReport) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cartable-bench-hosts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: folder.path)
        defer { try? FileManager.default.removeItem(at: folder) }
        let (hostA, hostB, single, pair) = (try Self.freePort(), try Self.freePort(), try Self.freePort(), try Self.freePort())
        var processes: [Process] = []
        defer {
            for process in processes where process.isRunning { process.terminate() }
            for process in processes { process.waitUntilExit() }
        }
        for port in [hostA, hostB] {
            // The first host migrates and seeds the demo; the second finds both done.
            processes.append(
                try Self.start(
                    cartable,
                    [
                        "serve", "--demo", "--database", postgres, "--plugins", plugins.path, "--port", "\(port)", "--password-cost", "10",
                        "--public-url", "http://127.0.0.1:\(pair)", "--trusted-proxy", "127.0.0.1/32",
                    ], log: folder.appendingPathComponent("serve-\(port).log")))
            try await Self.waitFor("http://127.0.0.1:\(port)/healthz")
        }
        let configuration = """
            daemon off; pid \(folder.path)/nginx.pid; error_log \(folder.path)/error.log; worker_processes 1;
            events { worker_connections 1024; }
            http {
                access_log off;
                client_body_temp_path \(folder.path)/body; proxy_temp_path \(folder.path)/proxy;
                fastcgi_temp_path \(folder.path)/fastcgi; uwsgi_temp_path \(folder.path)/uwsgi; scgi_temp_path \(folder.path)/scgi;
                upstream one { server 127.0.0.1:\(hostA); keepalive 32; }
                upstream two { server 127.0.0.1:\(hostA); server 127.0.0.1:\(hostB); keepalive 32; }
                server { listen 127.0.0.1:\(single); location / { proxy_pass http://one; \(Self.proxyHeaders) } }
                server { listen 127.0.0.1:\(pair); location / { proxy_pass http://two; \(Self.proxyHeaders) } }
            }
            """
        let conf = folder.appendingPathComponent("nginx.conf")
        try configuration.write(to: conf, atomically: true, encoding: .utf8)
        processes.append(try Self.start(URL(fileURLWithPath: "/usr/sbin/nginx"), ["-p", folder.path, "-c", conf.path], log: nil))
        for port in [single, pair] { try await Self.waitFor("http://127.0.0.1:\(port)/healthz") }

        // A session of Léa's, opened in the shared database: every host resolves it.
        let database = try HostDatabase(postgres: postgres, poolSize: 2)
        defer { database.close() }
        let directory = Directory(database: database)
        guard let lea = try directory.userID(login: "lea.martin") else { throw BenchFailure("the hosts did not seed the demo") }
        let opened = try SessionStore(database: database).open(
            userID: lea, schoolID: try directory.schools(ofUser: lea).first?.id, address: "127.0.0.1")
        let script = try HTTPThroughput.pageScript("hosts", cookie: "cartable_session=\(opened.token)")
        let targets = [
            ("one host, direct", "http://127.0.0.1:\(hostA)/"), ("one host behind nginx", "http://127.0.0.1:\(single)/"),
            ("two hosts behind nginx", "http://127.0.0.1:\(pair)/"),
        ]
        let rates = try await throughput.rounds(targets, script: script, shownAs: "home page, ")
        let median = { (name: String) -> Double in rates[name]?.median ?? 0 }
        let (direct, proxied, doubled) = (median(targets[0].0), median(targets[1].0), median(targets[2].0))
        report.add(
            "Home page on PostgreSQL, logged in, one host direct, median req/s", direct, "req/s", spread: rates[targets[0].0]?.spread)
        report.add("Home page on PostgreSQL, one host behind nginx, median req/s", proxied, "req/s", spread: rates[targets[1].0]?.spread)
        report.add("Home page on PostgreSQL, two hosts behind nginx, median req/s", doubled, "req/s", spread: rates[targets[2].0]?.spread)
        report.add("nginx's cost: one host behind nginx / direct", proxied / direct, "ratio")
        report.add("Two hosts / one host, both behind nginx (one machine: the cores are shared)", doubled / proxied, "ratio")
    }

    static let proxyHeaders =
        "proxy_http_version 1.1; proxy_set_header Connection \"\"; proxy_set_header Host $http_host; proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;"

    static func start(_ executable: URL, _ arguments: [String], log: URL?) throws -> Process {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let log {
            FileManager.default.createFile(atPath: log.path, contents: nil)
            let handle = try FileHandle(forWritingTo: log)
            process.standardOutput = handle
            process.standardError = handle
        }
        try process.run()
        return process
    }

    static func waitFor(_ url: String) async throws {
        guard let address = URL(string: url) else { throw BenchFailure("bad URL \(url)") }
        for _ in 0..<200 {
            if let (_, response) = try? await URLSession.shared.data(from: address), (response as? HTTPURLResponse)?.statusCode == 200 {
                return
            }
            try await Task.sleep(for: .milliseconds(150))
        }
        throw BenchFailure("\(url) did not answer within 30 s")
    }

    /// A loopback port nobody listens on now.
    static func freePort() throws -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                bind(socket, raw, length) == 0 && getsockname(socket, raw, &length) == 0
            }
        }
        guard bound else { throw BenchFailure("no free loopback port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
