import type { XmlDocumentEncryptor } from "../http/xml-body.js";
import { type FileCommand, fileCommandRunner } from "../process/file-command.js";
import { parseXml } from "./parse-xml.js";

export const XMLENC_NAMESPACE = "http://www.w3.org/2001/04/xmlenc#";

/** A document that cannot be encrypted or decrypted as asked: no content, no EncryptedData, another method. */
export class XmlEncryptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "XmlEncryptionError";
  }
}

/**
 * Encrypts and decrypts bytes for XML Encryption, wherever the keys live: a CSP's command (GOST, the
 * recipient's certificate), OpenSSL, a service. `algorithm` is the URI written as EncryptionMethod.
 */
export interface XmlEncryptor {
  readonly algorithm: string;
  encrypt(plain: Uint8Array): Promise<Uint8Array>;
  decrypt(cipher: Uint8Array): Promise<Uint8Array>;
}

export interface ExternalCommandEncryptorOptions extends FileCommand {
  /** EncryptionMethod's Algorithm (KISC's sample: `http://www.w3.org/2001/04/xmlenc#gost34310-gost34311`). */
  algorithm: string;
  /** Arguments to encrypt `input` into `output` (the bytes of CipherValue, not base64). */
  encryptArgs: (files: { input: string; output: string }) => string[];
  /** Arguments to decrypt `input` into `output`. */
  decryptArgs: (files: { input: string; output: string }) => string[];
}

/** An XmlEncryptor that runs a command per message, with the external signer's care (no shell, 0700 folder, timeout). */
export function externalCommandEncryptor(options: ExternalCommandEncryptorOptions): XmlEncryptor {
  const encrypt = fileCommandRunner(options, { folder: "encrypt", writes: "ciphertext" });
  const decrypt = fileCommandRunner(options, { folder: "decrypt", writes: "plaintext" });
  return {
    algorithm: options.algorithm,
    encrypt: (plain) => encrypt(plain, options.encryptArgs),
    decrypt: (cipher) => decrypt(cipher, options.decryptArgs),
  };
}

// The document element's start and end tags, whatever its prefix and attributes (values may hold `>`).
const startTag = /^\s*(?:<\?xml[^?]*\?>\s*)?<([\w.-]+(?::[\w.-]+)?)(?:[^>"']|"[^"]*"|'[^']*')*>/;

/**
 * Replaces what the document element holds by one `EncryptedData` of it, as KISC sends an encrypted
 * message: `<Envelope><EncryptedData …><CipherData><CipherValue>…</CipherValue></CipherData></EncryptedData></Envelope>`.
 * The plaintext is the element's content as it is (sign before encrypting: the signature stays inside).
 * What KISC's separate document (not public) may change: whether the content or the whole element is
 * encrypted (its sample says Type="…#Element" for content of two elements), and the key transport.
 */
export async function encryptXmlContent(xml: string, encryptor: XmlEncryptor): Promise<string> {
  parseXml(xml);
  const start = startTag.exec(xml);
  const name = start?.[1];
  const end = name ? xml.lastIndexOf(`</${name}`) : -1;
  if (!start || end < start[0].length) throw new XmlEncryptionError("encrypt: the document element has no content to encrypt");
  const content = new TextEncoder().encode(xml.slice(start[0].length, end));
  const cipher = Buffer.from(await encryptor.encrypt(content)).toString("base64");
  return `${xml.slice(0, start[0].length)}<EncryptedData xmlns="${XMLENC_NAMESPACE}" Type="${XMLENC_NAMESPACE}Element"><EncryptionMethod Algorithm="${escapeAttribute(encryptor.algorithm)}"/><CipherData><CipherValue>${cipher}</CipherValue></CipherData></EncryptedData>${xml.slice(end)}`;
}

/** The document with its EncryptedData replaced by what it decrypts to; the method must be the encryptor's. */
export async function decryptXmlContent(xml: string, encryptor: XmlEncryptor): Promise<string> {
  parseXml(xml);
  const element = /<(?:([\w.-]+):)?EncryptedData\b[\s\S]*?<\/(?:[\w.-]+:)?EncryptedData>/.exec(xml);
  if (!element) throw new XmlEncryptionError("decrypt: the document holds no EncryptedData");
  const method = /<(?:[\w.-]+:)?EncryptionMethod\b[^>]*\bAlgorithm=["']([^"']*)["']/.exec(element[0])?.[1];
  if (method !== encryptor.algorithm)
    throw new XmlEncryptionError(`decrypt: EncryptedData uses ${method ?? "no EncryptionMethod"}, the encryptor ${encryptor.algorithm}`);
  const value = /<(?:[\w.-]+:)?CipherValue>([^<]*)</.exec(element[0])?.[1];
  if (value === undefined) throw new XmlEncryptionError("decrypt: EncryptedData has no CipherData/CipherValue");
  const bytes = await encryptor.decrypt(Buffer.from(value, "base64"));
  let plain: string;
  try {
    plain = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new XmlEncryptionError("decrypt: what EncryptedData decrypts to is not UTF-8 text (another key, or not XML)");
  }
  const decrypted = xml.slice(0, element.index) + plain + xml.slice(element.index + element[0].length);
  parseXml(decrypted); // what came out of the ciphertext is read as carefully as anything that came in
  return decrypted;
}

/**
 * The client option `xmlEncryptor`: encrypts the XML bodies the spec marks (after signing them) and
 * decrypts such answers before they are read.
 */
export function xmlContentEncryptor(encryptor: XmlEncryptor): XmlDocumentEncryptor {
  return {
    // An envelope that already holds EncryptedData was encrypted by its caller.
    encryptXml: (xml) => (hasEncryptedData(xml) ? Promise.resolve(xml) : encryptXmlContent(xml, encryptor)),
    decryptXml: (xml) => (hasEncryptedData(xml) ? decryptXmlContent(xml, encryptor) : Promise.resolve(xml)),
  };
}

const hasEncryptedData = (xml: string) => /<(?:[\w.-]+:)?EncryptedData\b/.test(xml);

const escapeAttribute = (value: string) => value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
