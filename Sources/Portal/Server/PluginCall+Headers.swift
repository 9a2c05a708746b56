// PluginCall+Headers: which request headers reach a plugin — never the caller's credentials.
import HTTPTypes
import Hummingbird
import PluginRuntime

extension PluginCall {
    /// Headers that carry the caller's credentials: the host authenticated the request, a plugin never sees them.
    static let withheldHeaders: Set<String> = ["cookie", "authorization", "proxy-authorization"]

    /// The request's headers as a plugin receives them: lower-case names, credentials left out.
    static func forwardedHeaders(_ headers: HTTPFields) -> [(name: String, value: String)] {
        headers.compactMap { field in
            let name = field.name.canonicalName
            return withheldHeaders.contains(name) ? nil : (name, field.value)
        }
    }
}
