// Environment: DCM_URL, DCM_COUNTERPARTY_GUID, DCM_BANK_KEY (PEM file). With DCM_JWKS_URL unset (a mock),
// a stand-in plays DCM's side of the callbacks; npm start provides a mock of dcm.yaml and a key made for the run.
import { readFileSync } from "node:fs";
import { startBankServer } from "./bank-server.js";
import { startDcmStandIn } from "./dcm-stand-in.js";
import { runDcmPaymentFlow } from "./payment-flow.js";

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`set ${name}`);
  return value;
};

const standIn = process.env.DCM_JWKS_URL ? undefined : await startDcmStandIn();
const arrived = new Map<string, () => void>();
const bank = await startBankServer({
  dcmJwksUrl: process.env.DCM_JWKS_URL ?? standIn!.jwksUrl,
  access: { "operator-7": ["customer-0042"] },
  address: "GCFXHS4GXL6BVUCXBWXGTITROWLVYXQKQLF4YH5O5JT3YZXCYPAFBJZB",
  onNotification: (kind, transactionId) => {
    console.log(`   bank server: ${kind} notification for ${transactionId}`);
    arrived.get(transactionId)?.();
  },
  logger: (e) => console.log(`   · bank server ${e.operationId ?? "?"} → ${e.status} (${e.outcome}) in ${e.durationMs} ms`),
});
try {
  await runDcmPaymentFlow({
    dcmUrl: env("DCM_URL"),
    counterpartyGuid: env("DCM_COUNTERPARTY_GUID"),
    bankKey: readFileSync(env("DCM_BANK_KEY"), "utf8"),
    bankServerUrl: bank.url,
    awaitPayIn: async (transactionId) => {
      const received = new Promise<void>((resolve) => arrived.set(transactionId, resolve));
      if (standIn) await standIn.notifyPayIn(bank.url, transactionId);
      await received;
    },
    print: (line) => console.log(line),
    logger: (e) => {
      if (e.event === "attempt")
        console.log(`   · ${e.operationId} ${e.method} ${e.path} → ${e.status ?? e.outcome} in ${e.durationMs} ms`);
    },
  });
} finally {
  bank.close();
  standIn?.close();
}
