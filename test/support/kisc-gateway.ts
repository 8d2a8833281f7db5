import { CertificateWorkshop } from "../../runtime/test/support/certificates.js";
import { startMutualTlsProxy } from "./mtls-proxy.js";

/** The unread list's ids (specs/samples/kisc-etsfo/unread-list) → the getMessage example that is that message. */
const messageSamples: Record<string, string> = {
  GRO2021051114103: "camt054",
  GRO2021051114105: "pacs008",
  GRO2021060123853: "pacs002",
};

/**
 * A stand-in for KISC's gateway in front of a local mock: a CA, a gateway certificate and a 14-day client
 * certificate (like KISC's first ones) in a legacy `K0531900.p12`, made for the run, and a TLS front that
 * requires that client certificate before forwarding to `target`.
 */
export async function startKiscGateway(target: string, p12Password: string) {
  const certs = new CertificateWorkshop();
  certs.selfSigned("kisc-ca", 365);
  certs.issue("gateway", "kisc-ca", 365, "subjectAltName=IP:127.0.0.1");
  certs.issue("K0531900", "kisc-ca", 14, "extendedKeyUsage=clientAuth");
  certs.pkcs12("K0531900.p12", "K0531900", p12Password, { legacy: true });
  const gateway = await startMutualTlsProxy({
    key: certs.read("gateway.key"),
    cert: certs.read("gateway.crt"),
    ca: certs.read("kisc-ca.crt"),
    target,
    // The mock answers each listed message with its own sample, as the gateway would.
    headersFor: (url): Record<string, string> => {
      const id = /\/messages\/([^/]+)$/.exec(url.pathname)?.[1];
      const example = id ? messageSamples[id] : undefined;
      return example ? { prefer: `example=${example}` } : {};
    },
  });
  return { url: gateway.url, certs, requests: gateway.requests, close: () => gateway.server.close() };
}
