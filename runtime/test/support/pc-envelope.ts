import { ApiCodeError, type ApiErrorFactory, type EnvelopeSpec } from "../../src/index.js";

/** PC Server's answer envelope, as the generated operations table declares it. */
export const pcEnvelope: EnvelopeSpec = {
  typeProperty: "answer_type",
  resultPointer: "/answer/result",
  codeProperty: "error_code",
  messageProperty: "error_message",
  successCode: 0,
  payloadParent: "/answer",
  resultOnlyType: "result_only",
};

/** An error factory naming two codes of PC's table. */
export const pcApiError: ApiErrorFactory = (context, code, serverMessage) =>
  new ApiCodeError(context, {
    code,
    codeName: code === 208 ? "USER_NOT_FOUND" : code === 271 ? "TRANSACTION_IS_NOT_UNIQUE" : "UNKNOWN",
    meaning: "m",
    serverMessage,
  });
