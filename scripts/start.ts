// `npm start`: runs every example flow against Prism mocks of the specs and prints what happened.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { CertificateWorkshop } from "../runtime/test/support/certificates.ts";
import { startKiscGateway } from "../test/support/kisc-gateway.ts";
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
    // KISC's gateway requires a client certificate: a stand-in with certificates made for the run fronts the mock.
    setup: async (mock) => {
      const gateway = await startKiscGateway(mock.url, "example-password");
      const { certs } = gateway;
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
      return { env, stop: gateway.close };
    },
  },
  {
    example: "examples/kisc-identity-check",
    spec: "specs/openapi/kisc-identity.yaml",
    // The same KISC gateway stand-in: the bank's client certificate is required; a JWS key made for the run.
    setup: async (mock) => {
      const gateway = await startKiscGateway(mock.url, "example-password");
      const { certs } = gateway;
      certs.selfSigned("bank-jws", 30, "/CN=Bank identity signer");
      const env = {
        KISC_IDENTITY_URL: gateway.url,
        KISC_P12: certs.path("K0531900.p12"),
        KISC_P12_PASSWORD: "example-password",
        KISC_CA: certs.path("kisc-ca.crt"),
        KISC_JWS_KEY: certs.path("bank-jws.key"),
        KISC_JWS_CERT: certs.path("bank-jws.crt"),
        KISC_IIN: "850101300124",
      };
      return { env, stop: gateway.close };
    },
  },
  {
    example: "examples/dcm-payment",
    spec: "specs/openapi/dcm.yaml",
    // A bank JWT key made for the run; the example plays DCM's callbacks itself against a mock.
    setup: async (mock) => {
      const certs = new CertificateWorkshop();
      certs.selfSigned("bank-dcm", 30, "/CN=Bank DCM signer");
      const env = {
        DCM_URL: mock.url,
        DCM_COUNTERPARTY_GUID: "5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e",
        DCM_BANK_KEY: certs.path("bank-dcm.key"),
      };
      return { env };
    },
  },
  {
    example: "examples/bank131-kyc-check",
    spec: "specs/openapi/bank131-kyc.yaml",
    // A signing certificate made for the run stands in for the partner's qualified one.
    setup: async (mock) => {
      const certs = new CertificateWorkshop();
      certs.selfSigned("partner", 30, "/CN=Partner KYC/O=Partner LLC");
      const env = {
        BANK131_URL: mock.url,
        BANK131_PROJECT: "partner-project",
        BANK131_KEY: certs.path("partner.key"),
        BANK131_CERT: certs.path("partner.crt"),
      };
      return { env };
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
