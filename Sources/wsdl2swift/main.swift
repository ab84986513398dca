print("wsdl2swift")
