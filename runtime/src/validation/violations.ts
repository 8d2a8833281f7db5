import type { Violation } from "../errors.js";

/**
 * A validator emitted at generation time (see the generated `validators.js`): returns every violation of
 * the value, with paths prefixed by `path` (`/body/...`); an empty list means valid.
 */
export type Validator = (data: unknown, path?: string) => Violation[];
