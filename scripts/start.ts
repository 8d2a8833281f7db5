// `npm start`: runs every example flow against Prism mocks of the specs and prints what happened.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { CertificateWorkshop } from "../runtime/test/support/certificates.ts";
import { startMutualTlsProxy } from "../test/support/mtls-proxy.ts";
import { type PrismMock, startPrism } from "../test/support/prism.ts";

interface Flow {
  example: string;
  spec: string;
  /** The environment the example needs, given the mock's URL; may start more local servers. */
  setup: (mock: PrismMock) => Promise<{ env: Record<string, string>; stop?: () => void }>;
}

const flows: Flow[] = [
  {
    example: "examples/pc-signing-flow",
    spec: "specs/openapi/pc-server.yaml",
    setup: async (mock) => ({ env: { PC_SERVER_URL: mock.url } }),
  },
  {
    example: "examples/kisc-credit-transfer",
    spec: "specs/openapi/kisc-etsfo.yaml",
    // KISC's gateway requires a client certificate: a CA, a gateway certificate and a 14-day client
    // certificate (like KISC's first ones) are made for the run, and a TLS front requires it before the mock.
    setup: async (mock) => {
      const certs = new CertificateWorkshop();
      certs.selfSigned("kisc-ca", 365);
      certs.issue("gateway", "kisc-ca", 365, "subjectAltName=IP:127.0.0.1");
      certs.issue("K0531900", "kisc-ca", 14, "extendedKeyUsage=clientAuth");
      certs.pkcs12("K0531900.p12", "K0531900", "example-password", { legacy: true });
      const gateway = await startMutualTlsProxy({
        key: certs.read("gateway.key"),
        cert: certs.read("gateway.crt"),
        ca: certs.read("kisc-ca.crt"),
        target: mock.url,
      });
      const env = {
        KISC_URL: gateway.url,
        KISC_P12: certs.path("K0531900.p12"),
        KISC_P12_PASSWORD: "example-password",
        KISC_CA: certs.path("kisc-ca.crt"),
        KISC_CLIENT_ID: "consumer-key",
        KISC_CLIENT_SECRET: "consumer-secret",
        KISC_USERNAME: "K0531900",
        KISC_PASSWORD: "portal-password",
      };
      return { env, stop: () => gateway.server.close() };
    },
  },
];

let failed = 0;
for (const flow of flows) {
  console.log(`\n▶ ${flow.example} against a Prism mock of ${flow.spec}`);
  const mock = await startPrism(flow.spec);
  const { env, stop } = await flow.setup(mock);
  try {
    // Not spawnSync: the TLS front runs in this process and must keep serving while the example runs.
    const child = spawn("npm", ["start", "--silent", "--prefix", flow.example], { stdio: "inherit", env: { ...process.env, ...env } });
    const [code] = (await once(child, "exit")) as [number | null];
    if (code !== 0) failed++;
  } finally {
    stop?.();
    mock.stop();
  }
}
process.exit(failed === 0 ? 0 : 1);
