import type { OptionSpec, ParsedArgs } from "./args.js";

/** One subcommand: what --help prints about it, what it accepts, and its implementation, loaded on use. */
export interface Command {
  /** `generate`, or a group and its verb: `tls inspect`. */
  name: string;
  /** The arguments after the name, one line per form. */
  synopsis: string[];
  description: string;
  options: Record<string, OptionSpec>;
  positionals: { min: number; max: number };
  run(args: ParsedArgs): Promise<number>;
}

// Each implementation is imported only when its command runs: `bankkit --help` loads no ts-morph, Redocly
// or runtime, and a command that fails to parse its arguments fails before any of them load.
export const commands: readonly Command[] = [
  {
    name: "generate",
    synopsis: ["[--check] [--only API] [--strict]", "--spec FILE --out DIR [--name ID] [--strict]", "--xsd FILE... --out DIR [--name ID]"],
    description:
      "Every spec in specs/openapi → generated/<api> and every schema in specs/xsd → generated/iso20022, with the next " +
      "version and a changelog entry for each package whose content changed; or one package from any OpenAPI 3.0/3.1 " +
      "document, or typed models from any ISO 20022 message schemas as published, which builds on its own " +
      "(`npm install && npm run build` in DIR).",
    options: {
      check: { type: "boolean", description: "write nothing; exit 1 when generated/ differs from what the specs produce" },
      only: { type: "string", value: "API", description: "only this API (its spec file name without extension)" },
      spec: { type: "string", value: "FILE", description: "an OpenAPI document outside the repository" },
      xsd: { type: "boolean", description: "the files that follow are XSDs: one module per message schema" },
      out: { type: "string", value: "DIR", description: "where its package goes" },
      name: { type: "string", value: "ID", description: "the package's id (default: the spec file's name)" },
      strict: { type: "boolean", description: "lint the document as OpenAPI and refuse what generation would work around" },
    },
    positionals: { min: 0, max: Number.POSITIVE_INFINITY },
    run: async (args) => (await import("../generate-cli.js")).generateCommand(args),
  },
  {
    name: "diff",
    synopsis: ["OLD NEW [--json] [--fail-on breaking]", "--since REV [SPEC...] [--json] [--fail-on breaking]"],
    description:
      "What changed between two versions of a spec or XSD, breaking or not for callers, with JSON pointers and the " +
      "version each generated package takes. With --since, the specs' versions at REV against the working tree, " +
      "counted from the versions the packages have now.",
    options: {
      since: { type: "string", value: "REV", description: "a git revision: compare specs/ there with the working tree" },
      json: { type: "boolean", description: "print the reports as JSON" },
      "fail-on": { type: "string", value: "breaking", description: "exit 1 when any change breaks callers" },
    },
    positionals: { min: 0, max: Number.POSITIVE_INFINITY },
    run: async (args) => (await import("../diff/diff-cli.js")).diffCommand(args),
  },
  {
    name: "docs",
    synopsis: ["[--out DIR]"],
    description: "The static API reference: an index of every API, one Redocly page per spec, the XML message catalogue (works offline).",
    options: { out: { type: "string", value: "DIR", description: "where the site goes (default site)" } },
    positionals: { min: 0, max: 0 },
    run: async (args) => (await import("../docs/docs-cli.js")).docsCommand(args),
  },
  {
    name: "pack",
    synopsis: ["[--out DIR]"],
    description:
      "Installable tarballs of @bankkit/runtime and every generated package (built first with `npm run build`), " +
      "for `npm install ./DIR/*.tgz` in an app or `npm publish --registry URL` to a private registry.",
    options: { out: { type: "string", value: "DIR", description: "where the tarballs go (default packages)" } },
    positionals: { min: 0, max: 0 },
    run: async (args) => (await import("../pack/pack-cli.js")).packCommand(args),
  },
  {
    name: "tls inspect",
    synopsis: ["FILE.p12 [--password-env NAME]"],
    description: "Subject, issuer, validity and days left of a client certificate; exit 1 when it has expired.",
    options: {
      "password-env": { type: "string", value: "NAME", description: "the variable holding the password (default BANKKIT_P12_PASSWORD)" },
    },
    positionals: { min: 1, max: 1 },
    run: async (args) => (await import("../tls-cli.js")).inspectCommand(args),
  },
  ...(["check", "roundtrip"] as const).map(
    (verb): Command => ({
      name: `xml ${verb}`,
      synopsis: ["FILE.xml [--profile iso|kisc]"],
      description:
        verb === "check"
          ? "Validate an ISO 20022 message, header or KISC envelope, recognised by its namespace; exit 1 listing every violation."
          : "Parse an ISO 20022 message, header or KISC envelope and write it back, in the schema's order, to stdout.",
      options: {
        profile: { type: "string", value: "iso|kisc", description: "the schema as published (iso, default) or as KISC sends it" },
      },
      positionals: { min: 1, max: 1 },
      run: async (args) => (await import("../xml-cli.js")).xmlCommand(verb, args),
    }),
  ),
  {
    name: "sign canonical",
    synopsis: ["[FILE.json]"],
    description: 'The exact bytes Bank 131 signs: Python\'s json.dumps(payload, sort_keys=True) + "\\r\\n" (stdin without a file).',
    options: {},
    positionals: { min: 0, max: 1 },
    run: async (args) => (await import("../sign-cli.js")).canonicalCommand(args),
  },
  {
    name: "sign cms",
    synopsis: ["--key KEY.pem --cert CERT.pem [FILE.json]"],
    description: "The base64 detached CMS of those bytes (RSA, ECDSA or GOST R 34.10-2012 keys).",
    options: {
      key: { type: "string", value: "KEY.pem", description: "the private key (PEM)" },
      cert: { type: "string", value: "CERT.pem", description: "its certificate (PEM)" },
    },
    positionals: { min: 0, max: 1 },
    run: async (args) => (await import("../sign-cli.js")).cmsCommand(args),
  },
  {
    name: "dcm jwk",
    synopsis: ["--key KEY.pem"],
    description: "The body of DCM's createJwk for the bank's key: the public JWK (RS256 or ES256), kid = its RFC 7638 thumbprint.",
    options: { key: { type: "string", value: "KEY.pem", description: "the bank's key, private or public (PEM)" } },
    positionals: { min: 0, max: 0 },
    run: async (args) => (await import("../dcm-cli.js")).dcmCommand(args),
  },
];
