import FuzzCommon

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzValues(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FuzzChecks.values(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
