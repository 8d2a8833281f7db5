import { once } from "node:events";
import { createServer, type IncomingMessage, type Server } from "node:http";
import { BankkitError, createKiscIdentityClient, type KiscIdentityClient, type LogEvent } from "@bankkit/kisc-identity";
import { nodeCryptoSigner } from "@bankkit/runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CertificateWorkshop } from "../../runtime/test/support/certificates.js";

// The person of this test. None of it may reach a log event, an error message, an error's properties or
// its causes — whatever the server answers.
const person = {
  iin: "850101300124",
  name: "Айгерим Сапарова",
  phone: "+77011234567",
  consent: "Я, Айгерим Сапарова, согласна на сбор и обработку моих персональных данных",
};
const photoMarker = "PHOTO-OF-THE-PERSON-93f1c2";
const photo = Uint8Array.from([
  ...Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64"),
  ...Buffer.from(photoMarker),
]);
const needles = [
  person.iin,
  person.name,
  "Сапарова",
  person.phone,
  "7011234567",
  person.consent,
  photoMarker,
  Buffer.from(photo).toString("base64"),
  Buffer.from(photo).toString("base64url"),
  Buffer.from(photo).toString("hex"),
];

type Answer = (received: { url: URL; text: string }) => { status: number; type: string; body: string } | "hang" | "reset";

/**
 * A server that misbehaves on purpose: its answers repeat what it was sent (query, body) in free text, and
 * carry the person's data in the fields the spec marks as personal, as a careless server's errors do.
 */
let answer: Answer = () => ({ status: 500, type: "text/plain", body: "" });
const servers: Server[] = [];
let url = "";

async function received(request: IncomingMessage) {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const bytes = Buffer.concat(chunks);
  const textual = /json|text/.test(request.headers["content-type"] ?? "");
  return { url: new URL(request.url ?? "/", "http://x"), text: textual ? bytes.toString("utf8") : bytes.toString("base64") };
}

/** What a careless server's message says: the query, and the body as text (bytes as base64). */
function echo({ url, text }: { url: URL; text: string }): string {
  return `query ${decodeURIComponent(url.search)} path ${url.pathname} body ${text}`;
}

const forcedErrors: Record<string, Answer> = {
  "a 400 whose JSON repeats the request": (r) => ({
    status: 400,
    type: "application/json",
    body: JSON.stringify({
      message: echo(r),
      iin: r.url.searchParams.get("iin") ?? person.iin,
      consent: person.consent,
      mobilephone: person.phone,
      details: [{ text: echo(r) }],
    }),
  }),
  "a 500 in plain text that repeats the request": (r) => ({ status: 500, type: "text/plain", body: echo(r) }),
  "a 200 that breaks the contract and carries personal data": (r) => ({
    status: 200,
    type: "application/json",
    body: JSON.stringify({ iin: person.iin, result: 7, mobilephone: 77011234567, vendors: person.name, binary: echo(r), text: echo(r) }),
  }),
  "a 200 that is not JSON but the person's data": (r) => ({ status: 200, type: "application/json", body: `IIN ${person.iin}: ${echo(r)}` }),
  "a 200 in another content type": (r) => ({ status: 200, type: "text/html", body: `<p>${echo(r)}</p>` }),
  "no answer (timeout)": () => "hang",
  "a reset connection": () => "reset",
};

describe("personal data never reaches a log or an error (KISC identity, every operation, forced errors)", () => {
  const certs = new CertificateWorkshop();
  certs.selfSigned("bank", 30, "/CN=Bank identity client");
  const events: LogEvent[] = [];
  let client: KiscIdentityClient;

  beforeAll(async () => {
    const server = createServer(async (request, response) => {
      const got = await received(request);
      const reply = answer(got);
      if (reply === "hang") return;
      if (reply === "reset") return request.socket.destroy();
      response.writeHead(reply.status, { "content-type": reply.type }).end(reply.body);
    }).listen(0, "127.0.0.1");
    await once(server, "listening");
    servers.push(server);
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    client = createKiscIdentityClient({
      baseUrl: url,
      logger: (event) => events.push(event),
      retry: { maxRetries: 1, baseDelayMs: 1 },
      timeoutMs: 300,
      jwsSigner: nodeCryptoSigner({ key: certs.read("bank.key").toString(), certificate: certs.read("bank.crt").toString() }),
      // Every breach an error (drift from assumed answers too): each error is checked for personal data.
      strictAssumptions: true,
    });
  });
  afterAll(() => {
    for (const server of servers) {
      server.closeAllConnections();
      server.close();
    }
  });

  const operations: Record<string, () => Promise<unknown>> = {
    vendors: () => client.vendors(),
    news: () => client.news(),
    verify: () => client.verify({ iin: person.iin, vendor: 1, photo }),
    // The photo as every kind of bytes the client accepts: each is kept out of what an error repeats.
    verifyBlob: () => client.verify({ iin: person.iin, vendor: 1, photo: new Blob([photo], { type: "image/png" }) }),
    verifyArrayBuffer: () => client.verify({ iin: person.iin, vendor: 1, photo: photo.slice().buffer }),
    repeatVerification: () => client.repeatVerification("c0ffee00-0000-4000-8000-000000000001"),
    personalData: () =>
      client.personalData({ idempotencyKey: "c0ffee00-0000-4000-8000-000000000001", consentText: person.consent, mcdb: 1 }),
    transactionsReport: () => client.transactionsReport("20211001", "20211031"),
    act: () => client.act(2021, 8),
  };

  /** Everything an error exposes: message, stack, own properties, and the same of its causes. */
  function everything(error: unknown, depth = 0): string {
    if (!(error instanceof Error) || depth > 5) return JSON.stringify(error) ?? String(error);
    const own = Object.fromEntries(Object.entries(error).filter(([key]) => key !== "cause"));
    return [error.message, error.stack, JSON.stringify(own), everything(error.cause, depth + 1)].join("\n");
  }

  for (const [forced, reply] of Object.entries(forcedErrors)) {
    it(`${forced}: every operation fails with a BankkitError that holds no personal data`, async () => {
      answer = reply;
      for (const [name, call] of Object.entries(operations)) {
        const error = await call().then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error, name).toBeInstanceOf(BankkitError);
        const exposed = everything(error);
        for (const needle of needles) expect(exposed.includes(needle), `${name}: ${forced} exposes "${needle.slice(0, 24)}…"`).toBe(false);
      }
    });
  }

  it("refusals before sending (a wrong IIN, a mislabelled photo, an inverted period) hold no personal data either", async () => {
    const wrongIin = `${person.iin.slice(0, 11)}5`;
    const refusals = [
      client.verify({ iin: wrongIin, vendor: 1, photo }),
      client.verify({ iin: person.iin, vendor: 1, photo: new Blob([photo], { type: "image/jpeg" }) }),
      client.verify({ iin: person.name, vendor: 1, photo }),
      client.personalData({ idempotencyKey: "", consentText: person.consent }),
      client.transactionsReport("20211031", "20211001"),
    ];
    for (const refusal of refusals) {
      const error = await refusal.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BankkitError);
      for (const needle of [...needles, wrongIin]) expect(everything(error).includes(needle), needle.slice(0, 24)).toBe(false);
    }
  });

  it("by default, an answer that drifts from an assumed shape is logged as contract-drift without personal data", async () => {
    answer = forcedErrors["a 200 that breaks the contract and carries personal data"]!;
    const drift: LogEvent[] = [];
    const lenient = createKiscIdentityClient({
      baseUrl: url,
      logger: (event) => drift.push(event),
      jwsSigner: nodeCryptoSigner({ key: certs.read("bank.key").toString(), certificate: certs.read("bank.crt").toString() }),
    });
    await lenient
      .personalData({ idempotencyKey: "c0ffee00-0000-4000-8000-000000000001", consentText: person.consent })
      .catch(() => undefined);
    await lenient.vendors().catch(() => undefined);
    expect(drift.some((e) => e.event === "contract-drift")).toBe(true);
    const logged = JSON.stringify(drift);
    for (const needle of needles) expect(logged.includes(needle), needle.slice(0, 24)).toBe(false);
  });

  it("the logger saw every attempt, and none of its events holds personal data", () => {
    expect(events.filter((e) => e.event === "attempt").length).toBeGreaterThanOrEqual(Object.keys(forcedErrors).length * 9);
    const logged = JSON.stringify(events);
    for (const needle of needles) expect(logged.includes(needle), needle.slice(0, 24)).toBe(false);
  });
});
