import type { Violation } from "../errors.js";
import { pathMatcher, readInput } from "./read-input.js";
import type { HandlerContext, HandlerResult, SecuritySchemeSpec, ServerReply, ServerRequest, ServerRouteSpec } from "./route.js";

/** One event per request the server answered: no bodies, no credentials. */
export interface ServerEvent {
  event: "served";
  operationId: string | undefined;
  status: number;
  outcome: "ok" | "not-found" | "invalid-request" | "unauthorized" | "deadline" | "handler-failed" | "contract-broken";
  durationMs: number;
  /** For `contract-broken`: what the handler's result broke (paths and rules, no values). */
  violations?: readonly Violation[];
  /** For `unauthorized`: why the credential was refused (a JwtRejectedError's reason, such as `expired`), never the credential. */
  reason?: string;
}

/** A request before its body: what routing and authentication need. */
export type RequestHead = Omit<ServerRequest, "body">;

/** A request's head handled: the reply it already has, or what completes it with its body. */
export type Begun = { reply: ServerReply } | { complete(body: Uint8Array): Promise<ServerReply> };

/** A dispatcher: whole requests, or (for servers that read bodies themselves) heads first. */
export type Dispatcher = ((request: ServerRequest) => Promise<ServerReply>) & { begin(head: RequestHead): Promise<Begun> };

/** Checks a credential and returns who it names; throws (anything) to refuse it with 401. */
export type Authenticate<Principal> = (credential: string, context: { operationId: string; signal: AbortSignal }) => Promise<Principal>;

export interface DispatcherOptions<Principal> {
  /** One function per security scheme the routes use, such as `jwtVerifier(…).verify` for DCM's X-Session-ID. */
  authenticate?: Record<string, Authenticate<Principal>>;
  logger?: (event: ServerEvent) => void;
}

const json = { "content-type": "application/json" };
const reply = (status: number, error: string, description: string, violations?: readonly Violation[]): ServerReply => ({
  status,
  headers: json,
  body: JSON.stringify({ error, description, ...(violations ? { violations } : {}) }),
});

class Outcome {
  constructor(
    readonly reply: ServerReply,
    readonly outcome: ServerEvent["outcome"],
    readonly violations?: readonly Violation[],
    readonly reason?: string,
  ) {}
}

/** Why an authenticate function refused: its error's `reason` when it has one (JwtRejectedError), else `refused`. */
function refusal(error: unknown): string {
  const reason = error instanceof Error ? (error as Error & { reason?: unknown }).reason : undefined;
  return typeof reason === "string" ? reason : "refused";
}

/** A request line's target as a URL (`//x` is a path here, not another host), or undefined when it is none. */
function requestTarget(target: string): URL | undefined {
  try {
    return new URL(target.startsWith("/") ? `http://server${target}` : target, "http://server");
  } catch {
    return undefined;
  }
}

/** The violations of a handler's result against the operation's declared responses. */
function checkResult(route: ServerRouteSpec, result: HandlerResult): Violation[] {
  if (typeof result !== "object" || result === null || !Number.isInteger(result.status))
    return [{ path: "/status", rule: "type", message: "the handler must return { status, body }" }];
  const declared = Object.hasOwn(route.responses, String(result.status)) ? route.responses[String(result.status)] : route.responses.default;
  if (declared === undefined)
    return [{ path: "/status", rule: "status", message: `status ${result.status} is not declared for this operation` }];
  if (declared === null) return result.body === undefined ? [] : [{ path: "/body", rule: "body", message: "this status has no body" }];
  if (result.body === undefined) return [{ path: "/body", rule: "required", message: "is required for this status" }];
  return declared(result.body, "/body");
}

/**
 * A framework-agnostic server for a spec's operations: request head in → route (404/405) → credentials
 * checked (401) before the body is read → parameters and JSON body read and validated (400 with the
 * violations) → the typed handler, within the operation's deadline (503 past it) → its result checked
 * against the contract before it leaves (500 when it breaks it: the caller never receives an answer the
 * spec does not allow).
 */
export function createDispatcher<Principal>(
  routes: readonly ServerRouteSpec[],
  schemes: Record<string, SecuritySchemeSpec>,
  // The generated server types the handlers; here they are looked up by operation name and checked.
  handlers: object,
  options: DispatcherOptions<Principal> = {},
): Dispatcher {
  const table = handlers as Record<string, unknown>;
  for (const route of routes) {
    if (typeof table[route.id] !== "function") throw new Error(`createDispatcher: no handler for ${route.id}`);
    for (const name of route.security.flat())
      if (!options.authenticate?.[name]) throw new Error(`createDispatcher: ${route.id} needs options.authenticate.${name}`);
  }
  const matchers = routes.map((route) => ({ route, ...pathMatcher(route.path) }));

  async function authenticate(
    route: ServerRouteSpec,
    request: ServerRequest,
    url: URL,
    signal: AbortSignal,
  ): Promise<Principal | undefined> {
    if (route.security.length === 0 || route.security.some((alternative) => alternative.length === 0)) return undefined;
    for (const alternative of route.security) {
      const name = alternative[0]!;
      const scheme = schemes[name]!;
      const raw = scheme.in === "header" ? request.headers[scheme.name.toLowerCase()] : url.searchParams.get(scheme.name);
      const credential = Array.isArray(raw) ? raw[0] : raw;
      if (!credential) continue;
      try {
        return await options.authenticate![name]!(credential, { operationId: route.id, signal });
      } catch (error) {
        throw new Outcome(reply(401, "Unauthorized", "the credentials are not valid"), "unauthorized", undefined, refusal(error));
      }
    }
    throw new Outcome(reply(401, "Unauthorized", "credentials are required"), "unauthorized", undefined, "missing");
  }

  async function serve(
    route: ServerRouteSpec,
    request: ServerRequest,
    url: URL,
    values: string[],
    names: string[],
    signal: AbortSignal,
    principal: Principal | undefined,
  ) {
    const read = readInput(route, request, url, values, names);
    if ("violations" in read)
      throw new Outcome(reply(400, "InvalidRequest", "the request breaks the contract", read.violations), "invalid-request");
    const violations = route.validateRequest(read.input);
    if (violations.length > 0)
      throw new Outcome(reply(400, "InvalidRequest", "the request breaks the contract", violations), "invalid-request");
    let result: HandlerResult;
    try {
      const handler = table[route.id] as (input: unknown, context: HandlerContext<Principal>) => Promise<HandlerResult>;
      result = await handler.call(handlers, read.input, { operationId: route.id, principal, signal });
    } catch {
      throw new Outcome(reply(500, "HandlerFailed", "the handler failed"), "handler-failed");
    }
    const broken = checkResult(route, result);
    if (broken.length > 0)
      throw new Outcome(reply(500, "ContractBroken", "the answer would break the contract"), "contract-broken", broken);
    const body = result.body === undefined ? "" : JSON.stringify(result.body);
    return new Outcome({ status: result.status, headers: { ...(body ? json : {}), ...result.headers }, body }, "ok");
  }

  function log(started: number, operationId: string | undefined, outcome: Outcome): ServerReply {
    options.logger?.({
      event: "served",
      operationId,
      status: outcome.reply.status,
      outcome: outcome.outcome,
      durationMs: Math.round(performance.now() - started),
      ...(outcome.violations ? { violations: outcome.violations } : {}),
      ...(outcome.reason ? { reason: outcome.reason } : {}),
    });
    return outcome.reply;
  }

  /**
   * The head of a request (method, target, headers): routed and authenticated before a byte of its body is
   * read, so anonymous senders cost no parsing. Resolves to the reply when the head decides it (404, 405,
   * 401), or to what completes the request once its body is in.
   */
  async function begin(head: RequestHead): Promise<Begun> {
    const started = performance.now();
    const url = requestTarget(head.url);
    if (!url)
      return {
        reply: log(started, undefined, new Outcome(reply(400, "InvalidRequest", "the request target is not a path"), "invalid-request")),
      };
    const found = matchers.map((m) => ({ ...m, match: m.regex.exec(url.pathname) })).filter((m) => m.match);
    const matched = found.find((m) => m.route.method === head.method.toLowerCase());
    if (!matched) {
      const outcome =
        found.length > 0
          ? new Outcome(reply(405, "MethodNotAllowed", "method not allowed"), "not-found")
          : new Outcome(reply(404, "NotFound", "no such operation"), "not-found");
      return { reply: log(started, undefined, outcome) };
    }
    const { route } = matched;
    // The deadline covers authentication and the handler.
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<Outcome>((resolve) => {
      if (route.deadlineMs === undefined) return;
      timer = setTimeout(() => {
        controller.abort();
        resolve(new Outcome(reply(503, "DeadlineExceeded", `no answer within ${route.deadlineMs} ms`), "deadline"));
      }, route.deadlineMs);
    });
    const finish = async (work: Promise<Outcome>) => {
      const outcome = await Promise.race([
        work.catch((error: unknown) =>
          error instanceof Outcome ? error : new Outcome(reply(500, "HandlerFailed", "the server failed"), "handler-failed"),
        ),
        deadline,
      ]);
      clearTimeout(timer);
      return log(started, route.id, outcome);
    };
    const principal = await Promise.race([
      authenticate(route, { ...head, body: new Uint8Array(0) }, url, controller.signal).then(
        (value) => ({ value }),
        (error: unknown) => ({ error }),
      ),
      deadline.then((outcome) => ({ error: outcome })),
    ]);
    if ("error" in principal) return { reply: await finish(Promise.reject(principal.error)) };
    return {
      complete: (body) =>
        finish(serve(route, { ...head, body }, url, matched.match!.slice(1), matched.names, controller.signal, principal.value)),
    };
  }

  const dispatch = async (request: ServerRequest): Promise<ServerReply> => {
    const begun = await begin(request);
    return "reply" in begun ? begun.reply : begun.complete(request.body);
  };
  return Object.assign(dispatch, { begin });
}
