/**
 * A bank backend signing a payment with PC Server:
 *   1. enrol the customer (Create User, QR method) and hand over the QR code;
 *   2. create a transaction for the payment, with our callback endpoint as callback_url;
 *   3. receive PC Server's transaction callback (the signature) on that endpoint;
 *   4. read the transaction's status before acting on it.
 */
import { type AuthProvider, createPcServerClient, isPcError, type Logger, type TransactionCallback } from "@bankkit/pc-server";
import { startCallbackEndpoint } from "./callback-endpoint.js";

export interface SigningFlowOptions {
  baseUrl: string;
  systemId: string;
  /** The customer as the bank knows them; shown on their phone, never logged. */
  customerName: string;
  /** Where the flow reports what happens. */
  print: (line: string) => void;
  logger?: Logger;
  /** Credentials, when PC Server sits behind the bank's authenticating gateway. */
  auth?: AuthProvider;
}

export async function runSigningFlow(options: SigningFlowOptions): Promise<void> {
  const { print, systemId: system_id } = options;
  const pc = createPcServerClient({
    baseUrl: options.baseUrl,
    timeoutMs: 10_000,
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.auth ? { auth: options.auth } : {}),
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
    print("1. Create User (QR for offline delivery)");
    const user = await pc.createUser({
      path: { system_id },
      body: { id_prefix: "bank-", user_name: options.customerName, key_params: { with_finger_print: true }, return_key_method: "FULL_QR" },
    });
    print(`   user_id ${user.user_id}; QR code: GIF of ${Buffer.from(user.key_QR ?? "", "base64").length} bytes to print for the customer`);

    print("2. Create Transaction with our callback endpoint (a transaction_id is created once and kept on retries)");
    const meta: { idempotencyKey?: string } = {};
    const transaction = await pc.createTransaction(
      {
        path: { system_id, user_id: user.user_id },
        body: {
          transaction_data: { text: "Payment of **12 000 KZT** to account **KZ75125KZT2069100100**", text_render_type: "markdown" },
          snippet: { text: "12 000 KZT to KZ75…0100" },
          notification_type: "Push",
          callback_url: endpoint.url,
          ttl: 300,
        },
      },
      { meta },
    );
    print(`   transaction_id ${transaction.transaction_id} (our key ${meta.idempotencyKey}), status ${transaction.status}`);

    print("3. Wait for PC Server's transaction callback");
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
      print(`   ${kind} for ${outcome.transaction_id} at ${new Date(outcome.check_time * 1000).toISOString()}`);
      if (signature) print(`   signature (hex DER, ${signature.length / 2} bytes) stored with the payment`);
    }

    print("4. Get Transaction Details before acting on the callback");
    const details = await pc.getTransaction({ path: { system_id, user_id: user.user_id, transaction_id: transaction.transaction_id } });
    print(`   status ${details.status}, ${details.confirm_attempts?.length ?? 0} confirmation attempt(s)`);

    print("5. An unknown user is a typed error, not a crash");
    await pc.getUser({ path: { system_id, user_id: "nobody" } }, { headers: { Prefer: "example=error" } }).catch((error: unknown) => {
      if (!isPcError(error)) throw error;
      print(`   PcError ${error.code} ${error.codeName}: ${error.meaning}`);
    });
  } finally {
    endpoint.server.close();
  }
}
