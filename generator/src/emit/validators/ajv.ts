// Ajv ships CommonJS with `default` exports; this file gives the rest of the generator plain functions.
import Ajv2020Module from "ajv/dist/2020.js";
import standaloneModule from "ajv/dist/standalone/index.js";
import addFormatsModule from "ajv-formats";

export const Ajv2020 = Ajv2020Module.default;
export const standaloneCode = standaloneModule.default;
export const addFormats = addFormatsModule.default;
