// ManifestTests: manifests are read without loading code and malformed ones are refused with a reason.
import CartableWire
import Foundation
import HostDomain
import Testing

@Suite("Plugin manifest")
struct ManifestTests {
    func read(_ json: String) throws -> PluginManifest {
        let folder = try TestPaths.scratch()
        let url = folder.appendingPathComponent("manifest.json")
        try json.write(to: url, atomically: true, encoding: .utf8)
        return try PluginManifest.read(from: url)
    }

    let library = #""library": {"file": "libx.so", "sha256": "0000000000000000000000000000000000000000000000000000000000000000"}"#

    @Test func readsTheDeclarations() throws {
        let manifest = try read(
            #"{"id": "blogs", "version": "1.2.0", "abi": "1.0", "stability": "experimental", \#(library), "collections": [{"name": "posts", "indexed": ["blog", "published"]}], "routes": [{"method": "GET", "path": "/"}]}"#
        )
        #expect(manifest.id == "blogs")
        #expect(manifest.stability == .experimental)
        #expect(manifest.collection(named: "posts")?.indexed == ["blog", "published"])
        #expect(manifest.name == "blogs", "the name defaults to the id")
        #expect(manifest.actions.isEmpty && manifest.routes.first?.action == nil)
    }

    @Test func readsActionsAndTheActionOfEachRoute() throws {
        let manifest = try read(
            #"""
            {"id": "blogs", "version": "1.0.0", "abi": "1.1", \#(library),
             "actions": [{"id": "blogs.create", "defaults": ["Teacher", "Personnel"]}, {"id": "blogs.public"}],
             "routes": [{"method": "GET", "path": "/"}, {"method": "POST", "path": "/blogs", "action": "blogs.create"}]}
            """#)
        #expect(manifest.actions == [.init(id: "blogs.create", defaults: ["Teacher", "Personnel"]), .init(id: "blogs.public")])
        #expect(manifest.routes.map(\.action) == [nil, "blogs.create"])
    }

    @Test(arguments: [
        (#"{"id": "Blogs", "version": "1.0.0", "abi": "1.0", LIB}"#, "plugin id 'Blogs' is invalid"),
        (#"{"id": "blogs", "version": "1.0", "abi": "1.0", LIB}"#, "version '1.0' is not MAJOR.MINOR.PATCH"),
        (#"{"id": "blogs", "version": "1.0.0", "abi": "one", LIB}"#, "abi 'one' is not MAJOR.MINOR"),
        (#"{"id": "blogs", "version": "1.0.0", "abi": "1.0"}"#, "missing 'library'"),
        (
            #"{"id": "blogs", "version": "1.0.0", "abi": "1.0", LIB, "collections": [{"name": "a b", "indexed": []}]}"#,
            "collection name 'a b'"
        ),
        (
            #"{"id": "blogs", "version": "1.0.0", "abi": "1.0", LIB, "collections": [{"name": "a", "indexed": ["x')--"]}]}"#,
            "indexed field 'x')--'"
        ),
        (
            #"{"id": "blogs", "version": "1.0.0", "abi": "1.0", "library": {"file": "../evil.so", "sha256": "00"}}"#,
            "must be a file name ending in .so"
        ),
        (
            #"{"id": "blogs", "version": "1.0.0", "abi": "1.1", LIB, "actions": [{"id": "notes.create"}]}"#,
            "action 'notes.create' must be 'blogs.<name>'"
        ),
        (
            #"{"id": "blogs", "version": "1.0.0", "abi": "1.1", LIB, "actions": [{"id": "blogs.create", "defaults": ["Admin"]}]}"#,
            "grants unknown profile 'Admin'"
        ),
        (
            #"{"id": "blogs", "version": "1.0.0", "abi": "1.1", LIB, "actions": [{"id": "blogs.a"}, {"id": "blogs.a"}]}"#,
            "an action is declared twice"
        ),
        (
            #"{"id": "blogs", "version": "1.0.0", "abi": "1.1", LIB, "routes": [{"method": "POST", "path": "/", "action": "blogs.nope"}]}"#,
            "names action 'blogs.nope', which the manifest does not declare"
        ),
        (
            #"{"id": "blogs", "version": "1.0.0", "abi": "1.1", LIB, "actions": [{"id": "blogs.a"}], "routes": [{"method": "GET", "path": "/", "public": true, "action": "blogs.a"}]}"#,
            "is public and names an action"
        ),
    ])
    func refusesMalformedManifests(json: String, message: String) throws {
        let text = json.replacingOccurrences(of: "LIB", with: library)
        #expect {
            try read(text)
        } throws: { error in
            "\(error)".contains(message)
        }
    }
}
