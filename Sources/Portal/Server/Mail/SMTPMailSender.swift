// SMTPMailSender: hands each message to the SMTP relay over its own connection (RFC 5321: EHLO, STARTTLS, AUTH PLAIN, MAIL, RCPT, DATA, QUIT).
import Foundation
import HostDomain
import NIOCore
import NIOPosix
import NIOSSL

/// One connection per message, within ``timeout``: a slow or absent relay fails the message
/// (the caller logs it), never a request.
package struct SMTPMailSender: MailSender {
    package let relay: SMTPRelay
    /// The name this host gives in EHLO.
    package let heloName: String
    package var timeout: Duration = .seconds(20)
    /// The relay's certificate is checked against the system's authorities, or `--smtp-ca`'s, and its host name.
    private let tls: NIOSSLContext?

    package init(relay: SMTPRelay, heloName: String) throws {
        self.relay = relay
        self.heloName = heloName
        guard relay.security != .none else {
            tls = nil
            return
        }
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.minimumTLSVersion = .tlsv12
        if let caFile = relay.caFile { configuration.trustRoots = .file(caFile) }
        tls = try NIOSSLContext(configuration: configuration)
    }

    /// The name the certificate must carry: the relay's host, unless it is an address.
    private var serverHostname: String? {
        relay.host.allSatisfy { $0.isNumber || $0 == "." || $0 == ":" } ? nil : relay.host
    }

    package func send(_ mail: OutgoingMail) async throws {
        guard MailAddress.isSafe(mail.to) else { throw MailError("the address \(mail.to) cannot be written into a message") }
        let domain = relay.from.split(separator: "@").last.map(String.init) ?? "cartable"
        let message = MIMEMessage.render(
            mail, from: relay.from, fromName: relay.fromName, date: Date(), messageID: "\(UUID().uuidString.lowercased())@\(domain)")
        let deadline = timeout
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await converse(message, to: mail.to) }
            group.addTask {
                try await Task.sleep(for: deadline)
                throw MailError("the relay \(relay.host):\(relay.port) did not take the message within \(deadline)")
            }
            defer { group.cancelAll() }
            try await group.next()
        }
    }

    private func converse(_ message: String, to recipient: String) async throws {
        let channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>
        let implicit = relay.security == .implicitTLS ? tls : nil, hostname = serverHostname
        do {
            channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(.seconds(10))
                .connect(host: relay.host, port: relay.port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        if let implicit {
                            try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: implicit, serverHostname: hostname))
                        }
                        return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            throw MailError("cannot reach the relay \(relay.host):\(relay.port): \(error)")
        }
        let pipeline = channel.channel.pipeline
        try await channel.executeThenClose { inbound, outbound in
            var replies = SMTPReplies(inbound.makeAsyncIterator())
            @discardableResult
            func command(_ line: String, expect codes: Set<Int>, shown: String? = nil) async throws -> [String] {
                try await outbound.write(ByteBuffer(string: line + "\r\n"))
                return try await replies.expect(codes, after: shown ?? String(line.prefix(4)).uppercased())
            }
            try await replies.expect([220], after: "connecting")
            var features = try await command("EHLO \(heloName)", expect: [250])
            if relay.security == .startTLS, let tls {
                guard Self.offers("STARTTLS", features) else {
                    throw MailError("the relay \(relay.host) does not offer STARTTLS: nothing was sent in clear")
                }
                try await command("STARTTLS", expect: [220])
                // From here on every byte goes through TLS; the relay forgets what EHLO said before.
                try await pipeline.addHandler(try NIOSSLClientHandler(context: tls, serverHostname: hostname), position: .first).get()
                features = try await command("EHLO \(heloName)", expect: [250])
            }
            if let user = relay.user, let password = relay.password {
                guard Self.offers("AUTH", features, with: "PLAIN") else {
                    throw MailError("the relay \(relay.host) does not accept AUTH PLAIN")
                }
                let secret = Data("\0\(user)\0\(password)".utf8).base64EncodedString()
                try await command("AUTH PLAIN \(secret)", expect: [235], shown: "AUTH (as \(user))")
            }
            try await command("MAIL FROM:<\(relay.from)>", expect: [250])
            try await command("RCPT TO:<\(recipient)>", expect: [250, 251])
            try await command("DATA", expect: [354])
            try await outbound.write(ByteBuffer(string: Self.dotStuffed(message) + ".\r\n"))
            try await replies.expect([250], after: "the message")
            // The relay took it; a lost QUIT changes nothing.
            try? await command("QUIT", expect: [221])
        }
    }

    /// Whether the EHLO reply lists `keyword` (and `value` among its parameters, when given).
    static func offers(_ keyword: String, _ features: [String], with value: String? = nil) -> Bool {
        features.dropFirst().contains { line in
            let words = line.dropFirst(4).uppercased().split(separator: " ").map(String.init)
            return words.first == keyword && (value.map { words.dropFirst().contains($0) } ?? true)
        }
    }

    /// A line starting with "." gets another (RFC 5321 §4.5.2), so no line ends the message early.
    static func dotStuffed(_ message: String) -> String {
        message.split(separator: "\r\n", omittingEmptySubsequences: false).map { $0.hasPrefix(".") ? "." + $0 : String($0) }
            .joined(separator: "\r\n")
    }
}

/// The relay's replies, line by line: `250-…` lines continue, `250 …` ends one.
struct SMTPReplies {
    private var iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    private var buffered: [UInt8] = []

    init(_ iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator) {
        self.iterator = iterator
    }

    /// Reads one reply, its lines, and throws unless its code is one of `codes`; `step` names what it answers.
    @discardableResult
    mutating func expect(_ codes: Set<Int>, after step: String) async throws -> [String] {
        var lines: [String] = []
        while true {
            let line = try await nextLine()
            lines.append(line)
            let bytes = Array(line.utf8)
            guard bytes.count >= 3, let code = Int(String(decoding: bytes.prefix(3), as: UTF8.self)) else {
                throw MailError("the relay answered \(step) with \"\(line.prefix(200))\", not an SMTP reply")
            }
            if bytes.count == 3 || bytes[3] != UInt8(ascii: "-") {
                guard codes.contains(code) else {
                    throw MailError("the relay refused \(step): \(lines.joined(separator: " ").prefix(300))")
                }
                return lines
            }
        }
    }

    private mutating func nextLine() async throws -> String {
        while true {
            if let end = buffered.firstIndex(of: UInt8(ascii: "\n")) {
                var line = Array(buffered[..<end])
                buffered.removeFirst(end + 1)
                if line.last == UInt8(ascii: "\r") { line.removeLast() }
                return String(decoding: line, as: UTF8.self)
            }
            guard buffered.count < 64 * 1024 else { throw MailError("the relay sent a line longer than 64 KiB") }
            guard let chunk = try await iterator.next() else { throw MailError("the relay closed the connection") }
            buffered.append(contentsOf: chunk.readableBytesView)
        }
    }
}
