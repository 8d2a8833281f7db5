import { IndentationText, Project, QuoteKind, type SourceFileStructure } from "ts-morph";

let project: Project | undefined;

// One in-memory project for all emitters: files are built from structures and printed once.
function shared(): Project {
  project ??= new Project({
    useInMemoryFileSystem: true,
    skipLoadingLibFiles: true,
    manipulationSettings: { indentationText: IndentationText.TwoSpaces, quoteKind: QuoteKind.Double },
  });
  return project;
}

/** Prints a source file from its ts-morph structure, with the given header first. */
export function printStructure(fileName: string, header: string, structure: Omit<SourceFileStructure, "kind">): string {
  const file = shared().createSourceFile(`/${fileName}`, structure, { overwrite: true });
  const text = header + file.getFullText();
  shared().removeSourceFile(file);
  return text;
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
