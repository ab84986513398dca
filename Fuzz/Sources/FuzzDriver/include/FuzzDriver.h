// Empty on purpose: the entry points live in FuzzDriver.c.
