import { createBank131KycClient } from "@bankkit/bank131-kyc";
import { createDcmClient } from "@bankkit/dcm";
import { createKiscIdentityClient } from "@bankkit/kisc-identity";
import { createPcServerClient, RequestValidationError } from "@bankkit/pc-server";
import { apiKeyAuth, bearerTokenAuth, type LogEvent, nodeCryptoSigner } from "@bankkit/runtime";
import { afterEach, describe, expect, it } from "vitest";
import { lossyNumbers, scanJson } from "../../runtime/src/http/json-text.js";
import { CertificateWorkshop } from "../../runtime/test/support/certificates.js";
import { peer } from "./peer.js";

// Inputs that would leave the API's base path or split a request, credentials that would reach a log, and
// error bodies built to pollute, to leak personal data back, or to exhaust the parser.

const closing: (() => void)[] = [];
afterEach(() => {
  for (const close of closing.splice(0)) close();
});

const system_id = "70b5fab6-d3d1-4098-aaf9-450a496855f5";
const json = { "content-type": "application/json" };

describe("inputs refused before anything is sent", () => {
  it.each([".", "..", "%2e%2E", "%2E"])("a whole path parameter %j never leaves the base path", async (value) => {
    const server = await peer((_, response) => response.writeHead(200, json).end("{}"));
    closing.push(server.close);
    const pc = createPcServerClient({ baseUrl: `${server.url}/pc-api` });
    const error = await pc.getSystem({ path: { system_id: value } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestValidationError);
    expect((error as RequestValidationError).violations).toContainEqual(
      expect.objectContaining({ path: "/path/system_id", rule: "path-segment" }),
    );
    expect(server.seen).toHaveLength(0);
  });

  it("a credential with CR, LF or NUL is refused by its header's name, its value never echoed", async () => {
    const server = await peer((_, response) => response.writeHead(200, json).end("{}"));
    closing.push(server.close);
    const injected = "key\r\nX-Evil: 1";
    expect(() => apiKeyAuth({ header: "X-PARTNER-PROJECT", value: injected })).toThrow(/X-PARTNER-PROJECT value contains CR, LF or NUL/);
    const token = "tok\r\nen-secret";
    const pc = createPcServerClient({ baseUrl: server.url, auth: bearerTokenAuth({ issue: async () => ({ token }) }) });
    const error = (await pc.getSystem({ path: { system_id } }).catch((e: unknown) => e)) as Error;
    expect(error.name).toBe("PreparationError");
    for (const text of [error.message, error.stack ?? "", String((error.cause as Error | undefined)?.message)])
      expect(text).not.toContain("en-secret");
    const header = await pc.getSystem({ path: { system_id } }, { headers: { "x-trace": "a\nb" } }).catch((e: unknown) => e);
    expect(header).toMatchObject({ name: "RequestValidationError" });
    expect(server.seen).toHaveLength(0);
  });

  it("X-PARTNER-PROJECT (a security scheme's header) never reaches a log", async () => {
    const server = await peer((_, response) =>
      response.writeHead(200, json).end('{"status":"ok","data":{"id":"7","description":"valid"}}'),
    );
    closing.push(server.close);
    const events: LogEvent[] = [];
    const kyc = createBank131KycClient({
      baseUrl: server.url,
      auth: apiKeyAuth({ header: "X-PARTNER-PROJECT", value: "project-key-123" }),
      logger: (event) => events.push(event),
    });
    await kyc.getCheck({ path: { id: "7" } });
    expect(server.seen[0]?.headers["x-partner-project"]).toBe("project-key-123");
    expect(JSON.stringify(events)).not.toContain("project-key-123");
    expect(JSON.stringify(events)).toContain('"x-partner-project":"[REDACTED]"');
  });
});

describe("error bodies", () => {
  it("a __proto__ key stays a key: the error body has no prototype, nothing is polluted", async () => {
    const server = await peer((_, response) => response.writeHead(400, json).end('{"__proto__":{"polluted":"yes"},"error":"bad"}'));
    closing.push(server.close);
    const error = (await createPcServerClient({ baseUrl: server.url })
      .getSystem({ path: { system_id } })
      .catch((e: unknown) => e)) as { body: Record<string, unknown> };
    expect(Object.getPrototypeOf(error.body)).toBeNull();
    expect(error.body.error).toBe("bad");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((error.body as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it("a 10,000-deep body is a ResponseValidationError of its own (it was sent), not an invalid request", async () => {
    const deep = `${"[".repeat(10_000)}${"]".repeat(10_000)}`;
    for (const status of [200, 500]) {
      const server = await peer((_, response) => response.writeHead(status, json).end(deep));
      closing.push(server.close);
      const error = await createPcServerClient({ baseUrl: server.url, retry: { maxRetries: 0 } })
        .getSystem({ path: { system_id } })
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ name: "ResponseValidationError", status, attempts: 1 });
      expect((error as { violations: unknown[] }).violations).toEqual([expect.objectContaining({ path: "/body", rule: "depth" })]);
    }
  });

  it("an answer whose bytes are not UTF-8 is a ResponseValidationError (encoding), not replacement characters", async () => {
    // A name whose Cyrillic is cut mid-character, as a broken gateway or a wrong charset sends it.
    const body = Buffer.concat([Buffer.from('{"system_id":"'), Buffer.from([0xd0, 0x22]), Buffer.from("}")]);
    const server = await peer((_, response) => response.writeHead(200, json).end(body));
    closing.push(server.close);
    const error = await createPcServerClient({ baseUrl: server.url, retry: { maxRetries: 0 } })
      .getSystem({ path: { system_id } })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "ResponseValidationError", status: 200, attempts: 1 });
    expect((error as { violations: unknown[] }).violations).toEqual([{ path: "/body", rule: "encoding", message: "is not valid UTF-8" }]);
  });

  it("personal values the request carried are cut out of an error body whatever their length, case or encoding", async () => {
    const echo = ["Ким", "КИМ", "ким", Buffer.from("Ким").toString("base64"), "4509123456", "ИВАН"].join(" | ");
    const server = await peer((_, response) => response.writeHead(422, json).end(JSON.stringify({ status: "error", message: echo })));
    closing.push(server.close);
    const certs = new CertificateWorkshop();
    certs.selfSigned("partner", 30);
    const kyc = createBank131KycClient({
      baseUrl: server.url,
      auth: apiKeyAuth({ header: "X-PARTNER-PROJECT", value: "p" }),
      signer: nodeCryptoSigner({ key: certs.read("partner.key").toString(), certificate: certs.read("partner.crt").toString() }),
      retry: { maxRetries: 0 },
    });
    const error = await kyc
      .createCheck({
        body: {
          type: "FL_RESIDENT",
          last_name: "Ким",
          first_name: "Иван",
          birthday: "01.02.1990",
          birthplace: "г. Москва",
          citizenship: "RU",
          inn: "500100732259",
          phone_number: "+7 999 123-45-67",
          email: "kim@example.ru",
          documents: [{ type: "PASSPORT_RF", number: "4509123456", issue_date: "15.03.2010", issuer: "ОВД", issuer_code: "770-001" }],
        },
      })
      .catch((e: unknown) => e);
    const seen = JSON.stringify(error, Object.getOwnPropertyNames(error)) + String((error as Error).stack);
    for (const value of ["Ким", "КИМ", "ким", Buffer.from("Ким").toString("base64"), "4509123456", "ИВАН"])
      expect(seen).not.toContain(value);
    expect(JSON.stringify((error as { body: unknown }).body)).toContain("[REDACTED] | [REDACTED]");
  });
});

describe("money on the way in", () => {
  it.each([
    ["12345678901234567.89", "/limits/0/max"],
    ["9007199254740993", "/limits/0/max"],
    ["1e400", "/limits/0/max"],
  ])("%s in a number field is a ResponseValidationError at its place, never a rounded amount", async (token, pointer) => {
    const server = await peer((_, response) => response.writeHead(200, json).end(`{"limits":[{"max":${token}}],"ok":true}`));
    closing.push(server.close);
    const error = await createPcServerClient({ baseUrl: server.url })
      .getSystem({ path: { system_id } })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "ResponseValidationError", status: 200 });
    expect((error as { violations: unknown[] }).violations).toEqual([
      expect.objectContaining({ path: `/body${pointer}`, rule: "precision" }),
    ]);
  });

  it("numbers a double holds exactly pass untouched (0.1, 100.10, 2^53 − 1, long decimals printed shortest)", () => {
    for (const token of ["0.1", "100.10", "9007199254740991", "0.30000000000000004", "true", "-12.5"])
      expect(lossyNumbers(`{"a":${token}}`), token).toEqual([]);
    expect(scanJson('{"a":true,"b":false,"c":12.5}').longNumbers).toBe(false);
  });
});

describe("decimal amounts (format: decimal) keep their digits both ways", () => {
  const counterparty_guid = "5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e";
  const limit = {
    asset_code: "UAH",
    asset_issuer: "GBRMZ5MUMD5KPYKHAZ3RWG6FGWNVKCDP3NQ6DAPSQDPDDMNOSE7MBLOK",
    customer_guid: "7d2f3a4b-5c6d-4e7f-8a9b-0c1d2e3f4a5b",
    period: "day" as const,
  };

  it("a limit of 12345678901234567.89 goes out as that JSON number and comes back as that string", async () => {
    let received = "";
    const server = await peer((request, response) => {
      if (request.method === "POST") {
        request.removeAllListeners("data");
        const chunks: Buffer[] = [];
        request.on("data", (chunk: Buffer) => chunks.push(chunk));
        request.on("end", () => {
          received = Buffer.concat(chunks).toString();
          response.writeHead(200, json).end('{"guid":"0b0a3c59-4f0e-4a39-9a55-3f3b1c9f1e01"}');
        });
        return;
      }
      response
        .writeHead(200, json)
        .end(`[${JSON.stringify(limit).slice(0, -1)},"max":12345678901234567.89},${JSON.stringify(limit).slice(0, -1)},"max":100.10}]`);
    });
    closing.push(server.close);
    const dcm = createDcmClient({ baseUrl: server.url });
    await dcm.setAmountLimit({ path: { counterparty_guid }, body: { ...limit, max: "12345678901234567.89" } });
    expect(received).toContain('"max":12345678901234567.89');
    const limits = await dcm.listAmountLimits({ path: { counterparty_guid } });
    expect(limits.map((l) => l.max)).toEqual(["12345678901234567.89", "100.10"]);
    const refused = await dcm.setAmountLimit({ path: { counterparty_guid }, body: { ...limit, max: "12,5" } }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ name: "RequestValidationError" });
  });
});

describe("credentials from a custom auth provider", () => {
  it("a header value with CR/LF set by a custom provider is refused without quoting it", async () => {
    const server = await peer((_, response) => response.writeHead(200, json).end("{}"));
    closing.push(server.close);
    const pc = createPcServerClient({
      baseUrl: server.url,
      auth: {
        apply: (request) => {
          request.headers.set("x-api-token", "secret-token\r\nX-Evil: 1");
          return request;
        },
      },
    });
    const error = (await pc.getSystem({ path: { system_id } }).catch((e: unknown) => e)) as Error;
    expect(error.name).toBe("PreparationError");
    expect(`${error.message}${error.stack}${JSON.stringify(error)}${String(error.cause)}`).not.toContain("secret-token");
    expect(server.seen).toHaveLength(0);
  });
});

describe("a large personal body echoed back", () => {
  it("a 3 MB photo repeated as base64 in an error body is cut out in bounded time, and no message quotes it", async () => {
    const server = await peer((request, response) => {
      request.removeAllListeners("data");
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () =>
        response.writeHead(400, json).end(JSON.stringify({ code: 400, message: `bad photo ${Buffer.concat(chunks).toString("base64")}` })),
      );
    });
    closing.push(server.close);
    const photo = Buffer.alloc(3 * 1024 * 1024, 7);
    photo.set([0xff, 0xd8, 0xff, 0xe0], 0);
    const identity = createKiscIdentityClient({ baseUrl: server.url, retry: { maxRetries: 0 } });
    const started = performance.now();
    const error = (await identity.verify({ iin: "850101300124", vendor: 1, photo }).catch((e: unknown) => e)) as Error & { body?: unknown };
    expect(error.name).toBe("BadRequestError");
    expect(performance.now() - started).toBeLessThan(10_000);
    const base64 = photo.toString("base64");
    expect(JSON.stringify(error.body)).toBe(JSON.stringify({ code: 400, message: "bad photo [REDACTED]" }));
    expect(`${error.message}${error.stack}`).not.toContain(base64.slice(0, 64));
  });
});

describe("a redirect without a Location", () => {
  it("is a RedirectError naming no target, even with following on", async () => {
    const server = await peer((_, response) => response.writeHead(302).end());
    closing.push(server.close);
    const pc = createPcServerClient({ baseUrl: server.url, followRedirects: {} });
    const error = await pc.getSystem({ path: { system_id } }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "RedirectError", status: 302, locationOrigin: undefined, reason: "not-followed" });
    expect(server.seen).toHaveLength(1);
  });
});
