import type { ParsedArgs } from "./cli/args.js";
import { UsageError } from "./cli/args.js";
import { readInput } from "./cli/read-input.js";
import { GeneratorError } from "./errors.js";

/** The built packages the XML commands run on (the generator itself never imports runtime values). */
async function load() {
  try {
    const [runtime, iso] = await Promise.all([import("@bankkit/runtime/xml"), import("@bankkit/iso20022")]);
    return { runtime, iso };
  } catch {
    throw new GeneratorError("the runtime or @bankkit/iso20022 is not built: run `npm run build` first", "#");
  }
}

type Loaded = Awaited<ReturnType<typeof load>>;

/**
 * The codec for a document, recognised from its root element: an unqualified `Envelope` (or a gateway
 * wrapper of one) is a transport envelope; anything else is the message whose namespace and root it has.
 */
function recognise({ runtime, iso }: Loaded, text: string) {
  const root = runtime.documentElement(runtime.parseXml(text));
  const tag = Object.keys(root).find((key) => key !== ":@") ?? "";
  const local = tag.slice(tag.indexOf(":") + 1);
  const namespace = runtime.namespaceOf(root);
  if (namespace === "") {
    const envelope = iso.xmlEnvelopes.find((codec) => codec.root === local || codec.wrappers.includes(local));
    if (envelope) return { what: `${envelope.root} (transport envelope)`, codec: envelope };
  }
  const message = iso.xmlMessages.find((codec) => codec.model.namespace === namespace && codec.root === local);
  if (!message) {
    const known = iso.xmlMessages.map((codec) => `${codec.model.namespace.split(":").pop()} ${codec.root}`).join(", ");
    throw new GeneratorError(`<${local}> in namespace ${namespace || "none"} is none of the messages in specs/xsd (${known})`, "#");
  }
  return { what: `${namespace.split(":").pop()} ${local}`, codec: message };
}

/** `bankkit xml check FILE [--profile iso|kisc]` and `bankkit xml roundtrip FILE [--profile …]`. */
/** How many violations `bankkit xml check` lists before it only counts them. */
const shownViolations = 50;

export async function xmlCommand(command: "check" | "roundtrip", { values, positionals }: ParsedArgs): Promise<number> {
  const file = positionals[0] as string;
  const profile = values.profile;
  if (profile !== undefined && profile !== "iso" && profile !== "kisc")
    throw new UsageError(`--profile must be iso or kisc, not ${profile}`);
  const text = await readInput(file, "utf8");
  const loaded = await load();
  const options = { profile: (profile ?? "iso") as "iso" | "kisc" };
  try {
    const { what, codec } = recognise(loaded, text);
    const message = codec.parse(text, options);
    if (command === "check") {
      console.log(`${file}: valid ${what} (profile ${options.profile})`);
    } else {
      process.stdout.write(`${codec.serialize(message as never, { ...options, indent: "  ", declaration: true })}\n`);
    }
    return 0;
  } catch (error) {
    if (error instanceof loaded.runtime.XmlMessageError) {
      const { violations } = error;
      console.error(`${file}: ${violations.length} violation(s) (profile ${options.profile})`);
      // The first ones say what is wrong; a message broken 100,000 times is not helped by 100,000 lines.
      for (const violation of violations.slice(0, shownViolations)) console.error(`  ${violation.path}  ${violation.rule}`);
      if (violations.length > shownViolations) console.error(`  … and ${violations.length - shownViolations} more`);
      return 1;
    }
    if (error instanceof loaded.runtime.XmlError) {
      console.error(`${file}: ${error.message}`);
      return 1;
    }
    throw error;
  }
}
