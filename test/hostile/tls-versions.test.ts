import { once } from "node:events";
import { createServer } from "node:https";
import { createPcServerClient, TlsError } from "@bankkit/pc-server";
import { describe, expect, it } from "vitest";
import { CertificateWorkshop } from "../../runtime/test/support/certificates.js";

describe("a server that speaks only TLS 1.1", () => {
  it("is a TlsError (protocol-version), never retried", async () => {
    const certs = new CertificateWorkshop();
    certs.selfSigned("legacy", 2, "/CN=127.0.0.1");
    let handshakes = 0;
    // OpenSSL 3 allows TLS 1.1 only at security level 0: what an old gateway still runs.
    const server = createServer({
      key: certs.read("legacy.key"),
      cert: certs.read("legacy.crt"),
      minVersion: "TLSv1",
      maxVersion: "TLSv1.1",
      ciphers: "DEFAULT@SECLEVEL=0",
    });
    server.on("tlsClientError", () => handshakes++);
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    try {
      const pc = createPcServerClient({
        baseUrl: `https://127.0.0.1:${(server.address() as { port: number }).port}`,
        retry: { maxRetries: 3 },
      });
      const error = await pc.getSystem({ path: { system_id: "s" } }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TlsError);
      expect(error).toMatchObject({ reason: "protocol-version", code: "ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION", attempts: 1 });
      expect(handshakes).toBe(1);
    } finally {
      server.close();
    }
  });
});
