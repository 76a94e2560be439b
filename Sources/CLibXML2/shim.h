#ifndef CLIBXML2_SHIM_H
#define CLIBXML2_SHIM_H
/* Debian's libxml2 is built with ICU: encoding.h then includes <unicode/ucnv.h> from the
   system ICU, whose UErrorCode clashes with Foundation's bundled _FoundationICU module.
   ListLens never touches xmlCharEncodingHandler's fields, so hiding ICU is safe. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/HTMLparser.h>
#include <libxml/xmlerror.h>

/* xmlFree is a global mutable function pointer: Swift 6 rejects using it directly. */
static inline void clibxml2_free(void *p) { xmlFree(p); }

/* Silence libxml2's global error printing (it would write parts of message bodies to stderr).
   The handlers are per thread: set them for this thread and as the default of threads to come. */
static void clibxml2_ignore_error(void *ctx, const char *msg, ...) { (void)ctx; (void)msg; }
static void clibxml2_ignore_structured(void *ctx, xmlErrorPtr error) { (void)ctx; (void)error; }
static inline void clibxml2_silence(void) {
    xmlThrDefSetGenericErrorFunc(NULL, clibxml2_ignore_error);
    xmlThrDefSetStructuredErrorFunc(NULL, clibxml2_ignore_structured);
    xmlSetGenericErrorFunc(NULL, clibxml2_ignore_error);
    xmlSetStructuredErrorFunc(NULL, clibxml2_ignore_structured);
}
#endif
