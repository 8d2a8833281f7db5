import { once } from "node:events";
import { createServer, type Server } from "node:https";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ClientCore, type LogEvent, type OperationSpec, TlsError } from "../src/index.js";
import { mutualTlsFetch, readPkcs12 } from "../src/tls.js";
import { CertificateWorkshop } from "./support/certificates.js";

// A CA, a server certificate for 127.0.0.1, a client certificate that expires in 14 days (like KISC's first
// ones), packed with the CA into .p12 files the way CSPs export them: AES (modern) and RC2-40/3DES (legacy).
const certs = new CertificateWorkshop();
const read = (name: string) => certs.read(name);

const ping: OperationSpec = { id: "ping", method: "get", path: "/ping", responses: { "200": { "text/plain": null } } };
const servers: Server[] = [];
let url = "";

describe("mutual TLS from PKCS#12", () => {
  beforeAll(async () => {
    certs.selfSigned("bank-ca", 30);
    certs.selfSigned("other-ca", 30);
    certs.issue("server", "bank-ca", 30, "subjectAltName=IP:127.0.0.1");
    certs.issue("K0531900", "bank-ca", 14, "extendedKeyUsage=clientAuth");
    certs.pkcs12("modern.p12", "K0531900", "Пароль-1", { extra: "bank-ca.crt" });
    certs.pkcs12("legacy.p12", "K0531900", "Пароль-1", { extra: "bank-ca.crt", legacy: true });
    const server = createServer(
      { key: read("server.key"), cert: read("server.crt"), ca: read("bank-ca.crt"), requestCert: true, rejectUnauthorized: true },
      (request, response) => {
        const peer = (request.socket as import("node:tls").TLSSocket).getPeerCertificate();
        response.writeHead(200, { "content-type": "text/plain" }).end(`hello ${peer.subject?.CN}`);
      },
    ).listen(0, "127.0.0.1");
    await once(server, "listening");
    servers.push(server);
    url = `https://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => {
    for (const server of servers) server.close();
  });

  it.each(["modern.p12", "legacy.p12"])("reads %s: key, leaf, the CA as chain only, validity", (file) => {
    const certificate = readPkcs12(read(file), "Пароль-1");
    expect(certificate.subject).toBe("CN=K0531900");
    expect(certificate.issuer).toBe("CN=bank-ca");
    expect(certificate.key).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(certificate.chain).toHaveLength(1);
    expect(certificate.validTo.getTime() - Date.now()).toBeLessThan(15 * 86_400_000);
  });

  it("refuses a wrong password with a clear error", () => {
    expect(() => readPkcs12(read("legacy.p12"), "wrong")).toThrow(/wrong password or not a PKCS#12 file/);
  });

  it("connects with the client certificate from a legacy .p12 and warns that it expires within 30 days", async () => {
    const events: LogEvent[] = [];
    const fetch = mutualTlsFetch({
      certificate: readPkcs12(read("legacy.p12"), "Пароль-1"),
      ca: read("bank-ca.crt").toString(),
      logger: (e) => events.push(e),
    });
    const core = new ClientCore({ servers: [] }, { baseUrl: url, fetch });
    expect(await core.call(ping)).toBe("hello K0531900");
    expect(events).toEqual([expect.objectContaining({ event: "certificate-expiry", subject: "CN=K0531900", daysLeft: 13 })]);
  });

  it("never trusts the CA inside the .p12: a server of an unconfigured CA is refused", async () => {
    // The file carries bank-ca; the client is told to trust only other-ca, so the server (bank-ca) is unknown.
    const fetch = mutualTlsFetch({ certificate: readPkcs12(read("modern.p12"), "Пароль-1"), ca: read("other-ca.crt").toString() });
    const error = await new ClientCore({ servers: [] }, { baseUrl: url, fetch }).call(ping).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TlsError);
    expect((error as TlsError).reason).toBe("unknown-ca");
  });

  it("fails with a typed error when the server refuses the client (no certificate offered)", async () => {
    const core = new ClientCore({ servers: [] }, { baseUrl: url, fetch: (request) => fetch(request), retry: { maxRetries: 0 } });
    const error = await core.call(ping).catch((e: unknown) => e);
    expect(error).toMatchObject({ operationId: "ping" });
    expect(["TlsError", "ConnectionError"]).toContain((error as Error).name);
  });
});
