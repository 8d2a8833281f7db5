export { GeneratorError } from "./errors.js";
export { generatePackage, staleFiles, writePackage, type PackageFiles, type Target } from "./generate.js";
