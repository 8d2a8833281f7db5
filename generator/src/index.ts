export { GeneratorError } from "./errors.js";
export { generatePackage, type PackageFiles, staleFiles, type Target, writePackage } from "./generate.js";
