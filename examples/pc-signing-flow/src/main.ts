/**
 * A bank backend signing a payment with PC Server:
 *   1. enrol the customer (Create User, QR method) and hand over the QR code;
 *   2. create a transaction for the payment, with our callback endpoint as callback_url;
 *   3. receive PC Server's transaction callback (the signature) on that endpoint;
 *   4. read the transaction's status before acting on it.
 * Run against a real PC Server or the Prism mock: PC_SERVER_URL=http://127.0.0.1:4010 npm start
 */
import { createPcServerClient, isPcError, type TransactionCallback } from "@bankkit/pc-server";
import { startCallbackEndpoint } from "./callback-endpoint.js";

const baseUrl = process.env.PC_SERVER_URL;
if (!baseUrl) throw new Error("set PC_SERVER_URL to the PC Server API base URL");
const system_id = process.env.PC_SYSTEM_ID ?? "70b5fab6-d3d1-4098-aaf9-450a496855f5";

const pc = createPcServerClient({
  baseUrl,
  timeoutMs: 10_000,
  logger: (e) => console.log(`  · ${e.operationId} ${e.method} ${e.path} → ${e.status ?? e.outcome} in ${e.durationMs} ms`),
});

const callbacks: TransactionCallback[] = [];
let callbackArrived: () => void = () => {};
const arrived = new Promise<void>((resolve) => {
  callbackArrived = resolve;
});
const endpoint = await startCallbackEndpoint((callback) => {
  callbacks.push(callback);
  callbackArrived();
});

try {
  console.log("1. Create User (QR for offline delivery)");
  const user = await pc.createUser({
    path: { system_id },
    body: { id_prefix: "bank-", user_name: "Acme Ltd.", key_params: { with_finger_print: true }, return_key_method: "FULL_QR" },
  });
  console.log(
    `   user_id ${user.user_id}; QR code: GIF of ${Buffer.from(user.key_QR ?? "", "base64").length} bytes to print for the customer`,
  );

  console.log("2. Create Transaction with our callback endpoint");
  const transaction = await pc.createTransaction({
    path: { system_id, user_id: user.user_id },
    body: {
      transaction_data: { text: "Payment of **12 000 KZT** to account **KZ75125KZT2069100100**", text_render_type: "markdown" },
      snippet: { text: "12 000 KZT to KZ75…0100" },
      notification_type: "Push",
      callback_url: endpoint.url,
      ttl: 300,
    },
  });
  console.log(`   transaction_id ${transaction.transaction_id}, status ${transaction.status}`);

  console.log("3. Wait for PC Server's transaction callback");
  await Promise.race([arrived, new Promise((_, reject) => setTimeout(() => reject(new Error("no callback within 5 s")), 5_000))]);
  for (const { pc_callback } of callbacks) {
    const outcome = pc_callback.transaction_callback;
    const kind = outcome.confirmation
      ? "confirmation"
      : outcome.declanation
        ? "declanation"
        : outcome.cancelation
          ? "cancelation"
          : "autosign";
    const signature = outcome.confirmation?.signature ?? outcome.autosign?.signature;
    console.log(`   ${kind} for ${outcome.transaction_id} at ${new Date(outcome.check_time * 1000).toISOString()}`);
    if (signature) console.log(`   signature (hex DER, ${signature.length / 2} bytes) stored with the payment`);
  }

  console.log("4. Get Transaction Details before acting on the callback");
  const details = await pc.getTransaction({ path: { system_id, user_id: user.user_id, transaction_id: transaction.transaction_id } });
  console.log(`   status ${details.status}, ${details.confirm_attempts?.length ?? 0} confirmation attempt(s)`);

  console.log("5. An unknown user is a typed error, not a crash");
  await pc.getUser({ path: { system_id, user_id: "nobody" } }, { headers: { Prefer: "example=error" } }).catch((error: unknown) => {
    if (!isPcError(error)) throw error;
    console.log(`   PcError ${error.code} ${error.codeName}: ${error.meaning}`);
  });
} finally {
  endpoint.server.close();
}
