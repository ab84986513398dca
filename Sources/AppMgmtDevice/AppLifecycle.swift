/// The state of an installed app as the registry stores it (the ONVIF `AppState` values a
/// record can hold; `InstallationFailed` is an event, never a stored state).
enum AppLifecycleState: String, Sendable, Codable, CaseIterable {
    case installing = "Installing"
    case inactive = "Inactive"
    case active = "Active"
    case uninstalling = "Uninstalling"
}

/// The app lifecycle as a pure state machine: which requests a state allows, and where each
/// outcome of the device's work leads. No files, no processes: the registry asks it before
/// every change and after every await, so an interleaving can only ever see a legal state.
enum AppLifecycle {
    /// What a client (or an upload) asks for.
    enum Request: Sendable, Equatable, CaseIterable {
        case install
        case activate
        case deactivate
        case uninstall
    }

    /// The answer to a request in a state: go ahead, nothing to do, or refused (and why).
    enum Decision: Sendable, Equatable {
        case proceed
        case alreadyDone
        case refused(String)
    }

    /// What the device's work came to.
    enum Outcome: Sendable, Equatable {
        /// An install or update is under way (files are being put in place).
        case installBegan
        case installCompleted
        /// An install failed; `keptPrevious` when an update's old version stays.
        case installFailed(keptPrevious: Bool)
        case started
        /// The app's processes are gone (a deactivation, an exit, a stop before an update).
        case stopped
        case uninstallBegan
        case removed
    }

    /// Whether `request` may start in `state` (`nil`: no such app installed).
    static func decide(_ request: Request, in state: AppLifecycleState?) -> Decision {
        switch (request, state) {
        case (.install, nil), (.install, .inactive), (.install, .active): return .proceed
        case (.install, .installing?): return .refused("another installation of the app is in progress")
        case (.install, .uninstalling?): return .refused("the app is being uninstalled")
        case (_, nil): return .refused("the app is not installed")
        case (.activate, .inactive?): return .proceed
        case (.activate, .active?): return .alreadyDone
        case (.deactivate, .active?): return .proceed
        case (.deactivate, .inactive?): return .alreadyDone
        case (.activate, .installing?), (.deactivate, .installing?): return .refused("the app is being installed")
        case (.activate, .uninstalling?), (.deactivate, .uninstalling?): return .refused("the app is being uninstalled")
        case (.uninstall, .inactive?), (.uninstall, .active?), (.uninstall, .uninstalling?): return .proceed
        case (.uninstall, .installing?): return .refused("the app is being installed; try again when it is done")
        }
    }

    /// The state after `outcome` in `state`; `nil` means the record is gone. An outcome that
    /// cannot happen in `state` is an error naming both (a bug in the caller, never a crash).
    static func after(_ outcome: Outcome, from state: AppLifecycleState?) throws(LifecycleViolation) -> AppLifecycleState? {
        switch (outcome, state) {
        case (.installBegan, nil), (.installBegan, .inactive?): return .installing
        case (.installCompleted, .installing?): return .inactive
        case (.installFailed(let kept), .installing?): return kept ? .inactive : nil
        case (.started, .inactive?): return .active
        case (.stopped, .active?), (.stopped, .inactive?): return .inactive
        case (.stopped, .uninstalling?): return .uninstalling
        case (.uninstallBegan, .inactive?), (.uninstallBegan, .active?), (.uninstallBegan, .uninstalling?): return .uninstalling
        case (.removed, .uninstalling?): return nil
        default: throw LifecycleViolation(outcome: outcome, state: state)
        }
    }

    /// Where a state stored by a device that stopped (or crashed) resumes: nothing runs after
    /// a restart, an interrupted install ends (an update keeps its old version), an
    /// interrupted removal completes.
    static func recovered(_ state: AppLifecycleState, updating: Bool) -> AppLifecycleState? {
        switch state {
        case .installing: return updating ? .inactive : nil
        case .uninstalling: return nil
        case .active, .inactive: return .inactive
        }
    }
}

/// An outcome reported in a state where it cannot happen.
struct LifecycleViolation: Error, Sendable, CustomStringConvertible {
    var outcome: AppLifecycle.Outcome
    var state: AppLifecycleState?
    var description: String { "\(outcome) cannot happen to an app that is \(state?.rawValue ?? "not installed")" }
}
