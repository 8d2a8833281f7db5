import { generateKeyPairSync, verify } from "node:crypto";
import { describe, expect, it } from "vitest";
import { bankJwk, bankJwtAuth } from "../src/auth/bank-jwt.js";

const parts = (token: string) => {
  const [header, payload, signature] = token.split(".") as [string, string, string];
  const decode = (part: string) => JSON.parse(Buffer.from(part, "base64url").toString());
  return {
    header: decode(header),
    payload: decode(payload),
    input: Buffer.from(`${header}.${payload}`),
    signature: Buffer.from(signature, "base64url"),
  };
};

async function tokenOf(auth: ReturnType<typeof bankJwtAuth>): Promise<{ request: Request; token: string }> {
  const request = await auth.apply(new Request("https://dcm.example/api/v1/x", { headers: { authorization: "Bearer stale" } }), {
    operationId: "x",
    attempt: 1,
  });
  return { request, token: request.headers.get("cx-authorization") ?? "" };
}

describe("bankJwtAuth (JWT by bank)", () => {
  it("ES256 from a P-256 key: a JOSE r‖s signature node:crypto verifies, kid = the key's thumbprint", async () => {
    const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const { request, token } = await tokenOf(
      bankJwtAuth({ key: privateKey, claims: async () => ({ sub: "operator-1", obj: "keeper-2", flow: "sign-up-emission" }) }),
    );
    const { header, payload, input, signature } = parts(token);
    expect(header).toEqual({ alg: "ES256", typ: "JWT", kid: (await bankJwk(publicKey)).kid });
    expect(payload).toMatchObject({ sub: "operator-1", obj: "keeper-2", flow: "sign-up-emission" });
    expect(payload.exp - payload.iat).toBe(300);
    expect(signature).toHaveLength(64);
    expect(verify("sha256", input, { key: publicKey, dsaEncoding: "ieee-p1363" }, signature)).toBe(true);
    expect(request.headers.get("authorization")).toBe("");
  });

  it("refuses keys JOSE cannot name for DCM, public keys and lifetimes beyond DCM's 1200 s", () => {
    const ed = generateKeyPairSync("ed25519").privateKey;
    const p384 = generateKeyPairSync("ec", { namedCurve: "P-384" }).privateKey;
    const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
    expect(() => bankJwtAuth({ key: ed, claims: { sub: "a" } })).toThrow(/must be RSA or EC P-256, not ed25519/);
    expect(() => bankJwtAuth({ key: p384, claims: { sub: "a" } })).toThrow(/must be RSA or EC P-256/);
    expect(() => bankJwtAuth({ key: rsa, claims: { sub: "a" }, lifetimeSeconds: 3600 })).toThrow(/from 1 to 1200/);
    const { publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    expect(() => bankJwtAuth({ key: publicKey, claims: { sub: "a" } })).toThrow(/must be the bank's private key/);
  });

  it("makes no token without a subject", async () => {
    const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
    const nobody = bankJwtAuth({ key: rsa, claims: () => ({ sub: "" }) });
    await expect(tokenOf(nobody)).rejects.toThrow(/claims\.sub must name the employee/);
  });

  it("the registration JWK carries only public members", async () => {
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    expect(Object.keys(await bankJwk(privateKey)).sort()).toEqual(["alg", "e", "kid", "kty", "n", "use"]);
  });

  it("refuses an empty kid rather than registering or signing under none", async () => {
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    await expect(bankJwk(privateKey, { kid: "" })).rejects.toThrow(/kid, when given, must not be empty/);
    expect(() => bankJwtAuth({ key: privateKey, kid: "", claims: { sub: "e" } })).toThrow(/kid, when given, must not be empty/);
  });
});
