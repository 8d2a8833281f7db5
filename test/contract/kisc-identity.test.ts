import { randomUUID, verify, X509Certificate } from "node:crypto";
import {
  type CallMeta,
  createKiscIdentityClient,
  KiscIdentityClient,
  mutualTlsFetch,
  PreparationError,
  RequestValidationError,
  readPkcs12,
} from "@bankkit/kisc-identity";
import { nodeCryptoSigner } from "@bankkit/runtime";
import { Agent } from "undici";
import { describe, expect, inject, it } from "vitest";
import { CertificateWorkshop } from "../../runtime/test/support/certificates.js";
import { startKiscGateway } from "../support/kisc-gateway.js";
import { recordingFetch } from "../support/recording-fetch.js";

const certs = new CertificateWorkshop();
certs.selfSigned("bank", 30, "/CN=Bank identity client");

// A 1×1 PNG: the photo's bytes as a camera app would hand them over.
const photo = Uint8Array.from(
  Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64"),
);

describe("KISC identity client against the Prism mock of kisc-identity.yaml", () => {
  const recorder = recordingFetch();
  const sent: Request[] = [];
  const client = createKiscIdentityClient({
    baseUrl: inject("mocks")["kisc-identity"],
    strictAssumptions: true,
    fetch: async (request) => {
      sent.push(request.clone());
      return recorder.fetch(request);
    },
    jwsSigner: nodeCryptoSigner({ key: certs.read("bank.key").toString(), certificate: certs.read("bank.crt").toString() }),
    jwsKeyId: "bank-identity-1",
  });

  it("has a case for every operation of the spec (7)", () => {
    const methods = Object.getOwnPropertyNames(KiscIdentityClient.prototype).filter((n) => n !== "constructor" && n !== "raw");
    expect(methods.sort()).toEqual(["act", "news", "personalData", "repeatVerification", "transactionsReport", "vendors", "verify"]);
  });

  it("vendors and news", async () => {
    expect((await client.vendors()).vendors.map((v) => v.name)).toContain("VisionLabs");
    expect(recorder.last()?.violations).toEqual([]);
    expect((await client.news())[0]?.date).toBe("2021-10-29");
    expect(recorder.last()?.violations).toEqual([]);
  });

  it("verify (a PNG photo) and repeatVerification", async () => {
    const key = randomUUID();
    const result = await client.verify({ iin: "850101300124", vendor: 1, photo, idempotencyKey: key });
    expect(recorder.last()?.violations).toEqual([]);
    expect(sent.at(-1)?.headers.get("x-idempotency-key")).toBe(key);
    expect(result.result).toBeGreaterThan(0.99);
    expect((await client.repeatVerification(key)).vendor).toBe("VisionLabs");
    expect(recorder.last()?.violations).toEqual([]);
  });

  it("verify without a key makes one, sends it on every attempt and reports it", async () => {
    const meta: CallMeta = {};
    await client.verify({ iin: "850101300124", vendor: 2, photo }, { meta });
    expect(meta.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(sent.at(-1)?.headers.get("x-idempotency-key")).toBe(meta.idempotencyKey);
  });

  it("verify sends the photo as the type its bytes show, and refuses a mislabelled, empty, oversized or non-image one", async () => {
    const jpeg = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, ...new Uint8Array(64)]);
    const idempotencyKey = randomUUID();
    await client.verify({ iin: "850101300124", vendor: 1, photo: jpeg, idempotencyKey });
    expect(recorder.last()?.violations).toEqual([]);
    expect(sent.at(-1)?.headers.get("content-type")).toBe("image/jpeg");
    const count = recorder.exchanges.length;
    const refusal = async (body: Uint8Array | Blob) => {
      const error = await client.verify({ iin: "850101300124", vendor: 1, photo: body, idempotencyKey }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RequestValidationError);
      return (error as RequestValidationError).violations[0]?.message;
    };
    expect(await refusal(new Blob([photo], { type: "image/jpeg" }))).toBe("is declared image/jpeg but its bytes are image/png");
    expect(await refusal(new Uint8Array(0))).toBe("is empty");
    expect(await refusal(Uint8Array.from([...photo, ...new Uint8Array(5 * 1024 * 1024)]))).toBe("is larger than 5242880 bytes");
    expect(await refusal(new TextEncoder().encode("not a photo"))).toBe("must be image/png or image/jpeg; its bytes are none of these");
    expect(recorder.exchanges.length).toBe(count);
  });

  it("personalData with mcdb=1: x-jws-signature is a detached JWS over exactly the body sent", async () => {
    const data = await client.personalData({
      idempotencyKey: randomUUID(),
      consentText: "согласен на получение, хранение и обработку моих персональных данных третьими лицами",
      mcdb: 1,
    });
    expect(recorder.last()?.violations).toEqual([]);
    expect(data.mobilephone).toMatch(/^\+7/);
    const request = sent.at(-1) as Request;
    const body = Buffer.from(await request.arrayBuffer());
    const [header, empty, signature] = (request.headers.get("x-jws-signature") ?? "").split(".") as [string, string, string];
    expect(empty).toBe("");
    expect(JSON.parse(Buffer.from(header, "base64url").toString())).toMatchObject({
      alg: "RS256",
      kid: "bank-identity-1",
      b64: false,
      crit: ["b64"],
    });
    const input = Buffer.concat([Buffer.from(`${header}.`), body]);
    expect(verify("sha256", input, new X509Certificate(certs.read("bank.crt")).publicKey, Buffer.from(signature, "base64url"))).toBe(true);
    expect(
      verify(
        "sha256",
        Buffer.concat([input, Buffer.from(" ")]),
        new X509Certificate(certs.read("bank.crt")).publicKey,
        Buffer.from(signature, "base64url"),
      ),
    ).toBe(false);
  });

  it("personalData without a JWS signer fails before sending", async () => {
    const unsigned = createKiscIdentityClient({ baseUrl: inject("mocks")["kisc-identity"], fetch: recorder.fetch });
    const count = recorder.exchanges.length;
    await expect(unsigned.personalData({ idempotencyKey: randomUUID(), consentText: "согласен" })).rejects.toBeInstanceOf(PreparationError);
    expect(recorder.exchanges.length).toBe(count);
  });

  it("transactionsReport takes YYYYMMDD or a Date (its local day)", async () => {
    const rows = await client.transactionsReport("20211001", "20211031");
    expect(recorder.last()?.violations).toEqual([]);
    expect(rows.map((r) => r.vendor_name)).toEqual(["VisionLabs", "FORENSICS"]);
    await client.transactionsReport(new Date(2021, 9, 1), new Date(2021, 9, 31, 23, 59));
    expect(recorder.last()?.violations).toEqual([]);
    expect(new URL(sent.at(-1)?.url ?? "").pathname).toMatch(/\/report\/transactions\/20211001\/20211031$/);
  });

  it("transactionsReport refuses a period that ends before it starts, and days that do not exist, before sending", async () => {
    const count = recorder.exchanges.length;
    const violations = async (from: Date | string, to: Date | string) =>
      ((await client.transactionsReport(from, to).catch((e: unknown) => e)) as RequestValidationError).violations?.map(
        (v) => `${v.path} ${v.rule}`,
      );
    expect(await violations("20211031", "20211001")).toEqual(["/path/toDate x-bankkit-ascending"]);
    expect(await violations(new Date(2021, 9, 2), new Date(2021, 9, 1))).toEqual(["/path/toDate x-bankkit-ascending"]);
    expect(await violations("20210231", "20210301")).toEqual(["/path/fromDate x-bankkit-date"]);
    expect(await violations(new Date(Number.NaN), "20210301")).toEqual(["/path/fromDate pattern", "/path/fromDate x-bankkit-date"]);
    expect(await violations("2021-10-01", "20211031")).toEqual(["/path/fromDate pattern", "/path/fromDate x-bankkit-date"]);
    expect(recorder.exchanges.length).toBe(count);
  });

  it("act returns the files inside the zip, not base64", async () => {
    const files = await client.act(2021, 8);
    expect(recorder.last()?.violations).toEqual([]);
    expect(new URL(sent.at(-1)?.url ?? "").pathname).toMatch(/\/report\/act\/2021\/8$/);
    expect(files.map((f) => f.name)).toEqual(["act_8-8-01_K9000666.txt"]);
    expect(new TextDecoder().decode(files[0]?.bytes)).toBe("Акт оказанных услуг за август 2021\nВерификаций: 2\n");
  });

  it("the seed's /personal_data and /personel_data spellings are served with the same contract", async () => {
    for (const path of ["/personal_data", "/personel_data"] as const) {
      const answer = await client.raw.POST(path, {
        params: { header: { "x-idempotency-key": randomUUID(), "x-jws-signature": "eyJhbGciOiJSUzI1NiJ9..c2ln" }, query: { mcdb: 1 } },
        body: { consent: "согласен" },
      });
      expect(answer.response.status).toBe(200);
      expect(recorder.last()?.violations).toEqual([]);
    }
  });

  it("refuses before sending: an IIN that is not 12 digits or breaks the IIN rule (the seed's 123456789012)", async () => {
    const sent = recorder.exchanges.length;
    const error = await client.verify({ iin: "12345", vendor: 1, photo }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestValidationError);
    expect((error as RequestValidationError).violations.map((v) => `${v.path} ${v.rule}`)).toEqual([
      "/query/iin pattern",
      "/query/iin format",
    ]);
    expect(String((error as Error).message)).not.toContain("12345");
    for (const iin of ["123456789012", "850101300125"]) {
      const refused = await client.verify({ iin, vendor: 1, photo }).catch((e: unknown) => e);
      expect((refused as RequestValidationError).violations.map((v) => `${v.path} ${v.rule}`)).toEqual(["/query/iin format"]);
      expect(String((refused as Error).message)).not.toContain(iin);
    }
    expect(recorder.exchanges.length).toBe(sent);
  });
});

describe("KISC identity client over mutual TLS (a local HTTPS front that requires the bank's client certificate)", () => {
  it("calls through with the certificate from the bank's .p12, and is refused without it or with another CA's", async () => {
    const gateway = await startKiscGateway(inject("mocks")["kisc-identity"]!, "p12-password");
    const ca = gateway.certs.read("kisc-ca.crt").toString();
    const signer = nodeCryptoSigner({ key: certs.read("bank.key").toString(), certificate: certs.read("bank.crt").toString() });
    const outsider = new CertificateWorkshop();
    outsider.selfSigned("outsider", 30, "/CN=K0531900");
    try {
      const bank = createKiscIdentityClient({
        baseUrl: gateway.url,
        fetch: mutualTlsFetch({ certificate: readPkcs12(gateway.certs.read("K0531900.p12"), "p12-password"), ca }),
        jwsSigner: signer,
      });
      expect((await bank.vendors()).vendors.length).toBe(5);
      expect((await bank.verify({ iin: "850101300124", vendor: 1, photo })).result).toBeGreaterThan(0.99);
      expect(await bank.personalData({ idempotencyKey: randomUUID(), consentText: "согласен", mcdb: 1 })).toHaveProperty("mobilephone");

      const withoutCertificate = createKiscIdentityClient({
        baseUrl: gateway.url,
        fetch: (request) => fetch(request, { dispatcher: new Agent({ connect: { ca } }) } as unknown as RequestInit),
        retry: { maxRetries: 0 },
      });
      const refused = await withoutCertificate.vendors().catch((e: unknown) => e);
      expect(["TlsError", "ConnectionError"]).toContain((refused as Error).name);

      const foreign = createKiscIdentityClient({
        baseUrl: gateway.url,
        fetch: mutualTlsFetch({
          certificate: {
            ...readPkcs12(gateway.certs.read("K0531900.p12"), "p12-password"),
            key: outsider.read("outsider.key").toString(),
            cert: outsider.read("outsider.crt").toString(),
            chain: [],
          },
          ca,
        }),
        retry: { maxRetries: 0 },
      });
      const foreignRefused = await foreign.vendors().catch((e: unknown) => e);
      expect(["TlsError", "ConnectionError"]).toContain((foreignRefused as Error).name);
    } finally {
      gateway.close();
    }
  });
});
