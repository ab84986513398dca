import WSDLModel
