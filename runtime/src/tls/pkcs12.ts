import { X509Certificate } from "node:crypto";
import forge from "node-forge";

/** A client certificate unpacked from a PKCS#12 file: what a TLS connection needs, and what to show of it. */
export interface ClientCertificate {
  /** The private key, PEM (PKCS#8). */
  key: string;
  /** The leaf certificate, PEM. */
  cert: string;
  /** Other certificates in the file, leaf-issuer first, PEM. Sent as the chain; never trusted as roots. */
  chain: string[];
  subject: string;
  issuer: string;
  validFrom: Date;
  validTo: Date;
}

/**
 * Reads a .p12/.pfx file. node-forge reads every variant CSPs export, including the legacy RC2-40 and
 * 3DES encryption OpenSSL 3 refuses without its legacy provider. Certificates found beside the leaf are
 * returned as the chain to present — they are not made trusted roots (Node's `pfx` option would).
 */
export function readPkcs12(data: Uint8Array, password: string): ClientCertificate {
  const p12 = decode(data, password);
  const bags = (type: string): forge.pkcs12.Bag[] => p12.getBags({ bagType: type })[type] ?? [];
  const oids = forge.pki.oids as Record<string, string>;
  const keyBags = [...bags(oids.pkcs8ShroudedKeyBag!), ...bags(oids.keyBag!)];
  const privateKey = keyBags.find((bag) => bag.key)?.key as forge.pki.rsa.PrivateKey | undefined;
  if (!privateKey) throw new Error("the PKCS#12 file holds no RSA private key (KISC issues RSA-2048 keys for TLS)");
  const certificates = bags(oids.certBag!).flatMap((bag) => (bag.cert ? [bag.cert] : []));
  const leaf = certificates.find((cert) => {
    const publicKey = cert.publicKey as forge.pki.rsa.PublicKey;
    return publicKey.n?.equals(privateKey.n) && publicKey.e?.equals(privateKey.e);
  });
  if (!leaf) throw new Error("the PKCS#12 file holds no certificate for its private key");
  const pem = forge.pki.certificateToPem(leaf);
  const x509 = new X509Certificate(pem);
  const key = forge.pki.privateKeyInfoToPem(forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(privateKey)));
  return {
    key,
    cert: pem,
    chain: certificates.filter((cert) => cert !== leaf).map((cert) => forge.pki.certificateToPem(cert)),
    subject: x509.subject.replace(/\n/g, ", "),
    issuer: x509.issuer.replace(/\n/g, ", "),
    validFrom: new Date(x509.validFrom),
    validTo: new Date(x509.validTo),
  };
}

/**
 * The MAC and the legacy PBE schemes take the password as a BMPString, which forge derives correctly from
 * the string; PBES2 (AES, what OpenSSL 3 writes by default) takes its UTF-8 bytes, which forge's PBKDF2
 * gets right only for ASCII. While the file is decoded (synchronously), PBKDF2 is given the UTF-8 bytes.
 */
function decode(data: Uint8Array, password: string): forge.pkcs12.Pkcs12Pfx {
  const pbkdf2 = forge.pkcs5.pbkdf2;
  const utf8 = ((secret: string, ...rest: unknown[]) =>
    (pbkdf2 as (...args: unknown[]) => string)(forge.util.encodeUtf8(secret), ...rest)) as typeof forge.pkcs5.pbkdf2;
  forge.pkcs5.pbkdf2 = utf8;
  try {
    const asn1 = forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(data).toString("binary")));
    return forge.pkcs12.pkcs12FromAsn1(asn1, password);
  } catch (cause) {
    throw new Error("cannot read the PKCS#12 file: wrong password or not a PKCS#12 file", { cause });
  } finally {
    forge.pkcs5.pbkdf2 = pbkdf2;
  }
}

/** Whole days until the certificate expires (negative once it has). */
export function daysLeft(certificate: Pick<ClientCertificate, "validTo">, now: number = Date.now()): number {
  return Math.floor((certificate.validTo.getTime() - now) / 86_400_000);
}
