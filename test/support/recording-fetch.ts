/**
 * A fetch that remembers what Prism said about each request: status and contract violations. Prism also
 * reports, as a warning on every request, that it cannot check `mutualTLS` security schemes: that one is
 * set aside (it says nothing about the request).
 */
export function recordingFetch() {
  const exchanges: { method: string; url: string; status: number; violations: unknown[] }[] = [];
  const fetch = async (request: Request): Promise<Response> => {
    const response = await globalThis.fetch(request);
    const header = response.headers.get("sl-violations");
    exchanges.push({
      method: request.method,
      url: request.url,
      status: response.status,
      violations: header
        ? (JSON.parse(header) as { message?: string }[]).filter((v) => !/security scheme: mutualTLS/.test(v.message ?? ""))
        : [],
    });
    return response;
  };
  return { fetch, exchanges, last: () => exchanges.at(-1) };
}
