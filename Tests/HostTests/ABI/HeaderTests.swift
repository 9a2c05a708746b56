// HeaderTests: the ABI header compiles cleanly as C99 and as C++, and the C template builds standalone.
import Foundation
import Testing

@Suite("ABI header")
struct HeaderTests {
    @Test(arguments: [
        ("/usr/bin/cc", ["-std=c99", "-x", "c"]),
        ("/usr/bin/cc", ["-std=c11", "-x", "c"]),
        ("/usr/bin/c++", ["-std=c++11", "-x", "c++"]),
        ("/usr/bin/c++", ["-std=c++17", "-x", "c++"]),
    ])
    func compilesWithoutWarnings(compiler: String, flags: [String]) throws {
        let folder = try TestPaths.scratch()
        let source = folder.appendingPathComponent("check.txt")
        try """
        #include "cartable_plugin.h"
        int main(void) {
            cartable_plugin_magic_t magic = {sizeof(cartable_plugin_magic_t), CARTABLE_MAGIC_NUMBER, 1, 0, 0};
            return CARTABLE_HAS_FIELD(cartable_plugin_magic_t, magic.struct_size, swift_toolchain) ? 0 : 1;
        }
        """.write(to: source, atomically: true, encoding: .utf8)
        try runProcess(
            compiler,
            flags + [
                "-Wall", "-Wextra", "-pedantic", "-Werror", "-I", TestPaths.abiInclude.path,
                source.path, "-o", folder.appendingPathComponent("check").path,
            ])
        try runProcess(folder.appendingPathComponent("check").path, [])
    }

    @Test func cTemplateBuildsStandaloneWithOnlyTheHeader() throws {
        // A copy outside the repository, as a community developer would have it.
        let folder = try TestPaths.scratch()
        let template = folder.appendingPathComponent("my-plugin")
        try FileManager.default.copyItem(at: TestPaths.repository.appendingPathComponent("plugin-template/c"), to: template)
        try? FileManager.default.removeItem(at: template.appendingPathComponent("libhello-c.so"))
        try? FileManager.default.removeItem(at: template.appendingPathComponent("bundle"))
        try runProcess(
            "/usr/bin/make",
            [
                "-s", "-C", template.path, "DEST=\(folder.path)", "CFLAGS=-O2 -Werror", "CARTABLE_INCLUDE=\(TestPaths.abiInclude.path)",
            ])
        let library = folder.appendingPathComponent("hello-c/0.1.0/libhello-c.so")
        let symbols = try runProcess("/usr/bin/nm", ["-D", "--defined-only", library.path])
        let exported = symbols.split(separator: "\n").compactMap { $0.split(separator: " ").last.map(String.init) }.sorted()
        #expect(exported == ["cartable_plugin_entry", "cartable_plugin_magic"], "only the two entry points are exported")
        let manifest = try String(contentsOf: folder.appendingPathComponent("hello-c/0.1.0/manifest.json"), encoding: .utf8)
        #expect(manifest.contains(try PluginWorkspace.sha256(of: library)), "the bundle's manifest lists the library's checksum")
    }
}
