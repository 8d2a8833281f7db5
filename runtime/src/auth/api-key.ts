import { breaksHeader } from "../http/header-value.js";
import type { AuthProvider } from "./auth-provider.js";

/** A fixed key in a header on every attempt: Bank 131's `X-PARTNER-PROJECT`, an API gateway's key. */
export function apiKeyAuth(options: { header: string; value: string }): AuthProvider {
  if (!options.value) throw new Error(`apiKeyAuth: ${options.header} needs a value`);
  if (breaksHeader(options.value)) throw new Error(`apiKeyAuth: the ${options.header} value contains CR, LF or NUL and is refused`);
  return {
    secretHeaders: [options.header],
    apply(request) {
      request.headers.set(options.header, options.value);
      return request;
    },
  };
}
