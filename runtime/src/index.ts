// @bankkit/runtime: the core every generated client runs on — HTTP (openapi-fetch), errors, retries,
// auth by key, bearer token and OAuth2, logging with redaction, body signing with node:crypto or an external
// command, callbacks and the server dispatcher. It needs openapi-fetch alone; the parts that need another
// library have their own entry (xml, tls, jwt, zip, gost), so an app installs only what its APIs use.
export { apiKeyAuth } from "./auth/api-key.js";
export { type AuthProvider, singleFlight } from "./auth/auth-provider.js";
export { type BearerTokenOptions, bearerTokenAuth, type IssuedToken } from "./auth/bearer-token.js";
export { basicClientAuth, type OAuth2PasswordOptions, oauth2PasswordAuth } from "./auth/oauth2-password.js";
export * from "./errors.js";
export { AnswerError, type AnswerErrorSpec } from "./http/answer-errors.js";
export type { AttemptContext, AttemptStep } from "./http/attempt-context.js";
export { type BinarySniffSpec, sniffMediaType } from "./http/binary-sniff.js";
export type { BodySignatureLayout, BodySignatureSpec } from "./http/body-signature.js";
export { type ApiSpec, type CallMeta, ClientCore, type ClientOptions, type FetchLike, type RequestOptions } from "./http/client-core.js";
export type { ApiErrorFactory } from "./http/envelope.js";
export type { IdempotencySpec } from "./http/idempotency.js";
export { type JwsHeaderSpec, jwsHeaderStep } from "./http/jws-header.js";
export type { BinaryBody, BodyKind, EnvelopeSpec, HttpMethod, OperationInput, OperationSpec } from "./http/operation.js";
export type { ParameterStyle } from "./http/parameters.js";
export { type PollOptions, pollUntil } from "./http/poll.js";
export type { Readable, Writable } from "./http/read-write.js";
export { type RedirectPolicy, redirectRefusal } from "./http/redirects.js";
export { backoffMs, defaultRetryPolicy, type RetryPolicy, retryAfterMs, retryableStatuses, safeToRepeat } from "./http/retry-policy.js";
export { resolveBaseUrl, type ServerSelection, type ServerSpec } from "./http/servers.js";
export type { XmlBodySpec, XmlCodecLike, XmlDocumentEncryptor, XmlDocumentSigner, XmlValueOf } from "./http/xml-body.js";
export type { AttemptLogEvent, CertificateExpiryLogEvent, ContractDriftLogEvent, LogEvent, Logger } from "./log/logger.js";
export { REDACTED, redactFields, redactHeaders } from "./log/redact.js";
export {
  type Authenticate,
  type Begun,
  createDispatcher,
  type Dispatcher,
  type DispatcherOptions,
  type RequestHead,
  type ServerEvent,
} from "./server/dispatcher.js";
export { type NodeHandlerOptions, type NodeServerOptions, serveNode, toNodeHandler } from "./server/node-server.js";
export type {
  HandlerContext,
  HandlerResult,
  ParameterType,
  SecuritySchemeSpec,
  ServerReply,
  ServerRequest,
  ServerRouteSpec,
} from "./server/route.js";
export { CanonicalJsonError, canonicalPayloadBytes, compareCodePoints, pythonJsonDumps } from "./sign/canonical-json.js";
export { type CmsSignerView, checkCms, inspectCms } from "./sign/cms-inspect.js";
export { detachedCms } from "./sign/detached-cms.js";
export { type DetachedJwsOptions, detachedJws } from "./sign/detached-jws.js";
export {
  cryptcpArgs,
  type DetachedCmsSigner,
  type ExternalCommandSignerOptions,
  externalCommandSigner,
} from "./sign/external-command-signer.js";
export { type ExternalRawSignerOptions, externalRawSigner, gost34310 } from "./sign/external-raw-signer.js";
export { certificateDer, type JwsSigner, nodeCryptoSigner, type RawSigner } from "./sign/raw-signer.js";
export { type CalendarDatePattern, calendarDate } from "./validation/calendar-date.js";
export { checkIin } from "./validation/kz-iin.js";
export type { Validator } from "./validation/violations.js";
export {
  type CallbackEvent,
  type CallbackHandlers,
  type CallbackReply,
  type CallbackRequest,
  type CallbackSpec,
  createCallbackReceiver,
  parseCallback,
  recognizeCallback,
} from "./webhooks/callbacks.js";
export { type NodeAdapterOptions, toNodeListener } from "./webhooks/node-adapter.js";
