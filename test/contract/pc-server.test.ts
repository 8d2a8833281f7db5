import {
  type CreateTransactionInput,
  type CreateUserInput,
  createPcServerClient,
  isPcError,
  PcError,
  PcErrorCode,
  PcServerClient,
  RequestValidationError,
} from "@bankkit/pc-server";
import { describe, expect, inject, it } from "vitest";
import { recordingFetch } from "../support/recording-fetch.js";
import { sample } from "../support/samples.js";

const api = "pc-server";
const system_id = "70b5fab6-d3d1-4098-aaf9-450a496855f5";
const user_id = "rest-api-test-4d02bd9e-ac11-4661-86c5-c7c7965e6a4c";
const transaction_id = "15984319-3f98-4123-b39d-2d0e5a40e8f6";
const operation_id = "3c98041f-d97c-455b-ab7d-6ddf1cde0d58";
// Callback URLs in the vendor's samples name hosts of the vendor's network; Prism would call them.
const callback_url = "http://127.0.0.1:9/callback";

const req = <T>(name: string) => sample<T>(api, `${name}.request`);
/** The payload a sample answer carries: what the client's method must resolve to. */
function payload(name: string): unknown {
  const answer = sample<{ answer_type: string; answer: Record<string, unknown> }>(api, `${name}.response`);
  return answer.answer[answer.answer_type];
}

type Client = PcServerClient;
interface Case {
  call: (client: Client) => Promise<unknown>;
  expected?: unknown;
  check?: (result: unknown) => void;
}

const user = { system_id, user_id };
const tx = { system_id, user_id, transaction_id };
const op = { system_id, user_id, operation_id };
const text = (bytes: unknown) => new TextDecoder().decode(bytes as Uint8Array);

/** One call per operation, with the vendor's sample request and the payload of its sample answer. */
const cases: Record<string, Case> = {
  registerSystem: {
    call: (c) => c.registerSystem({ body: req("register-system") }),
    check: (r) => expect(r).toMatchObject({ system_id }),
  },
  getSystem: { call: (c) => c.getSystem({ path: { system_id } }), check: (r) => expect(r).toMatchObject({ system_id }) },
  changeSystemSettings: {
    call: (c) => c.changeSystemSettings({ path: { system_id }, body: { ...req<object>("change-system-settings"), callback_url } }),
    expected: undefined,
  },
  createUser: {
    call: (c) => c.createUser({ path: { system_id }, body: req<CreateUserInput["body"]>("create-user-full-qr") }),
    expected: payload("create-user-full-qr"),
  },
  getUser: { call: (c) => c.getUser({ path: user }), expected: payload("get-user") },
  changeUserSettings: { call: (c) => c.changeUserSettings({ path: user, body: req("change-user-settings") }), expected: undefined },
  deleteUser: { call: (c) => c.deleteUser({ path: user }), expected: undefined },
  updateUser: { call: (c) => c.updateUser({ path: user, body: req("update-user") }), expected: payload("update-user") },
  exportUserKey: { call: (c) => c.exportUserKey({ path: user, body: req("export-user-key") }), expected: payload("export-user-key") },
  resetPassword: { call: (c) => c.resetPassword({ path: user, body: req("reset-password") }), expected: undefined },
  createTransaction: {
    call: (c) => c.createTransaction({ path: user, body: { ...req<CreateTransactionInput["body"]>("create-transaction"), callback_url } }),
    expected: payload("create-transaction-online"),
  },
  getTransactionsList: { call: (c) => c.getTransactionsList({ path: user }), expected: payload("get-transactions-list") },
  getAutoconfirmList: { call: (c) => c.getAutoconfirmList({ path: user }), expected: payload("get-transactions-list") },
  getScoringDetails: {
    call: (c) => c.getScoringDetails({ path: { ...user, attempt_id: 2369 } }),
    expected: payload("get-scoring-details"),
  },
  getTransaction: { call: (c) => c.getTransaction({ path: tx }), expected: payload("get-transaction") },
  confirmTransaction: { call: (c) => c.confirmTransaction({ path: tx, body: req("confirm-transaction-offline") }), expected: undefined },
  declineTransaction: { call: (c) => c.declineTransaction({ path: tx, body: req("cancel-transaction") }), expected: undefined },
  getTransactionData: { call: (c) => c.getTransactionData({ path: tx }), expected: payload("get-transaction-data") },
  getTransactionBinaryData: {
    call: (c) => c.getTransactionBinaryData({ path: tx }),
    check: (r) => expect(text(r)).toBe("Hello World!!!"),
  },
  getSignedPdf: { call: (c) => c.getSignedPdf({ path: tx }), check: (r) => expect(text(r)).toMatch(/^%PDF-1\.7/) },
  rebuildSignedPdf: {
    call: (c) => c.rebuildSignedPdf({ path: tx, body: new TextEncoder().encode("%PDF-1.7\nsource\n") }),
    check: (r) => expect(r).toBeInstanceOf(Uint8Array),
  },
  generateTransactionConfirmCode: {
    call: (c) => c.generateTransactionConfirmCode({ path: tx, body: req("gen-transaction-confirm-code") }),
    expected: payload("gen-transaction-confirm-code"),
  },
  createOperation: {
    call: (c) => c.createOperation({ path: user, body: { ...req<object>("create-operation"), callback_url } as never }),
    expected: payload("create-operation"),
  },
  getOperationsList: { call: (c) => c.getOperationsList({ path: user }), expected: payload("get-operations-list") },
  getOperation: { call: (c) => c.getOperation({ path: op }), expected: payload("get-operation") },
  addOperationTransactions: {
    call: (c) => c.addOperationTransactions({ path: op, body: req("add-operation-transactions") }),
    expected: payload("add-operation-transactions"),
  },
  getOperationData: { call: (c) => c.getOperationData({ path: op }), expected: payload("get-operation-data") },
  processOperation: {
    call: (c) => c.processOperation({ path: op, body: req("process-operation") }),
    expected: payload("process-operation"),
  },
  generateConfirmCode: {
    call: (c) => c.generateConfirmCode({ path: { system_id }, body: req("gen-user-confirm-code") }),
    expected: payload("gen-confirm-code"),
  },
  checkConfirmCode: {
    call: (c) => c.checkConfirmCode({ path: { system_id }, body: req("check-common-confirm-code") }),
    expected: undefined,
  },
  createCertificate: {
    call: (c) => {
      const body = req<{ request_transaction: object }>("create-certificate");
      return c.createCertificate({
        path: user,
        body: { ...body, request_transaction: { ...body.request_transaction, callback_url } } as never,
      });
    },
    expected: payload("create-certificate"),
  },
  getCertificateStatus: { call: (c) => c.getCertificateStatus({ path: user }), expected: payload("get-certificate-status") },
  revokeCertificate: { call: (c) => c.revokeCertificate({ path: user }), expected: undefined },
  registerEvent: { call: (c) => c.registerEvent({ path: user, body: req("register-event") }), expected: payload("register-event") },
  getEvent: { call: (c) => c.getEvent({ path: { event_id: 1857 } }), expected: payload("get-event") },
  getEvents: { call: (c) => c.getEvents({ body: req("get-events") }), expected: payload("get-events") },
  cleanEvents: { call: (c) => c.cleanEvents({ body: req("clean-events") }), expected: payload("clean-events") },
  checkConfirmation: { call: (c) => c.checkConfirmation({ body: req("check-confirmation") }), expected: payload("check-confirmation") },
  checkCms: { call: (c) => c.checkCms({ body: req("check-cms") }), expected: payload("check-cms") },
  checkPdf: { call: (c) => c.checkPdf({ body: req("check-pdf") }), expected: payload("check-pdf") },
  getUserHistory: { call: (c) => c.getUserHistory({ body: req("rks-user-data") }), check: (r) => expect(r).toBeTypeOf("object") },
  getTransactionsHistory: {
    call: (c) => c.getTransactionsHistory({ body: req("rks-transaction-data") }),
    check: (r) => expect(r).toBeTypeOf("object"),
  },
  getEventsHistory: { call: (c) => c.getEventsHistory({ body: req("rks-event-data") }), check: (r) => expect(r).toBeTypeOf("object") },
  // Outside the answer envelope: the body as received.
  healthcheck: { call: (c) => c.healthcheck(), check: (r) => expect(r).toMatchObject({ build_branch: "release/6.4" }) },
};

describe("PC Server client against the Prism mock of pc-server.yaml", () => {
  const recorder = recordingFetch();
  // strictAssumptions: the mock answers with the assumed examples; any drift from them is a failure here.
  const client = createPcServerClient({ baseUrl: inject("mocks")[api], fetch: recorder.fetch, strictAssumptions: true });

  it("has a case for every operation of the spec (44)", () => {
    const methods = Object.getOwnPropertyNames(PcServerClient.prototype).filter((n) => n !== "constructor" && n !== "raw");
    expect(methods).toHaveLength(44);
    expect(Object.keys(cases).sort()).toEqual(methods.sort());
  });

  for (const [name, testCase] of Object.entries(cases)) {
    it(`${name}: Prism accepts the request and the client returns the unwrapped answer`, async () => {
      const result = await testCase.call(client);
      expect(recorder.last()?.violations).toEqual([]);
      if (testCase.check) testCase.check(result);
      else expect(result).toEqual(testCase.expected);
    });
  }

  it("turns an answer with error_code ≠ 0 into a typed PcError carrying the documented meaning", async () => {
    const error = await client.getUser({ path: user }, { headers: { Prefer: "example=error" } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PcError);
    if (!isPcError(error)) throw error;
    expect(error.code).toBe(PcErrorCode.USER_NOT_FOUND);
    expect(error.codeName).toBe("USER_NOT_FOUND");
    expect(error.meaning).toBe("User not found");
    expect(error.serverMessage).toBe("User not found");
    expect(error.operationId).toBe("getUser");
    expect(error.attempts).toBe(1);
  });

  it("refuses a request that breaks the contract before it is sent", async () => {
    const sent = recorder.exchanges.length;
    const error = await client.createUser({ path: { system_id }, body: { return_key_method: "KEY_JSON" } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestValidationError);
    expect((error as RequestValidationError).violations).toContainEqual({
      path: "/body/key_encryption_password",
      rule: "required",
      message: "is required",
    });
    expect(recorder.exchanges.length).toBe(sent);
  });
});
