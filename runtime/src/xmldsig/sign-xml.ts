import { DOMParser, type Element } from "@xmldom/xmldom";
import { SignedXml } from "xml-crypto";
import type { XmlDocumentSigner } from "../http/xml-body.js";
import type { RawSigner } from "../sign/raw-signer.js";
import { parseXml } from "../xml/parse-xml.js";
import { algorithmsFor, type XmlSignatureAlgorithms } from "./xml-signature-algorithms.js";

export const EXCLUSIVE_C14N = "http://www.w3.org/2001/10/xml-exc-c14n#";
export const ENVELOPED_SIGNATURE = "http://www.w3.org/2000/09/xmldsig#enveloped-signature";

export interface XmlSignatureOptions {
  /**
   * The element the signature goes into, by local names from the document element's child down: the
   * business application header's `Sgntr` (`["AppHdr", "Sgntr"]`, the default), as ISO 20022 places it.
   */
  into?: readonly string[];
  /** The signature and digest URIs, when the receiver names others than the key's defaults. */
  algorithms?: XmlSignatureAlgorithms;
}

/** `//*[local-name()='AppHdr']/*[local-name()='Sgntr']`: the place, whatever prefixes the document uses. */
export const locationXPath = (into: readonly string[]) => `//${into.map((name) => `*[local-name()='${name}']`).join("/")}`;

/** The elements at `into` (`AppHdr` anywhere, then `Sgntr` among its children). */
export function elementsAt(xml: string, into: readonly string[]): Element[] {
  const document = new DOMParser().parseFromString(xml, "text/xml");
  const [first, ...rest] = into;
  let found = Array.from(document.getElementsByTagNameNS("*", first as string));
  for (const name of rest)
    found = found.flatMap((parent) =>
      Array.from(parent.childNodes).filter((n): n is Element => n.nodeType === 1 && (n as Element).localName === name),
    );
  return found;
}

/**
 * Signs an XML document with an enveloped XML-DSig signature (one reference, `URI=""`: the whole document
 * without the signature, exclusive canonicalisation) placed in its `AppHdr/Sgntr`, with the signer's
 * certificate in `KeyInfo`. The key never leaves its signer: SignedInfo's canonical bytes go to
 * `signer.sign`, which may be node:crypto, the pure-JS GOST signer or a CSP behind a command. The document
 * must already be exactly what is sent (sign the serialized message, then send these bytes unchanged).
 *
 * What KISC's separate signing document (not public) may change: the references (SWIFT's CBPR+ profile
 * signs the header and the Document as two references and adds one for KeyInfo), the algorithms URIs
 * (`options.algorithms`), and KeyInfo's form (certificate, or issuer and serial).
 */
export async function signXml(xml: string, signer: RawSigner, options: XmlSignatureOptions = {}): Promise<string> {
  const into = options.into ?? ["AppHdr", "Sgntr"];
  // The names go into an XPath expression: only what an element name may be.
  if (into.length === 0 || into.some((name) => !/^[\p{L}_][\p{L}\p{N}._-]*$/u.test(name)))
    throw new Error(`XML signature: ${JSON.stringify(into)} is not a list of element names`);
  parseXml(xml); // the same safety rules as every document we read: no DOCTYPE, size and depth capped
  const places = elementsAt(xml, into);
  if (places.length !== 1)
    throw new Error(
      `XML signature: the document has ${places.length} <${into.join("><")}>, not one to sign into (give ${into.slice(0, -1).join("/") || "the document"} an empty ${into.at(-1)})`,
    );
  if (Array.from((places[0] as Element).childNodes).some((node) => node.nodeType === 1))
    throw new Error(`XML signature: <${into.join("><")}> is not empty (signed already?)`);
  const algorithms = options.algorithms ?? algorithmsFor(signer);
  const certificate = Buffer.from(signer.certificate).toString("base64");
  const signed = new SignedXml({
    // xml-crypto hands this to the signature algorithm below, which ignores it: the signer holds the key.
    privateKey: "held by the RawSigner",
    canonicalizationAlgorithm: EXCLUSIVE_C14N,
    signatureAlgorithm: algorithms.signature,
    getKeyInfoContent: ({ prefix } = {}) => {
      const p = prefix ? `${prefix}:` : "";
      return `<${p}X509Data><${p}X509Certificate>${certificate}</${p}X509Certificate></${p}X509Data>`;
    },
  });
  signed.SignatureAlgorithms[algorithms.signature] = class {
    getSignature(signedInfo: string | Uint8Array, _key: unknown, callback?: (error: Error | null, value?: string) => void) {
      const bytes = typeof signedInfo === "string" ? new TextEncoder().encode(signedInfo) : signedInfo;
      signer.sign(bytes).then(
        (signature) => callback?.(null, Buffer.from(signature).toString("base64")),
        (error: unknown) => callback?.(error instanceof Error ? error : new Error(String(error))),
      );
    }
    verifySignature(): boolean {
      throw new Error("a signing algorithm does not verify");
    }
    getAlgorithmName() {
      return algorithms.signature;
    }
  } as never;
  signed.HashAlgorithms[algorithms.digest] = class {
    getHash(canonical: string) {
      return Buffer.from(signer.digest.hash(new TextEncoder().encode(canonical))).toString("base64");
    }
    getAlgorithmName() {
      return algorithms.digest;
    }
  };
  signed.addReference({
    xpath: "/*",
    uri: "",
    isEmptyUri: true,
    transforms: [ENVELOPED_SIGNATURE, EXCLUSIVE_C14N],
    digestAlgorithm: algorithms.digest,
  });
  await new Promise<void>((resolve, reject) =>
    signed.computeSignature(xml, { prefix: "ds", location: { reference: locationXPath(into), action: "append" } }, (error) =>
      error ? reject(error) : resolve(),
    ),
  );
  return signed.getSignedXml();
}

/**
 * The client option `xmlSigner`: signs each XML request body the spec marks for it, once, before the first
 * attempt (a retry sends the same signed bytes).
 */
export function xmlDsigSigner(signer: RawSigner, options: Omit<XmlSignatureOptions, "into"> = {}): XmlDocumentSigner {
  return {
    // An envelope holding EncryptedData has no header: its message was signed before it was encrypted.
    signXml: async (xml, into) => (elementsAt(xml, into.slice(0, 1)).length === 0 ? xml : signXml(xml, signer, { ...options, into })),
  };
}
