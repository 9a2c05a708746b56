// MIMEMessageTests: what a user typed (a display name, a subject) never becomes a header of its own, and addresses are checked.
import Foundation
import HostDomain
import Testing

@Suite("Mail messages")
struct MIMEMessageTests {
    @Test func aNameWithALineBreakStaysInsideItsHeader() throws {
        let mail = OutgoingMail(
            to: "marc@famille.example", toName: "Marc\r\nBcc: espion@ailleurs.example", subject: "Cartable : vérifiez votre adresse",
            text: "Bonjour,\n.\nune ligne qui commence par un point")
        let message = MIMEMessage.render(
            mail, from: "ne-pas-repondre@ent.example.org", fromName: "Cartable", date: Date(timeIntervalSince1970: 0),
            messageID: "1@ent.example.org")
        let head = try #require(message.components(separatedBy: "\r\n\r\n").first)
        #expect(!head.contains("Bcc"), "no header comes from the name")
        #expect(!head.split(separator: "\r\n").contains { $0.hasPrefix("Bcc:") })
        #expect(head.contains("To: =?utf-8?B?"))
        #expect(head.contains("Subject: =?utf-8?B?"), "the non-ASCII subject is encoded")
        #expect(head.contains("Date: Thu, 01 Jan 1970 00:00:00 +0000"))
        // The body is base64 of the CRLF text: it decodes back to what was written.
        let body = try #require(message.components(separatedBy: "\r\n\r\n").last).replacingOccurrences(of: "\r\n", with: "")
        let decoded = try #require(Data(base64Encoded: body).map { String(decoding: $0, as: UTF8.self) })
        #expect(decoded == "Bonjour,\r\n.\r\nune ligne qui commence par un point")
    }

    @Test func onlyPlainAddressesGoIntoAnEnvelope() {
        #expect(MailAddress.isSafe("marc.martin@famille.example"))
        for bad in [
            "marc@famille.example>\r\nRCPT TO:<x@y.z", "marc martin@famille.example", "marc@localhost", "<marc@f.example>", "@f.example",
            "marc@.example",
        ] {
            #expect(!MailAddress.isSafe(bad), "\(bad)")
        }
    }
}
