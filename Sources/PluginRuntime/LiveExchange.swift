// LiveExchange: which plugin call is running on this thread, so a request pointer kept past its call is refused.
#if canImport(Glibc)
import Glibc
#endif

/// The header makes every function that takes a request [request]: only during that call,
/// on the thread running it. The host records, per thread, the exchange of the call running
/// there; ``PluginExchange/from(_:)`` accepts a request only when its `host_data` is that
/// exchange. A request kept by the plugin and used after its call returned — or from
/// another thread — gets `CARTABLE_E_INVALID`, never the scope of whatever call now runs.
enum LiveExchange {
    /// A pthread key, created once; its value is the thread's running exchange (or nil).
    static let key: pthread_key_t = {
        var key = pthread_key_t()
        precondition(pthread_key_create(&key, nil) == 0, "no thread-specific key left for plugin calls")
        return key
    }()

    static var current: UnsafeMutableRawPointer? { pthread_getspecific(key) }

    /// Runs `body` with `exchange` as this thread's running call; the previous one (a nested call) comes back after.
    static func running<T>(_ exchange: UnsafeMutableRawPointer, _ body: () -> T) -> T {
        let previous = pthread_getspecific(key)
        pthread_setspecific(key, exchange)
        defer { pthread_setspecific(key, previous) }
        return body()
    }
}
