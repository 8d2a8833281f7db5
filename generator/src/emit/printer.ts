import { printStructure as printTsMorphStructure, type SourceFileStructure, StructureKind } from "ts-morph";

/**
 * Prints a source file from its ts-morph structure, with the given header first. ts-morph's structure
 * printer writes the text directly: no project, no parse of the result.
 */
export function printStructure(header: string, structure: Omit<SourceFileStructure, "kind">): string {
  return header + printTsMorphStructure({ ...structure, kind: StructureKind.SourceFile }, { indentNumberOfSpaces: 2 });
}

/** A JSDoc body that cannot end the comment early. */
export function docText(...parts: (string | undefined)[]): string {
  return parts
    .filter((p): p is string => typeof p === "string" && p.trim() !== "")
    .join("\n\n")
    .replace(/\*\//g, "*\\/")
    .trim();
}

/** A TypeScript string literal. */
export function literal(value: unknown): string {
  return JSON.stringify(value);
}
