// @bankkit/runtime/tls: client certificates from PKCS#12 (node-forge) and mutual TLS (undici). Needs undici
// and node-forge.
export { type MutualTlsOptions, mutualTlsFetch } from "./tls/mutual-tls.js";
export { type ClientCertificate, daysLeft, readPkcs12 } from "./tls/pkcs12.js";
