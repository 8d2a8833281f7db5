/**
 * A bank on DCM (Transparent Network), JWT by bank:
 *   1. register the bank's public key (JWK, kid = its thumbprint) and list what is registered;
 *   2. check a bank JWT with DCM (`authenticate`);
 *   3. create a customer with a UAH wallet;
 *   4. pay with the client's `pay` flow: draft → confirm → follow until settled;
 *   5. receive DCM's pay-in notification on the bank's own server (typed, the X-Session-ID JWT verified).
 * Customers' names and phones are sent, never printed.
 */
import { createDcmClient } from "@bankkit/dcm";
import type { Logger } from "@bankkit/runtime";
import { bankJwk, bankJwtAuth } from "@bankkit/runtime/jwt";

export interface DcmPaymentFlowOptions {
  dcmUrl: string;
  counterpartyGuid: string;
  /** The bank's private key (PEM, RSA or EC P-256); its public half is what DCM registers. */
  bankKey: string;
  /** The bank's server that DCM calls, and how the notification arrives there (see dcm-stand-in for mocks). */
  bankServerUrl: string;
  awaitPayIn: (transactionId: string) => Promise<void>;
  print: (line: string) => void;
  logger?: Logger;
}

const issuer = "GBRMZ5MUMD5KPYKHAZ3RWG6FGWNVKCDP3NQ6DAPSQDPDDMNOSE7MBLOK";

export async function runDcmPaymentFlow(options: DcmPaymentFlowOptions): Promise<void> {
  const { print } = options;
  const path = { counterparty_guid: options.counterpartyGuid };
  const dcm = createDcmClient({
    baseUrl: options.dcmUrl,
    auth: bankJwtAuth({ key: options.bankKey, claims: { sub: "operator-7", flow: "sign-in" }, lifetimeSeconds: 300 }),
    ...(options.logger ? { logger: options.logger } : {}),
  });

  print("1. Register the bank's JWK");
  const jwk = await bankJwk(options.bankKey);
  const { guid } = await dcm.createJwk({ path, body: { data: jwk } });
  print(`   ${jwk.alg} key ${jwk.kid} registered as ${guid}`);
  print(`   ${(await dcm.listJwks({ path })).keys.length} key(s) registered for the counterparty`);

  print("2. Check a bank JWT with DCM (CX-Authorization, Authorization empty)");
  await dcm.authenticate({ path });
  print("   accepted: a session token was issued (not printed)");

  print("3. Create a customer with a UAH wallet");
  const customer = await dcm.createCustomer({
    path,
    body: {
      asset_code: "UAH",
      asset_issuer: issuer,
      login: "customer-0042",
      name: "Іван",
      surname: "Петренко",
      phone_number: "+380671234567",
      segment: "PL",
      kyc_level: 1,
    },
  });
  print(`   customer ${customer.customer_guid}, wallet ${customer.wallet_account_guid ?? "?"}, ${customer.assets_total ?? 0} asset(s)`);

  print("4. Pay 250.00 UAH with the client's pay flow: draft → confirm → follow until settled");
  const payment = await dcm.pay(
    {
      path,
      body: {
        amount: "250.00",
        asset_code: "UAH",
        asset_issuer: issuer,
        purpose: "Оплата за договором 17",
        sender_id: customer.wallet_account_guid ?? customer.customer_guid,
        receiver_id: "4f5e6d7c-8b9a-4a0b-9c1d-2e3f4a5b6c7d",
      },
    },
    {
      maxWaitMs: 60_000,
      // The draft's guid is what a restarted process needs to confirm and follow it instead of paying twice.
      onStep: (step, result) => {
        if (step === "createPayment") print(`   draft ${(result as { guid: string }).guid}`);
      },
    },
  );
  print(
    `   ${payment.guid}: ${payment.status}, ${payment.amount} ${payment.asset_code}, Stellar tx ${payment.stellar_info?.hash?.slice(0, 16) ?? "—"}…`,
  );

  print(`5. DCM notifies the bank's server (${options.bankServerUrl}) of the pay-in`);
  await options.awaitPayIn(payment.guid);
}
