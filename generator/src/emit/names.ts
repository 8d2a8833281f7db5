import type { ApiIR, OperationIR } from "../ir/types.js";
import { pascalCase } from "../passes/identifiers.js";

/**
 * The npm name of an API's package: its id in lower case with anything npm refuses in a name turned into
 * dashes (`CheckoutService-v71` → `@bankkit/checkoutservice-v71`). Class and type names keep the id's casing.
 */
export function packageName(api: ApiIR): string {
  return scopedPackageName(api.id);
}

/** `@bankkit/<id>` with what npm refuses in a name replaced by dashes. */
export function scopedPackageName(id: string): string {
  const safe = id
    .toLowerCase()
    .replace(/[^a-z0-9._~-]+/g, "-")
    .replace(/-{2,}/g, "-")
    .replace(/^[._-]+|-+$/g, "")
    .slice(0, 200);
  return `@bankkit/${safe || "api"}`;
}

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

/** A name that may stand as an object key without quotes. */
export const isIdentifier = (name: string): boolean => /^[A-Za-z_$][\w$]*$/.test(name);

/**
 * The type name of each callback (PascalCase of its name: `balancePlatform.transfer.created` →
 * `BalancePlatformTransferCreated`), unique in the package: a name that cleans up to one already taken — by
 * another callback or the package's own exports — gets a number, in document order, so the result is stable.
 */
export function callbackTypeNames(api: ApiIR): Map<string, string> {
  const taken = new Set<string>(Object.values(apiNames(api)).map((name) => name[0]!.toUpperCase() + name.slice(1)));
  const names = new Map<string, string>();
  for (const callback of api.callbacks) {
    const base = pascalCase(callback.name);
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${base}${n}`;
    taken.add(name);
    names.set(callback.name, name);
  }
  return names;
}
