import { readFileSync } from "node:fs";
import { join } from "node:path";
import { kiscEnvelope } from "@bankkit/iso20022";
import { bearerTokenAuth, type CallMeta, createKiscEtsfoClient, KiscEtsfoClient, RequestValidationError } from "@bankkit/kisc-etsfo";
import { basicClientAuth } from "@bankkit/runtime";
import { carries } from "@bankkit/runtime/xml";
import { describe, expect, inject, it } from "vitest";
import { parse } from "yaml";
import { recordingFetch } from "../support/recording-fetch.js";
import { sample } from "../support/samples.js";

const xml = (name: string) =>
  (
    parse(readFileSync(join(import.meta.dirname, "..", "..", "specs", "samples", "kisc-etsfo", `${name}.yaml`), "utf8")) as {
      value: string;
    }
  ).value;

describe("KISC ETSFO client against the Prism mock of kisc-etsfo.yaml", () => {
  const recorder = recordingFetch();
  const client = createKiscEtsfoClient({
    baseUrl: inject("mocks")["kisc-etsfo"],
    strictAssumptions: true,
    fetch: recorder.fetch,
    auth: bearerTokenAuth({ issue: async () => ({ token: "1df635d7-5efd-34fc-9ea7-9b3c1483c202" }) }),
  });

  it("has a case for every operation of the spec (4)", () => {
    const methods = Object.getOwnPropertyNames(KiscEtsfoClient.prototype).filter((n) => n !== "constructor" && n !== "raw");
    expect(methods.sort()).toEqual(["getMessage", "issueToken", "listUnread", "sendMessage"]);
  });

  it("issueToken: a password grant, form-encoded with Basic client auth", async () => {
    const token = await client.issueToken(
      { body: { grant_type: "password", username: "K0531900", password: "portal-password", scope: "default" } },
      { headers: { authorization: basicClientAuth("consumer key", "consumer secret") } },
    );
    expect(recorder.last()?.violations).toEqual([]);
    expect(token).toEqual(sample("kisc-etsfo", "token.response"));
  });

  it("sendMessage: 202, with one idempotency key and the FAPI headers filled in", async () => {
    const meta: CallMeta = {};
    const seen: Request[] = [];
    const watching = createKiscEtsfoClient({
      baseUrl: inject("mocks")["kisc-etsfo"],
      fetch: async (request) => {
        seen.push(request.clone());
        return recorder.fetch(request);
      },
      auth: bearerTokenAuth({ issue: async () => ({ token: "t" }) }),
    });
    const encrypted = kiscEnvelope.parse(xml("send-pacs008-encrypted.request"));
    expect(await watching.sendMessage({ body: encrypted }, { meta })).toBeUndefined();
    expect(recorder.last()?.violations).toEqual([]);
    const headers = seen[0]!.headers;
    expect(headers.get("content-type")).toBe("application/xml");
    expect(headers.get("x-idempotency-key")).toBe(meta.idempotencyKey);
    expect(headers.get("x-fapi-auth-date")).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
    expect(headers.get("x-fapi-interaction-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(await seen[0]!.text()).toContain("<EncryptedData");
  });

  it("sendMessage: a retried message carries the same idempotency key and the same bytes", async () => {
    const attempts: { key: string | null; body: string }[] = [];
    const flaky = createKiscEtsfoClient({
      baseUrl: inject("mocks")["kisc-etsfo"],
      fetch: async (request) => {
        attempts.push({ key: request.headers.get("x-idempotency-key"), body: await request.clone().text() });
        return attempts.length === 1 ? new Response("busy", { status: 503 }) : recorder.fetch(request);
      },
      auth: bearerTokenAuth({ issue: async () => ({ token: "t" }) }),
      retry: { baseDelayMs: 1, maxDelayMs: 5 },
    });
    const envelope = kiscEnvelope.parse(xml("message-pacs008.response"), { profile: "kisc" });
    const meta: CallMeta = {};
    await flaky.sendMessage({ body: envelope }, { meta });
    expect(meta.attempts).toBe(2);
    expect(attempts).toHaveLength(2);
    expect(attempts[1]).toEqual(attempts[0]);
    expect(attempts[0]?.key).toBe(meta.idempotencyKey);
    expect(attempts[0]?.body).toContain('<IntrBkSttlmAmt Ccy="KZT">100.10</IntrBkSttlmAmt>');
  });

  it("sendMessage: a typed envelope that breaks its model is refused before anything is sent", async () => {
    const sent = recorder.exchanges.length;
    const pacs002 = kiscEnvelope.parse(xml("message-pacs002.response"), { profile: "kisc" });
    if (!carries(pacs002, "pacs.002.001.11")) throw new Error("expected the pacs.002 sample");
    const broken = { ...pacs002, AppHdr: { ...pacs002.AppHdr, BizMsgIdr: "x".repeat(36) } };
    const error = await client.sendMessage({ body: broken }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestValidationError);
    expect((error as RequestValidationError).violations).toEqual([
      { path: "/body/Envelope/AppHdr/BizMsgIdr", rule: "xml", message: "must be at most 35 characters long (maxLength)" },
    ]);
    expect(recorder.exchanges.length).toBe(sent);
  });

  it("listUnread: the gateway's list, typed item by item", async () => {
    const list = await client.listUnread();
    expect(recorder.last()?.violations).toEqual([]);
    expect(list.map((item) => [item.IDEMPOTENCY_KEY, item.MESSAGE_TYPE])).toEqual([
      ["GRO2021051114103", "camt.054.001.07"],
      ["GRO2021051114105", "pacs.008.001.08"],
      ["GRO2021060123853", "pacs.002.001.11"],
    ]);
    expect(list[0]).toEqual(expect.objectContaining({ INTERACTION_ID: "", RSENDER: "KZGRO.SGROSS00", RSTATUS: "0" }));
  });

  it("getMessage: the typed envelope, its Document chosen by MsgDefIdr", async () => {
    const message = await client.getMessage({ path: { id: "GRO2021051114103" } });
    expect(recorder.last()?.violations).toEqual([]);
    if (!carries(message, "camt.054.001.07")) throw new Error(`expected a camt.054, got ${JSON.stringify(message.AppHdr)}`);
    const [entry] = message.Document.BkToCstmrDbtCdtNtfctn.Ntfctn[0].Ntry ?? [];
    expect(entry?.Amt).toEqual({ value: "2450", Ccy: "KZT" });
    expect(entry?.NtryDtls?.[0]?.Btch?.NbOfTxs).toBe("2");
    expect(message.AppHdr.CreDt).toBe("2021-05-11T18:18:29+06:00");
  });
});
