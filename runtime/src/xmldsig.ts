// @bankkit/runtime/xmldsig: enveloped XML signatures of ISO 20022 messages (AppHdr/Sgntr). Needs xml-crypto
// and @xmldom/xmldom; the key stays with a RawSigner (node:crypto, the GOST signer, a CSP).
export { signXml, type XmlSignatureOptions, xmlDsigSigner } from "./xmldsig/sign-xml.js";
export { verifyXml, XmlSignatureError, type XmlVerifyOptions } from "./xmldsig/verify-xml.js";
export { algorithmsFor, type XmlSignatureAlgorithms } from "./xmldsig/xml-signature-algorithms.js";
