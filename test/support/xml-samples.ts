import { readFileSync } from "node:fs";
import { join } from "node:path";
import { validateXML } from "xmllint-wasm";
import { parse } from "yaml";

const root = join(import.meta.dirname, "..", "..");

/** The XML text of a KISC sample in specs/samples/kisc-etsfo. */
export const kiscSample = (name: string): string =>
  (parse(readFileSync(join(root, "specs", "samples", "kisc-etsfo", `${name}.yaml`), "utf8")) as { value: string }).value;

/** The first element of this local name in a document, as text (the header or the Document of an envelope). */
export function elementText(xml: string, name: string): string {
  const found = new RegExp(`<${name}[\\s>][\\s\\S]*</${name}>`).exec(xml);
  if (!found) throw new Error(`no <${name}> in the document`);
  return found[0];
}

/** libxml2's verdict (through xmllint-wasm) on a document against a schema of specs/xsd: its error messages. */
export async function libxml2Errors(xml: string, xsd: string): Promise<string[]> {
  const schema = readFileSync(join(root, "specs", "xsd", xsd), "utf8");
  const result = await validateXML({ xml: [{ fileName: "message.xml", contents: xml }], schema: [schema] });
  return result.errors.map((error) => error.message);
}

/**
 * A camt.054 with many entries, as a bank's account servicer writes a busy day: `count` credits and debits
 * in KZT with decimals as text, each with its batch.
 */
export function busyCamt054(count: number): string {
  const entries: string[] = [];
  for (let i = 1; i <= count; i++) {
    const credit = i % 3 !== 0;
    entries.push(`      <Ntry>
        <NtryRef>${String(i).padStart(8, "0")}</NtryRef>
        <Amt Ccy="KZT">${(i * 137) % 1000000}.${String(i % 100).padStart(2, "0")}</Amt>
        <CdtDbtInd>${credit ? "CRDT" : "DBIT"}</CdtDbtInd>
        <Sts><Cd>BOOK</Cd></Sts>
        <BookgDt><DtTm>2026-11-20T${String(9 + (i % 9)).padStart(2, "0")}:${String(i % 60).padStart(2, "0")}:00+06:00</DtTm></BookgDt>
        <ValDt><Dt>2026-11-20</Dt></ValDt>
        <AcctSvcrRef>GRO20261120${String(i).padStart(6, "0")}</AcctSvcrRef>
        <BkTxCd><Prtry><Cd>01</Cd><Issr>KZGRO</Issr></Prtry></BkTxCd>
        <NtryDtls><Btch><MsgId>MsgId_${i}</MsgId><NbOfTxs>${1 + (i % 4)}</NbOfTxs><TtlAmt Ccy="KZT">${(i * 137) % 1000000}.${String(i % 100).padStart(2, "0")}</TtlAmt><CdtDbtInd>${credit ? "CRDT" : "DBIT"}</CdtDbtInd></Btch></NtryDtls>
        <AddtlNtryInf>Зачисление по платёжному поручению ${i}</AddtlNtryInf>
      </Ntry>`);
  }
  return `<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.07">
  <BkToCstmrDbtCdtNtfctn>
    <GrpHdr><MsgId>GRO20261120000001</MsgId><CreDtTm>2026-11-20T23:59:59+06:00</CreDtTm></GrpHdr>
    <Ntfctn>
      <Id>GRO20261120000001</Id>
      <CreDtTm>2026-11-20T23:59:59+06:00</CreDtTm>
      <Acct><Id><IBAN>KZ86319KZT1001300234</IBAN></Id><Ccy>KZT</Ccy><Svcr><FinInstnId><BICFI>NBRKKZKX</BICFI></FinInstnId></Svcr></Acct>
${entries.join("\n")}
    </Ntfctn>
  </BkToCstmrDbtCdtNtfctn>
</Document>`;
}
