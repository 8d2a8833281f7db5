import { parseArgs } from "node:util";

/** An option a command accepts: a flag, or a name followed by its value. */
export interface OptionSpec {
  type: "string" | "boolean";
  /** The value's name in the usage line (`--key KEY.pem`). */
  value?: string;
  description: string;
}

export interface ParsedArgs {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/** The command line was wrong: the message names the problem, the front door adds the usage (exit 2). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/**
 * Reads a command's arguments against its options. Node's strict parser throws errors whose messages are
 * paragraphs and whose class is TypeError; this reads the tokens leniently and reports each problem in one
 * line: an unknown option, an option without its value, a value given to a flag, too many or too few names.
 */
export function readArgs(
  args: readonly string[],
  options: Readonly<Record<string, OptionSpec>>,
  positionals: { min: number; max: number },
): ParsedArgs {
  const config = Object.fromEntries(Object.entries(options).map(([name, { type }]) => [name, { type }]));
  const { tokens } = parseArgs({ args: [...args], options: config, strict: false, allowPositionals: true, tokens: true });
  const values: ParsedArgs["values"] = {};
  const names: string[] = [];
  for (const token of tokens) {
    if (token.kind === "positional") names.push(token.value);
    if (token.kind !== "option") continue;
    const option = options[token.name];
    if (!option) throw new UsageError(`unknown option ${token.rawName}`);
    if (option.type === "boolean") {
      if (token.value !== undefined) throw new UsageError(`${token.rawName} takes no value`);
      values[token.name] = true;
      continue;
    }
    // `--out --check`: the next option is not a value, whatever the lenient parser made of it.
    if (token.value === undefined || token.value === "" || (!token.inlineValue && token.value.startsWith("-")))
      throw new UsageError(`${token.rawName} needs a value (${token.rawName} ${option.value ?? "VALUE"})`);
    values[token.name] = token.value;
  }
  if (names.length < positionals.min) throw new UsageError(positionals.min === 1 ? "a file is missing" : "arguments are missing");
  if (names.length > positionals.max) throw new UsageError(`unexpected argument "${names[positionals.max]}"`);
  return { values, positionals: names };
}
