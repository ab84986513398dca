#include "soapInventorySoapBindingService.h"
#include "InventorySoapBinding.nsmap"
#include <cstdlib>
static ArrayOf_USCORExsd_USCOREstring *strings(soap *s, std::initializer_list<const char*> values) {
  auto *a = soap_new_ArrayOf_USCORExsd_USCOREstring(s);
  a->__size = (int)values.size();
  a->__ptr = soap_new_std__string(s, a->__size);
  int i = 0; for (auto v : values) a->__ptr[i++] = v;
  return a;
}
static ns1__Item *item(soap *s, const std::string &sku, int quantity, double *price, ArrayOf_USCORExsd_USCOREstring *tags) {
  auto *it = soap_new_ns1__Item(s);
  it->sku = sku; it->quantity = quantity; it->price = price; it->tags = tags;
  return it;
}
int InventorySoapBindingService::findItems(const std::string& query, int limit, struct ns1__findItemsResponse &r) {
  auto *shared = strings(soap, {"red", "blue"});          // one array in both items: multi-referenced
  auto *price = (double*)soap_malloc(soap, sizeof(double)); *price = 9.5;
  auto *items = soap_new_ArrayOfItem(soap);
  items->__size = 2;
  items->__ptrItem = (ns1__Item**)soap_malloc(soap, 2 * sizeof(ns1__Item*));
  items->__ptrItem[0] = item(soap, query + "-1", limit, price, shared);
  items->__ptrItem[1] = item(soap, query + "-2", 3, nullptr, shared);
  r._findItemsReturn = items;
  return SOAP_OK;
}
int InventorySoapBindingService::addItem(ns1__Item *item, bool &ok) {
  ok = item && item->sku == "D-4" && item->quantity == 1 && item->price == nullptr && item->tags && item->tags->__size == 2
    && item->tags->__ptr[0] == "a" && item->tags->__ptr[1] == "b";
  return SOAP_OK;
}
int InventorySoapBindingService::getTags(const std::string& sku, struct ns1__getTagsResponse &r) {
  r.getTagsReturn = strings(soap, {sku.c_str(), "x"});
  return SOAP_OK;
}
int InventorySoapBindingService::getRaw(struct ns1__getRawResponse &r) { return soap_receiverfault("not here", NULL); }
int main(int argc, char **argv) {
  InventorySoapBindingService service(SOAP_IO_KEEPALIVE);
  return service.run(atoi(argv[1]));
}
