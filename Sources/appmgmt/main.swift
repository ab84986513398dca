import AppMgmtCLI
