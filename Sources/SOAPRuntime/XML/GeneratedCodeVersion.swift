/// The handshake between generated code and this runtime (as swift-protobuf does): every
/// generated file declares a type conforming to the protocol of the runtime version it was
/// generated for, so code generated for an incompatible runtime fails to compile.
///
/// When the contract between generated code and the runtime changes incompatibly, this
/// protocol is renamed (`_2`) and the generator updated.
public protocol WSDL2SwiftGeneratedCodeVersion_2 {}
