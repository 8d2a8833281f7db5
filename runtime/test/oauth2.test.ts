import { once } from "node:events";
import { createServer, type IncomingMessage } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { AuthenticationError, basicClientAuth, ClientCore, type OperationSpec, oauth2PasswordAuth } from "../src/index.js";

/** A token endpoint that records each grant and answers from a script. */
async function tokenServer(answer: (form: URLSearchParams, request: IncomingMessage) => { status: number; body: unknown }) {
  const grants: URLSearchParams[] = [];
  const authorizations: string[] = [];
  const server = createServer(async (request, response) => {
    let text = "";
    for await (const chunk of request) text += chunk;
    const form = new URLSearchParams(text);
    grants.push(form);
    authorizations.push(request.headers.authorization ?? "");
    const { status, body } = answer(form, request);
    response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
  }).listen(0, "127.0.0.1");
  await once(server, "listening");
  servers.push(server);
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}/token`, grants, authorizations };
}
const servers: ReturnType<typeof createServer>[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

const credentials = { clientId: "bank client", clientSecret: "s3:cr/t+ü", username: "K0531900", password: "p@ss word" };
const get: OperationSpec = { id: "read", method: "get", path: "/read", responses: { "200": { "application/json": null } } };
let issued = 0;
const token = (expiresIn = 3600) => ({
  status: 200,
  body: { access_token: `a${++issued}`, refresh_token: `r${issued}`, token_type: "Bearer", expires_in: expiresIn, scope: "default" },
});

describe("OAuth2 password grant", () => {
  it("encodes the client credentials as RFC 6749 §2.3.1 says before Basic", () => {
    const header = basicClientAuth(credentials.clientId, credentials.clientSecret);
    expect(Buffer.from(header.slice(6), "base64").toString()).toBe("bank+client:s3%3Acr%2Ft%2B%C3%BC");
  });

  it("logs in once, renews with the refresh token before expiry, and logs in again when the refresh token is refused", async () => {
    let refuseRefresh = false;
    const endpoint = await tokenServer((form) =>
      form.get("grant_type") === "refresh_token" && refuseRefresh ? { status: 400, body: { error: "invalid_grant" } } : token(120),
    );
    let now = 1_000_000;
    const auth = oauth2PasswordAuth({ ...credentials, tokenUrl: endpoint.url, scope: "default", now: () => now, renewBeforeMs: 60_000 });
    const seen: string[] = [];
    const core = new ClientCore(
      { servers: [] },
      {
        baseUrl: "http://api.test",
        auth,
        fetch: async (r) => {
          seen.push(r.headers.get("authorization") ?? "");
          return new Response("{}", { headers: { "content-type": "application/json" } });
        },
      },
    );
    await core.call(get);
    await core.call(get);
    now += 61_000; // within a minute of expiry: renew
    await core.call(get);
    refuseRefresh = true;
    now += 61_000;
    await core.call(get);
    expect(endpoint.grants.map((g) => g.get("grant_type"))).toEqual(["password", "refresh_token", "refresh_token", "password"]);
    expect(endpoint.grants[0]?.get("username")).toBe("K0531900");
    expect(endpoint.grants[0]?.get("password")).toBe("p@ss word");
    expect(endpoint.grants[0]?.get("scope")).toBe("default");
    expect(endpoint.grants[1]?.get("refresh_token")).toMatch(/^r\d+$/);
    expect(new Set(endpoint.authorizations)).toEqual(new Set([basicClientAuth(credentials.clientId, credentials.clientSecret)]));
    expect(seen[0]).toMatch(/^Bearer a\d+$/);
    expect(seen[2]).not.toBe(seen[1]);
  });

  it("never repeats a refused password grant, and fails every waiting call with AuthenticationError", async () => {
    const endpoint = await tokenServer(() => ({ status: 401, body: { error: "invalid_client" } }));
    const auth = oauth2PasswordAuth({ ...credentials, tokenUrl: endpoint.url });
    const core = new ClientCore({ servers: [] }, { baseUrl: "http://api.test", auth, fetch: async () => new Response("{}") });
    const errors = await Promise.all(Array.from({ length: 50 }, () => core.call(get).catch((e: unknown) => e)));
    expect(endpoint.grants).toHaveLength(1);
    for (const error of errors) expect(error).toMatchObject({ name: "AuthenticationError", status: 401, oauthError: "invalid_client" });
    expect(errors[0]).toBeInstanceOf(AuthenticationError);
  });

  it("gets one token for 1,000 concurrent calls", async () => {
    const endpoint = await tokenServer(() => token());
    const auth = oauth2PasswordAuth({ ...credentials, tokenUrl: endpoint.url });
    const core = new ClientCore(
      { servers: [] },
      { baseUrl: "http://api.test", auth, fetch: async () => new Response("{}", { headers: { "content-type": "application/json" } }) },
    );
    await Promise.all(Array.from({ length: 1000 }, () => core.call(get)));
    expect(endpoint.grants).toHaveLength(1);
  });
});
