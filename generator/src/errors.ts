/** A spec the generator cannot turn into a client: says what, where (JSON pointer) and how to fix it. */
export class GeneratorError extends Error {
  readonly pointer: string;
  constructor(message: string, pointer: string) {
    super(message);
    this.name = "GeneratorError";
    this.pointer = pointer;
  }
}
