#ifndef CLIBXML2_SHIM_H
#define CLIBXML2_SHIM_H
#include <libxml/xmlversion.h>
#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlstring.h>
#include <libxml/tree.h>

/// xmlFree is a global function pointer, which Swift 6 treats as shared mutable state.
static inline void clibxml2_free(void *pointer) { xmlFree(pointer); }
#endif
