import CLibXML2

/// The elements the converter treats specially, read from a node's name bytes without making a String.
enum HTMLTag: Equatable {
    case p, div, heading, ul, ol, li, table, tr, td, th, dl, dt, dd, address, center, form, fieldset
    case section, article, header, footer, body, html, br, hr, pre, blockquote, a, img
    case skipped, other

    init(_ name: UnsafePointer<xmlChar>?) {
        guard let name else { self = .other; return }
        // Up to 10 characters packed into an integer, 6 bits each; longer names are none of ours.
        var key: UInt64 = 0
        var i = 0
        while name[i] != 0 {
            guard i < 10 else { self = .other; return }
            key = key << 6 | HTMLTag.code(name[i])
            i += 1
        }
        self = HTMLTag.byKey[key] ?? .other
    }

    /// Letters in either case 1…26, digits 27…36, anything else 63: no two characters share a code.
    private static func code(_ b: UInt8) -> UInt64 {
        b.isASCIIAlpha ? UInt64((b | 0x20) - 0x60) : b.isASCIIDigit ? UInt64(b - 0x30 + 27) : 63
    }

    private static func key(_ s: StaticString) -> UInt64 {
        s.withUTF8Buffer { $0.reduce(UInt64(0)) { $0 << 6 | code($1) } }
    }

    static let byKey: [UInt64: HTMLTag] = {
        var m: [UInt64: HTMLTag] = [:]
        let named: [(StaticString, HTMLTag)] = [
            ("p", .p), ("div", .div), ("h1", .heading), ("h2", .heading), ("h3", .heading), ("h4", .heading), ("h5", .heading),
            ("h6", .heading), ("ul", .ul), ("ol", .ol), ("li", .li), ("table", .table), ("tr", .tr), ("td", .td), ("th", .th),
            ("dl", .dl), ("dt", .dt), ("dd", .dd), ("address", .address), ("center", .center), ("form", .form),
            ("fieldset", .fieldset), ("section", .section), ("article", .article), ("header", .header), ("footer", .footer),
            ("body", .body), ("html", .html), ("br", .br), ("hr", .hr), ("pre", .pre), ("blockquote", .blockquote),
            ("a", .a), ("img", .img),
            ("head", .skipped), ("style", .skipped), ("script", .skipped), ("title", .skipped), ("xml", .skipped),
            ("meta", .skipped), ("link", .skipped), ("object", .skipped), ("noscript", .skipped), ("template", .skipped),
        ]
        for (name, tag) in named { m[key(name)] = tag }
        return m
    }()

    var isSkipped: Bool { self == .skipped }

    /// Block elements: they start and end lines.
    var isBlock: Bool {
        switch self {
        case .p, .div, .heading, .ul, .ol, .table, .tr, .dl, .dt, .dd, .address, .center, .form, .fieldset,
             .section, .article, .header, .footer, .body, .html: return true
        default: return false
        }
    }
}
