import Foundation

extension StringProtocol {
    /// The text as searches compare it: lower case and without diacritics, in every script
    /// (`HERVÉ` → `herve`, `Möllenbeck` → `mollenbeck`, `МЕЩЕРЯКОВ` → `мещеряков`, `Straße` →
    /// `strasse`). ASCII text, most of what names and addresses hold, is lowered byte by byte.
    package var folded: String {
        var ascii = true, lower = true
        for b in utf8 {
            if b >= 0x80 { ascii = false; break }
            if b >= 0x41 && b <= 0x5A { lower = false }
        }
        guard ascii else { return String(self).folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil) }
        return lower ? String(self) : String(decoding: utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
    }
}
