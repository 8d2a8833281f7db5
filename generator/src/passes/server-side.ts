import { GeneratorError } from "../errors.js";
import { childPointer, isObject, valueAt } from "../openapi/pointer.js";
import type { Pass } from "./pass.js";

/** An OpenAPI security requirement list as scheme-name alternatives. */
function alternatives(requirements: unknown, at: string, schemes: Record<string, unknown>): string[][] {
  if (!Array.isArray(requirements)) throw new GeneratorError(`${at}: expected a list of security requirements`, at);
  return requirements.map((requirement, i) => {
    if (!isObject(requirement)) throw new GeneratorError(`${at}/${i}: expected a security requirement object`, `${at}/${i}`);
    const names = Object.keys(requirement);
    if (names.length > 1) throw new GeneratorError(`${at}/${i}: a served operation takes one scheme per alternative`, `${at}/${i}`);
    for (const name of names) if (!(name in schemes)) throw new GeneratorError(`${at}/${i}: no security scheme "${name}"`, `${at}/${i}`);
    return names;
  });
}

/**
 * For a spec marked `x-bankkit-server: true` (endpoints the user serves, such as a bank's for DCM): reads
 * the apiKey-style security schemes, each operation's security alternatives and `x-bankkit-deadline-ms`,
 * for the generated server to check credentials and answer in time.
 */
export const serverSide: Pass = {
  name: "server-side",
  run(api) {
    if (api.document["x-bankkit-server"] !== true) return;
    const components = isObject(api.document.components) ? api.document.components : {};
    const declared = isObject(components.securitySchemes) ? components.securitySchemes : {};
    const schemes: Record<string, { in: "header" | "query"; name: string }> = {};
    for (const [name, scheme] of Object.entries(declared)) {
      const at = childPointer("#/components/securitySchemes", name);
      if (
        !isObject(scheme) ||
        scheme.type !== "apiKey" ||
        (scheme.in !== "header" && scheme.in !== "query") ||
        typeof scheme.name !== "string"
      )
        throw new GeneratorError(`${at}: a served API's security schemes are apiKey schemes in a header or the query`, at);
      schemes[name] = { in: scheme.in, name: scheme.name };
    }
    api.server = { schemes };
    const global = api.document.security === undefined ? [] : alternatives(api.document.security, "#/security", schemes);
    for (const operation of api.operations) {
      // The dispatcher reads path, query and header parameters and JSON bodies; anything else it would refuse at run time.
      const cookie = operation.parameters.find((p) => p.in === "cookie");
      if (cookie)
        throw new GeneratorError(
          `${operation.pointer}: a served operation cannot take cookie parameters ("${cookie.name}")`,
          operation.pointer,
        );
      const media = operation.requestBody?.contents[0];
      if (media && media.kind !== "json")
        throw new GeneratorError(`${operation.pointer}: a served operation takes a JSON body, not ${media.mediaType}`, operation.pointer);
      const own = valueAt(api.document, childPointer(operation.pointer, "security"));
      operation.security = own === undefined ? global : alternatives(own, childPointer(operation.pointer, "security"), schemes);
      const at = childPointer(operation.pointer, "x-bankkit-deadline-ms");
      const deadline = valueAt(api.document, at);
      if (deadline === undefined) continue;
      if (!Number.isInteger(deadline) || (deadline as number) <= 0)
        throw new GeneratorError(`${at}: expected a positive number of milliseconds`, at);
      operation.deadlineMs = deadline as number;
    }
  },
};
