import type { RawSigner } from "../sign/raw-signer.js";

/** The XML-DSig URIs of a signature: how SignedInfo is signed and how each reference is digested. */
export interface XmlSignatureAlgorithms {
  signature: string;
  digest: string;
}

const RSA_ENCRYPTION = "1.2.840.113549.1.1.1";
const GOST_2012_256 = "1.2.643.7.1.1.1.1";

/**
 * The URIs for a signer's key. RSA: RSA-SHA256 and SHA-256 (RFC 6931). GOST R 34.10-2012 (256) with
 * Streebog-256: the URIs of CryptoPro's XML-DSig profile, which Russian and Kazakh systems that sign
 * ISO 20022 and SMEV messages with GOST use; KISC's signing document (not public) may name others, which
 * `XmlSignatureOptions.algorithms` takes.
 */
export function algorithmsFor(signer: RawSigner): XmlSignatureAlgorithms {
  const oid = signer.signatureAlgorithm.oid;
  if (oid === RSA_ENCRYPTION)
    return { signature: "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256", digest: "http://www.w3.org/2001/04/xmlenc#sha256" };
  if (oid === GOST_2012_256)
    return {
      signature: "urn:ietf:params:xml:ns:cpxmlsec:algorithms:gostr34102012-gostr34112012-256",
      digest: "urn:ietf:params:xml:ns:cpxmlsec:algorithms:gostr34112012-256",
    };
  // ECDSA would need its DER signature rewritten as r||s; no KISC participant signs with it.
  throw new Error(`XML signature: keys of algorithm ${oid} are not supported (RSA or GOST R 34.10-2012 256)`);
}
