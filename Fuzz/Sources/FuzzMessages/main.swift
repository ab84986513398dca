import FuzzCommon

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMessages(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FuzzChecks.messages(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
