import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { nextVersion } from "../src/diff/change.js";
import { diffOpenApi } from "../src/diff/openapi-diff.js";
import type { DiffReport } from "../src/diff/report.js";
import type { JsonObject } from "../src/ir/types.js";

const bin = join(import.meta.dirname, "..", "bin", "bankkit.js");
const root = join(import.meta.dirname, "..", "..");
const run = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", cwd: root });

/** A copy of the repository's specs (samples included, which they reference), to edit. */
function specsCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), "bankkit-diff-test-"));
  cpSync(join(root, "specs"), join(dir, "specs"), { recursive: true });
  return dir;
}

function edit(path: string, from: string, to: string): void {
  const text = readFileSync(path, "utf8");
  expect(text, `the edit finds ${from}`).toContain(from);
  writeFileSync(path, text.replace(from, to));
}

describe("bankkit diff on a copy of a real spec", { timeout: 180_000 }, () => {
  it("a field's type changed is breaking, with its pointer; an optional field added is not; --fail-on breaking exits 1", () => {
    const copy = specsCopy();
    const spec = join(copy, "specs/openapi/dcm.yaml");
    edit(
      spec,
      "        purpose: { type: string }\n        receiver_iban:",
      "        purpose: { type: integer }\n        note: { type: string }\n        receiver_iban:",
    );
    const json = run(["diff", "specs/openapi/dcm.yaml", spec, "--json"]);
    expect(json.status, json.stderr).toBe(0);
    const [report] = JSON.parse(json.stdout) as DiffReport[];
    const createPayment = report!.changes.filter((c) => c.scope === "POST /counterparty/{counterparty_guid}/payments (createPayment)");
    expect(createPayment.map((c) => [c.impact, c.rule, c.pointer])).toEqual([
      ["breaking", "type-changed", "#/components/schemas/NewPayment/properties/purpose/type"],
      ["non-breaking", "property-added", "#/components/schemas/NewPayment/properties/note"],
    ]);
    expect(report!.bump).toBe("major");
    const failing = run(["diff", "specs/openapi/dcm.yaml", spec, "--fail-on", "breaking"]);
    expect(failing.status).toBe(1);
    expect(failing.stdout).toMatch(/2 breaking, 2 non-breaking/);
    expect(failing.stdout).toMatch(
      /type string → integer {2}\[type-changed\] {2}#\/components\/schemas\/NewPayment\/properties\/purpose\/type/,
    );
  });

  it("only additions: non-breaking, --fail-on breaking exits 0", () => {
    const copy = specsCopy();
    const spec = join(copy, "specs/openapi/kisc-identity.yaml");
    edit(spec, "        vendor_name: { type: string }", "        vendor_name: { type: string }\n        channel: { type: string }");
    const result = run(["diff", "specs/openapi/kisc-identity.yaml", spec, "--fail-on", "breaking"]);
    expect(result.status, result.stdout).toBe(0);
    expect(result.stdout).toMatch(/0 breaking, 1 non-breaking — additions$/m);
    expect(result.stdout).toContain("optional property channel added  [property-added]  #/components/schemas/ReportRow/properties/channel");
  });

  it("XSDs: an element removed, made mandatory or a facet narrowed is breaking; an optional element added is not", () => {
    const copy = specsCopy();
    const xsd = join(copy, "specs/xsd/pacs.002.001.11.xsd");
    // The published file as it is (CRLF line ends): GroupHeader91's agents are the first InstgAgt/InstdAgt in it.
    const agent = (name: string) =>
      `<xs:element maxOccurs="1" minOccurs="0" name="${name}" type="BranchAndFinancialInstitutionIdentification6"/>`;
    edit(
      xsd,
      agent("InstgAgt"),
      '<xs:element name="InstgAgt" type="BranchAndFinancialInstitutionIdentification6"/><xs:element name="Note" type="Max35Text" minOccurs="0"/>',
    );
    edit(xsd, agent("InstdAgt"), "");
    edit(
      xsd,
      '<xs:simpleType name="Max35Text">\r\n        <xs:restriction base="xs:string">\r\n            <xs:minLength value="1"/>\r\n            <xs:maxLength value="35"/>',
      '<xs:simpleType name="Max35Text">\r\n        <xs:restriction base="xs:string">\r\n            <xs:minLength value="1"/>\r\n            <xs:maxLength value="16"/>',
    );
    const result = run(["diff", "specs/xsd/pacs.002.001.11.xsd", xsd, "--json"]);
    const [report] = JSON.parse(result.stdout) as DiffReport[];
    expect(report!.changes.map((c) => `${c.impact} ${c.rule} ${c.pointer}`).sort()).toEqual([
      "breaking element-mandatory #/types/GroupHeader91/InstgAgt",
      "breaking element-removed #/types/GroupHeader91/InstdAgt",
      "breaking facet-narrowed #/types/Max35Text/maxLength",
      "non-breaking element-added #/types/GroupHeader91/Note",
    ]);
    // Every message's root is Document: the changelog tells which message changed.
    expect(new Set(report!.changes.map((c) => c.scope))).toEqual(new Set(["pacs.002.001.11"]));
  });

  it("--since REV compares each spec with the revision's and suggests each package's next version", () => {
    const result = run(["diff", "--since", "HEAD", "specs/openapi/pc-server.yaml", "--json"]);
    expect(result.status, result.stderr).toBe(0);
    const [report] = JSON.parse(result.stdout) as DiffReport[];
    expect(report).toMatchObject({
      old: "HEAD:specs/openapi/pc-server.yaml",
      new: "specs/openapi/pc-server.yaml",
      package: { name: "@bankkit/pc-server" },
    });
    expect(run(["diff", "--since", "no-such-revision"]).stderr).toMatch(/cannot read specs\/ at no-such-revision/);
    // A file that is not there is a mistake, not "a new API".
    const missing = run(["diff", "--since", "HEAD", "specs/openapi/nosuch.yaml"]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/^bankkit: cannot read .*specs\/openapi\/nosuch\.yaml: no such file or directory \(ENOENT\)$/m);
    expect(run(["diff", "specs/openapi/dcm.yaml", "nosuch.yaml"]).stderr).toMatch(/cannot read nosuch\.yaml: .*\(ENOENT\)/);
  });
});

// Any OpenAPI document, inline: the rules one by one.
const doc = (schema: JsonObject, extra: JsonObject = {}): JsonObject => ({
  openapi: "3.0.3",
  info: { title: "T", version: "1" },
  paths: {
    "/pets": {
      post: {
        operationId: "addPet",
        requestBody: { required: true, content: { "application/json": { schema } } },
        responses: { "200": { description: "ok", content: { "application/json": { schema } } } },
        ...extra,
      },
    },
  },
});

describe("diffOpenApi rules (request and response sides of one schema)", () => {
  const pet = {
    type: "object",
    required: ["name"],
    properties: { name: { type: "string", maxLength: 20 }, kind: { type: "string", enum: ["cat", "dog"] }, age: { type: "integer" } },
  };
  const rules = (after: JsonObject, extra: JsonObject = {}) =>
    diffOpenApi(doc(pet), doc(after, extra)).map((c) => `${c.impact} ${c.rule} ${c.pointer.replace("#/paths/~1pets/post/", "")}`);
  const withProperty = (name: string, schema: JsonObject) => ({ ...pet, properties: { ...pet.properties, [name]: schema } });

  it.each([
    [
      "a field removed",
      { ...pet, properties: { name: pet.properties.name, kind: pet.properties.kind } },
      [
        "breaking property-removed requestBody/content/application~1json/schema/properties/age",
        "breaking property-removed responses/200/content/application~1json/schema/properties/age",
      ],
    ],
    [
      "an optional field added",
      withProperty("color", { type: "string" }),
      [
        "non-breaking property-added requestBody/content/application~1json/schema/properties/color",
        "non-breaking property-added responses/200/content/application~1json/schema/properties/color",
      ],
    ],
    [
      "a field newly required",
      { ...pet, required: ["name", "age"] },
      [
        "breaking property-required requestBody/content/application~1json/schema/properties/age",
        "non-breaking property-required responses/200/content/application~1json/schema/properties/age",
      ],
    ],
    [
      "an enum value removed",
      withProperty("kind", { type: "string", enum: ["cat"] }),
      [
        "breaking enum-value-removed requestBody/content/application~1json/schema/properties/kind/enum",
        "breaking enum-value-removed responses/200/content/application~1json/schema/properties/kind/enum",
      ],
    ],
    [
      "an enum value added",
      withProperty("kind", { type: "string", enum: ["cat", "dog", "fox"] }),
      [
        "non-breaking enum-value-added requestBody/content/application~1json/schema/properties/kind/enum",
        "non-breaking enum-value-added responses/200/content/application~1json/schema/properties/kind/enum",
      ],
    ],
    [
      "a type narrowed (number → integer is wider the other way)",
      withProperty("age", { type: "number" }),
      [
        "non-breaking type-widened requestBody/content/application~1json/schema/properties/age/type",
        "breaking type-widened responses/200/content/application~1json/schema/properties/age/type",
      ],
    ],
    [
      "a facet narrowed",
      withProperty("name", { type: "string", maxLength: 10 }),
      [
        "breaking facet-narrowed requestBody/content/application~1json/schema/properties/name/maxLength",
        "non-breaking facet-narrowed responses/200/content/application~1json/schema/properties/name/maxLength",
      ],
    ],
  ])("%s", (_, after, want) => {
    expect(rules(after as JsonObject)).toEqual(want);
  });

  it("operation-level: security added, a required parameter added, a response status removed, a description changed", () => {
    const before = doc(pet);
    const after = doc(pet, {
      description: "Adds a pet.",
      security: [{ key: [] }],
      parameters: [{ name: "X-Trace", in: "header", required: true, schema: { type: "string" } }],
      responses: { "201": { description: "created" } },
    });
    expect(diffOpenApi(before, after).map((c) => `${c.impact} ${c.rule}`)).toEqual([
      "breaking parameter-added",
      "breaking response-status-removed",
      "non-breaking response-status-added",
      "breaking security-added",
      "non-breaking description-changed",
    ]);
  });

  it("an operation removed is breaking, one added is not", () => {
    const next = doc(pet);
    (next.paths as JsonObject)["/owners"] = { get: { operationId: "listOwners", responses: { "200": { description: "ok" } } } };
    delete ((next.paths as JsonObject)["/pets"] as JsonObject).post;
    expect(diffOpenApi(doc(pet), next).map((c) => `${c.impact} ${c.rule} ${c.scope}`)).toEqual([
      "breaking operation-removed POST /pets (addPet)",
      "non-breaking operation-added GET /owners (listOwners)",
    ]);
  });
});

describe("operation extensions", () => {
  it("taking an operation out of the answer envelope changes what its method returns: breaking; a fixed header is not", () => {
    const op = (extra: Record<string, unknown>) => ({
      openapi: "3.1.0",
      info: { title: "T", version: "1" },
      paths: { "/healthcheck": { get: { operationId: "healthcheck", responses: {}, ...extra } } },
    });
    expect(diffOpenApi(op({}), op({ "x-bankkit-envelope": false })).map((c) => `${c.impact} ${c.rule}`)).toEqual([
      "breaking extension-changed",
    ]);
    const header = { "x-bankkit-headers": [{ name: "Accept", value: "application/xml" }] };
    expect(diffOpenApi(op({}), op(header)).map((c) => `${c.impact} ${c.rule}`)).toEqual(["non-breaking extension-changed"]);
    // Set on the path item, it reaches each of the path's operations.
    const onItem = op({});
    Object.assign((onItem.paths as Record<string, Record<string, unknown>>)["/healthcheck"]!, header);
    expect(diffOpenApi(op({}), onItem).map((c) => `${c.impact} ${c.rule} ${c.pointer}`)).toEqual([
      "non-breaking extension-changed #/paths/~1healthcheck/x-bankkit-headers",
    ]);
  });
});

describe("versions", () => {
  it.each([
    ["0.1.0", "major", "0.2.0"],
    ["0.1.3", "minor", "0.1.4"],
    ["1.4.2", "major", "2.0.0"],
    ["1.4.2", "minor", "1.5.0"],
    ["1.4.2", "patch", "1.4.3"],
  ] as const)("%s with a %s change → %s", (version, bump, next) => {
    expect(nextVersion(version, bump)).toBe(next);
  });
});

describe("operation identity", () => {
  it("a renamed operationId renames the generated method: breaking", () => {
    const before = {
      openapi: "3.1.0",
      info: { title: "T", version: "1" },
      paths: { "/v": { get: { operationId: "listVendors", responses: {} } } },
    };
    const after = { ...before, paths: { "/v": { get: { operationId: "vendors", responses: {} } } } };
    expect(diffOpenApi(before, after).map((c) => `${c.impact} ${c.rule} ${c.pointer}`)).toEqual([
      "breaking operation-renamed #/paths/~1v/get/operationId",
    ]);
  });
});

describe("document extensions", () => {
  it("a flow added is an addition; removed or changed breaks callers", () => {
    const base = { openapi: "3.1.0", info: { title: "T", version: "1" }, paths: {} };
    const flow = { input: "a", steps: [{ call: "a" }] };
    const withFlows = (flows: Record<string, unknown>) => ({ ...base, "x-bankkit-flows": flows });
    expect(diffOpenApi(base, withFlows({ pay: flow })).map((c) => `${c.impact} ${c.rule}`)).toEqual(["non-breaking flow-added"]);
    expect(diffOpenApi(withFlows({ pay: flow }), base).map((c) => `${c.impact} ${c.rule}`)).toEqual(["breaking flow-removed"]);
    expect(diffOpenApi(withFlows({ pay: flow }), withFlows({ pay: { ...flow, steps: [] } })).map((c) => `${c.impact} ${c.rule}`)).toEqual([
      "breaking flow-changed",
    ]);
  });
});
