import GeneratorFuzzCommon

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGenerator(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    GeneratorFuzzChecks.generate(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
