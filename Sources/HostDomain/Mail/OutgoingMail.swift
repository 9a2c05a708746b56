// OutgoingMail: a plain-text message the host sends (a reset or confirmation link), and what sends it.
import Foundation

/// One message to one person. Names and subject may hold anything a user typed: they are
/// encoded when the message is written, never pasted into a header.
package struct OutgoingMail: Sendable, Equatable {
    package let to: String
    package let toName: String
    package let subject: String
    package let text: String

    package init(to: String, toName: String, subject: String, text: String) {
        self.to = to
        self.toName = toName
        self.subject = subject
        self.text = text
    }
}

/// Delivers messages (the SMTP relay of `serve --smtp`).
package protocol MailSender: Sendable {
    /// Hands `mail` to the relay; throws ``MailError`` when the relay refuses it or cannot be reached.
    func send(_ mail: OutgoingMail) async throws
}

/// Why a message was not sent.
package struct MailError: Error, CustomStringConvertible, Equatable {
    package let description: String

    package init(_ description: String) { self.description = description }
}
