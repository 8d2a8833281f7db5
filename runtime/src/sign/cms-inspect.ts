import { createHash } from "node:crypto";
import { children, type Element, readElement, readOid } from "./der.js";

/** What a detached CMS SignedData says about itself: the signer's certificate and the digest it signed. */
export interface CmsSignerView {
  /** DER of the certificate the SignerInfo names (by issuer and serial number). */
  certificate: Uint8Array | undefined;
  digestOid: string;
  messageDigest: Uint8Array | undefined;
}

const hashes: Record<string, string> = {
  "2.16.840.1.101.3.4.2.1": "sha256",
  "2.16.840.1.101.3.4.2.2": "sha384",
  "2.16.840.1.101.3.4.2.3": "sha512",
};

const slice = (bytes: Uint8Array, element: Element) => bytes.subarray(element.start, element.end);
const equal = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((byte, i) => byte === b[i]);

/** Reads the first SignerInfo of a DER CMS SignedData: its certificate, digest algorithm and messageDigest. */
export function inspectCms(cms: Uint8Array): CmsSignerView {
  const contentInfo = children(cms, readElement(cms, 0));
  const signedData = children(cms, children(cms, contentInfo[1] as Element)[0] as Element);
  const certificates = signedData.find((element) => element.tag === 0xa0);
  const signerInfo = children(cms, children(cms, signedData[signedData.length - 1] as Element)[0] as Element);
  const [, sid, digestAlgorithm, signedAttributes] = signerInfo as [Element, Element, Element, Element];
  const [issuer, serial] = children(cms, sid) as [Element, Element];
  const certificate = (certificates ? children(cms, certificates) : []).find((candidate) => {
    const tbs = children(cms, children(cms, candidate)[0] as Element);
    const offset = tbs[0]?.tag === 0xa0 ? 1 : 0;
    return (
      equal(slice(cms, tbs[offset] as Element), slice(cms, serial)) && equal(slice(cms, tbs[offset + 2] as Element), slice(cms, issuer))
    );
  });
  let messageDigest: Uint8Array | undefined;
  if (signedAttributes?.tag === 0xa0) {
    for (const attribute of children(cms, signedAttributes)) {
      const [type, values] = children(cms, attribute) as [Element, Element];
      if (readOid(cms, type) === "1.2.840.113549.1.9.4") {
        const value = children(cms, values)[0] as Element;
        messageDigest = cms.subarray(value.contentStart, value.end);
      }
    }
  }
  return {
    certificate: certificate && slice(cms, certificate),
    digestOid: readOid(cms, children(cms, digestAlgorithm)[0] as Element),
    messageDigest,
  };
}

/** Whether a CMS signed exactly `content` (its messageDigest) and was made with `certificate`; else why not. */
export function checkCms(cms: Uint8Array, content: Uint8Array, certificate: Uint8Array): string | undefined {
  let view: CmsSignerView;
  try {
    view = inspectCms(cms);
  } catch {
    return "is not a DER CMS SignedData";
  }
  const hash = hashes[view.digestOid];
  if (!hash) return `uses digest ${view.digestOid}, which this check cannot compute`;
  if (!view.messageDigest) return "has no messageDigest signed attribute";
  if (!equal(view.messageDigest, new Uint8Array(createHash(hash).update(content).digest())))
    return "signed other bytes (messageDigest differs)";
  if (!view.certificate || !equal(view.certificate, certificate)) return "was made with another certificate than the configured one";
  return undefined;
}
