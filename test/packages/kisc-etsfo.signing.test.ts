import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { kiscEnvelope } from "@bankkit/iso20022";
import {
  bearerTokenAuth,
  type CallMeta,
  createKiscEtsfoClient,
  RequestValidationError,
  ResponseValidationError,
  verifyXml,
  xmlContentEncryptor,
  xmlDsigSigner,
} from "@bankkit/kisc-etsfo";
import { nodeCryptoSigner } from "@bankkit/runtime";
import { beforeAll, describe, expect, it } from "vitest";
import { CertificateWorkshop } from "../../runtime/test/support/certificates.js";
import { opensslCmsEncryptor } from "../../runtime/test/support/openssl-encryptor.js";
import { kiscSample } from "../support/xml-samples.js";

// What a bank's message looks like on the wire when the client signs it: the bytes a gateway that answers
// 503 once receives twice, identical, with a signature xmlsec1 verifies.
const certs = new CertificateWorkshop();
const hasXmlsec = spawnSync("xmlsec1", ["--version"]).status === 0;

function flakyGateway() {
  const bodies: string[] = [];
  const keys: string[] = [];
  const fetch = async (request: Request) => {
    bodies.push(await request.text());
    keys.push(request.headers.get("x-idempotency-key") ?? "");
    return new Response(null, { status: bodies.length === 1 ? 503 : 202 });
  };
  return { fetch, bodies, keys };
}

describe("sendMessage with an xmlSigner", () => {
  beforeAll(() => certs.selfSigned("signer", 30, "/CN=K0531900 signing/O=Test bank"));
  const signer = () => nodeCryptoSigner({ key: certs.read("signer.key").toString(), certificate: certs.read("signer.crt").toString() });
  const envelope = () => kiscEnvelope.parse(kiscSample("message-pacs008.response"), { profile: "kisc" });

  it("signs the envelope once: a retry carries the same key and the same signed bytes", async () => {
    const gateway = flakyGateway();
    const client = createKiscEtsfoClient({
      baseUrl: "https://ax.kisc.kz:8243",
      fetch: gateway.fetch,
      auth: bearerTokenAuth({ issue: async () => ({ token: "t" }) }),
      xmlSigner: xmlDsigSigner(signer()),
      retry: { baseDelayMs: 1, maxDelayMs: 2 },
    });
    const meta: CallMeta = {};
    await client.sendMessage({ body: envelope() }, { meta });
    expect(meta.attempts).toBe(2);
    expect(gateway.keys[0]).toBe(gateway.keys[1]);
    expect(gateway.bodies[1]).toBe(gateway.bodies[0]);
    const sent = gateway.bodies[0] as string;
    expect(verifyXml(sent, { trusted: [certs.read("signer.crt")] }).subject).toContain("K0531900 signing");
    // What the gateway reads back is the message that was built, with its signature in Sgntr.
    const read = kiscEnvelope.parse(sent, { profile: "kisc" });
    expect({ ...read, AppHdr: { ...read.AppHdr, Sgntr: undefined } }).toEqual({
      ...envelope(),
      AppHdr: { ...envelope().AppHdr, Sgntr: undefined },
    });
  });

  it.skipIf(!hasXmlsec && process.env.BANKKIT_XMLSEC !== "required")("sends what xmlsec1 verifies", async () => {
    const gateway = flakyGateway();
    const client = createKiscEtsfoClient({
      baseUrl: "https://ax.kisc.kz:8243",
      fetch: gateway.fetch,
      xmlSigner: xmlDsigSigner(signer()),
      retry: { maxRetries: 0 },
    });
    await client.sendMessage({ body: envelope() }).catch(() => undefined); // the 503: the bytes are what matter
    writeFileSync(certs.path("sent.xml"), gateway.bodies[0] as string);
    const verified = spawnSync("xmlsec1", ["--verify", "--trusted-pem", "signer.crt", "--enabled-reference-uris", "empty", "sent.xml"], {
      cwd: certs.dir,
      encoding: "utf8",
    });
    expect(verified.status, verified.stderr).toBe(0);
  });

  it("leaves an encrypted envelope as it is, and refuses before sending a header it cannot sign into", async () => {
    const gateway = flakyGateway();
    const client = createKiscEtsfoClient({ baseUrl: "https://ax.kisc.kz:8243", fetch: gateway.fetch, xmlSigner: xmlDsigSigner(signer()) });
    const encrypted = kiscEnvelope.parse(kiscSample("send-pacs008-encrypted.request"));
    await client.sendMessage({ body: encrypted }, { retry: { maxRetries: 0 } }).catch(() => undefined);
    expect(gateway.bodies[0]).not.toContain("ds:Signature");
    const unsigned = envelope();
    const { Sgntr: _, ...header } = unsigned.AppHdr as typeof unsigned.AppHdr & { Sgntr?: unknown };
    const error = await client.sendMessage({ body: { ...unsigned, AppHdr: header } as typeof unsigned }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestValidationError);
    expect(String((error as Error).message)).toMatch(/give AppHdr an empty Sgntr/);
    expect(gateway.bodies).toHaveLength(1);
  });

  it("signs, then encrypts for the gateway; an encrypted answer is decrypted and read typed", async () => {
    certs.selfSigned("gateway", 30, "/CN=KISC transport");
    const encryptor = opensslCmsEncryptor(certs, {
      recipient: "gateway.crt",
      key: "gateway.key",
      algorithm: "http://www.w3.org/2001/04/xmlenc#aes256-cbc",
    });
    const sent: string[] = [];
    const client = createKiscEtsfoClient({
      baseUrl: "https://ax.kisc.kz:8243",
      xmlSigner: xmlDsigSigner(signer()),
      xmlEncryptor: xmlContentEncryptor(encryptor),
      fetch: async (request) => {
        if (request.method === "POST") {
          sent.push(await request.text());
          return new Response(null, { status: 202 });
        }
        // The gateway answers with the message it was sent, still encrypted.
        return new Response(sent[0], { status: 200, headers: { "content-type": "application/xml" } });
      },
    });
    await client.sendMessage({ body: envelope() });
    expect(sent[0]).toMatch(/^<Envelope><EncryptedData xmlns="http:\/\/www\.w3\.org\/2001\/04\/xmlenc#"/);
    expect(sent[0]).not.toContain("ТОО");
    const received = await client.getMessage({ path: { id: "GRO2021051114105" } });
    expect(received.Document).toEqual(envelope().Document);
    // Inside the ciphertext: the envelope signed before it was encrypted.
    // An answer encrypted some other way is a ResponseValidationError that says why, not a crash.
    sent[0] = (sent[0] as string).replace("xmlenc#aes256-cbc", "xmlenc#gost34310-gost34311");
    const refused = await client.getMessage({ path: { id: "GRO2021051114105" } }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ResponseValidationError);
    expect(String((refused as Error).message)).toMatch(/could not be decrypted: decrypt: EncryptedData uses .*gost34310-gost34311/);
    sent[0] = (sent[0] as string).replace("xmlenc#gost34310-gost34311", "xmlenc#aes256-cbc");
    const plain = await xmlContentEncryptor(encryptor).decryptXml(sent[0] as string);
    expect(verifyXml(plain, { trusted: [certs.read("signer.crt")] }).subject).toContain("K0531900 signing");
  });
});
