import { X509Certificate } from "node:crypto";
import type { Element } from "@xmldom/xmldom";
import { SignedXml } from "xml-crypto";
import { parseXml } from "../xml/parse-xml.js";
import { ENVELOPED_SIGNATURE, elementsAt } from "./sign-xml.js";

/** An XML signature that is missing, malformed, made by an untrusted certificate, or does not match the bytes. */
export class XmlSignatureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "XmlSignatureError";
  }
}

export interface XmlVerifyOptions {
  /** The certificates whose signatures are accepted (PEM or DER); the one in KeyInfo must be one of them. */
  trusted: ReadonlyArray<string | Uint8Array>;
  /** Where the signature is (default `["AppHdr", "Sgntr"]`). */
  into?: readonly string[];
}

const RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";

/**
 * Checks the enveloped signature `signXml` writes: exactly one `ds:Signature` in `AppHdr/Sgntr`, one
 * reference to the whole document with the enveloped-signature transform and exclusive canonicalisation,
 * RSA-SHA256 over SHA-256, by a certificate from `trusted` — KeyInfo's certificate is only a pointer to
 * which trusted one signed, never trusted for itself. Returns that certificate; throws XmlSignatureError.
 * GOST signatures are checked by the receiver's CSP (or, in bankkit's tests, OpenSSL's GOST engine).
 */
export function verifyXml(xml: string, options: XmlVerifyOptions): X509Certificate {
  const into = options.into ?? ["AppHdr", "Sgntr"];
  parseXml(xml);
  try {
    return checkedSigner(xml, into, options.trusted);
  } catch (error) {
    if (error instanceof XmlSignatureError) throw error;
    // xml-crypto's and node:crypto's own words for a signature that is not one (no SignedInfo, a KeyInfo that is not a certificate).
    throw new XmlSignatureError(`the signature is malformed: ${(error as Error).message}`);
  }
}

function checkedSigner(xml: string, into: readonly string[], trustedCertificates: XmlVerifyOptions["trusted"]): X509Certificate {
  const places = elementsAt(xml, into);
  const signatures = places.flatMap((place) =>
    Array.from(place.childNodes).filter((n): n is Element => n.nodeType === 1 && (n as Element).localName === "Signature"),
  );
  if (signatures.length !== 1) throw new XmlSignatureError(`expected one signature in <${into.join("><")}>, found ${signatures.length}`);
  const signature = signatures[0] as Element;
  const method = signature.getElementsByTagNameNS("*", "SignatureMethod")[0]?.getAttribute("Algorithm");
  if (method !== RSA_SHA256) throw new XmlSignatureError(`signature method ${method} is not verified here (RSA-SHA256 is)`);
  const keyInfoCertificate = SignedXml.getCertFromKeyInfo(signature.getElementsByTagNameNS("*", "KeyInfo")[0] ?? null);
  if (!keyInfoCertificate) throw new XmlSignatureError("KeyInfo names no certificate");
  const signer = new X509Certificate(keyInfoCertificate);
  const trusted = trustedCertificates.map((certificate) => new X509Certificate(certificate)).find((t) => t.raw.equals(signer.raw));
  if (!trusted) throw new XmlSignatureError(`signed by ${signer.subject.replace(/\n/g, ", ")}, which is not a trusted certificate`);
  const checker = new SignedXml({ publicCert: trusted.toString(), getCertFromKeyInfo: () => null });
  checker.loadSignature(signature);
  const references = checker.getReferences();
  const only = references[0];
  if (references.length !== 1 || only?.uri !== "" || only.transforms[0] !== ENVELOPED_SIGNATURE)
    throw new XmlSignatureError('expected one enveloped reference to the whole document (URI="")');
  let matches: boolean;
  try {
    matches = checker.checkSignature(xml);
  } catch (error) {
    throw new XmlSignatureError(`the signature does not match the document: ${(error as Error).message}`);
  }
  if (!matches) throw new XmlSignatureError("the signature does not match the document");
  return trusted;
}
