// JSONValueParserTests: the host's own JSON reader and writer agree with Foundation's on what JSON is, and refuse what it is not with the place of the fault.
import CartableText
import Foundation
import Testing

@Suite("JSON values read and written without Foundation's coders")
struct JSONValueParserTests {
    @Test func readsEveryKindOfValueAndWritesItBackWithSortedKeys() throws {
        let text = #"""
             {"z": [1, -2, 3.5, 1e3, 2.5E-1, 0, -0, true, false, null],
              "a": "l'été \"cité\" \\ / \u00e9\ud83c\udf92\n\t\b\f",
              "m": {"vide": {}, "liste": [], "texte": ""}, "gros": 12345678901234567890}
            """#
        let value = try JSONValue.parse(Data(text.utf8))
        #expect(value["a"]?.stringValue == "l'été \"cité\" \\ / é🎒\n\t\u{08}\u{0C}")
        #expect(
            value["z"]
                == .array([
                    .integer(1), .integer(-2), .double(3.5), .integer(1000), .double(0.25), .integer(0), .integer(0), .bool(true),
                    .bool(false), .null,
                ]))
        #expect(value["gros"] == .double(12345678901234567890))
        let written = value.jsonText()
        #expect(written.hasPrefix(#"{"a":"l'été \"cité\" \\ / é🎒\n\t\u0008\u000c","gros":"#))
        #expect(written.contains(#""m":{"liste":[],"texte":"","vide":{}},"z":[1,-2,3.5,1000,0.25,0,0,true,false,null]}"#))
        #expect(try JSONValue.parse(Data(written.utf8)) == value, "what is written reads back the same")
        // Foundation reads the written text as the same document.
        let foundation = try #require(try JSONSerialization.jsonObject(with: Data(written.utf8)) as? [String: Any])
        #expect(foundation["a"] as? String == value["a"]?.stringValue)
        #expect((foundation["m"] as? [String: Any])?.keys.sorted() == ["liste", "texte", "vide"])
    }

    @Test(arguments: [
        ("", "the text ends where a value was expected at byte 0"),
        ("{\"a\":1,}", "expected a member name at byte 7"),
        ("[1 2]", "expected ',' or ']' in an array at byte 3"),
        ("{\"a\" 1}", "expected ':' after a member name at byte 5"),
        ("\"abc", "the text ends inside a string at byte 4"),
        ("\"a\u{01}b\"", "a control character inside a string at byte 2"),
        ("\"\\x\"", "an unknown escape at byte 3"),
        ("\"\\ud83c\"", "a lone surrogate in \\u escapes at byte 7"),
        ("01", "a number with a leading zero at byte 1"),
        ("1.", "a number without digits after '.' at byte 2"),
        ("-", "a number without digits at byte 1"),
        ("tru", "unexpected word at byte 0"),
        ("{} {}", "unexpected text after the value at byte 3"),
        ("// commentaire\n{}", "unexpected character at byte 0"),
    ])
    func refusesWhatIsNotJSONAndSaysWhere(text: String, message: String) {
        #expect(throws: JSONValueError.self) { try JSONValue.parse(Data(text.utf8)) }
        do {
            _ = try JSONValue.parse(Data(text.utf8))
        } catch {
            #expect("\(error)" == "invalid JSON: \(message)")
        }
    }

    @Test func refusesBytesThatAreNotUTF8AndNestingBeyondItsLimit() {
        #expect(throws: JSONValueError.self) { try JSONValue.parse(Data([0x22, 0xC3, 0x28, 0x22])) }
        let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        #expect(throws: JSONValueError.self) { try JSONValue.parse(Data(deep.utf8)) }
        let allowed = String(repeating: "[", count: 500) + String(repeating: "]", count: 500)
        #expect((try? JSONValue.parse(Data(allowed.utf8))) != nil)
    }
}

@Suite("Documents decoded from a parsed tree, as JSONDecoder decodes them")
struct JSONValueDecoderTests {
    struct Post: Codable, Equatable {
        enum State: String, Codable { case draft, published }
        struct Tag: Codable, Equatable {
            let name: String
            let weight: Double
        }
        let title: String
        let state: State
        let views: Int
        let small: UInt8
        let published: Date?
        let note: String?
        let tags: [Tag]
        let counts: [String: Int]
        let byDay: [Int: String]
        let photo: Data
        let link: URL
        let flags: [Bool?]
    }

    @Test func decodesWhatJSONDecoderDecodesTheSameWay() throws {
        let text = #"""
            {"title": "Sortie au musée", "state": "published", "views": 12, "small": 255, "published": 786000000.5,
             "tags": [{"name": "sciences", "weight": 1}, {"name": "histoire", "weight": 0.5}],
             "counts": {"lus": 3, "aimés": 1}, "byDay": {"1": "lundi", "7": "dimanche"},
             "photo": "aGVsbG8=", "link": "https://www.arts-et-metiers.net/", "flags": [true, null, false], "extra": {"ignored": []}}
            """#
        let viaTree = try JSONValueDecoder().decode(Post.self, from: try JSONValue.parse(Data(text.utf8)))
        let viaFoundation = try JSONDecoder().decode(Post.self, from: Data(text.utf8))
        #expect(viaTree == viaFoundation)
        #expect(viaTree.note == nil && viaTree.photo == Data("hello".utf8) && viaTree.byDay[7] == "dimanche")
    }

    @Test func refusesWhatJSONDecoderRefusesAndSaysWhere() throws {
        struct Small: Codable {
            let count: UInt8
            let name: String
        }
        let cases = [
            #"{"name": "x"}"#,  // missing count
            #"{"count": 256, "name": "x"}"#,  // out of range
            #"{"count": 1.5, "name": "x"}"#,  // not whole
            #"{"count": 1, "name": 3}"#,  // wrong type
            #"{"count": 1, "name": null}"#,  // null for a non-optional
            #"[1, 2]"#,
        ]
        for text in cases {
            let tree = try JSONValue.parse(Data(text.utf8))
            #expect(throws: DecodingError.self, "\(text)") { try JSONValueDecoder().decode(Small.self, from: tree) }
            #expect(throws: DecodingError.self, "\(text)") { try JSONDecoder().decode(Small.self, from: Data(text.utf8)) }
        }
        do {
            _ = try JSONValueDecoder().decode(Small.self, from: try JSONValue.parse(Data(#"{"count": 1, "name": 3}"#.utf8)))
        } catch DecodingError.typeMismatch(_, let context) {
            #expect(context.codingPath.map(\.stringValue) == ["name"])
        }
    }
}
