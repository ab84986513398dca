// gSOAP's generated AppMgmt codec and libxml2's own passes on the same bytes as appmgmt-bench:
// decode a GetAppsInfoResponse envelope into gSOAP's C++ values, encode those values back into
// an envelope, and walk the bytes with libxml2's xmlTextReader and SAX2 (building nothing).
//
// Built by scripts/gsoap/codec-bench.sh from the code wsdl2h + soapcpp2 generate from the
// official appmgmt.wsdl. Prints one line per workload: "gsoap<TAB>WORKLOAD<TAB>APPS<TAB>MB/s"
// (the median of its samples), for each envelope file given as APPS=PATH.
#include "soapH.h"
#include "AppManagementBinding.nsmap"

#include <libxml/parser.h>
#include <libxml/xmlreader.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

namespace {

struct Input {
    const char *data;
    size_t size;
    size_t offset;
};

// gSOAP reads through soap->frecv: from memory here, as our decoder reads a byte array.
size_t receive(struct soap *soap, char *buffer, size_t length) {
    Input *input = static_cast<Input *>(soap->user);
    size_t n = std::min(length, input->size - input->offset);
    std::memcpy(buffer, input->data + input->offset, n);
    input->offset += n;
    return n;
}

std::string output;

// ... and writes through soap->fsend: into one growing string, as our writer fills a buffer.
int send(struct soap *, const char *data, size_t length) {
    output.append(data, length);
    return SOAP_OK;
}

// Decodes the envelope in `bytes`; returns the number of AppInfo read (or -1).
long decode(struct soap *soap, const std::string &bytes, _ns1__GetAppsInfoResponse *into) {
    Input input{bytes.data(), bytes.size(), 0};
    soap->user = &input;
    soap->frecv = receive;
    if (soap_begin_recv(soap) || soap_envelope_begin_in(soap) || soap_recv_header(soap) || soap_body_begin_in(soap)) return -1;
    if (!into->soap_get(soap, "ns1:GetAppsInfoResponse", nullptr)) return -1;
    if (soap_body_end_in(soap) || soap_envelope_end_in(soap) || soap_end_recv(soap)) return -1;
    return static_cast<long>(into->Info.size());
}

int encode(struct soap *soap, const _ns1__GetAppsInfoResponse &value) {
    output.clear();
    soap->fsend = send;
    soap_begin(soap);
    value.soap_serialize(soap);
    if (soap_begin_send(soap) || soap_envelope_begin_out(soap) || soap_putheader(soap) || soap_body_begin_out(soap)
        || value.soap_put(soap, "ns1:GetAppsInfoResponse", "") || soap_body_end_out(soap) || soap_envelope_end_out(soap)
        || soap_end_send(soap))
        return -1;
    return 0;
}

const int libxmlOptions = XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_COMPACT | XML_PARSE_NOWARNING;

// libxml2's xmlTextReader visiting every node, reading its name, namespace and value: what
// appmgmt-bench's "libxml2 pass-through" does from Swift.
long readerWalk(const std::string &bytes) {
    xmlTextReaderPtr reader = xmlReaderForMemory(bytes.data(), static_cast<int>(bytes.size()), nullptr, nullptr, libxmlOptions);
    if (!reader) return -1;
    long checksum = 0;
    while (xmlTextReaderRead(reader) == 1) {
        checksum += xmlTextReaderNodeType(reader);
        if (const xmlChar *name = xmlTextReaderConstLocalName(reader)) checksum += name[0];
        if (const xmlChar *ns = xmlTextReaderConstNamespaceUri(reader)) checksum += ns[0];
        if (const xmlChar *value = xmlTextReaderConstValue(reader)) checksum += value[0];
    }
    xmlFreeTextReader(reader);
    return checksum;
}

// libxml2's SAX2 push parser with callbacks that touch every name and text run: what the
// runtime's reader is built on.
long saxWalk(const std::string &bytes) {
    xmlSAXHandler handler;
    std::memset(&handler, 0, sizeof handler);
    handler.initialized = XML_SAX2_MAGIC;
    handler.startElementNs = [](void *context, const xmlChar *localName, const xmlChar *, const xmlChar *uri, int, const xmlChar **, int, int,
                                const xmlChar **) {
        long *sum = static_cast<long *>(context);
        if (localName) *sum += localName[0];
        if (uri) *sum += uri[0];
    };
    handler.endElementNs = [](void *context, const xmlChar *localName, const xmlChar *, const xmlChar *) {
        if (localName) *static_cast<long *>(context) += localName[0];
    };
    handler.characters = [](void *context, const xmlChar *text, int count) { *static_cast<long *>(context) += text[0] + count; };
    long checksum = 0;
    xmlParserCtxtPtr context = xmlCreatePushParserCtxt(&handler, &checksum, nullptr, 0, nullptr);
    if (!context) return -1;
    xmlCtxtUseOptions(context, libxmlOptions);
    xmlParseChunk(context, bytes.data(), static_cast<int>(bytes.size()), 1);
    xmlFreeParserCtxt(context);
    return checksum;
}

// The median MB/s of `rounds` samples of at least 40 ms each (as appmgmt-bench reports).
double measure(size_t bytes, const std::function<void()> &work, int rounds) {
    using clock = std::chrono::steady_clock;
    long n = 1;
    for (;;) {
        auto start = clock::now();
        for (long i = 0; i < n; ++i) work();
        double elapsed = std::chrono::duration<double>(clock::now() - start).count();
        if (elapsed >= 0.01 || n >= (1L << 20)) {
            n = std::max(1L, static_cast<long>(0.04 / (elapsed / n)));
            break;
        }
        n *= 4;
    }
    for (long i = 0; i < n; ++i) work();  // warm-up
    std::vector<double> rates;
    for (int round = 0; round < rounds; ++round) {
        auto start = clock::now();
        for (long i = 0; i < n; ++i) work();
        double perIteration = std::chrono::duration<double>(clock::now() - start).count() / n;
        rates.push_back(bytes / perIteration / 1e6);
    }
    std::sort(rates.begin(), rates.end());
    return rates[rates.size() / 2];
}

}  // namespace

int main(int argc, char **argv) {
    int rounds = 9;
    for (int i = 1; i < argc; ++i) {
        std::string argument = argv[i];
        if (argument == "--quick") {
            rounds = 3;
            continue;
        }
        size_t equals = argument.find('=');
        if (equals == std::string::npos) {
            std::fprintf(stderr, "usage: codec-bench [--quick] APPS=ENVELOPE.xml ...\n");
            return 2;
        }
        std::string apps = argument.substr(0, equals);
        std::ifstream file(argument.substr(equals + 1), std::ios::binary);
        std::stringstream contents;
        contents << file.rdbuf();
        const std::string bytes = contents.str();

        struct soap *soap = soap_new1(SOAP_XML_STRICT);
        soap_set_namespaces(soap, namespaces);
        // The values to encode: decoded once, in a context of their own.
        struct soap *holder = soap_new1(SOAP_XML_STRICT);
        soap_set_namespaces(holder, namespaces);
        _ns1__GetAppsInfoResponse value;
        long count = decode(holder, bytes, &value);
        if (count != std::stol(apps)) {
            std::fprintf(stderr, "gSOAP decoded %ld AppInfo from %s, expected %s (error %d)\n", count, argv[i], apps.c_str(), holder->error);
            soap_print_fault(holder, stderr);
            return 1;
        }
        if (encode(soap, value) != 0) {
            std::fprintf(stderr, "gSOAP could not encode the response\n");
            return 1;
        }
        size_t encodedBytes = output.size();
        double decodeRate = measure(bytes.size(), [&] {
            _ns1__GetAppsInfoResponse response;
            decode(soap, bytes, &response);
            soap_destroy(soap);
            soap_end(soap);
        }, rounds);
        double encodeRate = measure(encodedBytes, [&] { encode(soap, value); }, rounds);
        double readerRate = measure(bytes.size(), [&] { readerWalk(bytes); }, rounds);
        double saxRate = measure(bytes.size(), [&] { saxWalk(bytes); }, rounds);
        std::printf("gsoap\tdecode envelope\t%s\t%.1f\n", apps.c_str(), decodeRate);
        std::printf("gsoap\tencode envelope\t%s\t%.1f\n", apps.c_str(), encodeRate);
        std::printf("c\tlibxml2 xmlTextReader walk\t%s\t%.1f\n", apps.c_str(), readerRate);
        std::printf("c\tlibxml2 SAX2 walk\t%s\t%.1f\n", apps.c_str(), saxRate);
        std::fprintf(stderr, "  %s apps: envelope %zu bytes, gSOAP's encoding %zu bytes\n", apps.c_str(), bytes.size(), encodedBytes);
        soap_destroy(holder);
        soap_end(holder);
        soap_free(holder);
        soap_destroy(soap);
        soap_end(soap);
        soap_free(soap);
    }
    return 0;
}
