/** A customer credit transfer (pacs.008.001.08) in a KISC envelope, as a bank's payment system writes it. */
export function creditTransferEnvelope(options: { messageId: string; createdAt: string; settlementDate: string; sender: string }): string {
  const { messageId, createdAt, settlementDate, sender } = options;
  return `<Envelope>
  <AppHdr xmlns="urn:iso:std:iso:20022:tech:xsd:head.001.001.01">
    <Fr><FIId><FinInstnId><Othr><Id>${sender}</Id><SchmeNm><Prtry>KZGRO</Prtry></SchmeNm></Othr></FinInstnId></FIId></Fr>
    <To><FIId><FinInstnId><Othr><Id>SGROSS00</Id><SchmeNm><Prtry>KZGRO</Prtry></SchmeNm></Othr></FinInstnId></FIId></To>
    <BizMsgIdr>${messageId}</BizMsgIdr>
    <MsgDefIdr>pacs.008.001.08</MsgDefIdr>
    <CreDt>${createdAt}</CreDt>
    <Prty>NORM</Prty>
    <Sgntr/>
  </AppHdr>
  <Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08">
    <FIToFICstmrCdtTrf>
      <GrpHdr>
        <MsgId>${messageId}</MsgId>
        <CreDtTm>${createdAt}</CreDtTm>
        <NbOfTxs>1</NbOfTxs>
        <SttlmInf><SttlmMtd>CLRG</SttlmMtd></SttlmInf>
      </GrpHdr>
      <CdtTrfTxInf>
        <PmtId><InstrId>${messageId}</InstrId><EndToEndId>INV-2026-0017</EndToEndId></PmtId>
        <IntrBkSttlmAmt Ccy="KZT">125000.00</IntrBkSttlmAmt>
        <IntrBkSttlmDt>${settlementDate}</IntrBkSttlmDt>
        <ChrgBr>SLEV</ChrgBr>
        <Dbtr><Nm>ТОО Ромашка</Nm><Id><OrgId><Othr><Id>123456789012</Id><SchmeNm><Cd>TXID</Cd></SchmeNm></Othr></OrgId></Id></Dbtr>
        <DbtrAcct><Id><IBAN>KZ75125KZT2069100100</IBAN></Id></DbtrAcct>
        <DbtrAgt><FinInstnId><BICFI>KCJBKZKX</BICFI></FinInstnId></DbtrAgt>
        <CdtrAgt><FinInstnId><BICFI>HSBKKZKX</BICFI></FinInstnId></CdtrAgt>
        <Cdtr><Nm>ТОО Лютик</Nm><Id><OrgId><Othr><Id>210987654321</Id><SchmeNm><Cd>TXID</Cd></SchmeNm></Othr></OrgId></Id></Cdtr>
        <CdtrAcct><Id><IBAN>KZ86319KZT1001300234</IBAN></Id></CdtrAcct>
        <Purp><Prtry>859</Prtry></Purp>
        <RmtInf><Ustrd>Оплата по договору 17</Ustrd></RmtInf>
      </CdtTrfTxInf>
    </FIToFICstmrCdtTrf>
  </Document>
</Envelope>`;
}
