import { readFile } from "node:fs/promises";
import { relative } from "node:path";
import { GeneratorError } from "../errors.js";
import { repositoryXsdFiles } from "../generate-xml.js";
import type { ApiIR, XmlMediaIR } from "../ir/types.js";
import { readXsd } from "../xsd/read-xsd.js";
import { xmlModuleNames } from "../xsd/xml-module-names.js";
import { literal } from "./printer.js";
import { xmlPackageName } from "./xml-package-files.js";

/** How a client refers to the `@bankkit/iso20022` module of each schema its XML bodies name. */
export interface XmlBodies {
  /** The API has typed XML bodies: the client depends on the XML package. */
  used: boolean;
  /** Some body is a list: operations import `xmlListCodec`. */
  usesList: boolean;
  /** The codec expression for the runtime (`iso.kiscEnvelope`, `xmlListCodec({ … })`). */
  codec(xml: XmlMediaIR): string;
  /** The TypeScript type of the body (`XmlValueOf<typeof iso.kiscEnvelope>`). */
  valueType(xml: XmlMediaIR): string;
}

export const xmlPackageImport = { moduleSpecifier: xmlPackageName, namespaceImport: "iso" };

/** Resolves every `x-bankkit-xml` schema of the API to its module in the XML package. */
export async function resolveXmlBodies(api: ApiIR): Promise<XmlBodies> {
  const uses = api.operations.flatMap((operation) =>
    [...(operation.requestBody?.contents ?? []), ...operation.responses.flatMap((r) => r.contents)].flatMap((media) =>
      media.xml ? [media.xml] : [],
    ),
  );
  const modules = new Map<string, { name: string; envelope: boolean }>();
  if (uses.length > 0) {
    const files = await repositoryXsdFiles(process.cwd());
    const names = xmlModuleNames(files.map((file) => relative("specs/xsd", file).split("\\").join("/")));
    for (const xml of uses) {
      if (modules.has(xml.xsd)) continue;
      if (!files.includes(xml.xsd)) throw new GeneratorError(`x-bankkit-xml names ${xml.xsd}, which is not a schema in specs/xsd`, "#");
      const schema = readXsd(await readFile(xml.xsd, "utf8"), xml.xsd);
      const name = names.get(relative("specs/xsd", xml.xsd).split("\\").join("/")) as string;
      modules.set(xml.xsd, { name, envelope: schema.targetNamespace === "" });
    }
  }
  const single = (xml: XmlMediaIR) => {
    const module = modules.get(xml.xsd) as { name: string; envelope: boolean };
    if (module.envelope && xml.list) throw new GeneratorError(`x-bankkit-xml: ${xml.xsd} is an envelope; a list holds messages`, "#");
    return module.envelope ? `iso.${module.name}` : `iso.${module.name}.codec`;
  };
  return {
    used: uses.length > 0,
    usesList: uses.some((xml) => xml.list),
    codec: (xml) => (xml.list ? `xmlListCodec({ wrappers: ${JSON.stringify(xml.list)}, item: ${single(xml)} })` : single(xml)),
    valueType: (xml) => (xml.list ? `XmlValueOf<typeof ${single(xml)}>[]` : `XmlValueOf<typeof ${single(xml)}>`),
  };
}

/** The runtime's description of one XML body: its codec, the profile it is read under, where it is signed. */
export function xmlBodySpec(bodies: XmlBodies, xml: XmlMediaIR): string {
  const profile = xml.profile ? `, profile: ${literal(xml.profile)}` : "";
  const signature = xml.signature ? `, signature: ${JSON.stringify(xml.signature)}` : "";
  const encrypted = xml.encrypted ? ", encrypted: true" : "";
  return `{ xml: ${bodies.codec(xml)}${profile}${signature}${encrypted} }`;
}
