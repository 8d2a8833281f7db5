// @bankkit/runtime/validators: what generated validators.js modules import.
export { closest, dmy, equal, fail, formats, isObject, key, length, unique, yearsSince, ymd } from "./validation/validator-helpers.js";
