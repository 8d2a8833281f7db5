import type { ApiIR } from "../ir/types.js";
import { aliases } from "./aliases.js";
import { answerErrors } from "./answer-errors.js";
import { ascending } from "./ascending.js";
import { bodySignature } from "./body-signature.js";
import { envelope } from "./envelope.js";
import { errorCodes } from "./error-codes.js";
import { flows } from "./flows.js";
import { hoistCallbackSchemas } from "./hoist-callback-schemas.js";
import { idempotency } from "./idempotency.js";
import { jwsHeader } from "./jws-header.js";
import { methodArguments } from "./method-arguments.js";
import { methodNames } from "./method-names.js";
import type { Pass } from "./pass.js";
import { personalData } from "./personal-data.js";
import { poll } from "./poll.js";
import { serverSide } from "./server-side.js";
import { unzip } from "./unzip.js";

/** The passes, in the order they run. */
export const passes: readonly Pass[] = [
  aliases,
  hoistCallbackSchemas,
  methodNames,
  errorCodes,
  envelope,
  answerErrors,
  idempotency,
  bodySignature,
  jwsHeader,
  poll,
  methodArguments,
  ascending,
  unzip,
  serverSide,
  flows,
  personalData,
];

export function runPasses(api: ApiIR): ApiIR {
  for (const pass of passes) pass.run(api);
  return api;
}
