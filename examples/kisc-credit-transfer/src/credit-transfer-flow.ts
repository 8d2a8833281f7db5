/**
 * A bank sending a customer credit transfer through KISC's ETSFO gateway:
 *   1. load the client certificate from the .p12 KISC's certification centre issued, trust only KISC's CA;
 *   2. OAuth2 password grant over that mutual TLS (tokens cached, refreshed, one refresh in flight);
 *   3. send a pacs.008 — x-idempotency-key made once and repeated on any retry, FAPI headers filled in;
 *   4. list the unread messages and read them.
 */
import { type CallMeta, createKiscEtsfoClient, type Logger, mutualTlsFetch, oauth2PasswordAuth, readPkcs12 } from "@bankkit/kisc-etsfo";
import { creditTransferEnvelope } from "./credit-transfer.js";
import { readXml, texts } from "./xml-summary.js";

export interface CreditTransferFlowOptions {
  baseUrl: string;
  /** The .p12 file's bytes and password. */
  p12: Uint8Array;
  p12Password: string;
  /** KISC's CA certificate, PEM: the only one trusted for the gateway. */
  ca: string;
  clientId: string;
  clientSecret: string;
  username: string;
  password: string;
  print: (line: string) => void;
  logger?: Logger;
}

export async function runCreditTransferFlow(options: CreditTransferFlowOptions): Promise<void> {
  const { print, baseUrl } = options;
  print("1. Client certificate");
  const certificate = readPkcs12(options.p12, options.p12Password);
  print(`   ${certificate.subject}, issued by ${certificate.issuer}, valid to ${certificate.validTo.toISOString().slice(0, 10)}`);
  const fetch = mutualTlsFetch({ certificate, ca: options.ca, ...(options.logger ? { logger: options.logger } : {}) });

  print("2. OAuth2 token over mutual TLS (password grant, Basic client auth)");
  const kisc = createKiscEtsfoClient({
    baseUrl,
    fetch,
    auth: oauth2PasswordAuth({
      tokenUrl: `${baseUrl}/token`,
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      username: options.username,
      password: options.password,
      scope: "default",
      fetch,
    }),
    ...(options.logger ? { logger: options.logger } : {}),
  });

  print("3. Send a pacs.008 credit transfer");
  const now = new Date();
  const meta: CallMeta = {};
  const envelope = creditTransferEnvelope({
    messageId: `${options.username}${now.getTime()}`,
    createdAt: now.toISOString().replace(/\.\d+Z$/, "Z"),
    settlementDate: now.toISOString().slice(0, 10),
    sender: options.username,
  });
  await kisc.sendMessage({ body: envelope }, { meta });
  print(`   accepted (202); x-idempotency-key ${meta.idempotencyKey}, ${meta.attempts} attempt(s)`);

  print("4. Unread messages");
  const list = readXml(await kisc.listUnread());
  const keys = texts(list, "IDEMPOTENCY_KEY");
  const types = texts(list, "MESSAGE_TYPE");
  for (const [i, key] of keys.entries()) print(`   ${key}  ${types[i]}`);
  for (const key of keys.slice(0, 2)) {
    const message = readXml(await kisc.getMessage({ path: { id: key } }));
    const [type] = texts(message, "MsgDefIdr");
    const amounts = texts(message, "Amt");
    const statuses = [...texts(message, "GrpSts"), ...texts(message, "CdtDbtInd")];
    print(
      `   read ${key}: ${type}${amounts.length ? `, amount ${amounts.join(", ")} KZT` : ""}${statuses.length ? `, ${statuses.join(" ")}` : ""}`,
    );
  }
}
