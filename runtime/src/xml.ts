// @bankkit/runtime/xml: safe XML parsing (saxes, with fast-xml-parser judging well-formedness) and the model-driven reader, validator and writer
// behind @bankkit/iso20022. Needs fast-xml-parser and saxes.
export {
  checkDecimalFacets,
  checkLengthFacets,
  checkLexical,
  compareDecimals,
  type DecimalFacets,
  type LengthFacets,
  type LexicalType,
} from "./xml/lexical.js";
export { decimalToUnits, formatXmlDateTime, parseXmlDateTime, sumDecimals, unitsToDecimal } from "./xml/lexical-values.js";
export { parseXml, type XmlLimits, type XmlNode } from "./xml/parse-xml.js";
export { emptyScope, type NamespaceScope, readXmlModel } from "./xml/read-xml-model.js";
export { validateXmlModel, type XmlViolation } from "./xml/validate-xml-model.js";
export { writeXmlModel, type XmlWriteOptions } from "./xml/write-xml-model.js";
export {
  decryptXmlContent,
  type ExternalCommandEncryptorOptions,
  encryptXmlContent,
  externalCommandEncryptor,
  XMLENC_NAMESPACE,
  XmlEncryptionError,
  type XmlEncryptor,
  xmlContentEncryptor,
} from "./xml/xml-encryption.js";
export { carries, messageDefinition, type XmlEnvelopeCodec, type XmlEnvelopeSpec, xmlEnvelopeCodec } from "./xml/xml-envelope.js";
export { XmlError, XmlMessageError, type XmlRefusal } from "./xml/xml-errors.js";
export { type XmlListCodec, type XmlListSpec, xmlListCodec } from "./xml/xml-list.js";
export {
  documentElement,
  namespaceOf,
  type XmlMessageCodec,
  type XmlReadOptions,
  xmlMessageCodec,
} from "./xml/xml-message.js";
export type {
  XmlAttributeModel,
  XmlGroupModel,
  XmlModel,
  XmlOccurs,
  XmlParticleModel,
  XmlTypeModel,
  XmlValueRule,
} from "./xml/xml-model.js";
export { rawElementNames } from "./xml/xml-model-walk.js";
export { modelForProfile, type XmlProfile } from "./xml/xml-profiles.js";
