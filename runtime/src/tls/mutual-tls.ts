import { Agent } from "undici";
import type { FetchLike } from "../http/attempt-loop.js";
import type { Logger } from "../log/logger.js";
import { type ClientCertificate, daysLeft } from "./pkcs12.js";

export interface MutualTlsOptions {
  /** The client certificate (see readPkcs12). */
  certificate: ClientCertificate;
  /** The CA(s) the server's certificate must chain to, PEM. Required: nothing else is trusted. */
  ca: string | string[];
  /** Lowest TLS version accepted (default TLSv1.2). */
  minVersion?: "TLSv1.2" | "TLSv1.3";
  /** Warn when the certificate expires within this many days (default 30; KISC's first ones live 14). */
  warnWithinDays?: number;
  logger?: Logger;
}

/**
 * A fetch that presents the client certificate and trusts only the given CA, for a client's `fetch` option.
 * Verification of the server is never turned off.
 */
export function mutualTlsFetch(options: MutualTlsOptions): FetchLike {
  const left = daysLeft(options.certificate);
  if (left <= (options.warnWithinDays ?? 30)) {
    options.logger?.({
      event: "certificate-expiry",
      subject: options.certificate.subject,
      validTo: options.certificate.validTo.toISOString(),
      daysLeft: left,
    });
  }
  const dispatcher = new Agent({
    connect: {
      key: options.certificate.key,
      cert: [options.certificate.cert, ...options.certificate.chain].join("\n"),
      ca: options.ca,
      minVersion: options.minVersion ?? "TLSv1.2",
      rejectUnauthorized: true,
    },
  });
  // Node's global fetch takes an undici dispatcher; its RequestInit type does not name it.
  return (request) => fetch(request, { dispatcher } as unknown as RequestInit);
}
