import AppMgmt
import Foundation
import SOAPRuntime
import Synchronization

/// An `tns1:AppMgmt/State` property event: Source AppID, Data State and Status.
public struct AppStateEvent: Sendable, Hashable, CustomStringConvertible {
    /// The topic, relative to `tns1:` (`http://www.onvif.org/ver10/topics`).
    public static let topic = "AppMgmt/State"

    public var appID: String
    public var state: AppState
    /// Why the state changed, included whenever an error caused the change.
    public var status: String?
    public var time: Date

    public init(appID: String, state: AppState, status: String?, time: Date = Date()) {
        self.appID = appID
        self.state = state
        self.status = status
        self.time = time
    }

    public var description: String {
        "tns1:\(Self.topic) AppID=\(appID) State=\(state.xsdLexical)" + (status.map { " Status=\"\($0)\"" } ?? "")
    }
}

/// Publishes state events in-process to any number of subscribers.
public final class EventHub: Sendable {
    private let state = Mutex(State())

    private struct State {
        var next = 0
        var subscribers: [Int: AsyncStream<AppStateEvent>.Continuation] = [:]
    }

    public init() {}

    /// A stream of every event published from now on.
    public func subscribe() -> AsyncStream<AppStateEvent> {
        let (stream, continuation) = AsyncStream<AppStateEvent>.makeStream(bufferingPolicy: .bufferingNewest(4096))
        let id = state.withLock { state in
            state.next += 1
            state.subscribers[state.next] = continuation
            return state.next
        }
        continuation.onTermination = { [weak self] _ in
            self?.state.withLock { _ = $0.subscribers.removeValue(forKey: id) }
        }
        return stream
    }

    func publish(_ event: AppStateEvent) {
        let subscribers = state.withLock { Array($0.subscribers.values) }
        for subscriber in subscribers { subscriber.yield(event) }
    }

    func finish() {
        let subscribers = state.withLock { state in
            defer { state.subscribers = [:] }
            return Array(state.subscribers.values)
        }
        for subscriber in subscribers { subscriber.finish() }
    }
}
