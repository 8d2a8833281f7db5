/**
 * openapi-typescript marks `readOnly` properties `$Read<T>` and `writeOnly` ones `$Write<T>` (its
 * `readWriteMarkers`); these turn a schema type into what travels each way. Matched by shape, so the markers
 * a generated `schema.ts` declares are these.
 */
export type $Read<T> = { readonly $read: T };
export type $Write<T> = { readonly $write: T };

/** The fields of T whose type is marked M (by key remapping, which also works beside an index signature). */
type MarkedKeys<T, M> = keyof { [K in keyof T as NonNullable<T[K]> extends M ? K : never]: 0 };
type ReadOnlyKeys<T> = MarkedKeys<T, $Read<unknown>>;
type WriteOnlyKeys<T> = MarkedKeys<T, $Write<unknown>>;

/**
 * `A & B`, or the one side when the other has no fields: TypeScript stops checking that a value shares a field
 * with an all-optional type once it is intersected with `{}`, and `true` or `"text"` would pass for an object.
 */
type Joined<A, B> = [keyof A] extends [never] ? B : [keyof B] extends [never] ? A : A & B;

/**
 * An answer: read-only fields as they are, write-only fields optional (a server need not send one; if it
 * does, it has its type — what the response validator checks).
 */
export type Readable<T> =
  T extends $Write<infer U>
    ? Readable<U>
    : T extends $Read<infer U>
      ? Readable<U>
      : T extends (infer E)[]
        ? Readable<E>[]
        : T extends object
          ? Joined<
              { [K in keyof T as NonNullable<T[K]> extends $Write<unknown> ? never : K]: Readable<T[K]> },
              { [K in WriteOnlyKeys<T>]?: Readable<T[K]> }
            >
          : T;

/**
 * A request body: write-only fields as they are, read-only fields not allowed (`?: never`: an object read from
 * the server is refused by the compiler, as the request validator refuses it at run time).
 */
export type Writable<T> =
  T extends $Read<unknown>
    ? never
    : T extends $Write<infer U>
      ? Writable<U>
      : T extends (infer E)[]
        ? Writable<E>[]
        : T extends object
          ? Joined<
              { [K in keyof T as NonNullable<T[K]> extends $Read<unknown> ? never : K]: Writable<T[K]> },
              { [K in ReadOnlyKeys<T>]?: never }
            >
          : T;
