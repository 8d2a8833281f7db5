import { generateKeyPairSync } from "node:crypto";
import { bankJwk, bankJwtAuth, createDcmClient } from "@bankkit/dcm";
import { kiscEnvelope } from "@bankkit/iso20022";
import { bearerTokenAuth, createKiscEtsfoClient } from "@bankkit/kisc-etsfo";
import { createPcServerClient } from "@bankkit/pc-server";
import { decodeProtectedHeader } from "jose";
import { describe, expect, it } from "vitest";
import { sampleBody } from "../support/samples.js";
import { kiscSample } from "../support/xml-samples.js";

// What goes on the wire is what the vendor documents send: each case names the line of the document it rests on.

/** A fetch that keeps each request and answers as told. */
function wire(answer: () => Response) {
  const requests: Request[] = [];
  const fetch = async (request: Request) => {
    requests.push(request);
    return answer();
  };
  return { fetch, requests, last: () => requests.at(-1) as Request };
}

describe("PC Server: Content-Type on POST, PATCH and DELETE (seed 004: “This header must be set in requests”)", () => {
  const resultOnly = () =>
    new Response(sampleBody("pc-server", "result-only.response"), { headers: { "content-type": "application/json" } });
  const path = { system_id: "bank", user_id: "client-1" };

  it.each([
    ["deleteUser (DELETE, no body)", "DELETE", (c: ReturnType<typeof createPcServerClient>) => c.deleteUser({ path })],
    ["revokeCertificate (PATCH, no body)", "PATCH", (c: ReturnType<typeof createPcServerClient>) => c.revokeCertificate({ path })],
  ])("%s sends Content-Type: application/json", async (_, method, call) => {
    const pc = wire(resultOnly);
    await call(createPcServerClient({ baseUrl: "http://pc.bank.test/pc-api", fetch: pc.fetch }));
    expect(pc.last().method).toBe(method);
    expect(pc.last().headers.get("content-type")).toBe("application/json");
    expect(await pc.last().text()).toBe("");
  });

  it("a GET carries no Content-Type", async () => {
    const pc = wire(() => new Response(sampleBody("pc-server", "get-user.response"), { headers: { "content-type": "application/json" } }));
    await createPcServerClient({ baseUrl: "http://pc.bank.test/pc-api", fetch: pc.fetch }).getUser({ path });
    expect(pc.last().method).toBe("GET");
    expect(pc.last().headers.get("content-type")).toBeNull();
  });
});

describe("KISC ETSFO: Accept: application/xml on every messages call (seed 001's curl lines)", () => {
  const client = (fetch: (request: Request) => Promise<Response>) =>
    createKiscEtsfoClient({ baseUrl: "https://ax.kisc.kz:8243", fetch, auth: bearerTokenAuth({ issue: async () => ({ token: "t" }) }) });
  const xml = (text: string, status = 200) => new Response(text, { status, headers: { "content-type": "application/xml" } });

  it("sendMessage, listUnread and getMessage send it", async () => {
    const gateway = wire(() => new Response(null, { status: 202 }));
    await client(gateway.fetch).sendMessage({ body: kiscEnvelope.parse(kiscSample("message-pacs008.response"), { profile: "kisc" }) });
    expect(gateway.last().headers.get("accept")).toBe("application/xml");
    expect(gateway.last().headers.get("content-type")).toBe("application/xml");

    const list = wire(() => xml(kiscSample("unread-list.response")));
    await client(list.fetch).listUnread();
    expect(list.last().headers.get("accept")).toBe("application/xml");

    const one = wire(() => xml(kiscSample("message-camt054-credit.response")));
    await client(one.fetch).getMessage({ path: { id: "GRO2021051114105" } });
    expect(one.last().headers.get("accept")).toBe("application/xml");
  });

  it("takes an x-idempotency-key and a message id of any length the document allows: a 36-character UUID", async () => {
    const key = "8f14e45f-ceea-467f-a0e6-7c3b0a5a1d2e";
    const gateway = wire(() => new Response(null, { status: 202 }));
    const body = kiscEnvelope.parse(kiscSample("message-pacs008.response"), { profile: "kisc" });
    await client(gateway.fetch).sendMessage({ header: { "x-idempotency-key": key }, body });
    expect(gateway.last().headers.get("x-idempotency-key")).toBe(key);
    const one = wire(() => xml(kiscSample("message-camt054-credit.response")));
    await client(one.fetch).getMessage({ path: { id: key } });
    expect(new URL(one.last().url).pathname).toBe(`/etsfo/1.0.0/messages/${key}`);
  });
});

describe("PC Server: the text limits count bytes (seed 004: “max 10Kb length (pay attention at multi-bytes charsets)”)", () => {
  const pc = createPcServerClient({
    baseUrl: "http://pc.bank.test/pc-api",
    fetch: async () =>
      new Response(sampleBody("pc-server", "create-transaction-online.response"), { headers: { "content-type": "application/json" } }),
  });
  const path = { system_id: "bank", user_id: "client-1" };
  const refusal = (call: Promise<unknown>) =>
    call.then(
      () => [],
      (error: { violations?: { path: string; rule: string; message: string }[] }) => error.violations ?? [String(error)],
    );

  it("refuses 12 KB of Cyrillic (6,000 characters) as more than 10,240 bytes", async () => {
    const text = "Платёж ".repeat(857).slice(0, 6000);
    expect(await refusal(pc.createTransaction({ path, body: { transaction_data: { text }, confirm_code_length: 64 } }))).toEqual([
      {
        path: "/body/transaction_data/text",
        rule: "x-bankkit-max-bytes",
        message: expect.stringMatching(/at most 10240 bytes in UTF-8 \(is 1\d{4}\)/),
      },
    ]);
  });

  it("holds a text offline confirmation may need to 2 KB, and lets a longer one through when offline is ruled out", async () => {
    const text = "Оплата счёта № 12345. ".repeat(60); // 1,320 characters, 2,400 bytes
    expect(text.length).toBeLessThan(2048);
    expect(await refusal(pc.createTransaction({ path, body: { transaction_data: { text } } }))).toEqual([
      { path: "/body/transaction_data/text", rule: "x-bankkit-max-bytes", message: expect.stringMatching(/at most 2048 bytes/) },
    ]);
    expect(await refusal(pc.createTransaction({ path, body: { transaction_data: { text }, confirm_code_length: 64 } }))).toEqual([]);
  });
});

describe("DCM: keys as seed 002 registers them", () => {
  const counterparty = { counterparty_guid: "5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e" };

  it("registers and signs with the document's own kid, 54321, and takes a PS256 key the document does not exclude", async () => {
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const sent: Request[] = [];
    const dcm = createDcmClient({
      baseUrl: "https://api-bank-integrate.prozora.network/api/v1",
      auth: bankJwtAuth({ key: privateKey, kid: "54321", claims: { sub: "employee-7" } }),
      fetch: async (request) => {
        sent.push(request.clone());
        return Response.json({ guid: "0b0a3c59-4f0e-4a39-9a55-3f3b1c9f1e01" });
      },
    });
    const jwk = await bankJwk(privateKey, { kid: "54321" });
    expect(jwk).toMatchObject({ kty: "RSA", kid: "54321", alg: "RS256", use: "sig" });
    await dcm.createJwk({ path: counterparty, body: { data: jwk } });
    expect(((await sent[0]!.json()) as { data: { kid: string } }).data.kid).toBe("54321");
    const token = sent[0]!.headers.get("cx-authorization") as string;
    expect(decodeProtectedHeader(token).kid).toBe("54321");
    // The guide's request example names RS256; nothing in it excludes RSA-PSS.
    await dcm.createJwk({ path: counterparty, body: { data: { ...jwk, alg: "PS256", kid: "54322" } } });
    expect(((await sent[1]!.json()) as { data: { alg: string } }).data.alg).toBe("PS256");
  });

  it("reads DCM's JWKS whatever key types and uses it lists (the document types each member as text)", async () => {
    const dcm = createDcmClient({
      baseUrl: "https://api-bank-integrate.prozora.network/api/v1",
      fetch: async () =>
        Response.json({
          keys: [{ kty: "OKP", crv: "Ed25519", x: "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo", kid: "k1", alg: "EdDSA", use: "enc" }],
        }),
    });
    expect((await dcm.dcmJwks()).keys?.[0]).toMatchObject({ kty: "OKP", alg: "EdDSA", use: "enc" });
  });
});
