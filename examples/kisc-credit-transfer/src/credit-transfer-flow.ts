/**
 * A bank sending a customer credit transfer through KISC's ETSFO gateway:
 *   1. load the client certificate from the .p12 KISC's certification centre issued, trust only KISC's CA;
 *   2. OAuth2 password grant over that mutual TLS (tokens cached, refreshed, one refresh in flight);
 *   3. send a pacs.008 signed into its header (XML-DSig) — x-idempotency-key made once and repeated on any
 *      retry with the same signed bytes, FAPI headers filled in;
 *   4. list the unread messages and read them.
 */
import type { KiscEnvelope } from "@bankkit/iso20022";
import {
  type CallMeta,
  createKiscEtsfoClient,
  type Logger,
  mutualTlsFetch,
  oauth2PasswordAuth,
  readPkcs12,
  xmlDsigSigner,
} from "@bankkit/kisc-etsfo";
import { nodeCryptoSigner } from "@bankkit/runtime";
import { carries, formatXmlDateTime } from "@bankkit/runtime/xml";
import { creditTransferEnvelope } from "./credit-transfer.js";

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
    // Each message is signed into AppHdr/Sgntr. Here with the key of the .p12; a bank whose signing key is
    // GOST in a CSP passes that signer instead.
    xmlSigner: xmlDsigSigner(nodeCryptoSigner({ key: certificate.key, certificate: certificate.cert })),
    ...(options.logger ? { logger: options.logger } : {}),
  });

  print("3. Send a pacs.008 credit transfer (two payments in KZT)");
  const now = new Date();
  const meta: CallMeta = {};
  const envelope = creditTransferEnvelope({
    messageId: `${options.username}${now.getTime()}`,
    createdAt: formatXmlDateTime(now),
    settlementDate: now.toISOString().slice(0, 10),
    sender: options.username,
    debtorAgentBic: "KCJBKZKX",
    payments: [
      {
        endToEndId: "INV-2026-0017",
        amount: "125000.00",
        debtor: { name: "ТОО Ромашка", bin: "080540001234", iban: "KZ75125KZT2069100100", sector: "17" },
        creditor: { name: "ТОО Лютик", bin: "210987654321", iban: "KZ86319KZT1001300234", bic: "HSBKKZKX", sector: "17" },
        purposeCode: "859",
        details: "Оплата по договору 17",
      },
      {
        endToEndId: "SAL-2026-11",
        amount: "100.10",
        debtor: { name: "ТОО Ромашка", bin: "080540001234", iban: "KZ75125KZT2069100100", sector: "17" },
        creditor: { name: "ИП Василёк", bin: "850101300123", iban: "KZ43601A871001726391", bic: "HSBKKZKX", sector: "19" },
        actualPayer: { name: "Иванов Иван", iin: "850101300123" },
        purposeCode: "119",
        details: "Аванс по договору 3",
      },
    ],
  });
  await kisc.sendMessage({ body: envelope }, { meta });
  print(`   signed (XML-DSig, RSA-SHA256) by ${certificate.subject}; accepted (202)`);
  print(`   x-idempotency-key ${meta.idempotencyKey}, ${meta.attempts} attempt(s)`);

  print("4. Unread messages");
  const unread = await kisc.listUnread();
  for (const item of unread) print(`   ${item.IDEMPOTENCY_KEY}  ${item.MESSAGE_TYPE}  from ${item.RSENDER}`);
  for (const item of unread) {
    const message = await kisc.getMessage({ path: { id: item.IDEMPOTENCY_KEY } });
    print(`   read ${item.IDEMPOTENCY_KEY}: ${summary(message)}`);
  }
}

/** What a back office logs about a message, read from the typed model (no XML walking). */
function summary(message: KiscEnvelope): string {
  if (carries(message, "pacs.002.001.11")) {
    const report = message.Document.FIToFIPmtStsRpt;
    const group = report.OrgnlGrpInfAndSts?.map((g) => `${g.OrgnlMsgNmId} ${g.OrgnlMsgId} ${g.GrpSts ?? ""}`.trim());
    return `pacs.002 status report: ${group?.join("; ") ?? "per transaction"}`;
  }
  if (carries(message, "camt.054.001.07")) {
    const entries = message.Document.BkToCstmrDbtCdtNtfctn.Ntfctn.flatMap((n) => n.Ntry ?? []);
    return `camt.054 notification: ${entries.map((e) => `${e.CdtDbtInd} ${e.Amt.value} ${e.Amt.Ccy}`).join(", ")}`;
  }
  if (carries(message, "pacs.008.001.08")) {
    const transfer = message.Document.FIToFICstmrCdtTrf;
    const amounts = transfer.CdtTrfTxInf.map((tx) => `${tx.IntrBkSttlmAmt.value} (KNP ${tx.Purp?.Prtry ?? "-"})`);
    return `pacs.008 credit transfer, ${transfer.GrpHdr.NbOfTxs} transaction(s) in KZT: ${amounts.join(", ")}`;
  }
  return "encrypted (EncryptedData)";
}
