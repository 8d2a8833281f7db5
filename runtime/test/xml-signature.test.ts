import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { DOMParser } from "@xmldom/xmldom";
import { beforeAll, describe, expect, it } from "vitest";
import { ExclusiveCanonicalization } from "xml-crypto";
import { gostSigner } from "../src/sign/gost-signer.js";
import { nodeCryptoSigner } from "../src/sign/raw-signer.js";
import { signXml } from "../src/xmldsig/sign-xml.js";
import { verifyXml, XmlSignatureError } from "../src/xmldsig/verify-xml.js";
import { CertificateWorkshop } from "./support/certificates.js";

// A KISC envelope as the client writes it: the header with an empty Sgntr, then the Document. The signature
// covers both (one enveloped reference to the whole document).
const envelope = [
  "<Envelope>",
  '<AppHdr xmlns="urn:iso:std:iso:20022:tech:xsd:head.001.001.01"><Fr><FIId><FinInstnId><BICFI>HSBKKZKX</BICFI></FinInstnId></FIId></Fr>',
  "<To><FIId><FinInstnId><BICFI>NBRKKZKX</BICFI></FinInstnId></FIId></To><BizMsgIdr>GRO2021051114105</BizMsgIdr>",
  "<MsgDefIdr>pacs.008.001.08</MsgDefIdr><CreDt>2021-05-11T12:16:02Z</CreDt><Sgntr/></AppHdr>",
  '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08"><FIToFICstmrCdtTrf><GrpHdr><MsgId>GRO2021051114105</MsgId>',
  '<NbOfTxs>1</NbOfTxs></GrpHdr><CdtTrfTxInf><IntrBkSttlmAmt Ccy="KZT">125000.00</IntrBkSttlmAmt><Dbtr><Nm>ТОО Лютик</Nm></Dbtr>',
  "</CdtTrfTxInf></FIToFICstmrCdtTrf></Document>",
  "</Envelope>",
].join("");
const tamper = (xml: string) => xml.replace(">125000.00<", ">125000.01<");

const certs = new CertificateWorkshop();
const rsa = () => nodeCryptoSigner({ key: certs.read("bank.key").toString(), certificate: certs.read("bank.crt").toString() });

// xmlsec1 (libxmlsec1 over OpenSSL, from Debian) is the independent verifier. .ci/run installs it and sets
// BANKKIT_XMLSEC=required, so CI cannot skip; elsewhere these run when it is present.
const hasXmlsec = spawnSync("xmlsec1", ["--version"], { encoding: "utf8" }).status === 0;
const xmlsec1Verify = (xml: string, trusted: string) => {
  writeFileSync(certs.path("signed.xml"), xml);
  return spawnSync("xmlsec1", ["--verify", "--trusted-pem", trusted, "--enabled-reference-uris", "empty", "signed.xml"], {
    cwd: certs.dir,
    encoding: "utf8",
  });
};

beforeAll(() => {
  certs.selfSigned("bank", 30, "/CN=Halyk Bank test signer/O=HSBK");
  certs.selfSigned("other", 30, "/CN=Someone else");
});

describe("signXml: an enveloped XML-DSig signature in AppHdr/Sgntr", () => {
  it("writes one ds:Signature into the empty Sgntr: exclusive c14n, RSA-SHA256, SHA-256, the certificate in KeyInfo", async () => {
    const signed = await signXml(envelope, rsa());
    const sgntr = /<Sgntr>([\s\S]*)<\/Sgntr>/.exec(signed)?.[1] ?? "";
    expect(sgntr).toMatch(/^<ds:Signature xmlns:ds="http:\/\/www\.w3\.org\/2000\/09\/xmldsig#"><ds:SignedInfo>/);
    expect(sgntr).toContain('<ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>');
    expect(sgntr).toContain('<ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>');
    expect(sgntr).toContain('<ds:Reference URI="">');
    expect(sgntr).toContain(`<ds:X509Certificate>${Buffer.from(rsa().certificate).toString("base64")}</ds:X509Certificate>`);
    // Everything outside Sgntr is the bytes that came in.
    expect(signed.replace(/<Sgntr>[\s\S]*<\/Sgntr>/, "<Sgntr/>")).toBe(envelope);
  });

  it.skipIf(!hasXmlsec && process.env.BANKKIT_XMLSEC !== "required")(
    "is verified by xmlsec1; a changed amount, or another signer's trust, fails it",
    async () => {
      const signed = await signXml(envelope, rsa());
      const good = xmlsec1Verify(signed, "bank.crt");
      expect(good.status, good.stderr).toBe(0);
      expect(good.stderr).toContain("SignedInfo References (ok/all): 1/1");
      expect(xmlsec1Verify(tamper(signed), "bank.crt").status).not.toBe(0);
      expect(xmlsec1Verify(signed, "other.crt").status).not.toBe(0);
    },
  );

  it("refuses a document with nowhere to sign, or signed already", async () => {
    await expect(signXml(envelope.replace("<Sgntr/>", ""), rsa())).rejects.toThrow(/has 0 <AppHdr><Sgntr>, not one to sign into/);
    const signed = await signXml(envelope, rsa());
    await expect(signXml(signed, rsa())).rejects.toThrow(/<AppHdr><Sgntr> is not empty \(signed already\?\)/);
    await expect(signXml(`<!DOCTYPE x [<!ENTITY a "b">]>${envelope}`, rsa())).rejects.toThrow(/DOCTYPE/);
    await expect(signXml(envelope, rsa(), { into: ["AppHdr']|//*['x"] })).rejects.toThrow(/is not a list of element names/);
  });
});

describe("verifyXml: the receiving side", () => {
  it("accepts the signature by a trusted certificate and names it", async () => {
    const signed = await signXml(envelope, rsa());
    expect(verifyXml(signed, { trusted: [certs.read("other.crt"), certs.read("bank.crt").toString()] }).subject).toContain("HSBK");
  });

  it("refuses a changed byte, an untrusted signer and a missing or doubled signature", async () => {
    const signed = await signXml(envelope, rsa());
    const trusted = [certs.read("bank.crt")];
    expect(() => verifyXml(tamper(signed), { trusted })).toThrow(XmlSignatureError);
    expect(() => verifyXml(tamper(signed), { trusted })).toThrow(/does not match the document/);
    expect(() => verifyXml(signed, { trusted: [certs.read("other.crt")] })).toThrow(
      /signed by CN=Halyk Bank test signer.*not a trusted certificate/,
    );
    expect(() => verifyXml(envelope, { trusted })).toThrow(/expected one signature in <AppHdr><Sgntr>, found 0/);
    const signature = /<ds:Signature[\s\S]*<\/ds:Signature>/.exec(signed)?.[0] ?? "";
    expect(() => verifyXml(signed.replace(signature, signature + signature), { trusted })).toThrow(/found 2/);
  });

  it("says a signature a peer made up is malformed, in one XmlSignatureError, never xml-crypto's bare Error", async () => {
    const signed = await signXml(envelope, rsa());
    const trusted = [certs.read("bank.crt")];
    const broken = [
      signed.replace(/<ds:SignedInfo>[\s\S]*<\/ds:SignedInfo>/, ""),
      signed.replace(/<ds:X509Certificate>[^<]+/, "<ds:X509Certificate>bm90IGEgY2VydA=="),
      signed.replace(/<ds:KeyInfo>[\s\S]*<\/ds:KeyInfo>/, ""),
      signed.replace(/<ds:CanonicalizationMethod[^>]*\/>/, ""),
    ];
    for (const xml of broken) {
      const error = (() => {
        try {
          verifyXml(xml, { trusted });
        } catch (caught) {
          return caught;
        }
      })();
      expect(error, xml.slice(0, 80)).toBeInstanceOf(XmlSignatureError);
    }
  });
});

// GOST: xmlsec1 as Debian builds it has no GOST transforms (`xmlsec1 --list-transforms`), so OpenSSL's GOST
// engine judges the two cryptographic facts — the digest over the canonical document and the signature over
// the canonical SignedInfo — on the canonical bytes; the XML processing around them is what xmlsec1 checked
// above on the same structure.
const hasGostEngine = spawnSync("openssl", ["engine", "gost"], { encoding: "utf8" }).status === 0;
describe.skipIf(!hasGostEngine && process.env.BANKKIT_GOST_ENGINE !== "required")("signXml with GOST R 34.10-2012", () => {
  beforeAll(() => {
    const args = ["req", "-x509", "-engine", "gost", "-newkey", "gost2012_256", "-pkeyopt", "paramset:A", "-nodes"];
    certs.openssl(...args, "-keyout", "gost.key", "-out", "gost.crt", "-subj", "/CN=KISC participant", "-days", "30");
    certs.openssl("x509", "-engine", "gost", "-in", "gost.crt", "-pubkey", "-noout", "-out", "gost.pub");
  });
  const canonical = (xml: string, element: string) => {
    const node = new DOMParser().parseFromString(xml, "text/xml").getElementsByTagNameNS("*", element)[0];
    return new ExclusiveCanonicalization().process(node as never, {}).toString();
  };
  const openssl = (...args: string[]) => spawnSync("openssl", args, { cwd: certs.dir });

  it("signs with Streebog-256 and GOST R 34.10-2012 (CryptoPro's URIs), as OpenSSL's GOST engine verifies", async () => {
    const signer = gostSigner({ key: certs.read("gost.key").toString(), certificate: certs.read("gost.crt").toString() });
    const signed = await signXml(envelope, signer);
    expect(signed).toContain('Algorithm="urn:ietf:params:xml:ns:cpxmlsec:algorithms:gostr34102012-gostr34112012-256"');
    expect(signed).toContain('Algorithm="urn:ietf:params:xml:ns:cpxmlsec:algorithms:gostr34112012-256"');

    // The reference: Streebog over the canonical document without its signature.
    writeFileSync(certs.path("document.c14n"), canonical(envelope, "Envelope"));
    const digest = openssl("dgst", "-engine", "gost", "-md_gost12_256", "-binary", "document.c14n").stdout;
    expect(/<ds:DigestValue>([^<]+)</.exec(signed)?.[1]).toBe(Buffer.from(digest).toString("base64"));

    // The signature over the canonical SignedInfo; a SignedInfo naming another digest fails.
    writeFileSync(certs.path("signed-info.c14n"), canonical(signed, "SignedInfo"));
    writeFileSync(certs.path("signature.bin"), Buffer.from(/<ds:SignatureValue>([^<]+)</.exec(signed)?.[1] ?? "", "base64"));
    const verify = (file: string) =>
      openssl("dgst", "-engine", "gost", "-md_gost12_256", "-verify", "gost.pub", "-signature", "signature.bin", file).stdout.toString();
    expect(verify("signed-info.c14n")).toContain("Verified OK");
    const otherDigest = signed.replace(/<ds:DigestValue>[^<]+/, `<ds:DigestValue>${Buffer.alloc(32, 1).toString("base64")}`);
    writeFileSync(certs.path("other-info.c14n"), canonical(otherDigest, "SignedInfo"));
    expect(verify("other-info.c14n")).toContain("Verification failure");
  });
});
