import { checkDecimalFacets, checkLengthFacets, checkLexical, type LexicalType } from "./lexical.js";
import type { XmlAttributeModel, XmlGroupModel, XmlModel, XmlParticleModel, XmlTypeModel, XmlValueRule } from "./xml-model.js";
import { declaredNames, isGroup, particleName } from "./xml-model-walk.js";

const keysByType = new WeakMap<XmlTypeModel, Set<string>>();

/** Every property a message object of this type may have: attributes, `value`, or its elements. */
function knownKeys(type: XmlTypeModel): Set<string> {
  let keys = keysByType.get(type);
  if (!keys) {
    keys = new Set(type.kind === "simple" ? [] : (type.attributes ?? []).map((attribute) => attribute.name));
    if (type.kind === "value") keys.add("value");
    else if (type.kind === "complex" && type.content) for (const name of declaredNames(type.content)) keys.add(name);
    keysByType.set(type, keys);
  }
  return keys;
}

/** One rule a message breaks, at a path such as `/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/IntrBkSttlmAmt/@Ccy`. */
export interface XmlViolation {
  path: string;
  rule: string;
}

type Fields = Record<string, unknown>;

/**
 * Checks a message object against its model and returns every violation, not only the first: a bank's
 * operator fixing a rejected payment wants the whole list. Repeated elements are numbered from 1 in paths,
 * as XPath numbers them.
 */
export function validateXmlModel(model: XmlModel, root: string, message: unknown): XmlViolation[] {
  const violations: XmlViolation[] = [];
  const report = (path: string, rule: string) => violations.push({ path, rule });
  const rootType = model.roots[root];
  if (rootType === undefined) {
    report(`/${root}`, `is not a root element of ${model.namespace} (roots: ${Object.keys(model.roots).join(", ")})`);
    return violations;
  }
  xmlChecker(model, report, true)(rootType, message, `/${root}`);
  return violations;
}

/**
 * The checks of one value against its type. `deep` checks a whole message object; shallow, it checks one
 * level — the value, the attributes, which elements are present and how often — for a reader that checks
 * each element as it reads it and so never walks the message a second time.
 */
export function xmlChecker(
  model: XmlModel,
  report: (path: string, rule: string) => void,
  deep: boolean,
): (type: string, value: unknown, path: string) => void {
  const checkValue = (rule: XmlValueRule, value: unknown, path: string) => {
    if (typeof value !== "string") return report(path, `must be text (xs:${rule.builtin} as written), found ${describe(value)}`);
    const broken = checkLexical(rule.builtin, value) ?? facetViolation(rule, value);
    if (broken) report(path, broken);
  };

  const checkType = (type: string, value: unknown, path: string) => {
    if (type.startsWith("xs:")) return checkValue({ builtin: type.slice(3) as LexicalType }, value, path);
    const described = model.types[type];
    if (!described) return report(path, `has type ${type}, which the model does not define`);
    if (described.kind === "simple") return checkValue(described.value, value, path);
    if (!isFields(value)) return report(path, `must be an object (${type}), found ${describe(value)}`);
    for (const attribute of described.attributes ?? []) checkAttribute(attribute, value[attribute.name], path);
    if (described.kind === "value") checkValue(described.value, value.value, path);
    else if (described.content) checkGroup(described.content, value, path);
    const known = knownKeys(described);
    for (const key in value) {
      if (!known.has(key) && value[key] !== undefined) report(`${path}/${key}`, `is not an element or attribute of ${type}`);
    }
  };

  const checkAttribute = (attribute: XmlAttributeModel, value: unknown, path: string) => {
    if (value === undefined) {
      if (attribute.required) report(`${path}/@${attribute.name}`, "is required");
      return;
    }
    checkValue(attribute.value, value, `${path}/@${attribute.name}`);
  };

  const checkGroup = (group: XmlGroupModel, value: Fields, path: string) => {
    if (group.kind === "sequence") {
      for (const item of group.items) checkParticle(item, value, path);
      return;
    }
    const present = group.items.filter((item) => isPresent(item, value));
    const names = group.items.map(particleName).join(", ");
    // A branch that may occur zero times lets the choice be empty (pacs.002's MandateRelatedData1Choice).
    const mayBeEmpty = group.items.some((item) => !isGroup(item) && item.min === 0);
    if (present.length === 0 && group.min > 0 && !mayBeEmpty) report(path, `must hold one of ${names}`);
    if (present.length > 1) report(path, `must hold only one of ${names}, found ${present.map(particleName).join(" and ")}`);
    for (const item of present) checkParticle(item, value, path);
  };

  const checkParticle = (item: XmlParticleModel, value: Fields, path: string) => {
    if (isGroup(item)) return checkGroup(item, value, path);
    const name = particleName(item);
    const content = value[name];
    if (content === undefined) {
      if (item.min > 0) report(`${path}/${name}`, `is required (minOccurs ${item.min})`);
      return;
    }
    if (item.kind === "any") {
      if (!Array.isArray(content) || content.some((fragment) => typeof fragment !== "string")) {
        return report(`${path}/${name}`, "must be a list of XML texts");
      }
      return checkCount(content.length, item, `${path}/${name}`);
    }
    if (item.max === 1) {
      if (Array.isArray(content)) return report(`${path}/${name}`, "occurs at most once (maxOccurs 1), found a list");
      if (deep) checkType(item.type, content, `${path}/${name}`);
      return;
    }
    if (!Array.isArray(content))
      return report(`${path}/${name}`, `must be a list (maxOccurs ${item.max === Number.POSITIVE_INFINITY ? "unbounded" : item.max})`);
    checkCount(content.length, item, `${path}/${name}`);
    if (deep) for (const [index, entry] of content.entries()) checkType(item.type, entry, `${path}/${name}[${index + 1}]`);
  };

  const checkCount = (count: number, item: XmlParticleModel, path: string) => {
    if (count < item.min) report(path, `must occur at least ${item.min} times (minOccurs), found ${count}`);
    if (count > item.max) report(path, `must occur at most ${item.max} times (maxOccurs), found ${count}`);
  };

  return checkType;
}

function facetViolation(rule: XmlValueRule, value: string): string | undefined {
  if (rule.builtin === "decimal" || rule.builtin === "positiveInteger") {
    const broken = checkDecimalFacets(value, rule);
    if (broken) return broken;
  } else if (rule.builtin === "string" || rule.builtin === "base64Binary" || rule.builtin === "ID" || rule.builtin === "IDREF") {
    const broken = checkLengthFacets(value, rule);
    if (broken) return broken;
  }
  if (rule.enumeration && !rule.enumeration.includes(value)) return `must be one of ${rule.enumeration.join(", ")} (enumeration)`;
  for (const step of rule.patterns ?? []) {
    if (!step.some((pattern) => pattern.test(value))) return `must match ${step.map((pattern) => pattern.source).join(" or ")} (pattern)`;
  }
  return undefined;
}

function isPresent(item: XmlParticleModel, value: Fields): boolean {
  if (isGroup(item)) return item.items.some((inner) => isPresent(inner, value));
  return value[particleName(item)] !== undefined;
}

const isFields = (value: unknown): value is Fields => typeof value === "object" && value !== null && !Array.isArray(value);

function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  return typeof value === "string" ? "text" : `a ${typeof value}`;
}
