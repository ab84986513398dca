import FuzzCommon

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDiscovery(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FuzzChecks.discovery(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
