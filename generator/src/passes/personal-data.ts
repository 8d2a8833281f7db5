import { isObject } from "../openapi/pointer.js";
import type { Pass } from "./pass.js";

/**
 * Collects the names of properties marked `x-bankkit-personal-data: true` anywhere in the document (IIN,
 * names, photos, …). The runtime replaces their values before an error body reaches the caller's logs.
 */
export const personalData: Pass = {
  name: "personal-data",
  run(api) {
    const names = new Set<string>();
    const visit = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(visit);
      else if (isObject(value)) {
        if (isObject(value.properties)) {
          for (const [name, schema] of Object.entries(value.properties))
            if (isObject(schema) && schema["x-bankkit-personal-data"] === true) names.add(name);
        }
        Object.values(value).forEach(visit);
      }
    };
    visit(api.document);
    api.personalData = [...names].sort();
  },
};
