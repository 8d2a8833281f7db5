import { describe, expect, it } from "vitest";
import { ResponseValidationError } from "../src/errors.js";
import { decodeResponseBody } from "../src/http/response-body.js";

const answer = (contentType: string) => ({
  status: 200,
  ok: true,
  statusText: "OK",
  headers: new Headers({ "content-type": contentType }),
});
const context = { operationId: "getMessage", attempts: 1 };
// "<Nm>Иван</Nm>" with the second byte of "в" cut: not UTF-8.
const broken = new Uint8Array([...Buffer.from("<Nm>Ив"), 0xd0, ...Buffer.from("ан</Nm>")]);

describe("response bodies that are not UTF-8", () => {
  it.each([
    ["application/xml", { "application/xml": null }],
    ["application/json", { "application/json": null }],
  ])("%s is refused with rule encoding, not read with U+FFFD in place of the bytes", (type, declared) => {
    const read = () => decodeResponseBody(answer(type), broken, declared, context);
    expect(read).toThrow(ResponseValidationError);
    expect(read).toThrow(expect.objectContaining({ violations: [{ path: "/body", rule: "encoding", message: "is not valid UTF-8" }] }));
  });

  it("text/plain stays lenient (its charset may be another)", () => {
    expect(decodeResponseBody(answer("text/plain"), broken, { "text/plain": null }, context).value).toContain("\uFFFD");
  });

  it("valid UTF-8 XML is returned as its text", () => {
    const bytes = new Uint8Array(Buffer.from("<Nm>Иван</Nm>"));
    expect(decodeResponseBody(answer("application/xml"), bytes, { "application/xml": null }, context).value).toBe("<Nm>Иван</Nm>");
  });
});
