// PageKit+Fields: form fields with their visible label, an optional hint and an inline error tied to the field for screen readers.
import CartableText

extension PageKit {
    /// One field of a form (its `id` is its name unless given): a text input (`type` "text", "email", "date", "search"...) under its label.
    /// `error` is a locale key shown under the field and announced with it (`aria-invalid`, `aria-describedby`).
    public func textField(
        _ name: String, id: String? = nil, label labelKey: String, value: String = "", type: String = "text", required: Bool = false,
        maxLength: Int? = nil, hint hintKey: String? = nil, error errorKey: String? = nil
    ) -> HTML {
        let id = id ?? name
        let extras = limits(required, maxLength)
        let input: HTML =
            "<input id=\"\(id)\" name=\"\(name)\" type=\"\(type)\" value=\"\(value)\"\(extras)\(described(id, hintKey, errorKey))>"
        return wrap(id, labelKey, input, hintKey, errorKey)
    }

    /// A multi-line text field under its label.
    public func textArea(
        _ name: String, id: String? = nil, label labelKey: String, value: String = "", rows: Int = 8, required: Bool = false,
        maxLength: Int? = nil,
        hint hintKey: String? = nil, error errorKey: String? = nil
    ) -> HTML {
        let id = id ?? name
        let extras = limits(required, maxLength)
        let area: HTML =
            "<textarea id=\"\(id)\" name=\"\(name)\" rows=\"\(rows)\"\(extras)\(described(id, hintKey, errorKey))>\(value)</textarea>"
        return wrap(id, labelKey, area, hintKey, errorKey)
    }

    /// A choice among `options` (value, text shown) under its label; `selected` is the chosen value.
    public func select(
        _ name: String, id: String? = nil, label labelKey: String, options: [(value: String, label: String)], selected: String? = nil,
        hint hintKey: String? = nil, error errorKey: String? = nil
    ) -> HTML {
        let id = id ?? name
        let items = options.map { option -> HTML in
            "<option value=\"\(option.value)\"\(option.value == selected ? " selected" as HTML : "")>\(option.label)</option>"
        }
        let control: HTML = "<select id=\"\(id)\" name=\"\(name)\"\(described(id, hintKey, errorKey))>\(items)</select>"
        return wrap(id, labelKey, control, hintKey, errorKey)
    }

    /// A row of buttons and links ending a form.
    public func actions(_ items: HTML...) -> HTML {
        "<p class=\"form-actions\">\(items.joined(separator: " "))</p>"
    }

    private func limits(_ required: Bool, _ maxLength: Int?) -> HTML {
        "\(required ? " required" as HTML : "")\(maxLength.map { " maxlength=\"\($0)\"" as HTML })"
    }

    private func described(_ id: String, _ hintKey: String?, _ errorKey: String?) -> HTML {
        let ids = [hintKey.map { _ in "\(id)-hint" }, errorKey.map { _ in "\(id)-error" }].compactMap { $0 }
        guard !ids.isEmpty else { return "" }
        let invalid: HTML = errorKey == nil ? "" : " aria-invalid=\"true\""
        return " aria-describedby=\"\(ids.joined(separator: " "))\"\(invalid)"
    }

    private func wrap(_ id: String, _ labelKey: String, _ control: HTML, _ hintKey: String?, _ errorKey: String?) -> HTML {
        let hint: HTML? = hintKey.map { "<span class=\"field-hint\" id=\"\(id)-hint\">\(t($0))</span>" }
        let error: HTML? = errorKey.map { "<span class=\"field-error\" id=\"\(id)-error\">\(t($0))</span>" }
        let state: HTML = errorKey == nil ? "field" : "field invalid"
        return "<p class=\"\(state)\"><label for=\"\(id)\">\(t(labelKey))</label>\(hint)\(control)\(error)</p>"
    }
}
