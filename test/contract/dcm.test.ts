import { createHash, createPublicKey, verify as verifySignature } from "node:crypto";
import { createDcmClient, DcmClient, type RequestValidationError } from "@bankkit/dcm";
import { bankJwk, bankJwtAuth } from "@bankkit/runtime/jwt";
import { describe, expect, inject, it } from "vitest";
import { CertificateWorkshop } from "../../runtime/test/support/certificates.js";
import { recordingFetch } from "../support/recording-fetch.js";

const certs = new CertificateWorkshop();
certs.selfSigned("bank-jwt", 30, "/CN=Bank DCM signer");
const key = certs.read("bank-jwt.key").toString();

const counterparty = { counterparty_guid: "5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e" };
const branch = { ...counterparty, branch_guid: "1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b" };
const issuer = "GBRMZ5MUMD5KPYKHAZ3RWG6FGWNVKCDP3NQ6DAPSQDPDDMNOSE7MBLOK";
const payment = {
  amount: "250.00",
  asset_code: "UAH",
  asset_issuer: issuer,
  purpose: "Оплата за договором 17",
  sender_id: "9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b",
  receiver_id: "4f5e6d7c-8b9a-4a0b-9c1d-2e3f4a5b6c7d",
};
const limit = {
  asset_code: "UAH",
  asset_issuer: issuer,
  customer_guid: "7d2f3a4b-5c6d-4e7f-8a9b-0c1d2e3f4a5b",
  max: "50000.00",
  period: "day" as const,
};

describe("DCM client against the Prism mock of dcm.yaml, authenticated by a JWT the bank signs", () => {
  const recorder = recordingFetch();
  const sent: Request[] = [];
  const dcm = createDcmClient({
    baseUrl: inject("mocks").dcm,
    strictAssumptions: true,
    auth: bankJwtAuth({ key, claims: { sub: "employee-7", obj: "customer-0042", flow: "sign-in" }, lifetimeSeconds: 120 }),
    fetch: async (request) => {
      sent.push(request.clone());
      return recorder.fetch(request);
    },
  });
  const ok = () => expect(recorder.last()?.violations).toEqual([]);

  // Every operation of the spec, through its generated method; Prism must accept each request.
  const calls: Record<string, () => Promise<unknown>> = {
    createJwk: async () => dcm.createJwk({ path: counterparty, body: { data: await bankJwk(key) } }),
    listJwks: () => dcm.listJwks({ path: counterparty }),
    rotateJwk: async () =>
      dcm.rotateJwk({ path: { ...counterparty, jwk_guid: "0b0a3c59-4f0e-4a39-9a55-3f3b1c9f1e01" }, body: { data: await bankJwk(key) } }),
    authenticate: () => dcm.authenticate({ path: counterparty }),
    dcmJwks: () => dcm.dcmJwks(),
    createEmployee: () =>
      dcm.createEmployee({ path: counterparty, body: { email: "o.shevchenko@bank.example", name: "Олена", roles: ["operator"] } }),
    listEmployees: () => dcm.listEmployees({ path: counterparty, query: { logins: ["o.shevchenko"], include_disabled: true, limit: 10 } }),
    updateEmployee: () =>
      dcm.updateEmployee({ path: { ...counterparty, employee_guid: "3c1e2d4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f" }, body: { is_disabled: true } }),
    createCustomer: () =>
      dcm.createCustomer({ path: counterparty, body: { asset_code: "UAH", asset_issuer: issuer, login: "customer-0042", segment: "PL" } }),
    listCustomers: () =>
      dcm.listCustomers({
        path: counterparty,
        query: {
          kyc_levels: [1, 2],
          min_balance_allowed: 0,
          branch_names: ["Kyiv"],
          min_created_at: "2021-09-01T00:00:00+00:00",
          offset: 0,
          limit: 20,
        },
      }),
    updateCustomer: () =>
      dcm.updateCustomer({ path: { ...counterparty, customer_guid: "7d2f3a4b-5c6d-4e7f-8a9b-0c1d2e3f4a5b" }, body: { kyc_level: 2 } }),
    listSegments: () => dcm.listSegments({ path: counterparty, query: { segment_names: ["PL"] } }),
    createAccount: () => dcm.createAccount({ path: counterparty, body: { account_kind: "processing", key_keeper_login: "keeper-1" } }),
    listAccounts: () => dcm.listAccounts({ path: counterparty, query: { account_kinds: ["processing", "emission"] } }),
    issueIdentifiers: () =>
      dcm.issueIdentifiers({ path: counterparty, body: { amount: "100000.00", asset_code: "UAH", asset_issuer: issuer } }),
    burnIdentifiers: () => dcm.burnIdentifiers({ path: counterparty, body: { amount: "10.5", asset_code: "UAH", asset_issuer: issuer } }),
    emissionHistory: () =>
      dcm.emissionHistory({
        path: counterparty,
        query: { direction: "issue", min_requested_amount: "100.00", created_by: "officer-1", limit: 5 },
      }),
    createPayment: () => dcm.createPayment({ path: counterparty, body: payment }),
    confirmPayment: () => dcm.confirmPayment({ path: counterparty, body: { payment_guid: "6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d" } }),
    getPayment: () =>
      dcm.getPayment({
        path: { ...counterparty, payment_guid: "6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d" },
        query: { with_stellar_info: true },
      }),
    waitForPayment: () => dcm.waitForPayment({ path: { ...counterparty, payment_guid: "6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d" } }),
    listPayments: () =>
      dcm.listPayments({
        path: counterparty,
        query: {
          statuses: ["CONFIRMED"],
          min_amount: "1.00",
          asset_codes: ["UAH"],
          sender_counterparty_guids: [counterparty.counterparty_guid],
        },
      }),
    createBranchPayment: () => dcm.createBranchPayment({ path: branch, body: payment }),
    confirmBranchPayment: () => dcm.confirmBranchPayment({ path: branch, body: { payment_guid: "6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d" } }),
    listBranchPayments: () => dcm.listBranchPayments({ path: branch, query: { limit: 1 } }),
    listAmountLimits: () => dcm.listAmountLimits({ path: counterparty }),
    setAmountLimit: () => dcm.setAmountLimit({ path: counterparty, body: limit }),
    listPaymentLimits: () => dcm.listPaymentLimits({ path: counterparty }),
    setPaymentLimit: () => dcm.setPaymentLimit({ path: counterparty, body: { ...limit, max: "20", period: "month" } }),
    pay: () => dcm.pay({ path: counterparty, body: payment }),
    listRecons: () =>
      dcm.listRecons({ path: counterparty, query: { counterparty_role: "creditor", start_date: 1633046400, end_date: 1635724799 } }),
  };

  it("has a case for every operation of the spec (29, the poll and the pay flow)", () => {
    const methods = Object.getOwnPropertyNames(DcmClient.prototype).filter((n) => n !== "constructor" && n !== "raw");
    expect(Object.keys(calls).sort()).toEqual(methods.sort());
    expect(methods).toHaveLength(31);
  });

  for (const [name, call] of Object.entries(calls)) {
    it(`${name}: Prism accepts the request and the answer passes the client's validation`, async () => {
      await call();
      ok();
    });
  }

  it("pay runs draft → confirm → wait, reporting each step; the confirmation names the draft", async () => {
    const steps: string[] = [];
    const before = sent.length;
    const settled = await dcm.pay({ path: counterparty, body: payment }, { onStep: (step) => steps.push(step) });
    expect(steps).toEqual(["createPayment", "confirmPayment", "waitForPayment"]);
    expect(settled.status).toBe("CONFIRMED");
    const calls = sent.slice(before).map((r) => `${r.method} ${new URL(r.url).pathname.replace(/^.*\/counterparty\/[^/]+/, "")}`);
    expect(calls).toEqual(["POST /payments", "POST /payments/confirm", "GET /payments/6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d"]);
    expect(await sent[before + 1]!.clone().json()).toEqual({ payment_guid: "6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d" });
  });

  it("typed answers: a confirmed payment, a created guid, the reconciliation's figures", async () => {
    expect((await calls.getPayment!()) as { status: string }).toMatchObject({ status: "CONFIRMED", amount: "250.00" });
    expect(await calls.createPayment!()).toEqual({ guid: "6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d" });
    const recons = (await calls.listRecons!()) as { recons: { calculations?: { saldo?: string } }[] };
    expect(recons.recons[0]?.calculations?.saldo).toBe("-250.00");
  });

  it("every request carries a fresh bank JWT in CX-Authorization (kid = the key's RFC 7638 thumbprint) and an empty Authorization", async () => {
    await dcm.listJwks({ path: counterparty });
    await dcm.listJwks({ path: counterparty });
    const [first, second] = sent.slice(-2) as [Request, Request];
    expect(first.headers.get("authorization")).toBe("");
    const token = first.headers.get("cx-authorization") ?? "";
    expect(token).not.toBe(second.headers.get("cx-authorization"));
    const [header, payload, signature] = token.split(".") as [string, string, string];
    const protectedHeader = JSON.parse(Buffer.from(header, "base64url").toString());
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString());
    // The thumbprint computed by hand (RFC 7638 §3: the required members, sorted, no spaces).
    const jwk = createPublicKey(key).export({ format: "jwk" });
    const thumbprint = createHash("sha256")
      .update(JSON.stringify({ e: jwk.e, kty: "RSA", n: jwk.n }))
      .digest("base64url");
    expect(protectedHeader).toEqual({ alg: "RS256", typ: "JWT", kid: thumbprint });
    expect(claims).toMatchObject({ sub: "employee-7", obj: "customer-0042", flow: "sign-in" });
    expect(claims.exp - claims.iat).toBe(120);
    expect(claims.jti).toMatch(/^[0-9a-f-]{36}$/);
    const input = Buffer.from(`${header}.${payload}`);
    expect(verifySignature("sha256", input, createPublicKey(key), Buffer.from(signature, "base64url"))).toBe(true);
  });

  it("refuses before sending: a payment without a receiver, an amount that is not a decimal, an inverted reconciliation period", async () => {
    const count = recorder.exchanges.length;
    const violations = async (call: () => Promise<unknown>) =>
      ((await call().catch((e: unknown) => e)) as RequestValidationError).violations?.map((v) => `${v.path} ${v.rule}`);
    const { receiver_id: _, ...withoutReceiver } = payment;
    expect(await violations(() => dcm.createPayment({ path: counterparty, body: withoutReceiver as typeof payment }))).toEqual([
      "/body/receiver_id required",
    ]);
    expect(await violations(() => dcm.createPayment({ path: counterparty, body: { ...payment, amount: "1,5" } }))).toEqual([
      "/body/amount pattern",
    ]);
    expect(
      await violations(() =>
        dcm.listRecons({ path: counterparty, query: { counterparty_role: "creditor", start_date: 1635724799, end_date: 1633046400 } }),
      ),
    ).toEqual(["/query/end_date x-bankkit-ascending"]);
    expect(recorder.exchanges.length).toBe(count);
  });
});
