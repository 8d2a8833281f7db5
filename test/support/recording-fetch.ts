/** A fetch that remembers what Prism said about each request: status and contract violations. */
export function recordingFetch() {
  const exchanges: { method: string; url: string; status: number; violations: unknown[] }[] = [];
  const fetch = async (request: Request): Promise<Response> => {
    const response = await globalThis.fetch(request);
    const header = response.headers.get("sl-violations");
    exchanges.push({
      method: request.method,
      url: request.url,
      status: response.status,
      violations: header ? (JSON.parse(header) as unknown[]) : [],
    });
    return response;
  };
  return { fetch, exchanges, last: () => exchanges.at(-1) };
}
