import type { Violation } from "../errors.js";

/** The error shape of the validators the generator emits (Ajv standalone code). */
export interface SchemaError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

/** A validator emitted at generation time: returns true or leaves its errors on `.errors`. */
export type Validator = ((data: unknown) => boolean) & { errors?: SchemaError[] | null };

// `if` only reports that its `then` failed; the `then` branch's own errors say which field and why.
const noiseKeywords = new Set(["if"]);

function ruleMessage(error: SchemaError): string {
  const p = error.params;
  switch (error.keyword) {
    case "required":
      return "is required";
    case "enum":
      return `must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
    case "const":
      return `must be ${JSON.stringify(p.allowedValue)}`;
    case "additionalProperties":
      return "is not a known field";
    default:
      return error.message ?? `breaks rule ${error.keyword}`;
  }
}

function fieldPath(prefix: string, error: SchemaError): string {
  const p = error.params;
  if (error.keyword === "required") return `${prefix}${error.instancePath}/${String(p.missingProperty)}`;
  if (error.keyword === "additionalProperties") return `${prefix}${error.instancePath}/${String(p.additionalProperty)}`;
  return prefix + error.instancePath;
}

/** Runs a generated validator and returns what broke, in the caller's terms; empty when valid. */
export function validate(validator: Validator, data: unknown, pathPrefix = ""): Violation[] {
  if (validator(data)) return [];
  const seen = new Set<string>();
  const violations: Violation[] = [];
  for (const error of validator.errors ?? []) {
    if (noiseKeywords.has(error.keyword)) continue;
    const violation = { path: fieldPath(pathPrefix, error), rule: error.keyword, message: ruleMessage(error) };
    const key = `${violation.path}|${violation.rule}|${violation.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      violations.push(violation);
    }
  }
  return violations;
}
