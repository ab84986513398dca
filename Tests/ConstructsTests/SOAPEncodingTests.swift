import EncodedInventory
import Foundation
import SOAPRuntime
import Testing

/// rpc/encoded (SOAP 1.1 section 5) through the generated client and server of
/// `Tests/SOAPEncoded/Inventory.wsdl`, on messages written the way Apache Axis 1 and .NET's
/// `SoapRpcMethod` write them (multiRef elements, independent elements, `xsi:type` on every
/// accessor, item elements named after their type), not by our encoder.
@Suite("SOAP encoding (rpc/encoded)")
struct SOAPEncodingTests {
    /// Records the request and answers with fixed bytes.
    final class Capture: SOAPClientTransport, @unchecked Sendable {
        let response: String
        var request: String = ""
        var action: String?
        init(response: String) { self.response = response }

        func send(_ request: SOAPHTTPRequest) async throws -> SOAPHTTPResponse {
            self.request = String(decoding: request.body, as: UTF8.self)
            action = request.headerFields["SOAPAction"]
            return SOAPHTTPResponse(status: 200, contentType: "text/xml; charset=utf-8", body: Array(response.utf8))
        }
    }

    static let axisFindItemsResponse = """
        <?xml version="1.0" encoding="UTF-8"?>
        <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
         <soapenv:Body>
          <ns1:findItemsResponse soapenv:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/" xmlns:ns1="urn:inventory">
           <findItemsReturn soapenc:arrayType="ns2:Item[2]" xsi:type="soapenc:Array" xmlns:ns2="urn:inventory" xmlns:soapenc="http://schemas.xmlsoap.org/soap/encoding/">
            <item href="#id0"/>
            <item href="#id1"/>
           </findItemsReturn>
          </ns1:findItemsResponse>
          <multiRef id="id0" soapenc:root="0" soapenv:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/" xsi:type="ns3:Item" xmlns:soapenc="http://schemas.xmlsoap.org/soap/encoding/" xmlns:ns3="urn:inventory">
           <sku xsi:type="soapenc:string">A-1</sku>
           <quantity href="#id2"/>
           <price xsi:type="xsd:double">9.5</price>
           <tags soapenc:arrayType="xsd:string[2]" xsi:type="soapenc:Array">
            <item xsi:type="xsd:string">red</item>
            <item xsi:type="xsd:string">blue</item>
           </tags>
          </multiRef>
          <multiRef id="id1" soapenc:root="0" soapenv:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/" xsi:type="ns4:Item" xmlns:soapenc="http://schemas.xmlsoap.org/soap/encoding/" xmlns:ns4="urn:inventory">
           <sku xsi:type="soapenc:string">B-2</sku>
           <quantity href="#id2"/>
           <price xsi:type="xsd:double" xsi:nil="true"/>
           <tags soapenc:arrayType="xsd:string[0]" xsi:type="soapenc:Array"/>
          </multiRef>
          <multiRef id="id2" soapenc:root="0" soapenv:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/" xsi:type="xsd:int" xmlns:soapenc="http://schemas.xmlsoap.org/soap/encoding/">3</multiRef>
         </soapenv:Body>
        </soapenv:Envelope>
        """

    @Test("Axis 1: a response of multiRefs (shared values, nested arrays, xsi:nil) decodes in full")
    func axisResponse() async throws {
        let transport = Capture(response: Self.axisFindItemsResponse)
        let client = InventoryClient(endpoint: "http://127.0.0.1/axis/services/Inventory", transport: transport)
        let response = try await client.findItems(query: "A", limit: 10)
        #expect(response.findItemsReturn.item == [
            Item(sku: "A-1", quantity: 3, price: .value(9.5), tags: ArrayOfXsdString(item: ["red", "blue"])),
            Item(sku: "B-2", quantity: 3, price: .nil, tags: ArrayOfXsdString(item: [])),
        ])
    }

    @Test(".NET: the Body says encodingStyle, the array and its items are independent elements named after their types")
    func dotNetResponse() async throws {
        let response = """
            <?xml version="1.0" encoding="utf-8"?>
            <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:soapenc="http://schemas.xmlsoap.org/soap/encoding/" xmlns:tns="urn:inventory" xmlns:types="urn:inventory/encodedTypes" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">\r
            <soap:Body soap:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/">\r
            <tns:findItemsResponse><findItemsReturn href="#id1" /></tns:findItemsResponse>\r
            <soapenc:Array id="id1" soapenc:arrayType="tns:Item[1]"><Item href="#id2" /></soapenc:Array>\r
            <tns:Item id="id2" xsi:type="tns:Item"><sku xsi:type="xsd:string">C-3</sku><quantity xsi:type="xsd:int">7</quantity><price xsi:type="xsd:double">1.25</price><tags href="#id3" /></tns:Item>\r
            <soapenc:Array id="id3" soapenc:arrayType="xsd:string[1]"><Item>green</Item></soapenc:Array>\r
            </soap:Body>\r
            </soap:Envelope>
            """
        let client = InventoryClient(endpoint: "http://127.0.0.1/Inventory.asmx", transport: Capture(response: response))
        let items = try await client.findItems(query: "C", limit: 1).findItemsReturn.item
        #expect(items == [Item(sku: "C-3", quantity: 7, price: .value(1.25), tags: ArrayOfXsdString(item: ["green"]))])
    }

    @Test("Requests say encodingStyle on the SOAP 1.1 Body and soapenc:arrayType with the count on every array")
    func requestWireForm() async throws {
        let transport = Capture(response: """
            <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>\
            <ns1:addItemResponse xmlns:ns1="urn:inventory"><addItemReturn>true</addItemReturn></ns1:addItemResponse></soapenv:Body></soapenv:Envelope>
            """)
        let client = InventoryClient(endpoint: "http://127.0.0.1/", transport: transport)
        let item = Item(sku: "D-4", quantity: 1, price: .nil, tags: ArrayOfXsdString(item: ["a", "b"]))
        #expect(try await client.addItem(AddItem(item: item)).addItemReturn)
        #expect(transport.action == "\"urn:inventory#addItem\"")
        let request = transport.request
        #expect(request.contains(#"<soapenv:Body soapenv:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"><tns:addItem><item>"#))
        #expect(request.contains(#"<tags xmlns:soapenc="http://schemas.xmlsoap.org/soap/encoding/" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="soapenc:Array" soapenc:arrayType="xs:string[2]"><item>a</item><item>b</item></tags>"#))
        #expect(request.contains(#"<price xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:nil="true"/>"#))
    }

    // Captured from gSOAP 2.8.124's server and client built from Inventory.wsdl by wsdl2h and
    // soapcpp2 (scripts/gsoap/encoded-interop.sh): its one array referenced by both items is
    // sent once, as `<id id="_4">` after the response.
    static let gSOAPFindItemsResponse = """
        <?xml version="1.0" encoding="UTF-8"?>
        <SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:SOAP-ENC="http://schemas.xmlsoap.org/soap/encoding/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:ns1="urn:inventory"><SOAP-ENV:Body SOAP-ENV:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"><ns1:findItemsResponse><findItemsReturn SOAP-ENC:arrayType="ns1:Item[2]"><Item><sku>A-1</sku><quantity>10</quantity><price>9.5</price><tags href="#_4"/></Item><Item><sku>A-2</sku><quantity>3</quantity><price xsi:nil="true"/><tags href="#_4"/></Item></findItemsReturn></ns1:findItemsResponse><id id="_4" SOAP-ENC:arrayType="xsd:string[2]"><item>red</item><item>blue</item></id></SOAP-ENV:Body></SOAP-ENV:Envelope>
        """
    static let gSOAPAddItemRequest = """
        <?xml version="1.0" encoding="UTF-8"?>
        <SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:SOAP-ENC="http://schemas.xmlsoap.org/soap/encoding/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:ns1="urn:inventory"><SOAP-ENV:Body SOAP-ENV:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"><ns1:addItem><item><sku>D-4</sku><quantity>1</quantity><price xsi:nil="true"/><tags SOAP-ENC:arrayType="xsd:string[2]"><item>a</item><item>b</item></tags></item></ns1:addItem></SOAP-ENV:Body></SOAP-ENV:Envelope>
        """

    @Test("gSOAP: its server's response with a shared array, and its client's request, decode in full")
    func gSOAPMessages() async throws {
        let client = InventoryClient(endpoint: "http://127.0.0.1/", transport: Capture(response: Self.gSOAPFindItemsResponse))
        let tags = ArrayOfXsdString(item: ["red", "blue"])
        #expect(try await client.findItems(query: "A", limit: 10).findItemsReturn.item == [
            Item(sku: "A-1", quantity: 10, price: .value(9.5), tags: tags), Item(sku: "A-2", quantity: 3, price: .nil, tags: tags),
        ])

        struct Added: InventoryService {
            func findItems(_ request: FindItems, context: SOAPRequestContext) async throws -> FindItemsResponse { FindItemsResponse(findItemsReturn: ArrayOfItem()) }
            func addItem(_ request: AddItem, context: SOAPRequestContext) async throws -> AddItemResponse {
                AddItemResponse(addItemReturn: request.item == Item(sku: "D-4", quantity: 1, price: .nil, tags: ArrayOfXsdString(item: ["a", "b"])))
            }
            func getTags(_ request: GetTags, context: SOAPRequestContext) async throws -> GetTagsResponse { GetTagsResponse(getTagsReturn: ArrayOfXsdString()) }
            func getRaw(_ request: GetRaw, context: SOAPRequestContext) async throws -> GetRawResponse { throw SOAPFault(code: .receiver, reason: "-") }
        }
        let response = await InventoryDispatcher(service: Added()).handle(
            SOAPServerRequest(contentType: "text/xml; charset=utf-8", soapActionHeader: "\"urn:inventory#addItem\"", body: Array(Self.gSOAPAddItemRequest.utf8)))
        #expect(String(decoding: response.body, as: UTF8.self).contains("<addItemReturn>true</addItemReturn>"))
    }

    struct Inventory: InventoryService {
        func findItems(_ request: FindItems, context: SOAPRequestContext) async throws -> FindItemsResponse {
            FindItemsResponse(findItemsReturn: ArrayOfItem(item: [Item(sku: request.query, quantity: request.limit, price: .value(2), tags: ArrayOfXsdString(item: ["x"]))]))
        }
        func addItem(_ request: AddItem, context: SOAPRequestContext) async throws -> AddItemResponse {
            AddItemResponse(addItemReturn: request.item.tags.item == ["red", "blue"] && request.item.quantity == 5)
        }
        func getTags(_ request: GetTags, context: SOAPRequestContext) async throws -> GetTagsResponse {
            GetTagsResponse(getTagsReturn: ArrayOfXsdString(item: [request.sku]))
        }
        func getRaw(_ request: GetRaw, context: SOAPRequestContext) async throws -> GetRawResponse {
            throw SOAPFault(code: .receiver, reason: "not here")
        }
    }

    @Test("The server reads an Axis client's request with its item in a multiRef, and answers rpc/encoded")
    func serverReadsAxisRequest() async throws {
        let request = """
            <?xml version="1.0" encoding="UTF-8"?>
            <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
             <soapenv:Body>
              <ns1:addItem soapenv:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/" xmlns:ns1="urn:inventory">
               <item href="#id0"/>
              </ns1:addItem>
              <multiRef id="id0" soapenc:root="0" soapenv:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/" xsi:type="ns2:Item" xmlns:soapenc="http://schemas.xmlsoap.org/soap/encoding/" xmlns:ns2="urn:inventory">
               <sku xsi:type="xsd:string">E-5</sku>
               <quantity xsi:type="xsd:int">5</quantity>
               <price xsi:type="xsd:double" xsi:nil="true"/>
               <tags soapenc:arrayType="xsd:string[2]" xsi:type="soapenc:Array"><item>red</item><item>blue</item></tags>
              </multiRef>
             </soapenv:Body>
            </soapenv:Envelope>
            """
        let dispatcher = InventoryDispatcher(service: Inventory())
        let response = await dispatcher.handle(SOAPServerRequest(contentType: "text/xml; charset=utf-8", soapActionHeader: "\"urn:inventory#addItem\"", body: Array(request.utf8)))
        let text = String(decoding: response.body, as: UTF8.self)
        #expect(response.status == 200)
        #expect(text.contains(#"<soapenv:Body soapenv:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"><tns:addItemResponse><addItemReturn>true</addItemReturn>"#))

        // A reference to nothing is the client's fault, precisely.
        let dangling = request.replacingOccurrences(of: "href=\"#id0\"", with: "href=\"#id9\"")
        let refused = await dispatcher.handle(SOAPServerRequest(contentType: "text/xml; charset=utf-8", soapActionHeader: "\"urn:inventory#addItem\"", body: Array(dangling.utf8)))
        #expect(refused.status == 500)
        #expect(String(decoding: refused.body, as: UTF8.self).contains("refers to 'id9', which no element of the message identifies"))
    }

    @Test("Generated client and server agree, through the dispatcher, on every operation")
    func roundTrip() async throws {
        let client = InventoryClient(endpoint: "http://127.0.0.1/", transport: InProcessTransport(handler: InventoryDispatcher(service: Inventory())))
        let found = try await client.findItems(query: "Q", limit: 4)
        #expect(found.findItemsReturn.item == [Item(sku: "Q", quantity: 4, price: .value(2), tags: ArrayOfXsdString(item: ["x"]))])
        #expect(try await client.getTags(sku: "S").getTagsReturn.item == ["S"])
        await #expect(throws: SOAPFault.self) { try await client.getRaw() }
    }
}
