import { createPrivateKey, createPublicKey, type KeyObject, randomUUID } from "node:crypto";
import { calculateJwkThumbprint, type JWK, SignJWT } from "jose";
import type { AuthProvider } from "./auth-provider.js";

/** DCM's documented `flow` claim: what the employee is doing. */
export type BankJwtFlow = "sign-in" | "sign-up" | "sign-up-processing" | "sign-up-emission";

/** Who acts (`sub`: an employee or a technical user), on what (`obj`: a customer login or key keeper), in which flow. */
export interface BankJwtClaims {
  sub: string;
  obj?: string;
  flow?: BankJwtFlow;
}

export interface BankJwtOptions {
  /** The bank's private key, PEM (RSA: RS256; EC P-256: ES256). Its public half is registered with DCM. */
  key: string | KeyObject;
  /** The claims, fixed or per attempt (for example the employee behind the current request). */
  claims: BankJwtClaims | (() => BankJwtClaims | Promise<BankJwtClaims>);
  /** Seconds from `iat` to `exp` (default 300; DCM recommends at most 1200). */
  lifetimeSeconds?: number;
  /** The header that carries the JWT (default `CX-Authorization`); `Authorization` is sent empty beside it. */
  header?: string;
  /**
   * The `kid` the key was registered under (seed 002 registers `"kid": "54321"`); default the key's RFC 7638
   * thumbprint, as `bankJwk` names it.
   */
  kid?: string;
}

/** The JWS algorithm of a private or public key: RS256 for RSA, ES256 for P-256; anything else is refused. */
function algorithmOf(key: KeyObject): "RS256" | "ES256" {
  if (key.asymmetricKeyType === "rsa") return "RS256";
  if (key.asymmetricKeyType === "ec" && key.asymmetricKeyDetails?.namedCurve === "prime256v1") return "ES256";
  throw new Error(`a bank JWT key must be RSA or EC P-256, not ${key.asymmetricKeyType ?? "unknown"}`);
}

/** A bank's public key as DCM registers it. */
export type BankJwk =
  | { kty: "RSA"; n: string; e: string; kid: string; alg: "RS256"; use: "sig" }
  | { kty: "EC"; crv: "P-256"; x: string; y: string; kid: string; alg: "ES256"; use: "sig" };

/**
 * The public JWK of the bank's key as DCM registers it (`createJwk`'s `data`): `kid` is the RFC 7638
 * thumbprint unless given (the guide's example registers `"kid": "54321"`), so by default the key names itself
 * and a rotated key gets a new id; `alg` and `use: sig` are set. Only public members: a private key given
 * here never leaves in the JWK.
 */
export async function bankJwk(key: string | KeyObject, options: { kid?: string } = {}): Promise<BankJwk> {
  if (options.kid === "") throw new Error("bankJwk: kid, when given, must not be empty");
  const publicKey = typeof key !== "string" && key.type === "public" ? key : createPublicKey(key);
  const alg = algorithmOf(publicKey);
  const jwk = publicKey.export({ format: "jwk" });
  const kid = options.kid ?? (await calculateJwkThumbprint(jwk as JWK, "sha256"));
  return alg === "RS256"
    ? { kty: "RSA", n: jwk.n!, e: jwk.e!, kid, alg, use: "sig" }
    : { kty: "EC", crv: "P-256", x: jwk.x!, y: jwk.y!, kid, alg, use: "sig" };
}

/**
 * JWT by bank: on every attempt a fresh JWT (new `iat`, `exp`, `jti`) signed with the bank's key, `kid` = the
 * one it was registered under (default its thumbprint), in `CX-Authorization`, with `Authorization` empty as
 * DCM requires.
 */
export function bankJwtAuth(options: BankJwtOptions): AuthProvider {
  const key = typeof options.key === "string" ? createPrivateKey(options.key) : options.key;
  if (key.type !== "private") throw new Error("bankJwtAuth: key must be the bank's private key (its public half is what DCM registers)");
  const alg = algorithmOf(key);
  const lifetime = options.lifetimeSeconds ?? 300;
  if (!Number.isInteger(lifetime) || lifetime <= 0 || lifetime > 1200)
    throw new Error("bankJwtAuth: lifetimeSeconds must be a whole number from 1 to 1200");
  if (options.kid === "") throw new Error("bankJwtAuth: kid, when given, must not be empty");
  const kid = options.kid !== undefined ? Promise.resolve(options.kid) : bankJwk(key).then((jwk) => jwk.kid);
  const header = options.header ?? "CX-Authorization";
  return {
    async apply(request) {
      const claims = typeof options.claims === "function" ? await options.claims() : options.claims;
      // A token without a subject names nobody: DCM would refuse it, so it is not made.
      if (typeof claims?.sub !== "string" || claims.sub === "")
        throw new Error("bankJwtAuth: claims.sub must name the employee or technical user");
      const now = Math.floor(Date.now() / 1000);
      const token = await new SignJWT({ ...(claims.flow ? { flow: claims.flow } : {}), ...(claims.obj ? { obj: claims.obj } : {}) })
        .setProtectedHeader({ alg, typ: "JWT", kid: await kid })
        .setSubject(claims.sub)
        .setIssuedAt(now)
        .setExpirationTime(now + lifetime)
        .setJti(randomUUID())
        .sign(key);
      request.headers.set(header, token);
      request.headers.set("authorization", "");
      return request;
    },
  };
}
