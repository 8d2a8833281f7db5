import type { KiscEnvelope, pacs008 } from "@bankkit/iso20022";
import { sumDecimals } from "@bankkit/runtime/xml";

/** One payment of a batch, in the bank's own terms. */
export interface Payment {
  endToEndId: string;
  /** Amount in KZT as the bank's ledger writes it (a decimal string: never a JavaScript number). */
  amount: string;
  debtor: { name: string; bin: string; iban: string; sector: string };
  creditor: { name: string; bin: string; iban: string; bic: string; sector: string };
  /** The actual payer when someone pays for the debtor (Kazakh "фактический плательщик"): name and IIN. */
  actualPayer?: { name: string; iin: string };
  /** KNP, the payment purpose code. */
  purposeCode: string;
  details: string;
}

/** A Kazakh party: name, BIN in OrgId/Othr (scheme TXID), resident of Kazakhstan. */
function party(name: string, bin: string): pacs008.PartyIdentification135 {
  return { Nm: name, Id: { OrgId: { Othr: [{ Id: bin, SchmeNm: { Cd: "TXID" } }] } }, CtryOfRes: "KZ" };
}

/**
 * A customer credit transfer batch (pacs.008.001.08) in a KISC envelope, typed end to end: the compiler
 * refuses a missing mandatory element, a number where a decimal string belongs or both sides of a choice,
 * and the client validates every facet before anything is sent.
 */
export function creditTransferEnvelope(options: {
  messageId: string;
  createdAt: string;
  settlementDate: string;
  sender: string;
  debtorAgentBic: string;
  payments: [Payment, ...Payment[]];
}): KiscEnvelope {
  const { messageId, createdAt, settlementDate, sender, payments } = options;
  const transactions = payments.map(
    (p): pacs008.CreditTransferTransaction39 => ({
      PmtId: { InstrId: `${messageId}-${p.endToEndId}`.slice(0, 35), EndToEndId: p.endToEndId },
      IntrBkSttlmAmt: { value: p.amount, Ccy: "KZT" },
      IntrBkSttlmDt: settlementDate,
      ChrgBr: "SLEV",
      ...(p.actualPayer
        ? {
            UltmtDbtr: {
              Nm: p.actualPayer.name,
              Id: { PrvtId: { Othr: [{ Id: p.actualPayer.iin, SchmeNm: { Cd: "NIDN" } }] } },
              CtryOfRes: "KZ",
            },
          }
        : {}),
      Dbtr: party(p.debtor.name, p.debtor.bin),
      DbtrAcct: { Id: { IBAN: p.debtor.iban } },
      DbtrAgt: { FinInstnId: { BICFI: options.debtorAgentBic } },
      CdtrAgt: { FinInstnId: { BICFI: p.creditor.bic } },
      Cdtr: party(p.creditor.name, p.creditor.bin),
      CdtrAcct: { Id: { IBAN: p.creditor.iban } },
      Purp: { Prtry: p.purposeCode },
      RgltryRptg: [
        { DbtCdtRptgInd: "DEBT", Dtls: [{ Tp: "KOD", Cd: p.debtor.sector }] },
        { DbtCdtRptgInd: "CRED", Dtls: [{ Tp: "KBE", Cd: p.creditor.sector }] },
      ],
      RmtInf: { Ustrd: [p.details] },
    }),
  ) as [pacs008.CreditTransferTransaction39, ...pacs008.CreditTransferTransaction39[]];
  return {
    AppHdr: {
      Fr: { FIId: { FinInstnId: { Othr: { Id: sender, SchmeNm: { Prtry: "KZGRO" } } } } },
      To: { FIId: { FinInstnId: { Othr: { Id: "SGROSS00", SchmeNm: { Prtry: "KZGRO" } } } } },
      BizMsgIdr: messageId,
      MsgDefIdr: "pacs.008.001.08",
      CreDt: createdAt,
      Prty: "NORM",
      Sgntr: { $any: [] },
    },
    Document: {
      FIToFICstmrCdtTrf: {
        GrpHdr: {
          MsgId: messageId,
          CreDtTm: createdAt,
          NbOfTxs: String(payments.length),
          TtlIntrBkSttlmAmt: {
            value: sumDecimals(
              payments.map((p) => p.amount),
              2,
            ),
            Ccy: "KZT",
          },
          IntrBkSttlmDt: settlementDate,
          SttlmInf: { SttlmMtd: "CLRG" },
        },
        CdtTrfTxInf: transactions,
      },
    },
  };
}
