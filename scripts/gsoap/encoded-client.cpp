#include "soapInventorySoapBindingProxy.h"
#include "InventorySoapBinding.nsmap"
#include <cstdio>
int main(int argc, char **argv) {
  InventorySoapBindingProxy proxy(argv[1]);
  ns1__findItemsResponse found;
  proxy.findItems("Q", 4, found);
  ns1__Item item; item.sku = "D-4"; item.quantity = 1; item.price = nullptr;
  ArrayOf_USCORExsd_USCOREstring tags; std::string values[2] = {"a", "b"}; tags.__ptr = values; tags.__size = 2; item.tags = &tags;
  bool ok = false;
  proxy.addItem(&item, ok);
  return 0;
}
