import type { RedirectRefusal } from "../errors.js";

/** `followRedirects`: GET and HEAD redirects within the request's origin are followed, up to `maxHops`. */
export interface RedirectPolicy {
  /** How many redirects one attempt may follow (default 3). */
  maxHops?: number;
}

/** A redirect answer (304 Not Modified and 300 Multiple Choices name nothing to follow). */
export function isRedirect(response: { status: number }): boolean {
  return redirectStatuses.has(response.status);
}
const redirectStatuses = new Set([301, 302, 303, 307, 308]);

/**
 * Why a redirect from `from` to `to` may not be followed, or undefined when it may: only GET and HEAD, only
 * within the origin (scheme, host and port: no credential reaches another host, nothing goes from https to
 * http), never to a location already visited, never more than the hop limit.
 */
export function redirectRefusal(
  method: string,
  from: URL,
  to: URL,
  visited: readonly string[],
  policy: RedirectPolicy,
): RedirectRefusal | undefined {
  if (from.protocol === "https:" && to.protocol !== "https:") return "downgrade";
  if (to.origin !== from.origin) return "other-origin";
  if (method !== "GET" && method !== "HEAD") return "method";
  if (visited.includes(to.href)) return "loop";
  if (visited.length > (policy.maxHops ?? 3)) return "too-many";
  return undefined;
}
