import type { ApiIR, OperationIR } from "../ir/types.js";
import { pascalCase } from "../passes/identifiers.js";

/** The exported names of one generated package, derived from the API id. */
export function apiNames(api: ApiIR) {
  const base = pascalCase(api.id);
  return {
    client: `${base}Client`,
    factory: `create${base}Client`,
    options: `${base}ClientOptions`,
    callbacks: `${base}Callbacks`,
    callbackSpecs: `${base[0]!.toLowerCase()}${base.slice(1)}CallbackSpecs`,
    callbackReceiver: `create${base}CallbackReceiver`,
  };
}

export function inputTypeName(operation: OperationIR): string {
  return `${pascalCase(operation.methodName)}Input`;
}

export function resultTypeName(operation: OperationIR): string {
  return `${pascalCase(operation.methodName)}Result`;
}

/** The openapi-typescript type of an operation: `paths["/users"]["post"]`. */
export function operationType(operation: OperationIR): string {
  return `paths[${JSON.stringify(operation.path)}][${JSON.stringify(operation.method)}]`;
}
