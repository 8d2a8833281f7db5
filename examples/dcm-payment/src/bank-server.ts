import { once } from "node:events";
import { createServer } from "node:http";
import { createDcmBankServer, type DcmBankHandlers, jwtVerifier, type ServerEvent, toNodeHandler } from "@bankkit/dcm-bank";

export interface BankServerOptions {
  /** DCM's published keys: the bank trusts X-Session-ID tokens signed by them only. */
  dcmJwksUrl: string;
  /** Employees allowed to act on each object (`sub` → `obj`s): the bank's own access rules. */
  access: Record<string, string[]>;
  /** The Stellar address this bank co-signs for. */
  address: string;
  onNotification: (kind: "pay-in" | "pay-out" | "transfer", transactionId: string) => void;
  logger?: (event: ServerEvent) => void;
}

/** The endpoints DCM calls on the bank, served on 127.0.0.1 by the generated dcm-bank server. */
export async function startBankServer(options: BankServerOptions): Promise<{ url: string; close: () => void }> {
  const verifier = jwtVerifier({ jwksUrl: options.dcmJwksUrl, issuer: "dcm", maxAgeSeconds: 1200 });
  const may = (claims: { sub?: string; obj?: unknown } | undefined) =>
    claims?.sub !== undefined && typeof claims.obj === "string" && (options.access[claims.sub] ?? []).includes(claims.obj);
  const refused = { status: 401 as const, body: { error: "Unauthorized", description: "the subject may not act on the object" } };
  const handlers: DcmBankHandlers<{ sub?: string; obj?: unknown }> = {
    userAuth: (_, { principal }) =>
      may(principal) ? { status: 200, body: { external_id: String(principal?.sub), key: options.address } } : refused,
    key: (_, { principal }) => (may(principal) ? { status: 200, body: { key: options.address } } : refused),
    externalId: (_, { principal }) => (may(principal) ? { status: 200, body: { external_id: String(principal?.obj) } } : refused),
    notifyPayIn: ({ body }) => {
      options.onNotification("pay-in", body.transaction_id);
      return { status: 200 };
    },
    notifyPayOut: ({ body }) => {
      options.onNotification("pay-out", body.transaction_id);
      return { status: 200 };
    },
    notifyTransfer: ({ body }) => {
      options.onNotification("transfer", body.transaction_id);
      return { status: 200 };
    },
    // Co-signing Stellar transactions needs the bank's Stellar keys: this example holds none, so it refuses.
    sign: () => ({ status: 401, body: { error: "Unauthorized", description: "this bank signs no Stellar transactions here" } }),
  };
  const server = createServer(
    toNodeHandler(
      createDcmBankServer(handlers, {
        authenticate: { dcmSession: (token) => verifier.verify(token) },
        ...(options.logger ? { logger: options.logger } : {}),
      }),
    ),
  ).listen(0, "127.0.0.1");
  await once(server, "listening");
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, close: () => server.close() };
}
