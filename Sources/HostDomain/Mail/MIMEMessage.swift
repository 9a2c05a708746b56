// MIMEMessage: writes an OutgoingMail as an RFC 5322 message — encoded headers, a base64 UTF-8 body.
import Foundation

package enum MIMEMessage {
    /// The message's bytes with CRLF line ends, ready for SMTP's DATA (before dot-stuffing).
    /// `from` is the sender's address and `fromName` its display name; `messageID` is unique, `id@domain`.
    package static func render(_ mail: OutgoingMail, from: String, fromName: String, date: Date, messageID: String) -> String {
        let body = Data(mail.text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n").utf8)
            .base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        let headers = [
            "From: \(mailbox(fromName, from))",
            "To: \(mailbox(mail.toName, mail.to))",
            "Subject: \(encodedWord(mail.subject))",
            "Date: \(rfc5322Date(date))",
            "Message-ID: <\(messageID)>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: base64",
            // Sent by a machine: no vacation replies to it.
            "Auto-Submitted: auto-generated",
        ]
        return headers.joined(separator: "\r\n") + "\r\n\r\n" + body + "\r\n"
    }

    /// `"Name" <address>` with the name as an RFC 2047 encoded word (so any character, including a
    /// line break someone typed, stays inside it); the bare address when there is no name.
    static func mailbox(_ name: String, _ address: String) -> String {
        name.isEmpty ? "<\(address)>" : "\(encodedWord(name)) <\(address)>"
    }

    /// `=?utf-8?B?…?=` words of at most 75 characters, split between characters, or the text itself when it is plain printable ASCII.
    static func encodedWord(_ text: String) -> String {
        if text.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F }) && !text.contains("=?") && text.count <= 70 {
            return text
        }
        var words: [Data] = [], chunk = Data()
        for character in text {
            let bytes = Data(String(character).utf8)
            if chunk.count + bytes.count > 45 {
                words.append(chunk)
                chunk = Data()
            }
            chunk.append(bytes)
        }
        if !chunk.isEmpty { words.append(chunk) }
        return words.map { "=?utf-8?B?\($0.base64EncodedString())?=" }.joined(separator: "\r\n ")
    }

    private static func rfc5322Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }
}
