import { createPcServerSignerClient, isPcError, PcError, PcErrorCode, PcServerSignerClient } from "@bankkit/pc-server-signer";
import { describe, expect, inject, it } from "vitest";
import { recordingFetch } from "../support/recording-fetch.js";
import { sample } from "../support/samples.js";

const api = "pc-server-signer";
const req = <T>(name: string) => sample<T>(api, `${name}.request`);

const cases: Record<string, { call: (c: PcServerSignerClient) => Promise<unknown>; expected: unknown }> = {
  personalize: { call: (c) => c.personalize({ body: req("personalize") }), expected: undefined },
  personalizeAsync: { call: (c) => c.personalizeAsync({ body: req("personalize") }), expected: undefined },
  confirm: { call: (c) => c.confirm({ body: req("confirm") }), expected: undefined },
  confirmAsync: { call: (c) => c.confirmAsync({ body: req("confirm") }), expected: undefined },
  confirmAll: { call: (c) => c.confirmAll({ body: req("confirm-all") }), expected: undefined },
  confirmAllAsync: { call: (c) => c.confirmAllAsync({ body: req("confirm-all") }), expected: undefined },
  createUser: { call: (c) => c.createUser({ body: req("create-user") }), expected: undefined },
  addPublicKey: { call: (c) => c.addPublicKey({ body: req("public-key") }), expected: undefined },
  sign: {
    call: (c) => c.sign({ body: req("sign") }),
    expected: sample<{ answer: { pc_confirmation: unknown } }>(api, "sign.response").answer.pc_confirmation,
  },
  validateSignature: { call: (c) => c.validateSignature({ body: req("validate-signature") }), expected: undefined },
};

describe("PC Server Signer client against the Prism mock of pc-server-signer.yaml", () => {
  const recorder = recordingFetch();
  const client = createPcServerSignerClient({ baseUrl: inject("mocks")[api], fetch: recorder.fetch });

  it("has a case for every operation of the spec (10)", () => {
    const methods = Object.getOwnPropertyNames(PcServerSignerClient.prototype).filter((n) => n !== "constructor" && n !== "raw");
    expect(methods).toHaveLength(10);
    expect(Object.keys(cases).sort()).toEqual(methods.sort());
  });

  for (const [name, testCase] of Object.entries(cases)) {
    it(`${name}: Prism accepts the request and the client returns the unwrapped answer`, async () => {
      const result = await testCase.call(client);
      expect(recorder.last()?.violations).toEqual([]);
      expect(result).toEqual(testCase.expected);
    });
  }

  it("reports an invalid signature (the vendor's error sample) as a typed PcError", async () => {
    const error = await client
      .validateSignature({ body: req("validate-signature") }, { headers: { Prefer: "example=invalid" } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PcError);
    if (!isPcError(error)) throw error;
    expect(error.code).toBe(PcErrorCode.STORE_TYPE_IS_WRONG);
    // The table documents 212 as STORE_TYPE_IS_WRONG; the server's own message says what happened.
    expect(error.serverMessage).toBe("Invalid signature");
  });
});
