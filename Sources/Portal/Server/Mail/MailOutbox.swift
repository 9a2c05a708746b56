// MailOutbox: sends the host's messages in the background, so a request never waits for the relay and its timing tells nothing.
import Foundation
import HostDomain
import Logging

/// Messages go out on their own task; a failure is logged with the address's domain only.
package struct MailOutbox: Sendable {
    package let sender: any MailSender
    package let logger: Logger

    package init(sender: any MailSender, logger: Logger) {
        self.sender = sender
        self.logger = logger
    }

    /// Starts sending `mail`; `what` names it in the log (never the link it carries).
    package func post(_ mail: OutgoingMail, what: String) {
        let sender = sender, logger = logger
        Task {
            let domain = mail.to.split(separator: "@").last.map(String.init) ?? "?"
            do {
                try await sender.send(mail)
                logger.info("mail: \(what) sent to an address at \(domain)")
            } catch {
                logger.error("mail: \(what) to an address at \(domain) was not sent: \(error)")
            }
        }
    }
}
