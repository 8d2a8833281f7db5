import { once } from "node:events";
import { createServer, type Server } from "node:https";
import { Agent } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ClientCore, type OperationSpec, TlsError } from "../src/index.js";
import { CertificateWorkshop } from "./support/certificates.js";

// A CA, a server certificate for "bank.test" only (not for 127.0.0.1, to provoke a host mismatch), and a
// server certificate for 127.0.0.1 issued by the same CA.
const certs = new CertificateWorkshop();
const get: OperationSpec = { id: "ping", method: "get", path: "/ping", responses: { "200": { "text/plain": null } } };
const servers: Server[] = [];

async function serve(options: Parameters<typeof createServer>[0]): Promise<string> {
  const server = createServer(options, (_, response) => response.writeHead(200, { "content-type": "text/plain" }).end("pong")).listen(
    0,
    "127.0.0.1",
  );
  await once(server, "listening");
  servers.push(server);
  return `https://127.0.0.1:${(server.address() as { port: number }).port}`;
}

function client(baseUrl: string, connect: { ca?: Buffer; maxVersion?: "TLSv1.2" }) {
  const dispatcher = new Agent({ connect });
  return new ClientCore(
    { servers: [] },
    { baseUrl, fetch: (request) => fetch(request, { dispatcher } as unknown as RequestInit), retry: { maxRetries: 3, baseDelayMs: 1 } },
  );
}

describe("TLS failures are typed, named and never retried", () => {
  let mismatched: string;
  let trusted: string;
  let mutual: string;
  let ca: Buffer;
  beforeAll(async () => {
    certs.selfSigned("ca", 2);
    ca = certs.read("ca.crt");
    certs.issue("other", "ca", 2, "subjectAltName=DNS:bank.test");
    certs.issue("local", "ca", 2, "subjectAltName=IP:127.0.0.1");
    const local = { key: certs.read("local.key"), cert: certs.read("local.crt") };
    mismatched = await serve({ key: certs.read("other.key"), cert: certs.read("other.crt") });
    trusted = await serve(local);
    mutual = await serve({ ...local, ca, requestCert: true, rejectUnauthorized: true });
  });
  afterAll(() => {
    for (const server of servers) server.close();
  });

  it("works when the CA is pinned and the name matches", async () => {
    expect(await client(trusted, { ca }).call(get)).toBe("pong");
  });

  it.each([
    ["an unknown CA", () => client(trusted, {}), "unknown-ca"],
    ["a certificate for another host", () => client(mismatched, { ca }), "host-mismatch"],
    [
      "a server that requires a client certificate (TLS 1.2: handshake_failure alert)",
      () => client(mutual, { ca, maxVersion: "TLSv1.2" }),
      "handshake",
    ],
  ])("%s", async (_, make, reason) => {
    const error = await make()
      .call(get)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TlsError);
    expect((error as TlsError).reason).toBe(reason);
    expect((error as TlsError).attempts).toBe(1);
  });

  it("a refused client certificate under TLS 1.3 arrives as a closed socket: a typed ConnectionError", async () => {
    // TLS 1.3 completes the client's side of the handshake before the server's certificate_required alert,
    // and undici reports the socket closing (UND_ERR_SOCKET) without the alert.
    const error = await client(mutual, { ca })
      .call(get)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "ConnectionError", code: "UND_ERR_SOCKET", operationId: "ping" });
  });
});
