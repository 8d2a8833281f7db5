import { describe, expect, it } from "vitest";
import { toJsonSchema2020 } from "../src/emit/validators/openapi30-schemas.js";
import { GeneratorError } from "../src/errors.js";
import { camelCase, pascalCase } from "../src/passes/identifiers.js";
import { doc, irOf } from "./support/spec-file.js";

type JsonValue = Record<string, unknown>;

describe("identifiers", () => {
  it.each([
    ["list-pets", "listPets", "ListPets"],
    ["get_user_details", "getUserDetails", "GetUserDetails"],
    ["GetUser", "getUser", "GetUser"],
    ["2fa.verify", "_2faVerify", "_2faVerify"],
    ["delete", "delete_", "Delete"],
    ["raw", "raw_", "Raw"],
  ])("%s → %s / %s", (given, camel, pascal) => {
    expect(camelCase(given)).toBe(camel);
    expect(pascalCase(given)).toBe(pascal);
  });
});

describe("OpenAPI 3.0 schemas for the validator compiler", () => {
  it.each([
    { name: "nullable type", given: { type: "string", nullable: true }, want: { type: ["string", "null"] } },
    {
      name: "nullable enum",
      given: { type: "string", enum: ["a"], nullable: true },
      want: { type: ["string", "null"], enum: ["a", null] },
    },
    { name: "nullable $ref", given: { $ref: "#/x", nullable: true }, want: { anyOf: [{ $ref: "#/x" }, { type: "null" }] } },
    {
      name: "exclusive minimum",
      given: { type: "number", minimum: 0, exclusiveMinimum: true },
      want: { type: "number", exclusiveMinimum: 0 },
    },
    { name: "inclusive maximum", given: { type: "number", maximum: 9, exclusiveMaximum: false }, want: { type: "number", maximum: 9 } },
    {
      name: "a property named nullable",
      given: { properties: { nullable: { type: "boolean" } } },
      want: { properties: { nullable: { type: "boolean" } } },
    },
  ])("$name", ({ given, want }) => expect(toJsonSchema2020(given)).toEqual(want));
});

const envelope = {
  "x-bankkit-envelope": {
    schema: "#/components/schemas/Answer",
    typeProperty: "answer_type",
    resultPointer: "/answer/result",
    codeProperty: "error_code",
    messageProperty: "error_message",
    successCode: 0,
    payloadParent: "/answer",
    resultOnlyType: "result_only",
    errorClass: "XError",
  },
  "x-bankkit-error-codes": [
    { code: 0, name: "OK", meaning: "Success" },
    { code: 7, name: "BAD", meaning: "Bad" },
  ],
};
const answer = {
  type: "object",
  required: ["answer"],
  properties: { answer: { type: "object", properties: { result: { type: "object" } } } },
};
const json = (schema: unknown) => ({ "200": { description: "ok", content: { "application/json": { schema } } } });
const withPayload = (key: string) => ({
  allOf: [{ $ref: "#/components/schemas/Answer" }, { properties: { answer: { properties: { [key]: { type: "string" } } } } }],
});

describe("envelope pass", () => {
  it("finds the payload key of each answer, result-only answers and error-only JSON beside bytes", async () => {
    const ir = await irOf(
      doc(
        {
          "/a": { get: { operationId: "a", responses: json(withPayload("thing")) } },
          "/b": { get: { operationId: "b", responses: json({ $ref: "#/components/schemas/Answer" }) } },
          "/c": {
            get: {
              operationId: "c",
              responses: {
                "200": {
                  description: "bytes",
                  content: {
                    "application/octet-stream": { schema: { type: "string" } },
                    "application/json": { schema: { $ref: "#/components/schemas/Answer" } },
                  },
                },
              },
            },
          },
        },
        { ...envelope, components: { schemas: { Answer: answer } } },
      ),
    );
    expect(ir.operations.map((o) => o.envelope)).toEqual([
      {
        payloadKey: "thing",
        payloadSchemaPointer: "#/paths/~1a/get/responses/200/content/application~1json/schema/allOf/1/properties/answer/properties/thing",
        errorsOnly: false,
      },
      { errorsOnly: false },
      { errorsOnly: true },
    ]);
    expect(ir.errorCodes).toEqual([
      { code: 0, name: "OK", meaning: "Success" },
      { code: 7, name: "BAD", meaning: "Bad" },
    ]);
  });

  it.each([
    {
      name: "an answer that does not use the envelope",
      given: doc(
        { "/a": { get: { operationId: "a", responses: json({ type: "object" }) } } },
        { ...envelope, components: { schemas: { Answer: answer } } },
      ),
      want: /a: the answer at #\/paths\/~1a\/get\/responses\/200\/content\/application~1json\/schema does not use the envelope/,
    },
    {
      name: "an answer with two payloads",
      given: doc(
        {
          "/a": {
            get: {
              operationId: "a",
              responses: json({
                allOf: [{ $ref: "#/components/schemas/Answer" }, { properties: { answer: { properties: { x: {}, y: {} } } } }],
              }),
            },
          },
        },
        { ...envelope, components: { schemas: { Answer: answer } } },
      ),
      want: /declares several payloads \(x, y\)/,
    },
    {
      name: "an error-code entry without a name",
      given: doc({}, { ...envelope, "x-bankkit-error-codes": [{ code: 1, meaning: "x" }], components: { schemas: { Answer: answer } } }),
      want: /#\/x-bankkit-error-codes\/0: expected \{ code: integer, name: UPPER_SNAKE_CASE/,
    },
    {
      name: "an envelope pointing at a missing schema",
      given: doc({}, { ...envelope, components: { schemas: {} } }),
      want: /x-bankkit-envelope\/schema points at #\/components\/schemas\/Answer, which does not exist/,
    },
    {
      name: "an operation's x-bankkit-envelope other than false",
      given: doc(
        { "/h": { get: { operationId: "h", "x-bankkit-envelope": true, responses: {} } } },
        { ...envelope, components: { schemas: { Answer: answer } } },
      ),
      want: /#\/paths\/~1h\/get\/x-bankkit-envelope: on an operation only false is allowed/,
    },
    {
      name: "x-bankkit-jws algorithms keyed by something other than an OID",
      given: doc({
        "/s": {
          post: {
            operationId: "s",
            "x-bankkit-jws": { header: "x-sig", unencodedPayload: true, algorithms: { GOST: "x" } },
            parameters: [{ name: "x-sig", in: "header", required: true, schema: { type: "string" } }],
            requestBody: { content: { "application/json": { schema: { type: "object" } } } },
            responses: {},
          },
        },
      }),
      want: /#\/paths\/~1s\/post\/x-bankkit-jws\/algorithms: expected signature OIDs mapped to JWS alg names/,
    },
  ])("refuses $name with an error naming the pointer", async ({ given, want }) => {
    const error = await irOf(given).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GeneratorError);
    expect((error as Error).message).toMatch(want);
  });
});

describe("method arguments, ascending fields, unzip and aliases", () => {
  const report = (extensions: Record<string, unknown>) =>
    doc({
      "/report/{fromDate}/{toDate}": {
        get: {
          operationId: "report",
          parameters: ["fromDate", "toDate"].map((name) => ({
            name,
            in: "path",
            required: true,
            schema: { type: "string", "x-bankkit-date": "YYYYMMDD" },
          })),
          responses: json({ type: "object", properties: { zip: { type: "string" } } }),
          ...extensions,
        },
      },
      "/send": {
        post: {
          operationId: "send",
          parameters: [{ name: "x-key", in: "header", required: true, schema: { type: "string" } }],
          requestBody: {
            required: true,
            content: { "application/json": { schema: { type: "object", required: ["text"], properties: { text: {}, note: {} } } } },
          },
          responses: json({}),
        },
      },
      "/send-too": { post: { operationId: "sendToo", "x-bankkit-alias-of": "send", responses: json({}) } },
    });

  it("reads positional arguments with their dates, the ascending fields and the zip pointer; drops aliases", async () => {
    const ir = await irOf(
      report({
        "x-bankkit-arguments": { positional: { from: "path/fromDate", to: "path/toDate" } },
        "x-bankkit-ascending": ["path/fromDate", "path/toDate"],
        "x-bankkit-unzip": "/zip",
      }),
    );
    const operation = ir.operations[0]!;
    expect(operation.arguments).toEqual({
      style: "positional",
      list: [
        { argument: "from", in: "path", name: "fromDate", required: true, date: "YYYYMMDD" },
        { argument: "to", in: "path", name: "toDate", required: true, date: "YYYYMMDD" },
      ],
    });
    expect(operation.ascending).toEqual([
      { in: "path", name: "fromDate" },
      { in: "path", name: "toDate" },
    ]);
    expect(operation.unzip).toEqual({ pointer: "/zip" });
    expect(ir.operations.map((o) => o.operationId)).toEqual(["report", "send"]);
  });

  it.each([
    {
      name: "an argument naming a parameter that does not exist",
      given: report({ "x-bankkit-arguments": { positional: { from: "path/fromDate", to: "path/until" } } }),
      want: /x-bankkit-arguments\/positional\/to: report has no path parameter "until"/,
    },
    {
      name: "arguments that leave a required parameter out",
      given: report({ "x-bankkit-arguments": { positional: { from: "path/fromDate" } } }),
      want: /no argument gives the required path parameter "toDate"/,
    },
    {
      name: "two arguments for one parameter",
      given: report({ "x-bankkit-arguments": { object: { from: "path/fromDate", to: "path/toDate", again: "path/toDate" } } }),
      want: /again: path\/toDate is already given by another argument/,
    },
    {
      name: "an unknown style",
      given: report({ "x-bankkit-arguments": { named: { from: "path/fromDate" } } }),
      want: /expected \{ positional: \{ argument: target, … \} \} or \{ object:/,
    },
    {
      name: "ascending over a single field",
      given: report({ "x-bankkit-ascending": ["path/fromDate"] }),
      want: /x-bankkit-ascending: expected a list of at least two input fields/,
    },
    {
      name: "ascending fields of different types",
      given: (() => {
        const d = report({ "x-bankkit-ascending": ["path/fromDate", "path/toDate"] });
        const get = (d.paths as Record<string, { get: { parameters: { schema: JsonValue }[] } }>)["/report/{fromDate}/{toDate}"]!.get;
        get.parameters[1]!.schema = { type: "integer" };
        return d;
      })(),
      want: /x-bankkit-ascending: the fields have different types and cannot be ordered/,
    },
    {
      name: "unzip without a pointer",
      given: report({ "x-bankkit-unzip": "zip" }),
      want: /x-bankkit-unzip: expected the JSON pointer of a base64 zip/,
    },
  ])("refuses $name with an error naming the pointer", async ({ given, want }) => {
    const error = await irOf(given).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GeneratorError);
    expect((error as Error).message).toMatch(want);
  });

  it("refuses body arguments that leave a required body property out, and an alias of nothing", async () => {
    const send = report({});
    (send.paths["/send"] as { post: Record<string, unknown> }).post["x-bankkit-arguments"] = {
      object: { key: "header/x-key", note: "body/note" },
    };
    await expect(irOf(send)).rejects.toThrow(/no argument gives the body's required property "text"/);
    const alias = report({});
    (alias.paths["/send-too"] as { post: Record<string, unknown> }).post["x-bankkit-alias-of"] = "nothing";
    await expect(irOf(alias)).rejects.toThrow(/x-bankkit-alias-of: expected the operationId of an operation/);
  });
});

describe("server-side pass (x-bankkit-server)", () => {
  const served = (
    extra: Record<string, unknown> = {},
    schemes: Record<string, unknown> = { session: { type: "apiKey", in: "header", name: "X-Session-ID" } },
  ) =>
    doc(
      {
        "/who": { get: { operationId: "who", "x-bankkit-deadline-ms": 1000, responses: json({}) } },
        "/open": { post: { operationId: "open", security: [], responses: json({}) } },
      },
      { "x-bankkit-server": true, security: [{ session: [] }], components: { securitySchemes: schemes }, ...extra },
    );

  it("reads the apiKey schemes, each operation's alternatives (its own or the document's) and deadlines", async () => {
    const ir = await irOf(served());
    expect(ir.server).toEqual({ schemes: { session: { in: "header", name: "X-Session-ID" } } });
    expect(ir.operations.map((o) => [o.operationId, o.security, o.deadlineMs])).toEqual([
      ["who", [["session"]], 1000],
      ["open", [], undefined],
    ]);
  });

  it.each([
    {
      name: "a bearer scheme",
      given: served({}, { session: { type: "http", scheme: "bearer" } }),
      want: /a served API's security schemes are apiKey schemes/,
    },
    {
      name: "a requirement naming no scheme",
      given: served({ security: [{ nothing: [] }] }),
      want: /#\/security\/0: no security scheme "nothing"/,
    },
    {
      name: "a cookie parameter",
      given: (() => {
        const d = served();
        (d.paths as Record<string, { get?: Record<string, unknown> }>)["/who"]!.get!.parameters = [
          { name: "sid", in: "cookie", schema: { type: "string" } },
        ];
        return d;
      })(),
      want: /a served operation cannot take cookie parameters \("sid"\)/,
    },
    {
      name: "a body that is not JSON",
      given: (() => {
        const d = served();
        (d.paths as Record<string, { post?: Record<string, unknown> }>)["/open"]!.post!.requestBody = {
          content: { "text/plain": { schema: { type: "string" } } },
        };
        return d;
      })(),
      want: /a served operation takes a JSON body, not text\/plain/,
    },
  ])("refuses $name", async ({ given, want }) => {
    await expect(irOf(given)).rejects.toThrow(want);
  });

  it("leaves specs that are not served alone", async () => {
    const ir = await irOf(doc({ "/a": { get: { operationId: "a", responses: json({}) } } }));
    expect(ir.server).toBeUndefined();
    expect(ir.operations[0]?.security).toBeUndefined();
  });
});

describe("flows pass (x-bankkit-flows)", () => {
  const paths = {
    "/drafts": { post: { operationId: "draft", responses: json({ type: "object", properties: { id: { type: "string" } } }) } },
    "/drafts/{id}/confirm": {
      post: {
        operationId: "confirm",
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
        responses: json({}),
      },
    },
  };
  const withFlows = (flows: unknown) => doc(paths, { "x-bankkit-flows": flows });

  it("reads the steps with their input templates", async () => {
    const ir = await irOf(
      withFlows({
        submit: {
          input: "draft",
          steps: [
            { call: "draft", input: "$input" },
            { call: "confirm", input: { path: { id: "$steps/0/id" }, body: 7 } },
          ],
        },
      }),
    );
    expect(ir.flows.map((f) => [f.name, f.input.operationId, f.steps.map((s) => [s.call, s.input])])).toEqual([
      [
        "submit",
        "draft",
        [
          ["draft", { ref: "input", pointer: [] }],
          ["confirm", { object: { path: { object: { id: { ref: 0, pointer: ["id"] } } }, body: { literal: 7 } } }],
        ],
      ],
    ]);
  });

  it.each([
    {
      name: "a step calling no method",
      flows: { submit: { input: "draft", steps: [{ call: "publish" }] } },
      want: /steps\/0: expected \{ call: <client method>, input \}/,
    },
    {
      name: "a reference to a later step",
      flows: { submit: { input: "draft", steps: [{ call: "confirm", input: { path: { id: "$steps/1/id" } } }, { call: "draft" }] } },
      want: /\$steps\/1\/id must name an earlier step/,
    },
    {
      name: "a reference of another kind",
      flows: { submit: { input: "draft", steps: [{ call: "draft", input: "$env/HOME" }] } },
      want: /references start with \$input or \$steps/,
    },
    {
      name: "a name a method already has",
      flows: { confirm: { input: "draft", steps: [{ call: "draft" }] } },
      want: /a flow's name is a camelCase identifier no method has/,
    },
  ])("refuses $name", async ({ flows, want }) => {
    await expect(irOf(withFlows(flows))).rejects.toThrow(want);
  });
});
