import type { JsonObject } from "../ir/types.js";
import { isObject, valueAt } from "../openapi/pointer.js";
import { pascalCase } from "./identifiers.js";
import type { Pass } from "./pass.js";

const componentSchema = /^#\/components\/schemas\/([^/]+)$/;

/**
 * Gives every callback body a named schema in `components.schemas`, so that openapi-typescript (which
 * ignores callbacks and webhooks) emits its type. A body that already is a `$ref` to a component keeps it.
 */
export const hoistCallbackSchemas: Pass = {
  name: "hoist-callback-schemas",
  run(api) {
    api.document.components ??= {};
    const components = api.document.components as JsonObject;
    components.schemas ??= {};
    const schemas = components.schemas as JsonObject;
    for (const callback of api.callbacks) {
      const schema = valueAt(api.document, callback.schemaPointer);
      const ref = isObject(schema) && typeof schema.$ref === "string" ? componentSchema.exec(schema.$ref) : null;
      if (ref) {
        callback.schemaName = decodeURIComponent(ref[1]!).replace(/~1/g, "/").replace(/~0/g, "~");
        continue;
      }
      let name = `${pascalCase(callback.name)}Body`;
      for (let i = 2; name in schemas; i++) name = `${pascalCase(callback.name)}Body${i}`;
      schemas[name] = schema;
      callback.schemaName = name;
    }
  },
};
