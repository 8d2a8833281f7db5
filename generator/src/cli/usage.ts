import type { Command } from "./commands.js";

/** Words of `text` in lines of at most `width` characters, each starting with `indent`. */
function wrap(text: string, indent: string, width = 100): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    if (line && indent.length + line.length + 1 + word.length > width) {
      lines.push(indent + line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(indent + line);
  return lines;
}

const synopses = (command: Command) => command.synopsis.map((form) => `bankkit ${command.name} ${form}`.trimEnd());

/** `bankkit --help`: every command's forms and what it does. */
export function overallUsage(commands: readonly Command[]): string {
  const blocks = commands.map((command) =>
    [...synopses(command).map((line) => `  ${line}`), ...wrap(command.description, "      ")].join("\n"),
  );
  return [
    "bankkit — contract-first SDK generator",
    "",
    "Usage:",
    blocks.join("\n\n"),
    "",
    "  bankkit COMMAND --help    a command's options",
    "",
    "Exit codes: 0 done, 1 failed (a stale check, a breaking change with --fail-on, an unreadable file …),",
    "2 the command line was wrong. BANKKIT_DEBUG=1 prints the stack trace of an unexpected failure.",
  ].join("\n");
}

/** `bankkit COMMAND --help`, and what follows a wrong command line. */
export function commandUsage(command: Command): string {
  const options = Object.entries(command.options).map(([name, option]) => {
    const flag = option.type === "string" ? `--${name} ${option.value ?? "VALUE"}` : `--${name}`;
    return `  ${flag.padEnd(24)} ${option.description}`;
  });
  return [
    `Usage: ${synopses(command).join("\n       ")}`,
    "",
    ...wrap(command.description, ""),
    ...(options.length > 0 ? ["", "Options:", ...options] : []),
    `  ${"--help".padEnd(24)} this text`,
  ].join("\n");
}

/** `bankkit tls --help`, and what follows `bankkit tls` alone: the group's commands. */
export function groupUsage(group: string, members: readonly Command[]): string {
  return [`Usage: ${members.flatMap(synopses).join("\n       ")}`, "", `bankkit ${group} VERB --help    a verb's options`].join("\n");
}
