import Foundation

/// Keeps results alive so the optimiser cannot drop the measured work.
nonisolated(unsafe) var blackHoleSink = 0

@inline(never)
func blackHole<T>(_ value: T) {
    withUnsafeBytes(of: value) { blackHoleSink &+= Int($0.first ?? 0) }
}

/// One measured workload: `bytes` processed per iteration (input for decoders and the
/// pass-through, output for encoders).
struct Workload {
    var name: String
    var bytes: Int
    var body: () throws -> Void
}

/// Plain `ContinuousClock` timing: each workload is calibrated to run ≥ `targetSample` per
/// sample, warmed up, then sampled `rounds` times, interleaved with the workloads it is
/// compared to (so machine noise hits both alike); the median per-iteration time is reported.
struct Harness {
    var targetSample: Duration = .milliseconds(40)
    var rounds = 9
    let clock = ContinuousClock()

    func iterations(for workload: Workload) throws -> Int {
        var n = 1
        while true {
            let start = clock.now
            for _ in 0..<n { try workload.body() }
            let elapsed = clock.now - start
            if elapsed >= targetSample / 4 || n >= 1 << 20 {
                let perIteration = elapsed / n
                let wanted = perIteration > .zero ? Int((targetSample / perIteration).rounded(.up)) : n
                return max(1, min(wanted, 1 << 22))
            }
            n *= 4
        }
    }

    /// Median seconds per iteration for each workload, sampled round-robin.
    func measure(_ workloads: [Workload], rounds: Int? = nil) throws -> [Double] {
        let counts = try workloads.map { try iterations(for: $0) }
        // Warm-up: one sample each.
        for (w, n) in zip(workloads, counts) { for _ in 0..<n { try w.body() } }
        var samples = Array(repeating: [Double](), count: workloads.count)
        for _ in 0..<(rounds ?? self.rounds) {
            for (i, (w, n)) in zip(workloads, counts).enumerated() {
                let start = clock.now
                for _ in 0..<n { try w.body() }
                samples[i].append((clock.now - start).seconds / Double(n))
            }
        }
        return samples.map { $0.sorted()[$0.count / 2] }
    }
}

extension Duration {
    var seconds: Double {
        let (s, atto) = components
        return Double(s) + Double(atto) * 1e-18
    }
}

func mbPerSecond(_ bytes: Int, _ seconds: Double) -> Double { Double(bytes) / seconds / 1_000_000 }

func pad(_ s: String, _ width: Int) -> String {
    s.count >= width ? s : s + String(repeating: " ", count: width - s.count)
}

func fmt(_ x: Double, _ digits: Int = 1) -> String { String(format: "%.\(digits)f", x) }

/// Collected target checks, printed at the end.
nonisolated(unsafe) var verdicts: [String] = []

func verdict(_ description: String, _ value: Double, atLeast target: Double) {
    let met = value >= target
    verdicts.append("\(met ? "MET   " : "MISSED") \(description): \(fmt(value, 2))x (target >= \(fmt(target, 2))x)")
}
