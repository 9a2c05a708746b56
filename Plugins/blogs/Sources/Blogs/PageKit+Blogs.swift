// PageKit+Blogs: what the blogs app's pages add to PluginKit's page helpers — its stylesheet, and former members' names.
import PluginKit

extension PageKit {
    var stylesheet: HTML { stylesheet("blogs.css") }

    /// The name shown for an author whose data was erased.
    func author(_ name: String) -> HTML { name.isEmpty ? t("post.former_member") : text(name) }
}
