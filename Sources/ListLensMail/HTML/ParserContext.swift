import CLibXML2
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// libxml2 HTML parser contexts, one of each kind per thread, reused for every document that thread
/// parses (as lxml does): string dictionary and buffers are kept. Freed when the thread ends.
enum ParserContext {
    private static let key: pthread_key_t? = {
        var k = pthread_key_t()
        let made = pthread_key_create(&k) { p in
            if let p { htmlFreeParserCtxt(p.assumingMemoryBound(to: htmlParserCtxt.self)) }
        }
        return made == 0 ? k : nil
    }()

    private static let saxKey: pthread_key_t? = {
        var k = pthread_key_t()
        let made = pthread_key_create(&k) { p in
            if let p { htmlFreeParserCtxt(p.assumingMemoryBound(to: htmlParserCtxt.self)) }
        }
        return made == 0 ? k : nil
    }()

    /// The thread's context for building trees (archive pages).
    static var current: htmlParserCtxtPtr? { context(key) { _ in } }

    /// The thread's context whose SAX handler feeds the ``HTMLTextBuilder`` in `_private` (mail bodies):
    /// no tree is built. Comments, processing instructions and the DTD are ignored.
    static var sax: htmlParserCtxtPtr? {
        context(saxKey) { ctxt in
            guard let h = ctxt.pointee.sax else { return }
            h.pointee.startDocument = nil
            h.pointee.endDocument = nil
            h.pointee.internalSubset = nil
            h.pointee.externalSubset = nil
            h.pointee.comment = nil
            h.pointee.processingInstruction = nil
            h.pointee.reference = nil
            h.pointee.ignorableWhitespace = { _, _, _ in }   // NOBLANKS: the tree would not have them either
            h.pointee.startElement = { ctx, name, attributes in
                guard let b = ParserContext.builder(ctx) else { return }
                b.pointee.start(HTMLTag(name), HTMLTextBuilder.Attributes(node: nil, list: attributes))
                if b.pointee.overBudget { xmlStopParser(ctx?.assumingMemoryBound(to: xmlParserCtxt.self)) }
            }
            h.pointee.endElement = { ctx, _ in ParserContext.builder(ctx)?.pointee.end() }
            h.pointee.characters = { ctx, ch, len in
                guard let ch, len > 0 else { return }
                ParserContext.builder(ctx)?.pointee.text(UnsafeBufferPointer(start: ch, count: Int(len)))
            }
            h.pointee.cdataBlock = h.pointee.characters
        }
    }

    static func builder(_ ctx: UnsafeMutableRawPointer?) -> UnsafeMutablePointer<HTMLTextBuilder>? {
        ctx?.assumingMemoryBound(to: xmlParserCtxt.self).pointee._private?.assumingMemoryBound(to: HTMLTextBuilder.self)
    }

    private static func context(_ key: pthread_key_t?, setUp: (htmlParserCtxtPtr) -> Void) -> htmlParserCtxtPtr? {
        guard let key else { return nil }
        if let p = pthread_getspecific(key) { return p.assumingMemoryBound(to: htmlParserCtxt.self) }
        _ = HTMLDocument.initialized
        clibxml2_silence()   // this thread's error handlers
        guard let ctxt = htmlNewParserCtxt() else { return nil }
        setUp(ctxt)
        pthread_setspecific(key, ctxt)
        return ctxt
    }
}
