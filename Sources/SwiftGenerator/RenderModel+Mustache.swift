import Mustache

// Template lookups without reflection: each render model answers Mustache's `child(named:)`
// with a switch over its stored properties. Mustache would otherwise reflect over the value
// (`Mirror`) at every lookup, which took two fifths of the generation time. A test checks that
// every stored property is answered, so a property added to a model cannot be missed.

extension FileRenderModel: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "generatorVersion": generatorVersion
        case "inputs": inputs
        case "regenerateCommand": regenerateCommand
        case "access": access
        case "imports": imports
        case "namespacesTypeName": namespacesTypeName
        case "namespaces": namespaces
        case "enums": enums
        case "unions": unions
        case "structs": structs
        case "rootElements": rootElements
        case "sharedMessageElements": sharedMessageElements
        default: nil
        }
    }
}

extension NamespaceRenderModel: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "swiftName": swiftName
        case "prefix": prefix
        case "uri": uri
        case "isLast": isLast
        default: nil
        }
    }
}

extension EnumRenderModel: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "name": name
        case "qualifiedName": qualifiedName
        case "docLines": docLines
        case "remark": remark
        case "cases": cases
        case "nestedEnums": nestedEnums
        default: nil
        }
    }
}

extension UnionRenderModel: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "name": name
        case "qualifiedName": qualifiedName
        case "docLines": docLines
        case "members": members
        case "typeDescription": typeDescription
        default: nil
        }
    }
}

extension UnionMemberRenderModel: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "caseName": caseName
        case "swiftType": swiftType
        case "memberDescription": memberDescription
        case "isLast": isLast
        default: nil
        }
    }
}

extension EnumCaseRenderModel: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "swiftName": swiftName
        case "literal": literal
        case "docLines": docLines
        case "isLast": isLast
        default: nil
        }
    }
}

extension StructRenderModel: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "name": name
        case "qualifiedName": qualifiedName
        case "ownerXMLName": ownerXMLName
        case "docLines": docLines
        case "remark": remark
        case "isMixed": isMixed
        case "fields": fields
        case "attributeFields": attributeFields
        case "elementFields": elementFields
        case "simpleContentField": simpleContentField
        case "mixedTextField": mixedTextField
        case "textNamespacesField": textNamespacesField
        case "otherElementsField": otherElementsField
        case "otherAttributesField": otherAttributesField
        case "hasAttributeHandling": hasAttributeHandling
        case "nestedEnums": nestedEnums
        case "nestedStructs": nestedStructs
        case "choiceEnums": choiceEnums
        case "choiceWildcardFields": choiceWildcardFields
        case "soapArray": soapArray
        default: nil
        }
    }
}

extension ChoiceEnumRenderModel: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "name": name
        case "qualifiedName": qualifiedName
        case "enumDocLines": enumDocLines
        case "branches": branches
        case "isIndirect": isIndirect
        default: nil
        }
    }
}

extension ChoiceBranchRenderModel: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "caseName": caseName
        case "payloadType": payloadType
        case "valueType": valueType
        case "docLines": docLines
        case "prefixedName": prefixedName
        case "xmlLocalName": xmlLocalName
        case "xmlNamespace": xmlNamespace
        case "matchNamespace": matchNamespace
        case "isUnqualified": isUnqualified
        case "isRepeatedBranch": isRepeatedBranch
        case "isValue": isValue
        case "isList": isList
        case "isComplex": isComplex
        case "isAnyElement": isAnyElement
        case "wildcard": wildcard
        default: nil
        }
    }
}

extension WildcardRenderModel: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "isAnyNamespace": isAnyNamespace
        case "otherNamespace": otherNamespace
        case "isNamespaceList": isNamespaceList
        case "namespaceList": namespaceList
        default: nil
        }
    }
}

extension ListItemRenderModel: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "literal": literal
        case "isLast": isLast
        default: nil
        }
    }
}

extension SOAPArrayRenderModel: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "itemNamespace": itemNamespace
        case "itemLocalName": itemLocalName
        case "itemsName": itemsName
        default: nil
        }
    }
}

extension FieldRenderModel: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "swiftName": swiftName
        case "plainName": plainName
        case "swiftType": swiftType
        case "docLines": docLines
        case "isFirst": isFirst
        case "decodeVariableType": decodeVariableType
        case "xmlLocalName": xmlLocalName
        case "xmlNamespace": xmlNamespace
        case "matchNamespace": matchNamespace
        case "isUnqualified": isUnqualified
        case "isSingle": isSingle
        case "isRequired": isRequired
        case "isOptional": isOptional
        case "isArray": isArray
        case "isValue": isValue
        case "isList": isList
        case "isComplex": isComplex
        case "isAnyElement": isAnyElement
        case "valueType": valueType
        case "kindDescription": kindDescription
        case "wildcard": wildcard
        case "isAttributeField": isAttributeField
        case "isDirect": isDirect
        case "isIndirect": isIndirect
        case "storageName": storageName
        case "storageType": storageType
        case "argumentLabel": argumentLabel
        case "isChoice": isChoice
        case "isPlainElement": isPlainElement
        case "choiceBranches": choiceBranches
        case "choiceWildcard": choiceWildcard
        case "choiceEnumName": choiceEnumName
        case "hasTextNamespaces": hasTextNamespaces
        case "textNamespacesName": textNamespacesName
        case "hasDefaultValue": hasDefaultValue
        case "defaultLexical": defaultLexical
        case "hasFixedValue": hasFixedValue
        case "fixedLexical": fixedLexical
        case "isNillable": isNillable
        case "isMixedText": isMixedText
        case "matchesAnyName": matchesAnyName
        default: nil
        }
    }
}

extension RootElementRenderModel: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "element": element
        case "typeName": typeName
        case "namespace": namespace
        case "localName": localName
        case "prefixedName": prefixedName
        default: nil
        }
    }
}

extension SharedMessageElementRenderModel: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "element": element
        case "typeName": typeName
        case "memberName": memberName
        case "namespace": namespace
        case "localName": localName
        case "prefixedName": prefixedName
        default: nil
        }
    }
}

extension ServiceFileRenderModel: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "isPublicAccess": isPublicAccess
        case "generatorVersion": generatorVersion
        case "inputs": inputs
        case "regenerateCommand": regenerateCommand
        case "access": access
        case "imports": imports
        case "services": services
        default: nil
        }
    }
}

extension ServiceRenderModel: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "portTypeName": portTypeName
        case "bindingName": bindingName
        case "clientName": clientName
        case "clientProtocolName": clientProtocolName
        case "protocolName": protocolName
        case "dispatcherName": dispatcherName
        case "docLines": docLines
        case "soapVersion": soapVersion
        case "soapVersionNumber": soapVersionNumber
        case "exampleEndpoint": exampleEndpoint
        case "operations": operations
        case "usesAddressing": usesAddressing ? "true" : "false"
        default: nil
        }
    }
}

extension OperationRenderModel: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "name": name
        case "methodName": methodName
        case "actionLiteral": actionLiteral
        case "responseActionLiteral": responseActionLiteral
        case "addressingActionArgument": addressingActionArgument
        case "requestType": requestType
        case "requestElement": requestElement
        case "responseType": responseType
        case "responseElement": responseElement
        case "isOneWay": isOneWay
        case "hasResponse": hasResponse
        case "docLines": docLines
        case "hasConvenience": hasConvenience
        case "convenienceFields": convenienceFields
        case "inputHeaders": inputHeaders
        case "hasInputHeaders": hasInputHeaders
        case "hasConvenienceFields": hasConvenienceFields
        case "outputHeaders": outputHeaders
        case "hasOutputHeaders": hasOutputHeaders
        case "hasEmptyResponse": hasEmptyResponse
        case "isLast": isLast
        default: nil
        }
    }
}

extension HeaderRenderModel: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "parameterName": parameterName
        case "typeName": typeName
        case "element": element
        case "partName": partName
        case "isFirst": isFirst
        default: nil
        }
    }
}

extension ParameterRenderModel: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "swiftName": swiftName
        case "argumentLabel": argumentLabel
        case "swiftType": swiftType
        case "isFirst": isFirst
        case "isRequired": isRequired
        case "isOptional": isOptional
        case "isArray": isArray
        case "isMixedText": isMixedText
        default: nil
        }
    }
}
