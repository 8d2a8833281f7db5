import { createHash } from "node:crypto";
import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import {
  AbortedError,
  ApiCodeError,
  type AttemptLogEvent,
  type AttemptStep,
  ClientCore,
  ConnectionError,
  type HttpStatusError,
  type Logger,
  NotFoundError,
  type OperationSpec,
  RateLimitError,
  RequestValidationError,
  ResponseValidationError,
  redactHeaders,
  ServerError,
  TimeoutError,
  type Validator,
} from "../src/index.js";
import { pcApiError, pcEnvelope } from "./support/pc-envelope.js";

const requireName: Validator = (data, path = "") => {
  const body = (data as { body?: { name?: unknown } }).body;
  return typeof body?.name === "string" ? [] : [{ path: `${path}/body/name`, rule: "required", message: "is required" }];
};
const answerShape: Validator = (data, path = "") =>
  typeof (data as { id?: unknown }).id === "number" ? [] : [{ path: `${path}/id`, rule: "type", message: "must be an integer" }];

const createThing: OperationSpec = {
  id: "createThing",
  method: "post",
  path: "/things/{kind}",
  validateRequest: requireName,
  body: { mediaType: "application/json", kind: "json" },
  responses: { "200": { "application/json": answerShape }, "404": {} },
};

const servers = [
  { name: "default", url: "https://{host}/api", variables: { host: { default: "bank.test", enum: ["bank.test", "other.test"] } } },
];
const json = (status: number, body: string, type = "application/json") => new Response(body, { status, headers: { "content-type": type } });

function client(fetch: (request: Request) => Promise<Response>, logger?: Logger) {
  return new ClientCore({ servers }, { fetch, logger, timeoutMs: 200 });
}
const input = { path: { kind: "a" }, body: { name: "n" } };
const errorOf = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (e: unknown) => e,
  );

describe("ClientCore", () => {
  it("sends the request to the resolved server and returns the validated JSON", async () => {
    const seen: Request[] = [];
    const result = await client(async (request) => {
      seen.push(request);
      return json(200, '{"id":7}');
    }).call(createThing, input);
    expect(result).toEqual({ id: 7 });
    expect(seen[0]?.url).toBe("https://bank.test/api/things/a");
    expect(seen[0]?.headers.get("content-type")).toBe("application/json");
    expect(await seen[0]?.text()).toBe('{"name":"n"}');
  });

  it("refuses invalid input before sending anything", async () => {
    let sent = 0;
    const counting = async () => {
      sent++;
      return json(200, "{}");
    };
    const error = await errorOf(client(counting).call(createThing, { path: { kind: "a" }, body: {} }));
    expect(error).toBeInstanceOf(RequestValidationError);
    expect((error as RequestValidationError).violations).toEqual([{ path: "/body/name", rule: "required", message: "is required" }]);
    expect((error as RequestValidationError).message).toBe("createThing: invalid request: /body/name is required");
    expect(sent).toBe(0);
  });

  it.each([
    ["a body that is not JSON", json(200, "<html>oops</html>"), "json"],
    ["a truncated JSON body", json(200, '{"id":'), "json"],
    ["an empty body", new Response(null, { status: 200, headers: { "content-type": "application/json" } }), "required"],
    ["an undeclared content type", json(200, "id=7", "text/plain"), "mediaType"],
    ["an undeclared status", json(201, '{"id":7}'), "status"],
    ["a body that breaks the schema", json(200, '{"id":"7"}'), "type"],
  ])("reports %s as a ResponseValidationError", async (_, response, rule) => {
    const error = await errorOf(client(async () => response).call(createThing, input));
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect((error as ResponseValidationError).violations[0]?.rule).toBe(rule);
    expect((error as ResponseValidationError).attempts).toBe(1);
  });

  it.each([
    [404, NotFoundError],
    [429, RateLimitError],
    [503, ServerError],
  ])("maps HTTP %i to its error class with the parsed body", async (status, ErrorClass) => {
    const error = await errorOf(client(async () => json(status, '{"reason":"x"}')).call(createThing, input));
    expect(error).toBeInstanceOf(ErrorClass);
    expect((error as ServerError).status).toBe(status);
    expect((error as ServerError).body).toEqual({ reason: "x" });
  });

  it("reports a refused connection as a ConnectionError with its code", async () => {
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, "127.0.0.1", () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    const core = new ClientCore({ servers }, { baseUrl: `http://127.0.0.1:${port}` });
    const error = await errorOf(core.call(createThing, input));
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).code).toBe("ECONNREFUSED");
    expect((error as ConnectionError).attempts).toBe(1);
  });

  const hang = (request: Request) =>
    new Promise<Response>((_, reject) => request.signal.addEventListener("abort", () => reject(request.signal.reason)));

  it("gives up after the timeout with a TimeoutError", async () => {
    const started = Date.now();
    const error = await errorOf(client(hang).call(createThing, input, { timeoutMs: 50 }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).timeoutMs).toBe(50);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("stops when the caller aborts, with an AbortedError", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    const error = await errorOf(client(hang).call(createThing, input, { signal: controller.signal }));
    expect(error).toBeInstanceOf(AbortedError);
  });

  it("logs one event per attempt with credentials redacted", async () => {
    const events: AttemptLogEvent[] = [];
    const secret = "Bearer s3cr3t-token";
    await client(
      async () => json(200, '{"id":1}'),
      (e) => e.event === "attempt" && events.push(e),
    ).call(createThing, input, {
      headers: { Authorization: secret, "x-trace": "visible" },
    });
    expect(events).toEqual([
      expect.objectContaining({
        event: "attempt",
        operationId: "createThing",
        method: "POST",
        path: "/things/{kind}",
        attempt: 1,
        outcome: "response",
        status: 200,
      }),
    ]);
    expect(events[0]?.requestHeaders.authorization).toBe("[REDACTED]");
    expect(events[0]?.requestHeaders["x-trace"]).toBe("visible");
    expect(JSON.stringify(events)).not.toContain("s3cr3t");
  });

  it("serializes query, header and cookie parameters in their declared styles", async () => {
    const seen: Request[] = [];
    const listThings: OperationSpec = {
      id: "listThings",
      method: "get",
      path: "/things",
      styles: { query: { ids: { style: "pipeDelimited", explode: false }, f: { style: "deepObject", explode: true } } },
      responses: { "200": { "application/json": null } },
    };
    const recording = async (request: Request) => {
      seen.push(request);
      return json(200, "[]");
    };
    await client(recording).call(listThings, {
      query: { ids: [1, 2], tags: ["a", "b"], f: { k: "v" } },
      header: { "X-Ids": [1, 2] },
      cookie: { session: "a b" },
    });
    const url = new URL(seen[0]!.url);
    expect(decodeURIComponent(url.search)).toBe("?ids=1|2&tags=a&tags=b&f[k]=v");
    expect(seen[0]?.headers.get("x-ids")).toBe("1,2");
    expect(seen[0]?.headers.get("cookie")).toBe("session=a%20b");
  });

  it("refuses an unknown server or a server variable outside its enum", () => {
    expect(() => new ClientCore({ servers }, { server: "live" })).toThrow(/unknown server "live": the spec defines default/);
    expect(() => new ClientCore({ servers }, { serverVariables: { host: "evil.test" } })).toThrow(/must be one of bank.test, other.test/);
  });
});

describe("answer envelopes", () => {
  const envelope = pcEnvelope;
  const apiError = pcApiError;
  const getUser: OperationSpec = {
    id: "getUser",
    method: "get",
    path: "/u",
    responses: { "200": { "application/json": null } },
    envelope: { payloadKey: "user_info" },
  };
  const getBytes: OperationSpec = {
    id: "getBytes",
    method: "get",
    path: "/b",
    responses: { "200": { "application/octet-stream": null, "application/json": null } },
    envelope: { errorsOnly: true },
  };
  const core = (body: string, type = "application/json") =>
    new ClientCore({ servers, envelope, apiError }, { fetch: async () => json(200, body, type) });

  it("returns the payload named by the operation", async () => {
    const answer =
      '{"answer_type":"user_info","answer":{"result":{"error_code":0,"error_message":"Success"},"user_info":{"user_id":"u"}},"answer_version":3}';
    expect(await core(answer).call(getUser)).toEqual({ user_id: "u" });
  });

  it("throws the API's error for a non-zero code, with the server's message", async () => {
    const error = await errorOf(
      core('{"answer_type":"result_only","answer":{"result":{"error_code":208,"error_message":"User not found"}}}').call(getUser),
    );
    expect(error).toBeInstanceOf(ApiCodeError);
    expect(error).toMatchObject({ code: 208, codeName: "USER_NOT_FOUND", serverMessage: "User not found", operationId: "getUser" });
  });

  it.each([
    ["without a result code", '{"answer":{}}', "/body/answer/result/error_code"],
    ["a success without the payload", '{"answer_type":"user_info","answer":{"result":{"error_code":0}}}', "/body/answer/user_info"],
    [
      "a success whose answer_type names another payload",
      '{"answer_type":"user_created","answer":{"result":{"error_code":0}}}',
      "/body/answer_type",
    ],
  ])("refuses an answer %s", async (_, body, path) => {
    const error = await errorOf(core(body).call(getUser));
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect((error as ResponseValidationError).violations[0]?.path).toBe(path);
  });

  it("returns bytes for a binary operation and refuses a JSON success in their place", async () => {
    expect(await core("%PDF", "application/octet-stream").call(getBytes)).toEqual(new TextEncoder().encode("%PDF"));
    const error = await errorOf(core('{"answer":{"result":{"error_code":0}}}').call(getBytes));
    expect(error).toBeInstanceOf(ResponseValidationError);
  });
});

describe("attempt steps", () => {
  it("prepare every attempt just before it is sent: auth headers and a signature over the exact body bytes", async () => {
    const received: Request[] = [];
    const events: AttemptLogEvent[] = [];
    const sign: AttemptStep = async (request) => {
      const digest = createHash("sha256")
        .update(new Uint8Array(await request.clone().arrayBuffer()))
        .digest("hex");
      const headers = new Headers(request.headers);
      headers.set("x-body-sha256", digest);
      return new Request(request, { headers });
    };
    const auth: AttemptStep = (request, context) => {
      request.headers.set("authorization", `Bearer token-for-${context.operationId}-${context.attempt}`);
      return request;
    };
    const core = new ClientCore(
      { servers },
      {
        attemptSteps: [auth, sign],
        logger: (e) => e.event === "attempt" && events.push(e),
        fetch: async (request) => {
          received.push(request);
          return json(200, '{"id":1}');
        },
      },
    );
    await core.call(createThing, input);
    const sent = received[0]!;
    expect(sent.headers.get("authorization")).toBe("Bearer token-for-createThing-1");
    expect(sent.headers.get("x-body-sha256")).toBe(createHash("sha256").update('{"name":"n"}').digest("hex"));
    expect(await sent.text()).toBe('{"name":"n"}');
    expect(events[0]?.requestHeaders.authorization).toBe("[REDACTED]");
  });
});

describe("personal data in error bodies", () => {
  it("is replaced before the error reaches the caller", async () => {
    const body = JSON.stringify({ error: "bad", user: { user_name: "Айгерим Сапарова", iin: "900101400123", id: 1 } });
    const core = new ClientCore(
      { servers, personalData: ["user_name", "iin"] },
      { fetch: async () => new Response(body, { status: 400, headers: { "content-type": "application/json" } }) },
    );
    const error = (await errorOf(core.call(createThing, input))) as HttpStatusError;
    expect(error.body).toEqual({ error: "bad", user: { user_name: "[REDACTED]", iin: "[REDACTED]", id: 1 } });
    expect(JSON.stringify(error)).not.toContain("Сапарова");
  });
});

describe("header redaction", () => {
  it.each([
    ["Authorization", true],
    ["CX-Authorization", true],
    ["Cookie", true],
    ["X-Api-Key", true],
    ["apikey", true],
    ["X-Auth-Token", true],
    ["X-Client-Secret", true],
    ["X-Password", true],
    ["x-jws-signature", true],
    ["x-idempotency-key", false],
    ["x-fapi-interaction-id", false],
    ["content-type", false],
  ])("%s redacted: %s", (name, redacted) => {
    const headers = new Headers({ [name]: "value-123" });
    expect(redactHeaders(headers)[name.toLowerCase()] === "[REDACTED]").toBe(redacted);
  });
});
