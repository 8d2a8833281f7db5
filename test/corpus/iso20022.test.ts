import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { xmlMessages } from "@bankkit/iso20022";
import { XmlMessageError, type XmlViolation } from "@bankkit/runtime/xml";
import { describe, expect, it } from "vitest";
import { libxml2Errors } from "../support/xml-samples.js";

// Messages written by others (iso20022/SOURCES.md): each header and Document whose schema @bankkit/iso20022
// has is judged by libxml2 against the published schema and by us; the verdicts must agree, a valid part
// must come back unchanged from a round trip, and a refused one must be refused at the elements libxml2 names.
const dir = join(import.meta.dirname, "iso20022");
const namespacePrefix = "urn:iso:std:iso:20022:tech:xsd:";

interface Part {
  file: string;
  root: "AppHdr" | "Document";
  message: string;
  text: string;
}

function partsOf(file: string): Part[] {
  const text = readFileSync(join(dir, file), "utf8");
  return (["AppHdr", "Document"] as const).flatMap((root) => {
    const element = new RegExp(`<((?:[\\w-]+:)?${root})[\\s>][\\s\\S]*?</\\1>`).exec(text)?.[0];
    const message = element && new RegExp(`xmlns(?::[\\w-]+)?=["']${namespacePrefix}([a-z0-9.]+)["']`).exec(element)?.[1];
    return element && message ? [{ file, root, message, text: element }] : [];
  });
}

const codecs = new Map(xmlMessages.map((codec) => [codec.model.namespace.slice(namespacePrefix.length), codec]));
const parts = readdirSync(dir)
  .filter((file) => file.endsWith(".xml"))
  .sort()
  .flatMap(partsOf);
const ours = parts.filter((part) => codecs.has(part.message));

function violationsOf(part: Part): readonly XmlViolation[] {
  try {
    (codecs.get(part.message) as (typeof xmlMessages)[number]).parse(part.text);
    return [];
  } catch (error) {
    if (error instanceof XmlMessageError) return error.violations;
    throw error;
  }
}

describe("ISO 20022 messages written by others, judged by libxml2 and by @bankkit/iso20022", () => {
  it("keeps every file as SOURCES.md records it (name and sha256)", () => {
    const recorded = new Map(
      [...readFileSync(join(dir, "SOURCES.md"), "utf8").matchAll(/^\| (\S+\.xml) \| ([0-9a-f]{64}) \|/gm)].map((m) => [m[1], m[2]]),
    );
    const files = readdirSync(dir).filter((file) => file.endsWith(".xml"));
    expect([...recorded.keys()].sort()).toEqual(files.sort());
    for (const file of files)
      expect(
        createHash("sha256")
          .update(readFileSync(join(dir, file)))
          .digest("hex"),
        file,
      ).toBe(recorded.get(file));
  });

  it("holds headers and Documents of the package's schemas", () => {
    expect(ours.length).toBeGreaterThanOrEqual(60);
    expect(new Set(ours.map((part) => part.message))).toEqual(
      new Set([
        "head.001.001.01",
        "camt.053.001.07",
        "pacs.002.001.11",
        "pacs.004.001.09",
        "pacs.008.001.08",
        "pacs.009.001.08",
        "pacs.028.001.03",
      ]),
    );
  });

  it.each(ours.map((part) => [`${part.file} ${part.root} (${part.message})`, part] as const))("%s", async (_, part) => {
    const libxml2 = await libxml2Errors(part.text, `${part.message}.xsd`);
    const violations = violationsOf(part);
    if (libxml2.length === 0) {
      expect(violations).toEqual([]);
      const codec = codecs.get(part.message) as (typeof xmlMessages)[number];
      const message = codec.parse(part.text);
      const written = codec.serialize(message as never);
      expect(codec.parse(written)).toEqual(message);
      expect(await libxml2Errors(written, `${part.message}.xsd`)).toEqual([]);
      return;
    }
    // Refused by both, at the same elements: libxml2 names `{namespace}Local` (for missing children, the
    // parent, and only the first of them); we give each violation a path, so ours must lie at or under an
    // element libxml2 names, and every element it names must hold one of ours. libxml2 stops reading an
    // element's content at the first child it cannot place; what we find after that child (a second defect
    // in a later sibling) lies under the same parent.
    const named = libxml2.map((m) => /Element '\{[^}]*\}(\w+)'/.exec(m)?.[1] as string);
    const unexpected = libxml2.filter((m) => m.includes("This element is not expected")).map((m) => /\}(\w+)'/.exec(m)?.[1]);
    const within = (path: string, element: string) => new RegExp(`/${element}(?:\\[\\d+\\])?(?:/|$)`).test(path);
    const stoppedIn = violations
      .filter((v) =>
        unexpected.includes(
          v.path
            .split("/")
            .at(-1)
            ?.replace(/\[\d+\]$/, ""),
        ),
      )
      .map((v) => v.path.slice(0, v.path.lastIndexOf("/") + 1));
    expect(violations).not.toEqual([]);
    for (const element of named)
      expect(
        violations.some((v) => within(v.path, element)),
        `${element} in ${libxml2}`,
      ).toBe(true);
    for (const violation of violations)
      expect(
        named.some((element) => within(violation.path, element)) || stoppedIn.some((parent) => violation.path.startsWith(parent)),
        violation.path,
      ).toBe(true);
  });
});
