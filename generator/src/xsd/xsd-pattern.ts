import { GeneratorError } from "../errors.js";

/**
 * Translates an XML Schema regular expression (XSD Part 2, Appendix F) into the source of an equivalent
 * JavaScript RegExp for the `u` flag. The two dialects differ where it matters for validation:
 * - an XSD pattern matches the whole value, so the result is anchored: `xxHSBKKZKXyy` is not a BIC;
 * - `^` and `$` are ordinary characters in XSD, anchors in JavaScript;
 * - `.` excludes only CR and LF, `\d` is any Unicode decimal digit, `\s` only space, tab, CR and LF,
 *   `\w` everything but punctuation, separators and "other" characters.
 * Constructs ISO 20022 never uses and JavaScript cannot express faithfully (character class subtraction,
 * the XML name escapes `\i` and `\c`, Unicode block names) are refused with the pattern and the location.
 */
export function xsdPatternToRegExpSource(pattern: string, at: string): string {
  const refuse = (what: string): never => {
    throw new GeneratorError(`pattern "${pattern}" at ${at}: ${what} is not supported`, at);
  };
  let out = "";
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i] as string;
    if (char === "\\") {
      const next = pattern[i + 1];
      if (next === undefined) refuse("a trailing backslash");
      i++;
      out += translateEscape(next as string, inClass, pattern, i, refuse);
      if (next === "p" || next === "P") i = pattern.indexOf("}", i);
      continue;
    }
    if (inClass) {
      if (char === "]") inClass = false;
      else if (char === "-" && pattern[i + 1] === "[") refuse("character class subtraction");
      else if (char === "[") refuse("a nested character class");
      out += char;
      continue;
    }
    switch (char) {
      case "[":
        inClass = true;
        out += pattern[i + 1] === "^" ? "[^" : "[";
        if (pattern[i + 1] === "^") i++;
        break;
      case ".":
        out += "[^\\n\\r]";
        break;
      case "^":
      case "$":
        out += `\\${char}`;
        break;
      case "(":
        // XSD groups never capture and have no (?…) syntax; a non-capturing group says so to the reader.
        if (pattern[i + 1] === "?") refuse("the group syntax (?");
        out += "(?:";
        break;
      default:
        out += char;
    }
  }
  if (inClass) refuse("an unterminated character class");
  const source = `^(?:${out})$`;
  try {
    new RegExp(source, "u");
  } catch (error) {
    // Malformed in XSD as well (an unbalanced parenthesis, a quantifier with nothing to repeat).
    refuse(`malformed syntax (${(error as Error).message})`);
  }
  return source;
}

const classEscapes: Record<string, string> = {
  d: "\\p{Nd}",
  D: "\\P{Nd}",
  s: "\\x20\\t\\n\\r",
  w: "^\\p{P}\\p{Z}\\p{C}",
};

function translateEscape(next: string, inClass: boolean, pattern: string, at: number, refuse: (what: string) => never): string {
  switch (next) {
    case "n":
    case "r":
    case "t":
      return `\\${next}`;
    case "d":
    case "D":
      return classEscapes[next] as string;
    case "s":
      return inClass ? (classEscapes.s as string) : `[${classEscapes.s}]`;
    case "S":
      return inClass ? refuse("\\S inside a character class") : `[^${classEscapes.s}]`;
    case "w":
      return inClass ? refuse("\\w inside a character class") : `[${classEscapes.w}]`;
    case "W":
      return inClass ? refuse("\\W inside a character class") : "[\\p{P}\\p{Z}\\p{C}]";
    case "p":
    case "P": {
      const end = pattern.indexOf("}", at);
      const name = pattern.slice(at + 2, end);
      if (pattern[at + 1] !== "{" || end < 0) return refuse(`\\${next} without a {name}`);
      if (name.startsWith("Is")) return refuse(`the Unicode block escape \\${next}{${name}}`);
      return `\\${next}{${name}}`;
    }
    case "i":
    case "I":
    case "c":
    case "C":
      return refuse(`the XML name escape \\${next}`);
    case "-":
      // A JavaScript `u` pattern accepts `\-` only inside a class; outside one the hyphen is plain.
      return inClass ? "\\-" : "-";
    default:
      if ("\\|.^?*+{}()[]".includes(next)) return `\\${next}`;
      return refuse(`the escape \\${next}`);
  }
}
