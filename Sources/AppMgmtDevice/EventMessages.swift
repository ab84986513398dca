import AppMgmt
import Foundation
import ONVIFEvents
import SOAPRuntime

/// The `tns1:AppMgmt/State` property event on the wire: its topic, the ONVIF `tt:Message`
/// that carries it (Source AppID; Data State and Status) and its description in the topic set.
enum AppStateTopic {
    static let topicNamespace = XMLNamespaceBinding(prefix: "tns1", namespace: "http://www.onvif.org/ver10/topics")
    static let schemaNamespace = "http://www.onvif.org/ver10/schema"
    static let appMgmtNamespace = XMLNamespaceBinding(prefix: "tan", namespace: "http://www.onvif.org/ver10/appmgmt/wsdl")
    static let topicsNamespace = "http://docs.oasis-open.org/wsn/t-1"
    /// The topic as clients match it (they compare the string).
    static let expression = "tns1:AppMgmt/State"

    /// Topic expression dialects the device accepts in a filter.
    static let concreteSet = "http://www.onvif.org/ver10/tev/topicExpression/ConcreteSet"
    static let concrete = "http://docs.oasis-open.org/wsn/t-1/TopicExpression/Concrete"
    static let simple = "http://docs.oasis-open.org/wsn/t-1/TopicExpression/Simple"
    static let itemFilter = "http://www.onvif.org/ver10/tev/messageContentFilter/ItemFilter"

    enum Operation: String {
        case initialized = "Initialized"
        case changed = "Changed"
        case deleted = "Deleted"
    }

    /// One notification: the event as a `wsnt:NotificationMessage`.
    static func notification(_ event: AppStateEvent, _ operation: Operation) -> NotificationMessageHolderType {
        func item(_ name: String, _ value: String) -> XMLAnyNode {
            .element(
                XMLAnyElement(
                    name: XMLName(schemaNamespace, "SimpleItem"), prefix: "tt",
                    attributes: [XMLAnyAttribute(name: XMLName("", "Name"), value: name), XMLAnyAttribute(name: XMLName("", "Value"), value: value)]))
        }
        var data = [item("State", event.state.xsdLexical)]
        data.append(item("Status", event.status ?? ""))
        let message = XMLAnyElement(
            name: XMLName(schemaNamespace, "Message"), prefix: "tt",
            attributes: [
                XMLAnyAttribute(name: XMLName("", "UtcTime"), value: XSDDateTime(date: event.time, fractionDigits: 3).xsdLexical),
                XMLAnyAttribute(name: XMLName("", "PropertyOperation"), value: operation.rawValue),
            ],
            children: [
                .element(XMLAnyElement(name: XMLName(schemaNamespace, "Source"), prefix: "tt", children: [item("AppID", event.appID)])),
                .element(XMLAnyElement(name: XMLName(schemaNamespace, "Data"), prefix: "tt", children: data)),
            ])
        return NotificationMessageHolderType(
            topic: TopicExpressionType(value: expression, dialect: concreteSet, textNamespaces: [topicNamespace]),
            message: .init(otherElements: [message]))
    }

    /// The topic set of GetEventProperties: `tns1:AppMgmt/State`, a property, described with
    /// its Source and Data items.
    static func topicSet() -> TopicSetType {
        func description(_ name: String, _ type: String) -> XMLAnyNode {
            .element(
                XMLAnyElement(
                    name: XMLName(schemaNamespace, "SimpleItemDescription"), prefix: "tt",
                    attributes: [XMLAnyAttribute(name: XMLName("", "Name"), value: name), XMLAnyAttribute(name: XMLName("", "Type"), value: type)]))
        }
        let messageDescription = XMLAnyElement(
            name: XMLName(schemaNamespace, "MessageDescription"), prefix: "tt",
            attributes: [XMLAnyAttribute(name: XMLName("", "IsProperty"), value: "true")],
            children: [
                .element(XMLAnyElement(name: XMLName(schemaNamespace, "Source"), prefix: "tt", children: [description("AppID", "xs:string")])),
                .element(
                    XMLAnyElement(
                        name: XMLName(schemaNamespace, "Data"), prefix: "tt", children: [description("State", "tan:AppState"), description("Status", "xs:string")])),
            ],
            valueNamespaces: [XMLNamespaceBinding(prefix: "xs", namespace: "http://www.w3.org/2001/XMLSchema"), appMgmtNamespace])
        let state = XMLAnyElement(
            name: XMLName("", "State"), attributes: [XMLAnyAttribute(name: XMLName(topicsNamespace, "topic"), prefix: "wstop", value: "true")],
            children: [.element(messageDescription)])
        let root = XMLAnyElement(name: XMLName(topicNamespace.namespace, "AppMgmt"), prefix: topicNamespace.prefix, children: [.element(state)])
        return TopicSetType(otherElements: [root])
    }

    /// Whether a subscription's filter lets this topic through: no filter, or a topic
    /// expression naming it (`tns1:AppMgmt/State`, `tns1:AppMgmt//.`, `tns1:AppMgmt`, alternatives
    /// with `|`). Returns `nil` for a filter the device cannot evaluate (InvalidFilterFault).
    static func accepts(_ filter: FilterType?) -> Bool? {
        guard let filter else { return true }
        var matches = false
        for element in filter.otherElements {
            switch element.name.localName {
            case "TopicExpression":
                let dialect = element.attributes.first { $0.name.localName == "Dialect" }?.value ?? concreteSet
                guard [concreteSet, concrete, simple].contains(dialect) else { return nil }
                let prefix = topicPrefix(in: element)
                for alternative in element.text.split(separator: "|") {
                    var topic = alternative.trimmingCharacters(in: .whitespacesAndNewlines)
                    if let prefix, topic.hasPrefix(prefix + ":") { topic = "tns1:" + topic.dropFirst(prefix.count + 1) }
                    if ["tns1:AppMgmt/State", "tns1:AppMgmt//.", "tns1:AppMgmt", "tns1:AppMgmt/State//."].contains(topic) { matches = true }
                }
            case "MessageContent":
                // Item filters are accepted and not evaluated: every AppMgmt/State message passes.
                continue
            default:
                return nil
            }
        }
        return matches || !filter.otherElements.contains { $0.name.localName == "TopicExpression" }
    }

    /// The prefix the expression uses for ONVIF's topic namespace, as bound where it was written.
    private static func topicPrefix(in element: XMLAnyElement) -> String? {
        (element.namespaceDeclarations + element.valueNamespaces).first { $0.namespace == topicNamespace.namespace }?.prefix
    }
}
