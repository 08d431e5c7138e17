#ifndef CLIBXML2_SHIM_H
#define CLIBXML2_SHIM_H

#include <libxml/xmlversion.h>
/// Debian builds libxml2 with ICU, and <libxml/encoding.h> then includes the system's ICU
/// headers, whose types clash with the copy of ICU inside Foundation (`_FoundationICU`).
/// fairlabel never touches ICU converters, so the ICU part of libxml2's headers is left out;
/// the only layout it changes is `xmlCharEncodingHandler`'s tail, which Swift never reads.
/// Remove when libxml2 stops exposing ICU types in its public headers (2.13 does).
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlschemastypes.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <libxml/SAX2.h>
#include <libxml/xmlIO.h>
#include <libxml/pattern.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

/// libxml2 2.9.14 (Debian 12) declares `xmlFree` as a global function-pointer variable (or a
/// macro over `__xmlFree()` in threaded builds). Swift 6 refuses to read mutable globals from
/// concurrent code, so every free of libxml2-allocated memory goes through this function.
/// Remove when the oldest supported libxml2 exports `xmlFree` as a plain function (2.12+).
static inline void CLibXML2_free(void *pointer) {
    xmlFree(pointer);
}

/// Gives memory that freed documents left in the C heap back to the system. glibc keeps freed
/// memory for reuse, and after a large document's hundreds of thousands of nodes are freed,
/// fragments of it stay mapped, so a process that parsed a few large documents stays large.
static inline void CLibXML2_returnFreedMemory(void) {
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
}

/// The parser's current input line, read in C because `xmlParserInput` is reached through a
/// pointer to a pointer that Swift imports awkwardly. Remove if Swift ever imports the field
/// chain cleanly.
static inline int CLibXML2_currentLine(xmlParserCtxtPtr context) {
    if (context == NULL || context->input == NULL) return 0;
    return context->input->line;
}

/// The parser's current column on its line (1-based), for refusals raised from SAX callbacks.
static inline int CLibXML2_currentColumn(xmlParserCtxtPtr context) {
    if (context == NULL || context->input == NULL) return 0;
    return context->input->col;
}

/// A generic-error handler that drops the message. libxml2's generic channel is printf-style
/// (variadic), which Swift cannot implement; every error that matters also arrives through the
/// structured channel fairlabel collects, so the generic copy is silenced instead of printed.
static inline void CLibXML2_ignoreGenericError(void *context, const char *message, ...) {
    (void)context;
    (void)message;
}

/// Silences libxml2's generic error channel on the calling thread (libxml2 keeps it per thread).
static inline void CLibXML2_silenceGenericErrors(void) {
    xmlSetGenericErrorFunc(NULL, CLibXML2_ignoreGenericError);
}

#endif
