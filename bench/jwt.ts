/**
 * JWT benchmark, for DCM: a bank JWT made per attempt by `bankJwtAuth.apply` (claims, kid, header set on the
 * request) against raw jose `SignJWT` with the same key and claims; and a DCM token checked by `jwtVerifier`
 * (remote key set cached after the first fetch, jose underneath) against raw jose `jwtVerify` with a local
 * key. RSA-2048, RS256; same process, alternating rounds, medians.
 * Run: npx tsx bench/jwt.ts   (part of npm run bench)
 */
import { generateKeyPairSync } from "node:crypto";
import { once } from "node:events";
import { createServer } from "node:http";
import { bankJwtAuth, jwtVerifier } from "@bankkit/runtime/jwt";
import { jwtVerify, SignJWT } from "jose";

const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const claims = { sub: "operator-7", obj: "customer-0042", flow: "sign-in" as const };
const auth = bankJwtAuth({ key: privateKey, claims });
const context = { operationId: "createPayment", attempt: 1 };

const jwks = createServer((_, response) =>
  response
    .writeHead(200, { "content-type": "application/json" })
    .end(JSON.stringify({ keys: [{ ...publicKey.export({ format: "jwk" }), kid: "dcm-1", alg: "RS256" }] })),
).listen(0, "127.0.0.1");
await once(jwks, "listening");
const verifier = jwtVerifier({ jwksUrl: `http://127.0.0.1:${(jwks.address() as { port: number }).port}/jwks.json`, issuer: "dcm" });
const token = await new SignJWT({ obj: "customer-0042" })
  .setProtectedHeader({ alg: "RS256", kid: "dcm-1" })
  .setSubject("operator-7")
  .setIssuer("dcm")
  .setIssuedAt()
  .setExpirationTime("10m")
  .sign(privateKey);

async function compare(title: string, ways: { name: string; run: () => Promise<unknown> }[], perRound: number, rounds = 11): Promise<void> {
  for (const way of ways) for (let i = 0; i < perRound; i++) await way.run();
  const rates = ways.map(() => [] as number[]);
  for (let round = 0; round < rounds; round++)
    for (const [index, way] of ways.entries()) {
      const started = performance.now();
      for (let i = 0; i < perRound; i++) await way.run();
      rates[index]!.push(perRound / ((performance.now() - started) / 1000));
    }
  const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]!;
  console.log(`${title}, median of ${rounds} rounds × ${perRound}:`);
  const raw = median(rates[0]!);
  for (const [index, way] of ways.entries()) {
    const rate = median(rates[index]!);
    console.log(`  ${way.name.padEnd(48)} ${rate.toFixed(0).padStart(6)} /s${index === 0 ? "" : `  ${(rate / raw).toFixed(2)}× raw`}`);
  }
}

await compare(
  "Bank JWTs for DCM (RS256, RSA-2048)",
  [
    {
      name: "raw jose SignJWT",
      run: () =>
        new SignJWT({ obj: claims.obj, flow: claims.flow })
          .setProtectedHeader({ alg: "RS256", typ: "JWT", kid: "k" })
          .setSubject(claims.sub)
          .setIssuedAt()
          .setExpirationTime("5m")
          .setJti(crypto.randomUUID())
          .sign(privateKey),
    },
    { name: "bankkit bankJwtAuth.apply (request header set)", run: async () => auth.apply(new Request("https://dcm.example/x"), context) },
  ],
  200,
);
await compare(
  "DCM token verification (RS256)",
  [
    { name: "raw jose jwtVerify, local key", run: () => jwtVerify(token, publicKey, { algorithms: ["RS256"], issuer: "dcm" }) },
    { name: "bankkit jwtVerifier (cached remote JWKS)", run: () => verifier.verify(token) },
  ],
  1000,
);
jwks.close();
