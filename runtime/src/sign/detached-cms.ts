import { children, der, type Element, integer, nullValue, octetString, oid, readElement, sequence, set, setOf, time } from "./der.js";
import type { RawSigner } from "./raw-signer.js";

const ID_DATA = "1.2.840.113549.1.7.1";
const ID_SIGNED_DATA = "1.2.840.113549.1.7.2";
const CONTENT_TYPE = "1.2.840.113549.1.9.3";
const MESSAGE_DIGEST = "1.2.840.113549.1.9.4";
const SIGNING_TIME = "1.2.840.113549.1.9.5";

const algorithm = (id: string, nullParameters = false) => sequence(oid(id), ...(nullParameters ? [nullValue()] : []));
const attribute = (type: string, value: Uint8Array) => sequence(oid(type), set(value));

const signerIds = new WeakMap<Uint8Array, Uint8Array>();

/** issuer Name and serialNumber of a certificate, as IssuerAndSerialNumber names the signer (read once per certificate). */
function issuerAndSerial(certificate: Uint8Array): Uint8Array {
  const known = signerIds.get(certificate);
  if (known) return known;
  const tbs = children(certificate, readElement(certificate, 0))[0] as Element;
  const fields = children(certificate, tbs);
  const offset = fields[0]?.tag === 0xa0 ? 1 : 0; // [0] version, present in v3 certificates
  const serial = fields[offset] as Element;
  const issuer = fields[offset + 2] as Element;
  const id = sequence(certificate.subarray(issuer.start, issuer.end), certificate.subarray(serial.start, serial.end));
  signerIds.set(certificate, id);
  return id;
}

/**
 * A detached CMS SignedData (RFC 5652) over `content`, DER: the content itself left out, the signed
 * attributes contentType, signingTime and messageDigest, the signer's certificate included. The signature
 * is made over the DER of the signed attributes as a SET (tag 0x31), written into SignerInfo as [0].
 */
export async function detachedCms(content: Uint8Array, signer: RawSigner, options: { signingTime?: Date } = {}): Promise<Uint8Array> {
  const signedAttributes = setOf([
    attribute(CONTENT_TYPE, oid(ID_DATA)),
    attribute(SIGNING_TIME, time(options.signingTime ?? new Date())),
    attribute(MESSAGE_DIGEST, octetString(signer.digest.hash(content))),
  ]);
  const signature = await signer.sign(signedAttributes);
  const signerInfo = sequence(
    integer(1),
    issuerAndSerial(signer.certificate),
    algorithm(signer.digest.oid),
    der(0xa0, signedAttributes.subarray(readElement(signedAttributes, 0).contentStart)),
    algorithm(signer.signatureAlgorithm.oid, signer.signatureAlgorithm.nullParameters),
    octetString(signature),
  );
  const signedData = sequence(
    integer(1),
    set(algorithm(signer.digest.oid)),
    sequence(oid(ID_DATA)),
    der(0xa0, signer.certificate),
    set(signerInfo),
  );
  return sequence(oid(ID_SIGNED_DATA), der(0xa0, signedData));
}
