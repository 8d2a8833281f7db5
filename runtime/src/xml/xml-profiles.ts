import type { XmlGroupModel, XmlModel, XmlTypeModel } from "./xml-model.js";

/**
 * Which reading of the standard a message is held to. `iso` is the schema as published. `kisc` is what
 * KISC's gateway actually exchanges (seed 001's samples): the business header's `CreDt` with a local
 * offset (`+06:00`) where the standard's ISONormalisedDateTime demands `Z`, an empty `<Sgntr/>` because
 * the signature travels outside the header, and `<NbOfTxS>` for the standard's `<NbOfTxs>` (both of seed
 * 001's camt.054 captures spell it so). Messages are always written the standard's way.
 */
export type XmlProfile = "iso" | "kisc";

/** Per type name, how the `kisc` profile relaxes it; types a model does not have are left alone. */
const kiscOverlay: Record<string, (type: XmlTypeModel) => XmlTypeModel> = {
  ISONormalisedDateTime: (type) => (type.kind === "simple" ? { kind: "simple", value: { ...type.value, patterns: [] } } : type),
  SignatureEnvelope: (type) => (type.kind === "complex" && type.content ? { ...type, content: optionalWildcards(type.content) } : type),
};

function optionalWildcards(group: XmlGroupModel): XmlGroupModel {
  return { ...group, items: group.items.map((item) => (item.kind === "any" ? { ...item, min: 0 } : item)) };
}

/** Element names as KISC writes them → as the standard does; read under the `kisc` profile only. */
const kiscSpellings: Readonly<Record<string, string>> = { NbOfTxS: "NbOfTxs" };

/** The standard's name of an element as written, under the profile. */
export function standardName(local: string, profile: XmlProfile = "iso"): string {
  return profile === "kisc" ? (kiscSpellings[local] ?? local) : local;
}

const kiscModels = new WeakMap<XmlModel, XmlModel>();

/** The model as the profile reads it (computed once per model). */
export function modelForProfile(model: XmlModel, profile: XmlProfile = "iso"): XmlModel {
  if (profile === "iso") return model;
  let relaxed = kiscModels.get(model);
  if (!relaxed) {
    const types = { ...model.types };
    for (const [name, relax] of Object.entries(kiscOverlay)) {
      const type = types[name];
      if (type) types[name] = relax(type);
    }
    relaxed = { ...model, types };
    kiscModels.set(model, relaxed);
  }
  return relaxed;
}
