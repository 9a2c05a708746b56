// SMTPMailSender: hands each message to the SMTP relay over its own connection (RFC 5321: EHLO, MAIL, RCPT, DATA, QUIT).
import Foundation
import HostDomain
import NIOCore
import NIOPosix

/// One connection per message, within ``timeout``: a slow or absent relay fails the message
/// (the caller logs it), never a request.
package struct SMTPMailSender: MailSender {
    package let relay: SMTPRelay
    /// The name this host gives in EHLO.
    package let heloName: String
    package var timeout: Duration = .seconds(20)

    package init(relay: SMTPRelay, heloName: String) {
        self.relay = relay
        self.heloName = heloName
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
        do {
            channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(.seconds(10))
                .connect(host: relay.host, port: relay.port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            throw MailError("cannot reach the relay \(relay.host):\(relay.port): \(error)")
        }
        try await channel.executeThenClose { inbound, outbound in
            var replies = SMTPReplies(inbound.makeAsyncIterator())
            func command(_ line: String, expect codes: Set<Int>) async throws {
                try await outbound.write(ByteBuffer(string: line + "\r\n"))
                try await replies.expect(codes, after: line.prefix(4).uppercased())
            }
            try await replies.expect([220], after: "connecting")
            try await command("EHLO \(heloName)", expect: [250])
            try await command("MAIL FROM:<\(relay.from)>", expect: [250])
            try await command("RCPT TO:<\(recipient)>", expect: [250, 251])
            try await command("DATA", expect: [354])
            try await outbound.write(ByteBuffer(string: Self.dotStuffed(message) + ".\r\n"))
            try await replies.expect([250], after: "the message")
            // The relay took it; a lost QUIT changes nothing.
            try? await command("QUIT", expect: [221])
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

    /// Reads one reply and throws unless its code is one of `codes`; `step` names what it answers.
    mutating func expect(_ codes: Set<Int>, after step: String) async throws {
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
                return
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
