import { createHmac, generateKeyPairSync, type KeyObject } from "node:crypto";
import { once } from "node:events";
import { createServer, type Server } from "node:http";
import {
  createDcmBankClient,
  createDcmBankServer,
  type DcmBankHandlers,
  HttpStatusError,
  type JwtRejectedError,
  type ServerEvent,
  toNodeHandler,
} from "@bankkit/dcm-bank";
import { apiKeyAuth } from "@bankkit/runtime";
import { jwtVerifier } from "@bankkit/runtime/jwt";
import { SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// DCM's signing keys: the one published now, the one it rotates to, and one nobody published.
const rsa = () => generateKeyPairSync("rsa", { modulusLength: 2048 });
const dcmKey = rsa();
const rotatedKey = rsa();
const strangerKey = rsa();
const bankAddress = "GCFXHS4GXL6BVUCXBWXGTITROWLVYXQKQLF4YH5O5JT3YZXCYPAFBJZB";

interface Published {
  keys: { kid: string; key: KeyObject }[];
  fetches: number;
}
const published: Published = { keys: [{ kid: "dcm-1", key: dcmKey.publicKey }], fetches: 0 };

type Claims = { sub?: string; obj?: string; flow?: string; aud?: string; iss?: string; iat?: number; exp?: number; nbf?: number };
const now = () => Math.floor(Date.now() / 1000);

/** A JWT as DCM signs one; every field can be bent to forge a bad one. */
async function dcmToken(claims: Claims = {}, options: { key?: KeyObject; kid?: string } = {}): Promise<string> {
  const { iat = now(), exp = now() + 60, ...rest } = claims;
  return new SignJWT({ flow: "sign-in", obj: "customer-0042", ...rest })
    .setProtectedHeader({ alg: "RS256", typ: "JWT", kid: options.kid ?? "dcm-1" })
    .setSubject(claims.sub ?? "employee-7")
    .setIssuer(claims.iss ?? "dcm")
    .setAudience(claims.aud ?? "bank-0042")
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .setJti(crypto.randomUUID())
    .sign(options.key ?? dcmKey.privateKey);
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

const received: string[] = [];
const events: ServerEvent[] = [];
let aborted = false;

// The bank's side: who may act on what, and the keys it holds.
const handlers: DcmBankHandlers<{ sub?: string; obj?: unknown }> = {
  userAuth: (_, { principal }) =>
    principal?.sub === "employee-7" && principal.obj === "customer-0042"
      ? { status: 200, body: { external_id: "emp-0042", key: bankAddress } }
      : { status: 401, body: { error: "Unauthorized", description: "the subject may not act on the object" } },
  key: (_, { principal }) =>
    principal?.obj === "broken"
      ? ({ status: 200, body: { key: "" } } as never) // an answer that breaks the contract (key: minLength 1)
      : { status: 200, body: { key: bankAddress } },
  externalId: async (_, { principal, signal }) => {
    if (principal?.obj === "slow") {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      aborted = signal.aborted;
    }
    return { status: 200, body: { external_id: "customer-0042" } };
  },
  notifyPayIn: ({ body }) => {
    received.push(`pay-in ${body.transaction_id}`);
    return { status: 200 };
  },
  notifyPayOut: ({ body }) => {
    received.push(`pay-out ${body.transaction_id}`);
    return { status: 200 };
  },
  notifyTransfer: ({ body }) => {
    received.push(`transfer ${body.transaction_id}`);
    return { status: 200 };
  },
  sign: ({ body }) => {
    if (!body.address.includes(bankAddress))
      return { status: 401, body: { error: "Unauthorized", description: "no address of this bank" } };
    if (body.transaction_xdr === "AAAAunknown") return { status: 404, body: { error: "NotFound", description: "unknown payment" } };
    return { status: 200, body: { address: body.address, transaction_xdr: `${body.transaction_xdr}c2lnbmVk` } };
  },
};

const servers: Server[] = [];
let bankUrl = "";
let verifier: ReturnType<typeof jwtVerifier>;

async function listen(server: Server): Promise<string> {
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}

describe("the generated bank-side server for DCM (dcm-bank.yaml) over real HTTP", () => {
  beforeAll(async () => {
    const jwks = await listen(
      createServer((_, response) => {
        published.fetches++;
        const keys = published.keys.map(({ kid, key }) => ({ ...key.export({ format: "jwk" }), kid, alg: "RS256", use: "sig" }));
        response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ keys }));
      }),
    );
    verifier = jwtVerifier({
      jwksUrl: `${jwks}/api/v1/.well-known/jwks.json`,
      issuer: "dcm",
      audience: "bank-0042",
      maxAgeSeconds: 1200,
      cooldownMs: 50,
    });
    const server = createDcmBankServer(handlers, {
      authenticate: { dcmSession: (token) => verifier.verify(token) },
      logger: (event) => events.push(event),
    });
    bankUrl = await listen(createServer(toNodeHandler(server)));
  });
  afterAll(() => {
    for (const server of servers) server.close();
  });

  const asDcm = (token: string) => createDcmBankClient({ baseUrl: bankUrl, auth: apiKeyAuth({ header: "X-Session-ID", value: token }) });
  const withSession = (token: string | undefined, path = "/user_auth") =>
    fetch(`${bankUrl}${path}`, { headers: token === undefined ? {} : { "x-session-id": token } });

  it("user_auth, key and external_id answer a valid DCM token within the deadline, typed", async () => {
    const dcm = asDcm(await dcmToken());
    expect(await dcm.userAuth()).toEqual({ external_id: "emp-0042", key: bankAddress });
    expect(await dcm.key()).toEqual({ key: bankAddress });
    expect(await dcm.externalId()).toEqual({ external_id: "customer-0042" });
  });

  it("answers 401 when the token's subject may not act on its object", async () => {
    const error = await asDcm(await dcmToken({ sub: "employee-9" }))
      .userAuth({ retry: { maxRetries: 0 } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpStatusError);
    expect((error as HttpStatusError).status).toBe(401);
    expect((error as HttpStatusError).body).toEqual({ error: "Unauthorized", description: "the subject may not act on the object" });
  });

  it("refuses forged and stale tokens with 401 before any handler runs", async () => {
    const [header, payload, signature] = (await dcmToken()).split(".") as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString()) as Claims;
    const publicPem = dcmKey.publicKey.export({ type: "spki", format: "pem" }).toString();
    const hs256Input = `${b64({ alg: "HS256", typ: "JWT", kid: "dcm-1" })}.${payload}`;
    // Each forged token, and the reason the verifier gives for it (the server's 401 does not tell the caller).
    const forged: Record<string, [string, JwtRejectedError["reason"]]> = {
      "alg none": [`${b64({ alg: "none", typ: "JWT" })}.${payload}.`, "algorithm"],
      "HS256 keyed with the public key": [
        `${hs256Input}.${createHmac("sha256", publicPem).update(hs256Input).digest("base64url")}`,
        "algorithm",
      ],
      expired: [await dcmToken({ iat: now() - 600, exp: now() - 300 }), "expired"],
      "not yet valid (nbf)": [await dcmToken({ nbf: now() + 300 }), "not-yet-valid"],
      "issued in the future": [await dcmToken({ iat: now() + 300, exp: now() + 600 }), "not-yet-valid"],
      "older than the maximum age": [await dcmToken({ iat: now() - 1300, exp: now() + 600 }), "too-old"],
      "an unknown kid": [await dcmToken({}, { kid: "dcm-unknown" }), "unknown-key"],
      "another key under DCM's kid": [await dcmToken({}, { key: strangerKey.privateKey }), "signature"],
      "another audience": [await dcmToken({ aud: "bank-0099" }), "audience"],
      "another issuer": [await dcmToken({ iss: "someone" }), "issuer"],
      "a tampered payload": [`${header}.${b64({ ...claims, sub: "admin" })}.${signature}`, "signature"],
      "not a JWT": ["not-a-jwt", "malformed"],
    };
    for (const [name, [token, reason]] of Object.entries(forged)) {
      const response = await withSession(token);
      expect(response.status, name).toBe(401);
      expect(await response.json(), name).toEqual({ error: "Unauthorized", description: "the credentials are not valid" });
      expect(((await verifier.verify(token).catch((e: unknown) => e)) as JwtRejectedError).reason, name).toBe(reason);
      // The operator's log says why, without the token.
      expect(events.at(-1), name).toMatchObject({ operationId: "userAuth", outcome: "unauthorized", reason });
    }
    expect((await withSession(undefined)).status).toBe(401);
    expect(events.at(-1)).toMatchObject({ outcome: "unauthorized", reason: "missing" });
    expect(events.filter((e) => e.outcome === "unauthorized").length).toBeGreaterThanOrEqual(Object.keys(forged).length + 1);
  });

  it("answers 503 at the one-second deadline instead of late, and tells the handler to stop", async () => {
    const started = performance.now();
    const response = await withSession(await dcmToken({ obj: "slow" }), "/external_id");
    const elapsed = performance.now() - started;
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ error: "DeadlineExceeded", description: "no answer within 1000 ms" });
    expect(elapsed).toBeGreaterThanOrEqual(990);
    expect(elapsed).toBeLessThan(1400);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(aborted).toBe(true);
  });

  it("notifications reach their handlers; a body that breaks the contract gets 400 with the violations", async () => {
    const dcm = asDcm(await dcmToken());
    await dcm.notifyPayIn({ body: { transaction_id: "6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d" } });
    await dcm.notifyPayOut({ body: { transaction_id: "tx-2" } });
    await dcm.notifyTransfer({ body: { transaction_id: "tx-3" } });
    expect(received).toEqual(["pay-in 6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d", "pay-out tx-2", "transfer tx-3"]);
    const invalid = await fetch(`${bankUrl}/api/dcm/notify/pay-in`, {
      method: "POST",
      headers: { "x-session-id": await dcmToken(), "content-type": "application/json" },
      body: JSON.stringify({ id: 7 }),
    });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({
      error: "InvalidRequest",
      violations: [{ path: "/body/transaction_id", rule: "required" }],
    });
    const notJson = await fetch(`${bankUrl}/api/dcm/notify/pay-in`, {
      method: "POST",
      headers: { "x-session-id": await dcmToken() },
      body: "{",
    });
    expect(((await notJson.json()) as { violations: { rule: string }[] }).violations[0]?.rule).toBe("json");
    expect(received).toHaveLength(3);
  });

  it("/sign needs no token; 200 with the bank's signature added, 401 for foreign addresses, 404 for an unknown payment", async () => {
    const dcm = createDcmBankClient({ baseUrl: bankUrl, retry: { maxRetries: 0 } });
    expect(await dcm.sign({ body: { address: [bankAddress], transaction_xdr: "AAAAAgAAAADZ" } })).toEqual({
      address: [bankAddress],
      transaction_xdr: "AAAAAgAAAADZc2lnbmVk",
    });
    const foreign = "GDQP2KPQGKIHYJGXNUIYOMHARUARCA7DJT5FO2FFOOKY3B2WSQHG4W37";
    expect(await dcm.sign({ body: { address: [foreign], transaction_xdr: "AAAA" } }).catch((e: { status: number }) => e.status)).toBe(401);
    expect(
      await dcm.sign({ body: { address: [bankAddress], transaction_xdr: "AAAAunknown" } }).catch((e: { status: number }) => e.status),
    ).toBe(404);
  });

  it("catches a handler answer that breaks the contract before it leaves: 500, the violation logged", async () => {
    const response = await withSession(await dcmToken({ obj: "broken" }), "/key");
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ error: "ContractBroken", description: "the answer would break the contract" });
    expect(events.at(-1)).toMatchObject({
      operationId: "key",
      outcome: "contract-broken",
      violations: [{ path: "/body/key", rule: "minLength" }],
    });
  });

  it("picks up DCM's rotated key: an unknown kid refetches the key set (at most once per cooldown)", async () => {
    published.keys.push({ kid: "dcm-2", key: rotatedKey.publicKey });
    const before = published.fetches;
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect((await withSession(await dcmToken({}, { key: rotatedKey.privateKey, kid: "dcm-2" }))).status).toBe(200);
    expect(published.fetches).toBe(before + 1);
    expect((await withSession(await dcmToken({}, { key: rotatedKey.privateKey, kid: "dcm-2" }))).status).toBe(200);
    expect(published.fetches).toBe(before + 1);
  });

  it("404 for an unknown path, 405 for a known path with another method; no event carries a token", async () => {
    expect((await fetch(`${bankUrl}/nothing`)).status).toBe(404);
    expect((await fetch(`${bankUrl}/sign`)).status).toBe(405);
    const token = await dcmToken();
    await withSession(token);
    expect(JSON.stringify(events)).not.toContain(token.split(".")[2]);
  });
});
