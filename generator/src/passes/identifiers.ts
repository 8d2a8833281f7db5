const reserved = new Set(
  "break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof new null return super switch this throw true try typeof var void while with yield let static implements interface package private protected public await constructor raw".split(
    " ",
  ),
);

/**
 * camelCase identifier from any operationId or name: `get-user_details` → `getUserDetails`,
 * `accounts.list` → `accountsList`, `2fa-verify` → `_2faVerify`. Letters of any script stay (they are
 * identifiers too: `получитьСчета`); a name with no letter or digit at all becomes `_`.
 */
export function camelCase(value: string): string {
  const words = value.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const joined = words.map((w, i) => (i === 0 ? w[0]!.toLowerCase() + w.slice(1) : w[0]!.toUpperCase() + w.slice(1))).join("");
  const safe = /^\p{N}/u.test(joined) ? `_${joined}` : joined || "_";
  return reserved.has(safe) ? `${safe}_` : safe;
}

export function pascalCase(value: string): string {
  const camel = camelCase(value).replace(/(.)_$/, "$1");
  return camel[0] === "_" ? camel : camel[0]!.toUpperCase() + camel.slice(1);
}
