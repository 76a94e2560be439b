import Foundation
import ListLensAnalysis

/// Streams every stored message as one JSON object per line (JSON Lines), oldest first.
public struct Exporter {
    let store: any MessageExporting

    public init(store: any MessageExporting) { self.store = store }

    /// Calls `emit` with each line (without the newline). The store reads through a cursor: memory stays flat.
    public func exportJSONLines(_ emit: (String) throws -> Void) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        try forEachMessage { message in
            try emit(String(decoding: try encoder.encode(message), as: UTF8.self))
        }
    }

    /// Every published message, oldest first, with its segments and the sources of its quotes.
    public func forEachMessage(_ body: (ExportedMessage) throws -> Void) throws {
        try store.forEachExportedMessage { stored in
            try body(Self.withSegments(stored))
        }
    }

    /// The message's segments (the segmenter is a pure function of its text, sender, HTML marks and
    /// list footer), each quoted
    /// one with the source the quote attribution pass stored for its position.
    public static func withSegments(_ stored: ExportedMessage) -> ExportedMessage {
        var m = stored
        let sources = m.quoteSources ?? [:]
        m.quoteSources = nil
        var segments: [ExportedMessage.Segment] = []
        let marks = m.textMarks ?? [], footer = m.listFooter
        m.textMarks = nil
        m.listFooter = nil
        for (k, s) in QuoteSegmenter.segments(of: m.text, senderName: m.from.name, marks: marks, footer: footer).enumerated() {
            let attribution = s.attribution.map { ExportedMessage.Attribution($0) }
            segments.append(ExportedMessage.Segment(kind: s.kind.rawValue, depth: s.depth, text: s.text, attribution: attribution,
                                                    source: s.kind == .quoted ? sources[k] : nil))
        }
        m.segments = segments
        return m
    }
}
