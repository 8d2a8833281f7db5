import { execFileSync } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Agent } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ClientCore, type OperationSpec, TlsError } from "../src/index.js";

// Certificates made for the test by openssl: a CA, a server certificate for "bank.test" only (not for
// 127.0.0.1, to provoke a host mismatch), and a server certificate for 127.0.0.1 signed by the same CA.
const dir = mkdtempSync(join(tmpdir(), "bankkit-tls-"));
const openssl = (...args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: "pipe" });
function issue(name: string, san: string) {
  writeFileSync(join(dir, `${name}.ext`), `subjectAltName=${san}\n`);
  openssl("req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", `${name}.key`, "-out", `${name}.csr`, "-subj", `/CN=${name}`);
  openssl(
    "x509",
    "-req",
    "-in",
    `${name}.csr`,
    "-CA",
    "ca.crt",
    "-CAkey",
    "ca.key",
    "-CAcreateserial",
    "-days",
    "2",
    "-out",
    `${name}.crt`,
    "-extfile",
    `${name}.ext`,
  );
  return { key: readFileSync(join(dir, `${name}.key`)), cert: readFileSync(join(dir, `${name}.crt`)) };
}

const get: OperationSpec = { id: "ping", method: "get", path: "/ping", responses: { "200": { "text/plain": null } } };
let ca: Buffer;
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

function client(
  baseUrl: string,
  connect: ConstructorParameters<typeof Agent>[0] extends infer O ? (O extends { connect?: infer C } ? C : never) : never,
) {
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
  beforeAll(async () => {
    openssl(
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-keyout",
      "ca.key",
      "-out",
      "ca.crt",
      "-days",
      "2",
      "-subj",
      "/CN=bankkit test CA",
    );
    ca = readFileSync(join(dir, "ca.crt"));
    const other = issue("other", "DNS:bank.test");
    const local = issue("local", "IP:127.0.0.1");
    mismatched = await serve({ ...other });
    trusted = await serve({ ...local });
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
