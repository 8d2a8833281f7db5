import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..", "..");
const packages = ["bank131-kyc", "dcm", "dcm-bank", "kisc-etsfo", "kisc-identity", "pc-server", "pc-server-signer"];
const readme = (id: string) => readFileSync(join(root, "generated", id, "README.md"), "utf8");
const factory = (id: string) => `create${id.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase())}Client`;

/** The call examples of a README's operations, one `const result = …` block each. */
function callExamples(text: string): string[] {
  const operations = text.slice(text.indexOf("## Operations"));
  return [...operations.matchAll(/```ts\n(const result = [\s\S]*?)```/g)].map((m) => m[1]!);
}

describe("generated README.md (the reference a developer reads first)", () => {
  it.each(packages)("%s: install, client creation, auth, and one call example per operation", (id) => {
    const text = readme(id);
    const client = readFileSync(join(root, "generated", id, "src", "client.ts"), "utf8");
    const methods = [...client.matchAll(/^ {2}([a-z][A-Za-z0-9]*)\((?:input|args|options|[a-z][A-Za-z0-9]*):/gm)].map((m) => m[1]!);
    expect(text).toMatch(new RegExp(`npm install .*bankkit/packages/bankkit-${id}-\\*\\.tgz`));
    expect(text).toContain(`and \`npm install @bankkit/${id}\` from there`);
    expect(text).toMatch(new RegExp(`import \\{ [^}]*${factory(id)}[^}]* \\} from "@bankkit/${id}";`));
    expect(text).toContain("## Authentication, signing and TLS");
    const examples = callExamples(text);
    for (const method of methods.filter((m) => m !== "constructor" && !m.startsWith("waitFor")))
      expect(
        examples.some((e) => e.includes(`client.${method}(`)),
        method,
      ).toBe(true);
  });

  it("the examples use the spec's own examples and the methods' shapes", () => {
    expect(readme("dcm")).toContain('asset_issuer: "GBRMZ5MUMD5KPYKHAZ3RWG6FGWNVKCDP3NQ6DAPSQDPDDMNOSE7MBLOK"');
    expect(readme("kisc-identity")).toContain('await client.verify({ iin: "850101300124", vendor: 1, photo: readFileSync("photo.jpg")');
    expect(readme("kisc-identity")).toContain('await client.transactionsReport("20261120", "20261120")');
    expect(readme("bank131-kyc")).not.toMatch(/signature: "/);
    expect(readme("kisc-etsfo")).toContain('body: iso.kiscEnvelope.parse(readFileSync("message.xml", "utf8"), { profile: "kisc" })');
    // The samples compile and run against the mocks: test/e2e/readme-samples.test.ts.
    expect(readme("dcm-bank")).toContain("## Serving the API");
  });
});
