import Testing

@testable import AppMgmtDevice

/// The lifecycle state machine on its own: every request in every state, every outcome.
@Suite("AppLifecycle: the app state machine, without files or processes")
struct AppLifecycleTests {
    typealias State = AppLifecycleState

    @Test("Which request proceeds, is already done or is refused, in every state")
    func decisions() {
        let expected: [AppLifecycle.Request: [State?: String]] = [
            .install: [nil: "proceed", .inactive: "proceed", .active: "proceed", .installing: "refused", .uninstalling: "refused"],
            .activate: [nil: "refused", .inactive: "proceed", .active: "done", .installing: "refused", .uninstalling: "refused"],
            .deactivate: [nil: "refused", .inactive: "done", .active: "proceed", .installing: "refused", .uninstalling: "refused"],
            .uninstall: [nil: "refused", .inactive: "proceed", .active: "proceed", .installing: "refused", .uninstalling: "proceed"],
        ]
        for request in AppLifecycle.Request.allCases {
            for state in [nil] + State.allCases.map(Optional.some) {
                let decision = AppLifecycle.decide(request, in: state)
                let word: String
                switch decision {
                case .proceed: word = "proceed"
                case .alreadyDone: word = "done"
                case .refused(let why):
                    word = "refused"
                    #expect(!why.isEmpty)
                }
                #expect(word == expected[request]?[state], "\(request) in \(state?.rawValue ?? "none")")
            }
        }
    }

    @Test("Where each outcome leads, and outcomes that cannot happen are errors, not crashes")
    func outcomes() throws {
        #expect(try AppLifecycle.after(.installBegan, from: nil) == .installing)
        #expect(try AppLifecycle.after(.installBegan, from: .inactive) == .installing)
        #expect(try AppLifecycle.after(.installCompleted, from: .installing) == .inactive)
        #expect(try AppLifecycle.after(.installFailed(keptPrevious: true), from: .installing) == .inactive)
        #expect(try AppLifecycle.after(.installFailed(keptPrevious: false), from: .installing) == nil)
        #expect(try AppLifecycle.after(.started, from: .inactive) == .active)
        #expect(try AppLifecycle.after(.stopped, from: .active) == .inactive)
        #expect(try AppLifecycle.after(.stopped, from: .uninstalling) == .uninstalling)
        #expect(try AppLifecycle.after(.uninstallBegan, from: .active) == .uninstalling)
        #expect(try AppLifecycle.after(.removed, from: .uninstalling) == nil)
        let impossible: [(AppLifecycle.Outcome, State?)] = [
            (.installBegan, .active), (.installBegan, .installing), (.installCompleted, .inactive), (.started, .active), (.started, .installing),
            (.started, nil), (.removed, .inactive), (.uninstallBegan, .installing), (.stopped, nil), (.installFailed(keptPrevious: true), .active),
        ]
        for (outcome, state) in impossible {
            #expect(throws: LifecycleViolation.self, "\(outcome) from \(state?.rawValue ?? "none")") { try AppLifecycle.after(outcome, from: state) }
        }
    }

    @Test("After a restart nothing runs, interrupted installs end and removals complete")
    func recovery() {
        #expect(AppLifecycle.recovered(.active, updating: false) == .inactive)
        #expect(AppLifecycle.recovered(.inactive, updating: false) == .inactive)
        #expect(AppLifecycle.recovered(.installing, updating: true) == .inactive)
        #expect(AppLifecycle.recovered(.installing, updating: false) == nil)
        #expect(AppLifecycle.recovered(.uninstalling, updating: false) == nil)
    }
}
