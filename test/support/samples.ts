import { readFileSync } from "node:fs";
import { join } from "node:path";

/** The `value` of a sample from specs/samples (the vendor documents' messages, kept as Example Objects). */
export function sample<T>(api: string, name: string): T {
  const text = readFileSync(join(import.meta.dirname, "..", "..", "specs", "samples", api, `${name}.json`), "utf8");
  return (JSON.parse(text) as { value: T }).value;
}

/** The raw bytes of a sample's value, as a sender would put them on the wire. */
export function sampleBody(api: string, name: string): string {
  return JSON.stringify(sample<unknown>(api, name));
}
