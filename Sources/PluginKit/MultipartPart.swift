// MultipartPart: one part of a multipart/form-data body (a form field or an uploaded file), read by the wire module's parser.
import CartableWire
/// A field of a `multipart/form-data` form, as browsers send file uploads: `name`,
/// `filename` (nil for a plain field), `contentType`, `data` and `text`.
public typealias MultipartPart = MultipartBody.Part
