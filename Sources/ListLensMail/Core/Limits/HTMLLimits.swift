/// Named limits on HTML converted to text (mail bodies and archive pages alike).
public enum HTMLLimits {
    /// Largest HTML document converted (bytes). Larger HTML is cut here before parsing; the
    /// corpora's largest HTML part is under 1 MB.
    public static let maxInputBytes = 8 << 20
    /// Deepest element nesting walked; deeper content is still read, flattened at this depth.
    /// Browsers stop nesting at 512 (Blink's kMaximumHTMLParserDOMTreeDepth); mail needs far less.
    public static let maxDepth = 256
    /// Most nodes visited in one document (a bound on work for hostile input).
    public static let maxNodes = 2_000_000
    /// Longest tag kept whole (bytes); the rest of a longer tag is cut. Word's longest tags are a few
    /// hundred bytes; thousands of attributes would make libxml2's duplicate check quadratic
    /// (20,000 attributes took 2.8 s).
    public static let maxTagBytes = 16 << 10
    /// Longest Word downlevel marker looked for (`<![if !supportLineBreakNewLine]>` is 33 bytes).
    public static let maxMarkerLength = 200
    /// Most quote levels Outlook header blocks open in one body. Blockquotes nest as elements (at most
    /// ``maxDepth``), but header blocks are siblings: without a bound, each of 100,000 would add a `>`
    /// to every line after it. One more than quote segmentation reads
    /// (`QuoteSegmenter.maxQuotePrefixes`), so a body that reaches it carries the `quote-too-deep` defect.
    public static let maxOutlookQuotes = 65
    /// Most attributes read from one SAX attribute list (libxml2 hands them as name/value pairs).
    public static let maxAttributes = 4096
    /// How far into a `style` attribute `display:none` is looked for.
    public static let maxStyleScanBytes = 4096
    /// Longest `alt` text of an image shown in its place; longer ones are descriptions, not labels.
    public static let maxAltTextLength = 200
    /// Highest list number shown: `<ol start>` is capped here and numbering stops rising at it, so
    /// no input makes the counter overflow. A billion items is more than any mail holds.
    public static let maxListNumber = 1_000_000_000
    /// How far into a document a `<meta>` charset is looked for (HTML5 prescans 1024 bytes; Word
    /// puts a long `<style>` before nothing, but some archives put comments first).
    public static let charsetPrescanBytes = 4096
}
