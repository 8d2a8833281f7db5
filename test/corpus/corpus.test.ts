import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { basename, extname, join } from "node:path";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { diffFiles } from "../../generator/src/diff/diff-files.js";
import { generatePackage, writePackage } from "../../generator/src/generate.js";
import { strictTscOutput, unparsableJs } from "../../generator/test/support/compile.js";

/**
 * Documents nobody on the team wrote (SOURCES.md says where each comes from), and reductions of the
 * constructs that real documents use and other generators accept: each is generated as a user would
 * (`bankkit generate --spec … --out …`), every emitted .js file passes `node --check`, and all the packages
 * with a file of type-level checks compile under strict in one tsc run.
 */
const root = join(import.meta.dirname, "..", "..");
const corpus = join(import.meta.dirname);
const out = join(root, "test-artifacts", "corpus");
const documents = [
  ...readdirSync(join(corpus, "documents")).map((file) => join(corpus, "documents", file)),
  ...readdirSync(join(corpus, "reductions"))
    .filter((file) => !file.startsWith("swagger"))
    .map((file) => join(corpus, "reductions", file)),
];
const idOf = (file: string) => basename(file, extname(file));
const warnings = new Map<string, number>();

beforeAll(async () => {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  for (const spec of documents) {
    const files = await generatePackage(
      { spec, out: join(out, idOf(spec)) },
      { warn: (_, found) => warnings.set(idOf(spec), found.length) },
    );
    await writePackage(join(out, idOf(spec)), files);
  }
}, 600_000);

describe("real and reduced OpenAPI documents", () => {
  it("generate, with what was worked around counted", () => {
    expect(readdirSync(out).sort()).toEqual(documents.map(idOf).sort());
    // Adyen's 3.1 Checkout has `nullable` twice; the 3.0 reduction has four `nullable`s without type and two undeclared path parameters.
    expect(warnings.get("adyen-CheckoutService-v71")).toBe(2);
    // Adyen's dispute attachments: a Java-style (?i) inside a pattern.
    expect(warnings.get("adyen-RaiseDisputesService-v4")).toBe(1);
    expect(warnings.get("nullable-30")).toBe(6);
    expect(warnings.has("adyen-BinLookupService-v54")).toBe(false);
  });

  it("emit JavaScript that parses (node --check on every .js file)", () => {
    expect(unparsableJs(out, documents.map(idOf))).toEqual([]);
  });

  it("compile under strict, and their types admit what their validators do (null, readOnly/writeOnly per direction)", async () => {
    // The type side of the agreement: null where the document allows it (however it says so), and nowhere else.
    writeFileSync(
      join(out, "agreement.ts"),
      [
        'import type { components as Nullable30 } from "./nullable-30/src/schema.js";',
        'import type { components as Checkout } from "./adyen-CheckoutService-v71/src/schema.js";',
        'type Charge = Nullable30["schemas"]["charge"];',
        'const charge: Charge = { id: "ch_1", amount: 100, customer: null, failure_code: null, review: null };',
        'const issue: Nullable30["schemas"]["issue"] = { id: 1, state: "open", assignee: null, closed_by: null };',
        'const refund: Checkout["schemas"]["PaymentRefundResponse"]["merchantRefundReason"] = null;',
        "// @ts-expect-error amount allows no null",
        "const unpaid: Charge = { ...charge, amount: null };",
        'import type { DomainsCreateInput, DomainsCreateResult } from "./read-write-30/src/client.js";',
        'const create: DomainsCreateInput = { body: { name: "example.com", ip_address: "192.0.2.1", labels: { owner: "ops", rank: 1 } } };',
        "// @ts-expect-error ttl is read-only: the server sets it",
        'const resend: DomainsCreateInput = { body: { name: "example.com", ttl: 1800 } };',
        'const created: DomainsCreateResult = { domain: { name: "example.com", ttl: 1800, zone_file: null } };',
        "export { charge, issue, refund, unpaid, create, resend, created };",
      ].join("\n"),
    );
    expect(strictTscOutput(out, ["*/src/**/*.ts", "agreement.ts"])).toBe("");

    // The validator side, through the generated clients.
    const answer = (body: unknown) => async () => new Response(JSON.stringify(body), { headers: { "content-type": "application/json" } });
    const { createNullable30Client } = await import(join(out, "nullable-30", "src", "index.ts"));
    const charge = { id: "ch_1", amount: 100, customer: null, failure_code: null, review: null };
    const read = (body: unknown) => createNullable30Client({ fetch: answer(body) }).getChargesCharge({ path: { charge: "ch_1" } });
    await expect(read(charge)).resolves.toEqual(charge);
    await expect(read({ ...charge, amount: null })).rejects.toMatchObject({ violations: [{ path: "/body/amount", rule: "type" }] });
    const issue = { id: 1, state: "open", assignee: null, closed_by: null };
    const issues = createNullable30Client({ fetch: answer(issue) });
    await expect(issues.issuesGet({ path: { owner: "o", repo: "r", issue_number: "1" } })).resolves.toEqual(issue);

    // readOnly/writeOnly per direction, as DigitalOcean's domains use them.
    const { createReadWrite30Client } = await import(join(out, "read-write-30", "src", "index.ts"));
    const sent: unknown[] = [];
    const domains = createReadWrite30Client({
      fetch: async (request: Request) => {
        sent.push(await request.json());
        return new Response(JSON.stringify({ domain: { name: "example.com", ttl: 1800, zone_file: null } }), {
          status: 201,
          headers: { "content-type": "application/json" },
        });
      },
    });
    const body = { name: "example.com", ip_address: "192.0.2.1", labels: { owner: "ops", rank: 1 } };
    await expect(domains.domainsCreate({ body })).resolves.toEqual({ domain: { name: "example.com", ttl: 1800, zone_file: null } });
    expect(sent).toEqual([body]);
    await expect(domains.domainsCreate({ body: { name: "example.com", ttl: 1800 } })).rejects.toMatchObject({
      violations: [{ path: "/body/ttl", rule: "readOnly" }],
    });
    await expect(domains.domainsCreate({ body: { name: "example.com", labels: { rank: "first" } } })).rejects.toMatchObject({
      violations: [{ path: "/body/labels/rank", rule: "type" }],
    });
    expect(sent).toHaveLength(1);
  });
});

describe("patterns written for another regular-expression engine", () => {
  it("are checked as closely as JavaScript can: Adyen's inline (?i) becomes a case-insensitive pattern", async () => {
    const { createAdyenRaiseDisputesServiceV4Client } = await import(join(out, "adyen-RaiseDisputesService-v4", "src", "index.ts"));
    const sent: unknown[] = [];
    const disputes = createAdyenRaiseDisputesServiceV4Client({
      fetch: async (request: Request) => {
        sent.push(await request.json());
        return new Response("{}", { headers: { "content-type": "application/json" } });
      },
    });
    const attach = (fileName: string, extra: object = {}) =>
      disputes.postDisputesDisputeIdAttachments({
        path: { disputeId: "d1" },
        body: { attachmentType: "receipt", content: "JVBERi0=", fileName, ...extra },
      });
    await attach("scan.PDF");
    await attach("scan.pdf");
    await expect(attach("scan.png")).rejects.toMatchObject({ violations: [{ path: "/body/fileName", rule: "pattern" }] });
    // Its `id` is read-only: a request may not carry it.
    await expect(attach("scan.pdf", { id: "att_1" })).rejects.toMatchObject({ violations: [{ path: "/body/id", rule: "readOnly" }] });
    expect(sent.map((body) => (body as { fileName: string }).fileName)).toEqual(["scan.PDF", "scan.pdf"]);
  });

  it("that JavaScript cannot read at all are left unchecked, with a warning --strict turns into a refusal", async () => {
    const dir = join(out, "..", "corpus-patterns");
    mkdirSync(dir, { recursive: true });
    const spec = join(dir, "broken-pattern.json");
    writeFileSync(
      spec,
      JSON.stringify({
        openapi: "3.1.0",
        info: { title: "p", version: "1" },
        paths: {},
        components: { schemas: { Code: { type: "string", pattern: "([a-z" } } },
      }),
    );
    const found: string[] = [];
    await generatePackage({ spec, out: join(dir, "out") }, { warn: (_, warnings) => found.push(...warnings.map((w) => w.pointer)) });
    expect(found).toEqual(["#/components/schemas/Code/pattern"]);
    await expect(generatePackage({ spec, out: join(dir, "out") }, { strict: true })).rejects.toThrow(
      /#\/components\/schemas\/Code\/pattern/,
    );
  });
});

describe("names that are not identifiers", () => {
  it("become valid, unique methods, callbacks and a lower-case package name", async () => {
    const { createNames31Client, names31CallbackSpecs, parseBalancePlatformTransferCreated2 } = await import(
      join(out, "names-31", "src", "index.ts")
    );
    const client = createNames31Client({ fetch: async () => new Response(null, { status: 204 }) });
    for (const method of [
      "accountsList",
      "accountsCreate",
      "getAccount",
      "delete_",
      "_2faVerify",
      "получитьСчета",
      "getUsers",
      "getUsers2",
    ])
      expect(typeof client[method], method).toBe("function");
    expect(names31CallbackSpecs.map((spec: { name: string }) => spec.name)).toEqual([
      "balancePlatform.transfer.created",
      "balancePlatform-transfer-created",
    ]);
    expect(() => parseBalancePlatformTransferCreated2("{}")).toThrow(/owner\.name/);
    const pkg = (id: string) =>
      (JSON.parse(execFileSync("cat", [join(out, id, "package.json")], { encoding: "utf8" })) as { name: string }).name;
    expect(pkg("adyen-CheckoutService-v71")).toBe("@bankkit/adyen-checkoutservice-v71");
  });
});

describe("refusals", () => {
  const stderr = vi.spyOn(console, "error").mockImplementation(() => {});
  afterEach(() => stderr.mockClear());

  it("Swagger 2.0 is refused saying so, and how to convert it", async () => {
    const swagger = join(corpus, "reductions", "swagger-20.json");
    await expect(generatePackage({ spec: swagger, out: join(out, "swagger") })).rejects.toThrow(
      /is Swagger 2\.0; bankkit reads OpenAPI 3\.0 and 3\.1\. Convert it first, for example with `npx swagger2openapi/,
    );
  });

  it("--strict refuses what is otherwise worked around, naming each pointer", async () => {
    const spec = join(corpus, "reductions", "nullable-30.yaml");
    const refusal = await generatePackage({ spec, out: join(out, "strict") }, { strict: true }).catch((error: Error) => error.message);
    expect(refusal).toContain("nullable-30.yaml cannot be generated:\n");
    expect(refusal).toContain("  #/components/schemas/charge/properties/customer/nullable: The `type` field must be defined");
    expect(refusal).toContain(
      "  #/paths/~1v1~1charges~1{charge}/get/parameters: The operation does not define the path parameter `{charge}`",
    );
  });
});

describe("bankkit diff between consecutive vendor versions", () => {
  it("reports Adyen Checkout v70 → v71 as checked by hand", async () => {
    const changes = await diffFiles(
      join(corpus, "documents", "adyen-CheckoutService-v70.json"),
      join(corpus, "documents", "adyen-CheckoutService-v71.json"),
    );
    const find = (pointer: string) => changes.find((change) => change.pointer === pointer);
    // v71 keeps 43 of DonationPaymentRequest's 75 properties with additionalProperties false: sending one breaks.
    expect(find("#/components/schemas/DonationPaymentRequest/properties/additionalAmount")).toMatchObject({
      impact: "breaking",
      rule: "property-removed",
    });
    expect(changes.filter((change) => change.rule === "property-removed")).toHaveLength(32);
    // A request string that must now be a date-time breaks callers; the same narrowing in an answer does not.
    expect(find("#/components/schemas/PaymentLinkRequest/properties/expiresAt/format")).toMatchObject({ impact: "breaking" });
    expect(find("#/components/schemas/PaymentLinkResponse/properties/expiresAt/format")).toMatchObject({ impact: "non-breaking" });
    expect(find("#/components/schemas/CheckoutForwardResponse/properties/pspReference")).toMatchObject({
      impact: "non-breaking",
      rule: "property-added",
    });
    expect(find("#/servers")).toMatchObject({ rule: "servers-changed" });
  });
});
