import { readFileSync } from "node:fs";
import { join } from "node:path";
import { bearerTokenAuth, type CallMeta, createKiscEtsfoClient, KiscEtsfoClient } from "@bankkit/kisc-etsfo";
import { basicClientAuth } from "@bankkit/runtime";
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
    expect(await watching.sendMessage({ body: xml("send-pacs008-encrypted.request") }, { meta })).toBeUndefined();
    expect(recorder.last()?.violations).toEqual([]);
    const headers = seen[0]!.headers;
    expect(headers.get("content-type")).toBe("application/xml");
    expect(headers.get("x-idempotency-key")).toBe(meta.idempotencyKey);
    expect(headers.get("x-fapi-auth-date")).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
    expect(headers.get("x-fapi-interaction-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(await seen[0]!.text()).toContain("<EncryptedData");
  });

  it("listUnread: the gateway's list, as XML text", async () => {
    const list = await client.listUnread();
    expect(recorder.last()?.violations).toEqual([]);
    expect(list).toContain("<MESSAGE_TYPE>pacs.002.001.11</MESSAGE_TYPE>");
  });

  it("getMessage: one message by its idempotency key", async () => {
    const message = await client.getMessage({ path: { id: "GRO2021051114103" } });
    expect(recorder.last()?.violations).toEqual([]);
    expect(message).toContain('xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.07"');
  });
});
