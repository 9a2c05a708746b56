// Aliases: names of host types that clash with GRDB's in files importing both.
import Host

typealias HostDatabase = Database
