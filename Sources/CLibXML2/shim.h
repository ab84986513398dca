#ifndef CLIBXML2_SHIM_H
#define CLIBXML2_SHIM_H
#include <libxml/xmlversion.h>
/* Debian's libxml2 is built with ICU, and its encoding.h then includes the system's
   <unicode/ucnv.h>, whose types clash with Foundation's bundled ICU in one Swift module graph.
   Nothing here uses the ICU-specific converter fields, so leave them out. */
#ifdef LIBXML_ICU_ENABLED
#undef LIBXML_ICU_ENABLED
#endif
#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlstring.h>
#include <libxml/tree.h>

/// xmlFree is a global function pointer, which Swift 6 treats as shared mutable state.
static inline void clibxml2_free(void *pointer) { xmlFree(pointer); }

/// Routes libxml2's generic (non-structured) error channel of the calling thread to nothing:
/// some errors (e.g. input encoding errors) bypass a reader's structured handler and would
/// otherwise be printed to stderr for every hostile request. Readers still report them through
/// their structured handler or a failed read.
static void clibxml2_ignore_generic_error(void *context, const char *message, ...) { (void)context; (void)message; }
static inline void clibxml2_silence_generic_errors(void) { xmlSetGenericErrorFunc(NULL, clibxml2_ignore_generic_error); }
#endif
