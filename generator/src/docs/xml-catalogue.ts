import type { SimpleValueIr, XmlItem, XmlModelIr, XmlTypeIr, XmlTypeRef } from "../xsd/xml-ir.js";
import { escapeHtml, page } from "./html.js";

/** One schema of the catalogue: its file and model. */
export interface CatalogueEntry {
  file: string;
  ir: XmlModelIr;
}

const anchor = (file: string, type: string) => `${file.replace(/[^A-Za-z0-9]+/g, "-")}--${type}`;

function multiplicity(min: number, max: number): string {
  return `${min}..${max === Number.POSITIVE_INFINITY ? "n" : max}`;
}

/** The facets of a simple value, as a reader of the schema writes them. */
export function facets(value: SimpleValueIr): string[] {
  const out: string[] = [];
  if (value.length !== undefined) out.push(`length ${value.length}`);
  if (value.minLength !== undefined) out.push(`minLength ${value.minLength}`);
  if (value.maxLength !== undefined) out.push(`maxLength ${value.maxLength}`);
  if (value.totalDigits !== undefined) out.push(`totalDigits ${value.totalDigits}`);
  if (value.fractionDigits !== undefined) out.push(`fractionDigits ${value.fractionDigits}`);
  for (const bound of ["minInclusive", "maxInclusive", "minExclusive", "maxExclusive"] as const)
    if (value[bound] !== undefined) out.push(`${bound} ${value[bound]}`);
  for (const step of value.patterns) out.push(`pattern ${step.map((p) => p.replace(/^\^|\$$/g, "")).join(" | ")}`);
  if (value.enumeration) out.push(`one of ${value.enumeration.join(", ")}`);
  return out;
}

function typeCell(file: string, ref: XmlTypeRef): string {
  return ref.kind === "builtin" ? `<code>xs:${ref.builtin}</code>` : `<a href="#${anchor(file, ref.name)}">${escapeHtml(ref.name)}</a>`;
}

/** The rows of a content model: elements in order, with choices and sequences shown as such. */
function rows(file: string, item: XmlItem, depth: number, types: Map<string, XmlTypeIr>): string[] {
  const indent = "&nbsp;&nbsp;".repeat(depth);
  if (item.kind === "any")
    return [
      `<tr><td>${indent}<em>any element</em> (${escapeHtml(item.namespace)})</td><td>${multiplicity(item.minOccurs, item.maxOccurs)}</td><td></td><td></td></tr>`,
    ];
  if (item.kind === "field") {
    const target = item.type.kind === "type" ? types.get(item.type.name) : undefined;
    const shown = target && target.kind !== "complex" ? facets(target.value).map(escapeHtml).join("<br>") : "";
    return [
      `<tr><td>${indent}<code>${escapeHtml(item.name)}</code></td><td>${multiplicity(item.minOccurs, item.maxOccurs)}</td><td>${typeCell(file, item.type)}</td><td>${shown}</td></tr>`,
    ];
  }
  const head =
    item.kind === "choice"
      ? `<tr><td>${indent}<em>one of</em></td><td>${multiplicity(item.minOccurs, item.maxOccurs)}</td><td></td><td></td></tr>`
      : "";
  const nested = item.items.flatMap((child) => rows(file, child, item.kind === "choice" ? depth + 1 : depth, types));
  return head ? [head, ...nested] : nested;
}

function typeSection(file: string, type: XmlTypeIr, types: Map<string, XmlTypeIr>): string {
  const title = `<h3 id="${anchor(file, type.name)}">${escapeHtml(type.name)}</h3>`;
  if (type.kind === "simple")
    return `${title}<p>xs:${type.value.builtin}${facets(type.value).length ? `: ${facets(type.value).map(escapeHtml).join("; ")}` : ""}</p>`;
  const attributes = type.attributes.map(
    (a) =>
      `<tr><td><code>@${escapeHtml(a.name)}</code></td><td>${a.required ? "1..1" : "0..1"}</td><td><code>xs:${a.value.builtin}</code></td><td>${facets(a.value).map(escapeHtml).join("<br>")}</td></tr>`,
  );
  if (type.kind === "value") {
    const value = `<tr><td><em>value</em></td><td>1..1</td><td><code>xs:${type.value.builtin}</code></td><td>${facets(type.value).map(escapeHtml).join("<br>")}</td></tr>`;
    return `${title}<table><thead><tr><th>Content</th><th>Occurs</th><th>Type</th><th>Facets</th></tr></thead><tbody>${value}${attributes.join("")}</tbody></table>`;
  }
  const content = type.content ? rows(file, type.content, 0, types) : [];
  return `${title}<table><thead><tr><th>Element</th><th>Occurs</th><th>Type</th><th>Facets</th></tr></thead><tbody>${[...content, ...attributes].join("\n")}</tbody></table>`;
}

/**
 * `xml-messages.html`: every schema in specs/xsd — its root element and namespace, then each type with
 * its elements in order, their multiplicity, type and facets (pattern, length, digits, enumeration).
 */
export function xmlCataloguePage(entries: readonly CatalogueEntry[]): string {
  const sections = entries.map(({ file, ir }) => {
    const types = new Map(ir.types.map((t) => [t.name, t]));
    const roots = ir.roots.map((r) => `<code>${escapeHtml(r.name)}</code> (${typeCell(file, r.type)})`).join(", ");
    return `<h2 id="${anchor(file, "schema")}">${escapeHtml(file)}</h2>
<p>Root: ${roots}. Namespace: <code>${escapeHtml(ir.namespace || "none")}</code>. ${ir.types.length} types.</p>
${ir.types.map((type) => typeSection(file, type, types)).join("\n")}`;
  });
  const toc = entries.map(({ file }) => `<li><a href="#${anchor(file, "schema")}">${escapeHtml(file)}</a></li>`).join("");
  return page(
    "bankkit — XML messages",
    `<h1>XML messages</h1><p>The schemas the ISO 20022 models are generated from.</p><ul>${toc}</ul>${sections.join("\n")}`,
  );
}
