import { externalCommandEncryptor } from "../../src/xml/xml-encryption.js";
import type { CertificateWorkshop } from "./certificates.js";

/**
 * An XML encryptor whose command is OpenSSL's CMS: enveloped data for `recipient`'s certificate (`-aes256` by
 * default, GOST 28147-89 with the GOST engine's arguments), decrypted with `key`. It stands where a CSP's
 * command goes in production.
 */
export function opensslCmsEncryptor(
  certs: CertificateWorkshop,
  options: { recipient: string; key: string; algorithm: string; engine?: string[]; cipher?: string },
) {
  const { recipient, key, algorithm, engine = [], cipher = "-aes256" } = options;
  const common = [...engine, "-binary"];
  return externalCommandEncryptor({
    algorithm,
    command: "openssl",
    env: { HOME: certs.dir },
    encryptArgs: ({ input, output }) => [
      "cms",
      "-encrypt",
      ...common,
      cipher,
      "-outform",
      "DER",
      "-in",
      input,
      "-out",
      output,
      certs.path(recipient),
    ],
    decryptArgs: ({ input, output }) => [
      "cms",
      "-decrypt",
      ...common,
      "-inform",
      "DER",
      "-in",
      input,
      "-out",
      output,
      "-inkey",
      certs.path(key),
      "-recip",
      certs.path(recipient),
    ],
  });
}
