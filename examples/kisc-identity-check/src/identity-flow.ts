/**
 * A bank identifying a person remotely through KISC's ЦОИД:
 *   1. load the bank's client certificate from its .p12 and trust only KISC's CA (mutual TLS);
 *   2. pick a biometric vendor;
 *   3. verify the person's photo against their IIN (the client checks the IIN and the photo's type first);
 *   4. with the person's consent, read their personal data — the request signed with a detached JWS;
 *   5. the period's report and the month's act, as the back office reads them.
 * Nothing personal is printed: the IIN, the photo, the consent text and the answers' personal fields stay
 * in memory.
 */
import { createKiscIdentityClient, type Logger, mutualTlsFetch, readPkcs12 } from "@bankkit/kisc-identity";
import type { JwsSigner } from "@bankkit/runtime";

export interface IdentityFlowOptions {
  baseUrl: string;
  /** The .p12 file's bytes and password (the bank's RSA client certificate). */
  p12: Uint8Array;
  p12Password: string;
  /** KISC's CA certificate, PEM: the only one trusted for the gateway. */
  ca: string;
  /**
   * The bank's signer for `x-jws-signature`: in production the GOST 34.310-2004 key in the bank's CSP
   * (`externalRawSigner`); Russia's GOST R 34.10-2012 (`gostSigner`) is the wrong algorithm for this API.
   */
  signer: JwsSigner;
  keyId: string;
  /** The person: their IIN, their photo from the camera, and the consent text they accepted. */
  iin: string;
  photo: Uint8Array;
  consentText: string;
  /** The lowest similarity the bank accepts as the same person. */
  threshold: number;
  print: (line: string) => void;
  logger?: Logger;
}

export async function runIdentityFlow(options: IdentityFlowOptions): Promise<void> {
  const { print } = options;
  print("1. Client certificate");
  const certificate = readPkcs12(options.p12, options.p12Password);
  print(`   ${certificate.subject}, issued by ${certificate.issuer}, valid to ${certificate.validTo.toISOString().slice(0, 10)}`);
  const identity = createKiscIdentityClient({
    baseUrl: options.baseUrl,
    fetch: mutualTlsFetch({ certificate, ca: options.ca, ...(options.logger ? { logger: options.logger } : {}) }),
    jwsSigner: options.signer,
    jwsKeyId: options.keyId,
    ...(options.logger ? { logger: options.logger } : {}),
  });

  print("2. Biometric vendors");
  const { vendors } = await identity.vendors();
  const vendor = vendors[0];
  if (!vendor) throw new Error("KISC lists no biometric vendor");
  print(`   ${vendors.length} vendors; using ${vendor.name} (id ${vendor.id})`);

  print("3. Verify the photo against the IIN");
  const verification = await identity.verify({ iin: options.iin, vendor: vendor.id, photo: options.photo });
  const key = verification.x_idempotency_key;
  const same = verification.result >= options.threshold;
  print(`   similarity ${verification.result.toFixed(4)} by ${verification.vendor}: ${same ? "the same person" : "not confirmed"}`);
  print(`   verification id ${key}; read again: ${(await identity.repeatVerification(key)).result.toFixed(4)}`);
  if (!same) return;

  print("4. Personal data, with the person's consent (x-jws-signature over the body)");
  const data = await identity.personalData({ idempotencyKey: key, consentText: options.consentText, mcdb: 1 });
  print(`   received ${Object.keys(data).length} field(s): ${Object.keys(data).sort().join(", ")} (values not printed)`);

  print("5. Back office: the day's verifications and last month's act");
  const today = new Date();
  const rows = await identity.transactionsReport(today, today);
  print(`   ${rows.length} verification(s) today`);
  const month = new Date(today.getFullYear(), today.getMonth() - 1, 1);
  const files = await identity.act(month.getFullYear(), month.getMonth() + 1);
  for (const file of files) print(`   act file ${file.name}: ${file.bytes.byteLength} bytes`);
}
