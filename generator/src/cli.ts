import { readArgs, UsageError } from "./cli/args.js";
import { type Command, commands } from "./cli/commands.js";
import { describeFailure } from "./cli/failure.js";
import { commandUsage, groupUsage, overallUsage } from "./cli/usage.js";

const asksForHelp = (args: readonly string[]) => {
  const end = args.indexOf("--");
  return (end === -1 ? args : args.slice(0, end)).some((arg) => arg === "--help" || arg === "-h");
};

/** The command `argv` names (`generate`, `tls inspect`), with the arguments after its name. */
function find(argv: readonly string[]): { command: Command; rest: string[] } | undefined {
  for (const words of [2, 1]) {
    const command = commands.find((c) => c.name === argv.slice(0, words).join(" "));
    if (command && command.name.split(" ").length === words) return { command, rest: argv.slice(words) };
  }
  return undefined;
}

/**
 * The one front door: `bankkit COMMAND …`. Help exits 0; a wrong command line prints one line naming the
 * problem and the command's usage, and exits 2; a failure prints `bankkit: <what> (<code>)` and exits 1.
 * No stack trace reaches the user unless BANKKIT_DEBUG is set.
 */
export async function main(argv: string[]): Promise<number> {
  const [first = "--help", ...after] = argv;
  if (first === "--help" || first === "-h" || first === "help") {
    const topic = after.length > 0 ? find(after) : undefined;
    console.log(topic ? commandUsage(topic.command) : overallUsage(commands));
    return 0;
  }
  const found = find(argv);
  if (!found) {
    const members = commands.filter((c) => c.name.startsWith(`${first} `));
    if (members.length > 0 && asksForHelp(after)) {
      console.log(groupUsage(first, members));
      return 0;
    }
    const problem =
      members.length === 0
        ? `unknown command "${first}"`
        : `${first} needs one of: ${members.map((c) => c.name.split(" ")[1]).join(", ")}${after[0] ? ` (not "${after[0]}")` : ""}`;
    console.error(`bankkit: ${problem}\n\n${members.length > 0 ? groupUsage(first, members) : overallUsage(commands)}`);
    return 2;
  }
  const { command, rest } = found;
  if (asksForHelp(rest)) {
    console.log(commandUsage(command));
    return 0;
  }
  try {
    return await command.run(readArgs(rest, command.options, command.positionals));
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`bankkit ${command.name}: ${error.message}\n\n${commandUsage(command)}`);
      return 2;
    }
    console.error(`bankkit: ${describeFailure(error)}`);
    if (process.env.BANKKIT_DEBUG) console.error(error);
    return 1;
  }
}
