import { readFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { dcmCommand } from "./dcm-cli.js";
import { diffCommand } from "./diff/diff-cli.js";
import { docsCommand } from "./docs/docs-cli.js";
import { GeneratorError } from "./errors.js";
import { generatePackage, staleFiles, type Target, writePackage } from "./generate.js";
import { SpecBaselines } from "./release/baseline.js";
import { updateLockfile, versionOnDisk, withVersions, workspaceVersions } from "./release/package-version.js";
import { planRelease } from "./release/plan-release.js";
import { withWorkspaceTasks } from "./release/workspace-tasks.js";
import { signCommand } from "./sign-cli.js";
import { repositoryTargets } from "./targets.js";
import { xmlCommand } from "./xml-cli.js";

const usage = `bankkit — contract-first SDK generator

Usage:
  bankkit generate [--check] [--only <api>]     every spec in specs/openapi → generated/<api>, and
                                                 every schema in specs/xsd → generated/iso20022
  bankkit generate --spec <file> --out <dir> [--name <id>]
                                                 one package from any OpenAPI 3.0/3.1 document
  bankkit diff OLD NEW [--json] [--fail-on breaking]
  bankkit diff --since REV [SPEC...] [--json] [--fail-on breaking]
                                                 what changed between two versions of a spec or XSD, breaking
                                                 or not for callers, with JSON pointers and the version bump
                                                 each generated package should take
  bankkit docs [--out site]                      the static API reference: an index of every API, one Redocly
                                                 page per spec, the XML message catalogue (works offline)
  bankkit --help

  bankkit tls inspect <file.p12> [--password-env NAME]
                                                 subject, issuer, validity and days left of a client
                                                 certificate (password from $NAME, default BANKKIT_P12_PASSWORD)

  bankkit xml check <file.xml> [--profile iso|kisc]
                                                 validate an ISO 20022 message, header or KISC envelope
                                                 (recognised by its namespace); exit 1 listing every violation
  bankkit xml roundtrip <file.xml> [--profile iso|kisc]
                                                 parse and write it back, in the schema's order, to stdout

  bankkit sign canonical [file.json]             the exact bytes Bank 131 signs: Python's json.dumps(payload,
                                                 sort_keys=True) + "\r\n" (stdin without a file)
  bankkit sign cms --key KEY.pem --cert CERT.pem [file.json]
                                                 the base64 detached CMS of those bytes

  bankkit dcm jwk --key KEY.pem                  the body of DCM's createJwk for the bank's key: the public JWK
                                                 (RS256 or ES256), kid = its RFC 7638 thumbprint

Options:
  --check    write nothing; exit 1 when generated/ differs from what the specs produce
  --only     generate only this API (its spec file name without extension)
`;

async function generate(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      check: { type: "boolean", default: false },
      only: { type: "string" },
      spec: { type: "string" },
      out: { type: "string" },
      name: { type: "string" },
    },
  });
  let targets: Target[];
  if (values.spec || values.out) {
    if (!values.spec || !values.out) throw new GeneratorError("--spec and --out go together", "#");
    targets = [{ spec: resolve(values.spec), out: resolve(values.out), ...(values.name ? { name: values.name } : {}) }];
  } else {
    targets = await repositoryTargets(process.cwd());
    if (values.only) targets = targets.filter((t) => t.name === values.only);
    if (targets.length === 0)
      throw new GeneratorError(`no spec found${values.only ? ` named "${values.only}"` : ""} in specs/openapi`, "#");
  }
  // The XML package first: the packages that depend on it name its (possibly new) version.
  targets.sort((a, b) => Number(Boolean(b.xsd)) - Number(Boolean(a.xsd)));
  const repository = !values.spec;
  const siblings = repository ? await workspaceVersions(await repositoryTargets(process.cwd())) : new Map<string, string>();
  const baselines = new SpecBaselines(process.cwd());
  let stale = 0;
  try {
    for (const target of targets) {
      const started = performance.now();
      const current = await versionOnDisk(target.out);
      const generated = await generatePackage(target);
      let files = withVersions(
        repository ? await withWorkspaceTasks(process.cwd(), target, generated) : generated,
        current ?? "0.1.0",
        siblings,
      );
      const changed = await staleFiles(target.out, files);
      if (values.check) {
        stale += changed.length;
        for (const path of changed) console.error(`stale: ${join(target.out, path)}`);
        continue;
      }
      // In the repository a package whose content changed gets its next version and a changelog entry.
      const release = repository && changed.length > 0 ? await planRelease(process.cwd(), target, current, baselines) : undefined;
      if (release) files = withVersions(files, release.version, siblings);
      await writePackage(target.out, files);
      if (release) {
        await writeFile(join(target.out, "CHANGELOG.md"), release.changelog);
        const name = (JSON.parse(files.get("package.json")!) as { name: string }).name;
        siblings.set(name, release.version);
        if (current !== undefined) await updateLockfile(process.cwd(), target.out, name, release.version);
      }
      const released = !release
        ? ""
        : current === release.version
          ? `, version ${current} (entry rewritten)`
          : `, version ${current ?? "new"} → ${release.version}`;
      console.log(
        `${target.out}: ${files.size} files from ${target.spec ?? "specs/xsd"} in ${Math.round(performance.now() - started)} ms${released}`,
      );
    }
  } finally {
    await baselines.dispose();
  }
  if (values.check && stale > 0) {
    console.error("generated/ is stale: run `npm run generate` and commit the result");
    return 1;
  }
  if (values.check) console.log(`generated/ is up to date (${targets.length} packages)`);
  return 0;
}

async function inspectCertificate(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { "password-env": { type: "string" } } });
  const file = positionals[0];
  if (!file) throw new GeneratorError("bankkit tls inspect needs a .p12 or .pfx file", "#");
  const variable = values["password-env"] ?? "BANKKIT_P12_PASSWORD";
  // The runtime reads the file; it is loaded only for this command.
  const { readPkcs12, daysLeft } = await import("@bankkit/runtime").catch(() => {
    throw new GeneratorError("the runtime is not built: run `npm run build` first", "#");
  });
  const certificate = readPkcs12(await readFile(file), process.env[variable] ?? "");
  const left = daysLeft(certificate);
  console.log(`subject:  ${certificate.subject}`);
  console.log(`issuer:   ${certificate.issuer}`);
  console.log(`valid:    ${certificate.validFrom.toISOString()} → ${certificate.validTo.toISOString()}`);
  console.log(`days left: ${left}${left < 0 ? " (EXPIRED)" : left <= 30 ? " (renew soon)" : ""}`);
  console.log(`chain:    ${certificate.chain.length} more certificate(s) in the file (sent as the chain, never trusted as roots)`);
  return left < 0 ? 1 : 0;
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === "--help" || command === "-h" || command === "help") {
    console.log(usage);
    return 0;
  }
  try {
    if (command === "generate") return await generate(rest);
    if (command === "tls" && rest[0] === "inspect") return await inspectCertificate(rest.slice(1));
    if (command === "sign") return await signCommand(rest);
    if (command === "dcm") return await dcmCommand(rest);
    if (command === "docs") return await docsCommand(rest);
    if (command === "diff") return await diffCommand(rest);
    if (command === "xml") {
      const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { profile: { type: "string" } } });
      return await xmlCommand(positionals[0], positionals[1], values.profile);
    }
    console.error(`unknown command "${command}"\n\n${usage}`);
    return 2;
  } catch (error) {
    if (error instanceof GeneratorError || (error instanceof Error && /PKCS#12/.test(error.message))) {
      console.error(`bankkit: ${error.message}`);
      return 1;
    }
    throw error;
  }
}
