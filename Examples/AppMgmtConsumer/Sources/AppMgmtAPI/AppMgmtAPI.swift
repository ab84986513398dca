// This module's Swift is generated on every build that needs it by the WSDL2SwiftPlugin build
// plugin, from Schemas/AppMgmt.wsdl (a symlink to the repository's Schemas/ folder) as
// wsdl2swift-config.json asks: the AppMgmt types and their XML coding, `AppManagementClient`,
// and `AppManagementService` with its `AppManagementDispatcher`.
//
// SwiftPM refuses a target without a source file of its own (it does not count plugin output
// when it checks), hence this file.
