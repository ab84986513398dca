import AppMgmtCLI

// All logic lives in AppMgmtCLI (testable); this is only the entry point.
await AppMgmtCommand.runMain()
