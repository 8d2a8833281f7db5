import { generateKeyPairSync, randomUUID } from "node:crypto";
import { once } from "node:events";
import { createServer } from "node:http";
import { apiKeyAuth, createDcmBankClient } from "@bankkit/dcm-bank";
import { SignJWT } from "jose";

/**
 * DCM's side of the callbacks, for runs against a mock (a mock cannot call the bank back): a signing key
 * made for the run, its JWKS on 127.0.0.1, and the pay-in notification DCM would send — through the
 * generated dcm-bank client, with a DCM-style JWT in X-Session-ID.
 */
export async function startDcmStandIn(): Promise<{
  jwksUrl: string;
  notifyPayIn: (bankUrl: string, transactionId: string) => Promise<void>;
  close: () => void;
}> {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const jwk = { ...publicKey.export({ format: "jwk" }), kid: "dcm-stand-in", alg: "RS256", use: "sig" };
  const server = createServer((_, response) =>
    response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ keys: [jwk] })),
  );
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const jwksUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}/api/v1/.well-known/jwks.json`;
  return {
    jwksUrl,
    async notifyPayIn(bankUrl, transactionId) {
      const token = await new SignJWT({ flow: "sign-in" })
        .setProtectedHeader({ alg: "RS256", typ: "JWT", kid: "dcm-stand-in" })
        .setIssuer("dcm")
        .setSubject("dcm-processing")
        .setIssuedAt()
        .setExpirationTime("2m")
        .setJti(randomUUID())
        .sign(privateKey);
      const bank = createDcmBankClient({ baseUrl: bankUrl, auth: apiKeyAuth({ header: "X-Session-ID", value: token }) });
      await bank.notifyPayIn({ body: { transaction_id: transactionId } });
    },
    close: () => server.close(),
  };
}
