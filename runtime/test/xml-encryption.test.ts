import { spawnSync } from "node:child_process";
import { readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { beforeAll, describe, expect, it } from "vitest";
import { decryptXmlContent, encryptXmlContent, XmlEncryptionError, xmlContentEncryptor } from "../src/xml/xml-encryption.js";
import { CertificateWorkshop } from "./support/certificates.js";
import { opensslCmsEncryptor } from "./support/openssl-encryptor.js";

// The pluggable encryptor with OpenSSL as the external command (a CSP's command takes its place in
// production): CMS enveloped data for the recipient's certificate, AES-256 for RSA, GOST 28147-89 with
// VKO key agreement for a GOST certificate.
const certs = new CertificateWorkshop();
const envelope =
  '<Envelope><AppHdr xmlns="urn:iso:std:iso:20022:tech:xsd:head.001.001.01"><BizMsgIdr>M1</BizMsgIdr><Sgntr><ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"/></Sgntr></AppHdr>' +
  '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08"><Nm>ТОО Лютик</Nm></Document></Envelope>';
const content = envelope.slice("<Envelope>".length, -"</Envelope>".length);

const opensslEncryptor = (recipient: string, key: string, algorithm: string, engine: string[] = [], cipher = "-aes256") =>
  opensslCmsEncryptor(certs, { recipient, key, algorithm, engine, cipher });

beforeAll(() => certs.selfSigned("kisc", 30, "/CN=KISC transport"));

describe("EncryptedData through an external command", () => {
  const rsa = () => opensslEncryptor("kisc.crt", "kisc.key", "http://www.w3.org/2001/04/xmlenc#aes256-cbc");

  it("replaces the Envelope's content by one EncryptedData that OpenSSL alone decrypts to the signed content", async () => {
    const encrypted = await encryptXmlContent(envelope, rsa());
    expect(encrypted).toMatch(
      /^<Envelope><EncryptedData xmlns="http:\/\/www\.w3\.org\/2001\/04\/xmlenc#" Type="http:\/\/www\.w3\.org\/2001\/04\/xmlenc#Element"><EncryptionMethod Algorithm="http:\/\/www\.w3\.org\/2001\/04\/xmlenc#aes256-cbc"\/><CipherData><CipherValue>[A-Za-z0-9+/=]+<\/CipherValue><\/CipherData><\/EncryptedData><\/Envelope>$/,
    );
    expect(encrypted).not.toContain("Лютик");
    writeFileSync(certs.path("cipher.der"), Buffer.from(/<CipherValue>([^<]+)</.exec(encrypted)?.[1] ?? "", "base64"));
    const openssl = spawnSync("openssl", ["cms", "-decrypt", "-binary", "-inform", "DER", "-in", "cipher.der", "-inkey", "kisc.key"], {
      cwd: certs.dir,
    });
    expect(openssl.stdout.toString("utf8")).toBe(content);
    expect(await decryptXmlContent(encrypted, rsa())).toBe(envelope);
  });

  it("the client option: encrypts what is not yet encrypted, decrypts what is", async () => {
    const option = xmlContentEncryptor(rsa());
    const encrypted = await option.encryptXml(envelope);
    expect(await option.encryptXml(encrypted)).toBe(encrypted);
    expect(await option.decryptXml(encrypted)).toBe(envelope);
    expect(await option.decryptXml(envelope)).toBe(envelope);
  });

  it("names what is wrong: another method, no ciphertext, a failing command; leaves no plaintext on disk", async () => {
    const encrypted = await encryptXmlContent(envelope, rsa());
    const gost = opensslEncryptor("kisc.crt", "kisc.key", "http://www.w3.org/2001/04/xmlenc#gost34310-gost34311");
    await expect(decryptXmlContent(encrypted, gost)).rejects.toThrow(XmlEncryptionError);
    await expect(decryptXmlContent(encrypted, gost)).rejects.toThrow(
      /uses http:\/\/www\.w3\.org\/2001\/04\/xmlenc#aes256-cbc, the encryptor .*gost34310/,
    );
    await expect(decryptXmlContent(envelope, rsa())).rejects.toThrow(/holds no EncryptedData/);
    await expect(encryptXmlContent("<Envelope/>", rsa())).rejects.toThrow(/no content to encrypt/);
    const binary = {
      algorithm: rsa().algorithm,
      encrypt: async () => new Uint8Array(),
      decrypt: async () => Uint8Array.of(0xff, 0xfe, 0x00),
    };
    await expect(decryptXmlContent(encrypted, binary)).rejects.toThrow(/decrypts to is not UTF-8 text/);
    const wrongKey = opensslEncryptor("kisc.crt", "nosuch.key", "http://www.w3.org/2001/04/xmlenc#aes256-cbc");
    await expect(decryptXmlContent(encrypted, wrongKey)).rejects.toThrow(/^openssl failed/);
    expect(readdirSync(tmpdir()).filter((name) => /^bankkit-(encrypt|decrypt)-/.test(name))).toEqual([]);
  });
});

const hasGostEngine = spawnSync("openssl", ["engine", "gost"], { encoding: "utf8" }).status === 0;
describe.skipIf(!hasGostEngine && process.env.BANKKIT_GOST_ENGINE !== "required")("EncryptedData with GOST", () => {
  beforeAll(() => {
    const args = ["req", "-x509", "-engine", "gost", "-newkey", "gost2012_256", "-pkeyopt", "paramset:A", "-nodes"];
    certs.openssl(...args, "-keyout", "gost.key", "-out", "gost.crt", "-subj", "/CN=KISC GOST transport", "-days", "30");
  });

  it("GOST 28147-89 for a GOST R 34.10-2012 certificate, as KISC's sample names it, both ways", async () => {
    const gost = opensslEncryptor(
      "gost.crt",
      "gost.key",
      "http://www.w3.org/2001/04/xmlenc#gost34310-gost34311",
      ["-engine", "gost"],
      "-gost89",
    );
    const encrypted = await encryptXmlContent(envelope, gost);
    expect(encrypted).toContain('<EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#gost34310-gost34311"/>');
    expect(await decryptXmlContent(encrypted, gost)).toBe(envelope);
  });
});
