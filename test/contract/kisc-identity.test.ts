import { randomUUID, verify, X509Certificate } from "node:crypto";
import { createKiscIdentityClient, KiscIdentityClient, PreparationError, RequestValidationError } from "@bankkit/kisc-identity";
import { nodeCryptoSigner } from "@bankkit/runtime";
import { describe, expect, inject, it } from "vitest";
import { CertificateWorkshop } from "../../runtime/test/support/certificates.js";
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
    fetch: async (request) => {
      sent.push(request.clone());
      return recorder.fetch(request);
    },
    jwsSigner: nodeCryptoSigner({ key: certs.read("bank.key").toString(), certificate: certs.read("bank.crt").toString() }),
    jwsKeyId: "bank-identity-1",
  });

  it("has a case for every operation of the spec (7)", () => {
    const methods = Object.getOwnPropertyNames(KiscIdentityClient.prototype).filter((n) => n !== "constructor" && n !== "raw");
    expect(methods.sort()).toEqual(["act", "listVendors", "news", "personalData", "repeatVerification", "transactionsReport", "verify"]);
  });

  it("listVendors and news", async () => {
    expect((await client.listVendors()).vendors.map((v) => v.name)).toContain("VisionLabs");
    expect(recorder.last()?.violations).toEqual([]);
    expect((await client.news())[0]?.date).toBe("2021-10-29");
    expect(recorder.last()?.violations).toEqual([]);
  });

  it("verify (a PNG photo) and repeatVerification", async () => {
    const key = randomUUID();
    const result = await client.verify({ query: { iin: "850101300124", vendor: 1 }, header: { "x-idempotency-key": key }, body: photo });
    expect(recorder.last()?.violations).toEqual([]);
    expect(result.result).toBeGreaterThan(0.99);
    expect((await client.repeatVerification({ header: { "x-idempotency-key": key } })).vendor).toBe("VisionLabs");
    expect(recorder.last()?.violations).toEqual([]);
  });

  it("verify sends the photo as the type its bytes show, and refuses a mislabelled, empty, oversized or non-image one", async () => {
    const jpeg = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, ...new Uint8Array(64)]);
    const header = { "x-idempotency-key": randomUUID() };
    await client.verify({ query: { iin: "850101300124", vendor: 1 }, header, body: jpeg });
    expect(recorder.last()?.violations).toEqual([]);
    expect(sent.at(-1)?.headers.get("content-type")).toBe("image/jpeg");
    const count = recorder.exchanges.length;
    const refusal = async (body: Uint8Array | Blob) => {
      const error = await client.verify({ query: { iin: "850101300124", vendor: 1 }, header, body }).catch((e: unknown) => e);
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
      query: { mcdb: 1 },
      header: { "x-idempotency-key": randomUUID() },
      body: { consent: "согласен на получение, хранение и обработку моих персональных данных третьими лицами" },
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
    await expect(
      unsigned.personalData({ header: { "x-idempotency-key": randomUUID() }, body: { consent: "согласен" } }),
    ).rejects.toBeInstanceOf(PreparationError);
    expect(recorder.exchanges.length).toBe(count);
  });

  it("transactionsReport and act", async () => {
    const rows = await client.transactionsReport({ path: { fromDate: "20211001", toDate: "20211031" } });
    expect(recorder.last()?.violations).toEqual([]);
    expect(rows.map((r) => r.vendor_name)).toEqual(["VisionLabs", "FORENSICS"]);
    const act = await client.act({ path: { year: 2021, month: 8 } });
    expect(recorder.last()?.violations).toEqual([]);
    expect(Buffer.from(act.binary, "base64").subarray(0, 2).toString()).toBe("PK");
  });

  it("refuses before sending: an IIN that is not 12 digits or breaks the IIN rule (the seed's 123456789012), a date that is not YYYYMMDD", async () => {
    const sent = recorder.exchanges.length;
    const error = await client
      .verify({ query: { iin: "12345", vendor: 1 }, header: { "x-idempotency-key": randomUUID() }, body: photo })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestValidationError);
    expect((error as RequestValidationError).violations.map((v) => `${v.path} ${v.rule}`)).toEqual([
      "/query/iin pattern",
      "/query/iin format",
    ]);
    expect(String((error as Error).message)).not.toContain("12345");
    for (const iin of ["123456789012", "850101300125"]) {
      const refused = await client
        .verify({ query: { iin, vendor: 1 }, header: { "x-idempotency-key": randomUUID() }, body: photo })
        .catch((e: unknown) => e);
      expect((refused as RequestValidationError).violations.map((v) => `${v.path} ${v.rule}`)).toEqual(["/query/iin format"]);
      expect(String((refused as Error).message)).not.toContain(iin);
    }
    await expect(client.transactionsReport({ path: { fromDate: "2021-10-01", toDate: "20211031" } })).rejects.toBeInstanceOf(
      RequestValidationError,
    );
    expect(recorder.exchanges.length).toBe(sent);
  });
});
