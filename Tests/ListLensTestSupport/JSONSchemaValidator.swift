import Foundation

/// Checks JSON values against the subset of JSON Schema (2020-12) that docs/json-output.schema.json
/// uses: `type` (one or several), `properties`, `required`, `additionalProperties: false`, `items`,
/// `enum`, `pattern` (an ECMA-style regular expression searched in a string), `allOf` and local `$ref`s (`#/$defs/name`). Anything else in a schema is a failure, so a
/// schema cannot silently ask for more than is checked.
public struct JSONSchemaValidator {
    private let root: JSONValue

    public init(schemaAt path: String) throws {
        root = try JSONDecoder().decode(JSONValue.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// Problems found, as `path: what` lines; empty when `value` conforms to `#/$defs/<definition>`.
    public func problems(_ value: JSONValue, definition: String) -> [String] {
        var out: [String] = []
        check(value, against: .object(["$ref": .string("#/$defs/" + definition)]), at: "$", into: &out)
        return out
    }

    private static let understood: Set<String> = ["type", "properties", "required", "additionalProperties", "items", "enum",
                                                  "pattern", "allOf", "$ref", "description"]

    private func check(_ value: JSONValue, against schema: JSONValue, at path: String, into out: inout [String]) {
        // Work list, not recursion: schemas and documents are bounded, but the habit costs nothing.
        var work: [(JSONValue, JSONValue, String)] = [(value, schema, path)]
        while let (value, schema, path) = work.popLast() {
            guard case .object(let s) = schema else { out.append("\(path): schema is not an object"); continue }
            for key in s.keys where !Self.understood.contains(key) { out.append("\(path): schema keyword \(key) is not checked") }
            if case .string(let ref)? = s["$ref"] {
                guard ref.hasPrefix("#/$defs/"), let target = root["$defs"]?[String(ref.dropFirst(8))] else {
                    out.append("\(path): unknown $ref \(ref)"); continue
                }
                work.append((value, target, path))
            }
            if case .array(let all)? = s["allOf"] { for sub in all { work.append((value, sub, path)) } }
            if let type = s["type"] {
                let allowed: [String]
                switch type {
                case .string(let t): allowed = [t]
                case .array(let ts): allowed = ts.compactMap { if case .string(let t) = $0 { return t } else { return nil } }
                default: allowed = []
                }
                if !allowed.contains(where: { Self.matches(value, $0) }) { out.append("\(path): expected \(allowed.joined(separator: " or "))") }
            }
            if case .array(let options)? = s["enum"], !options.contains(value) { out.append("\(path): \(value) is not one of the allowed values") }
            if case .string(let pattern)? = s["pattern"], case .string(let text) = value,
               text.range(of: pattern, options: .regularExpression) == nil {
                out.append("\(path): \(text) does not match \(pattern)")
            }
            if case .object(let o) = value {
                if case .array(let required)? = s["required"] {
                    for case .string(let key) in required where o[key] == nil { out.append("\(path): missing \(key)") }
                }
                let properties: [String: JSONValue]
                if case .object(let p)? = s["properties"] { properties = p } else { properties = [:] }
                for (key, v) in o {
                    if let sub = properties[key] { work.append((v, sub, path + "." + key)) }
                    else if s["additionalProperties"] == .bool(false) { out.append("\(path): unexpected key \(key)") }
                }
            }
            if case .array(let items) = value, let sub = s["items"] {
                for (i, v) in items.enumerated() { work.append((v, sub, "\(path)[\(i)]")) }
            }
        }
    }

    private static func matches(_ value: JSONValue, _ type: String) -> Bool {
        switch (value, type) {
        case (.null, "null"), (.bool, "boolean"), (.string, "string"), (.array, "array"), (.object, "object"), (.number, "number"): return true
        case (.number(let n), "integer"): return n == n.rounded()
        default: return false
        }
    }
}
