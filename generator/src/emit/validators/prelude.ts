/** The runtime's helpers (runtime/src/validation/validator-helpers.ts) that generated validators call. */
export const helperNames = [
  "closest",
  "dmy",
  "equal",
  "fail",
  "formats",
  "inEnum",
  "isObject",
  "key",
  "length",
  "maxBytes",
  "maxLen",
  "minLen",
  "req",
  "tArray",
  "tBoolean",
  "tInteger",
  "tNumber",
  "tObject",
  "tString",
  "unique",
  "yearsSince",
  "ymd",
];

/** The first line of every generated validators module: its helpers come from the runtime, one copy for every package. */
export const prelude = `import { ${helperNames.join(", ")} } from "@bankkit/runtime/validators";`;

/** The formats the runtime's helpers check (their `formats` keys); any other format is an annotation only. */
export const checkedFormats = new Set(["date", "date-time", "time", "email", "uri", "uuid", "ipv4", "hostname", "kz-iin"]);
