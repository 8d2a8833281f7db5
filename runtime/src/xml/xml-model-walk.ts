import type { XmlGroupModel, XmlModel, XmlParticleModel } from "./xml-model.js";

/** Facts about a model that the reader, writer and validator share, computed once per model. */

export const isGroup = (item: XmlParticleModel): item is XmlGroupModel => item.kind === "sequence" || item.kind === "choice";

/** The property a particle fills in a message object: its element name, or `$any` for a wildcard. */
export const particleName = (item: XmlParticleModel): string =>
  item.kind === "element" ? item.name : item.kind === "any" ? "$any" : `(${item.kind})`;

const namesByGroup = new WeakMap<XmlGroupModel, Set<string>>();

/** Every property a group can fill, in the group's order. */
export function declaredNames(group: XmlGroupModel): Set<string> {
  let names = namesByGroup.get(group);
  if (!names) {
    names = new Set();
    const collect = (inner: XmlGroupModel) => {
      for (const item of inner.items) {
        if (isGroup(item)) collect(item);
        else names?.add(particleName(item));
      }
    };
    collect(group);
    namesByGroup.set(group, names);
  }
  return names;
}

const anyOnlyByModel = new WeakMap<XmlModel, Set<string>>();

/** Types whose whole content is one wildcard (`Sgntr`, `SplmtryData/Envlp`): their content passes through as text. */
export function anyOnlyTypes(model: XmlModel): Set<string> {
  let types = anyOnlyByModel.get(model);
  if (!types) {
    types = new Set();
    for (const [name, type] of Object.entries(model.types)) {
      const items = type.kind === "complex" && !type.attributes?.length ? type.content?.items : undefined;
      if (items?.length === 1 && items[0]?.kind === "any") types.add(name);
    }
    anyOnlyByModel.set(model, types);
  }
  return types;
}

/**
 * Element names the parser should hand back as raw text: those whose type is wildcard-only wherever the
 * name is used, so no other element of that name is cut short.
 */
export function rawElementNames(model: XmlModel): string[] {
  const anyOnly = anyOnlyTypes(model);
  const verdicts = new Map<string, boolean>();
  const visit = (group: XmlGroupModel) => {
    for (const item of group.items) {
      if (isGroup(item)) visit(item);
      else if (item.kind === "element") verdicts.set(item.name, (verdicts.get(item.name) ?? true) && anyOnly.has(item.type));
    }
  };
  for (const type of Object.values(model.types)) if (type.kind === "complex" && type.content) visit(type.content);
  return [...verdicts]
    .filter(([, raw]) => raw)
    .map(([name]) => name)
    .sort();
}
