/**
 * Words a generated name may not be: JavaScript's reserved words, `raw` (the client's own escape hatch), what
 * every object inherits (a `toString` operation would shadow it) and `then` (a client with it is a thenable
 * that `await` would call).
 */
const reserved = new Set(
  "break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof new null return super switch this throw true try typeof var void while with yield let static implements interface package private protected public await raw constructor toString valueOf toLocaleString hasOwnProperty isPrototypeOf propertyIsEnumerable then".split(
    " ",
  ),
);

/**
 * The words of a name: runs of what JavaScript allows inside an identifier (Unicode's ID_Continue: letters and
 * digits of any script, combining marks), split at everything else and at underscores. `²` or `½` are numbers
 * to Unicode but not to JavaScript, so they split too.
 */
export const identifierWords = (value: string): string[] => value.split(/[^\p{ID_Continue}]+|_+/u).filter(Boolean);

/** Joined words made to start as an identifier must (a digit or a combining mark cannot): `2fa` → `_2fa`. */
export const identifierStart = (joined: string): string => (/^\p{ID_Start}/u.test(joined) ? joined : `_${joined}`);

/**
 * camelCase identifier from any operationId or name: `get-user_details` → `getUserDetails`,
 * `accounts.list` → `accountsList`, `2fa-verify` → `_2faVerify`. Letters of any script stay (they are
 * identifiers too: `получитьСчета`); a name with no letter or digit at all becomes `_`.
 */
export function camelCase(value: string): string {
  const words = identifierWords(value);
  const joined = words.map((w, i) => (i === 0 ? w[0]!.toLowerCase() + w.slice(1) : w[0]!.toUpperCase() + w.slice(1))).join("");
  const safe = joined ? identifierStart(joined) : "_";
  return reserved.has(safe) ? `${safe}_` : safe;
}

export function pascalCase(value: string): string {
  const camel = camelCase(value).replace(/(.)_$/, "$1");
  return camel[0] === "_" ? camel : camel[0]!.toUpperCase() + camel.slice(1);
}
