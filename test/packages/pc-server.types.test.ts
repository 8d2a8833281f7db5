import {
  type AnyPcError,
  type components,
  createPcServerCallbackReceiver,
  createPcServerClient,
  type PcServerClient,
  type TransactionCallback,
} from "@bankkit/pc-server";
import { describe, expectTypeOf, it } from "vitest";

// These functions are type-checked (npm run typecheck) and never called: each @ts-expect-error line must
// fail to compile, or tsc reports the directive as unused.
function wrongCalls(pc: PcServerClient) {
  const system_id = "s";
  // @ts-expect-error user_id is a required path parameter
  void pc.getUser({ path: { system_id } });
  // @ts-expect-error return_key_method has a fixed set of values
  void pc.createUser({ path: { system_id }, body: { return_key_method: "QR" } });
  // @ts-expect-error confirm_code is a string
  void pc.confirmTransaction({ path: { system_id, user_id: "u", transaction_id: "t" }, body: { confirm_code: 123 } });
  // @ts-expect-error the body is required
  void pc.createTransaction({ path: { system_id, user_id: "u" } });
  // @ts-expect-error there is no such operation
  void pc.createPayment();
  // @ts-expect-error a PDF is sent as bytes, not as a string
  void pc.rebuildSignedPdf({ path: { system_id, user_id: "u", transaction_id: "t" }, body: "%PDF" });
  createPcServerCallbackReceiver({
    // @ts-expect-error handlers are keyed by the spec's callback names
    onConfirm: () => {},
  });
}

describe("generated PC Server types", () => {
  it("types results as the unwrapped payloads, bytes for binary endpoints", () => {
    const pc = createPcServerClient({ baseUrl: "http://127.0.0.1:1" });
    expectTypeOf(pc.createUser).returns.resolves.toEqualTypeOf<components["schemas"]["UserKeys"]>();
    expectTypeOf(pc.getTransactionsList).returns.resolves.toEqualTypeOf<string[]>();
    expectTypeOf(pc.getSignedPdf).returns.resolves.toEqualTypeOf<Uint8Array>();
    expectTypeOf(pc.confirmTransaction).returns.resolves.toEqualTypeOf<void>();
    expectTypeOf(wrongCalls).toBeFunction();
  });

  it("narrows a PcError by its code", () => {
    const describeError = (error: AnyPcError) => {
      switch (error.code) {
        case 208:
          expectTypeOf(error.codeName).toEqualTypeOf<"USER_NOT_FOUND">();
          return error.meaning;
        case 281:
          expectTypeOf(error.codeName).toEqualTypeOf<"TRANSACTION_EXPIRED">();
          return error.meaning;
        default:
          return error.codeName;
      }
    };
    expectTypeOf(describeError).returns.toBeString();
  });

  it("types callback bodies, with the vendor's field names", () => {
    expectTypeOf<TransactionCallback["pc_callback"]["transaction_callback"]>().toHaveProperty("declanation");
    expectTypeOf<TransactionCallback["pc_callback"]["type"]>().toEqualTypeOf<"transaction_callback">();
  });
});
