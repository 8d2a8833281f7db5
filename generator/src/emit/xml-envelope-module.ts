import { StructureKind, VariableDeclarationKind } from "ts-morph";
import { GeneratorError } from "../errors.js";
import type { XmlAnyIr, XmlGroupIr, XmlItem, XmlModelIr } from "../xsd/xml-ir.js";
import { docText, literal, printStructure } from "./printer.js";
import { runtimeEntry } from "./runtime-parts.js";
import { type XmlSource, xmlFileHeader } from "./xml-message-module.js";
import { xmlTypeIdentifier } from "./xml-model-types.js";

/** A message module the envelope can point at. */
export interface XmlModuleRef {
  name: string;
  /** Import path from the package's `src/` (`./pacs.008.001.08.js`). */
  importPath: string;
  ir: XmlModelIr;
}

/** The element XML Encryption puts encrypted content in, the one member of its namespace an envelope carries. */
const encryptedElements: Record<string, string> = { "http://www.w3.org/2001/04/xmlenc#": "EncryptedData" };

/**
 * A transport envelope module from a schema without target namespace whose root holds, as wildcards, a
 * business application header followed by a Document — or one encrypted element:
 *
 *   <xs:choice>
 *     <xs:sequence><xs:any namespace="<head.001>"/><xs:any namespace="##other"/></xs:sequence>
 *     <xs:any namespace="http://www.w3.org/2001/04/xmlenc#"/>
 *   </xs:choice>
 *
 * The header wildcard names the header schema's namespace; the document wildcard names namespaces or
 * `##other` (every Document schema present). The emitted type is a union discriminated by the header's
 * MsgDefIdr, which names the Document's message definition. Any other shape is refused.
 */
export function emitXmlEnvelopeModule(name: string, ir: XmlModelIr, source: XmlSource, modules: XmlModuleRef[]): string {
  const typeOf = (name: string) => ir.types.find((type) => type.name === name);
  const holdsWildcards = (field: XmlModelIr["roots"][number]) => {
    const type = field.type.kind === "type" ? typeOf(field.type.name) : undefined;
    return type?.kind === "complex" && type.content !== undefined && containsWildcard(type.content);
  };
  const envelopes = ir.roots.filter(holdsWildcards);
  const root = envelopes[0];
  const rootType = root?.type.kind === "type" ? typeOf(root.type.name) : undefined;
  const refuse = (why: string): never => {
    throw new GeneratorError(
      `${source.path}: ${why}; an envelope schema has one root whose type is a choice of (header wildcard, document wildcard) or one encrypted wildcard, and may have wrapper roots holding just that root`,
      root?.at ?? "/xs:schema",
    );
  };
  if (!root || envelopes.length > 1 || rootType?.kind !== "complex" || !rootType.content)
    return refuse("no single root with wildcard content");
  // Other roots may only wrap the envelope: a sequence of exactly that one element.
  const wrappers = ir.roots
    .filter((other) => other !== root)
    .map((other) => {
      const type = other.type.kind === "type" ? typeOf(other.type.name) : undefined;
      const only = type?.kind === "complex" ? type.content?.items : undefined;
      const field = only?.length === 1 ? only[0] : undefined;
      if (field?.kind !== "field" || field.name !== root.name || field.type.kind !== "type" || field.type.name !== rootType.name)
        return refuse(`the root ${other.name} is neither the envelope nor a wrapper of it`);
      return other.name;
    });
  const choice = rootType.content;
  const pair = choice.kind === "choice" ? choice.items.find((item) => item.kind === "sequence") : choice;
  const wildcards = (pair && pair.kind === "sequence" ? pair.items : []).filter((item): item is XmlAnyIr => item.kind === "any");
  if (wildcards.length !== 2) return refuse("no sequence of two wildcards (header, document)");
  const [headerAny, documentAny] = wildcards as [XmlAnyIr, XmlAnyIr];
  const header = modules.find((module) => module.ir.namespace === headerAny.namespace);
  if (!header) return refuse(`no schema in specs/xsd has the header namespace ${headerAny.namespace}`);
  const documentNamespaces = documentAny.namespace === "##other" ? undefined : documentAny.namespace.split(/\s+/);
  const documents = modules.filter(
    (module) =>
      module !== header &&
      module.ir.roots.some((r) => r.name === "Document") &&
      (!documentNamespaces || documentNamespaces.includes(module.ir.namespace)),
  );
  if (documents.length === 0) return refuse(`no Document schema matches ${documentAny.namespace}`);
  const encryptedAny = choice.kind === "choice" ? choice.items.find((item: XmlItem): item is XmlAnyIr => item.kind === "any") : undefined;
  const encrypted = encryptedAny && { element: encryptedElements[encryptedAny.namespace], namespace: encryptedAny.namespace };
  if (encrypted && !encrypted.element)
    return refuse(`the encrypted wildcard's namespace ${encryptedAny?.namespace} is not XML Encryption's`);

  const headerRoot = header.ir.roots[0];
  const headerType = `${header.name}.${headerRoot?.type.kind === "type" ? xmlTypeIdentifier(headerRoot.type.name) : "never"}`;
  const typeName = name[0]?.toUpperCase() + name.slice(1);
  const members = documents.map((document) => {
    const definition = document.ir.namespace.slice(document.ir.namespace.lastIndexOf(":") + 1);
    const documentRoot = document.ir.roots.find((r) => r.name === "Document");
    const documentType = `${document.name}.${documentRoot?.type.kind === "type" ? xmlTypeIdentifier(documentRoot.type.name) : "never"}`;
    return `{ AppHdr: ${headerType} & { MsgDefIdr: ${literal(definition)} }; Document: ${documentType}${encrypted ? `; ${encrypted.element}?: never` : ""} }`;
  });
  if (encrypted) members.push(`{ ${encrypted.element}: string; AppHdr?: never; Document?: never }`);

  const imported = [header, ...documents].sort((a, b) => a.importPath.localeCompare(b.importPath));
  return printStructure(xmlFileHeader(source), {
    statements: [
      { kind: StructureKind.ImportDeclaration, moduleSpecifier: runtimeEntry("xml"), namedImports: ["xmlEnvelopeCodec"] },
      ...imported.map((module) => ({
        kind: StructureKind.ImportDeclaration as const,
        moduleSpecifier: module.importPath,
        namespaceImport: module.name,
      })),
      {
        kind: StructureKind.TypeAlias,
        isExported: true,
        name: typeName,
        docs: [
          docText(
            `\`${root.name}\`: the header and the Document its MsgDefIdr names${encrypted ? `, or the ${encrypted.element} element as XML text` : ""}.`,
          ),
        ],
        type: members.join(" | "),
      },
      {
        kind: StructureKind.VariableStatement,
        isExported: true,
        declarationKind: VariableDeclarationKind.Const,
        docs: [docText(`Parse, validate and serialize \`${root.name}\`.`)],
        declarations: [
          {
            name,
            initializer: `xmlEnvelopeCodec<${typeName}>({ root: ${literal(root.name)}, header: ${header.name}.codec, documents: [${documents
              .map((document) => `${document.name}.codec`)
              .join(
                ", ",
              )}]${encrypted ? `, encrypted: ${JSON.stringify(encrypted)}` : ""}${wrappers.length > 0 ? `, wrappers: ${JSON.stringify(wrappers)}` : ""} })`,
          },
        ],
      },
    ],
  });
}

function containsWildcard(group: XmlGroupIr): boolean {
  return group.items.some((item) => item.kind === "any" || (item.kind !== "field" && containsWildcard(item)));
}
