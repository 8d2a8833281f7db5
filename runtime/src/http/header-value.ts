/** CR, LF or NUL: in a header value they split the request or end it early (header injection). */
const breaking = /[\r\n\0]/;

/** Whether a header value would break the request it goes into. */
export const breaksHeader = (value: string): boolean => breaking.test(value);

/**
 * Sets a credential header, refusing a value that would break the request — by the header's name only:
 * fetch's own TypeError quotes the value, and this value is a secret.
 */
export function setCredentialHeader(request: Request, name: string, value: string, source: string): void {
  if (breaksHeader(value)) throw new Error(`${source}: the ${name} value contains CR, LF or NUL and is refused`);
  request.headers.set(name, value);
}
