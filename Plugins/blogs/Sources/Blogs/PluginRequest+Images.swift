// PluginRequest+Images: whether posts show other sites' images to this request (the authority's `external_images` setting).
import PluginKit

extension PluginRequest {
    /// Off unless the authority allows it: another site's image is then a link, never fetched by readers' browsers.
    var showsExternalImages: Bool { setting("external_images") == true }
}
