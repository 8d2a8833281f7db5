/**
 * Lexical rules of the XML Schema built-in types that ISO 20022 messages restrict, and the facets on them.
 * Values stay the strings they were on the wire (`100.10`, `044525974`, `+06:00` survive a round trip), so
 * every check here works on text: decimals are compared digit by digit, never through a JavaScript number.
 * Each check returns the rule a value broke, or undefined when it is valid.
 */

export type LexicalType =
  | "string"
  | "decimal"
  | "positiveInteger"
  | "boolean"
  | "date"
  | "dateTime"
  | "time"
  | "gYear"
  | "gYearMonth"
  | "gMonth"
  | "base64Binary"
  | "ID"
  | "IDREF";

const timezone = "(Z|[+-](?:(?:0\\d|1[0-3]):[0-5]\\d|14:00))?";
const year = "-?(?:[1-9]\\d{4,}|\\d{4})";
const clock = "(?:[01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(?:\\.\\d+)?|24:00:00(?:\\.0+)?";
const ncName = /^[\p{L}_][\p{L}\p{Nd}\p{Mn}\p{Mc}\p{Pc}\u00B7.-]*$/u;
const lexicalForms: Record<Exclude<LexicalType, "string">, RegExp> = {
  decimal: /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/,
  positiveInteger: /^\+?0*[1-9]\d*$/,
  boolean: /^(?:true|false|1|0)$/,
  date: new RegExp(`^(${year})-(\\d{2})-(\\d{2})${timezone}$`),
  dateTime: new RegExp(`^(${year})-(\\d{2})-(\\d{2})T(?:${clock})${timezone}$`),
  time: new RegExp(`^(?:${clock})${timezone}$`),
  gYear: new RegExp(`^${year}${timezone}$`),
  gYearMonth: new RegExp(`^(${year})-(\\d{2})${timezone}$`),
  gMonth: new RegExp(`^--(\\d{2})${timezone}$`),
  base64Binary:
    /^(?:(?:[A-Za-z0-9+/] ?){4})*(?:(?:[A-Za-z0-9+/] ?){3}[A-Za-z0-9+/]|(?:[A-Za-z0-9+/] ?){2}[AEIMQUYcgkosw048] ?=|[A-Za-z0-9+/] ?[AQgw] ?= ?=)?$/,
  // An NCName (XML Namespaces 1.0). Which IDs exist and that each IDREF names one is not checked: the trade
  // messages that use them (tsin, tsmt) point within the document, and libxml2 checks that.
  ID: ncName,
  IDREF: ncName,
};

/** XML Schema collapses whitespace in every non-string value before reading it (whiteSpace="collapse"). */
const collapse = (value: string) => (/[ \t\n\r]/.test(value) ? value.replace(/[ \t\n\r]+/g, " ").replace(/^ | $/g, "") : value);

/**
 * Checks that a value is written as its type requires; dates must also exist (no 30 February). The rule
 * never quotes the value: a date may be a birth date, and rules end up in errors and logs.
 */
export function checkLexical(type: LexicalType, value: string): string | undefined {
  if (type === "string") return undefined;
  const match = lexicalForms[type].exec(collapse(value));
  if (!match) return `must be an xs:${type}`;
  if (type === "gMonth") {
    const month = Number(match[1]);
    return month < 1 || month > 12 ? "must be an xs:gMonth (its month does not exist)" : undefined;
  }
  if (type === "date" || type === "dateTime" || type === "gYearMonth") {
    const [, yearText, monthText, dayText] = match;
    const month = Number(monthText);
    if (month < 1 || month > 12) return `must be an xs:${type} (its month does not exist)`;
    if (/^-?0+$/.test(yearText as string)) return `must be an xs:${type} (year 0000 does not exist)`;
    if (dayText !== undefined) {
      const day = Number(dayText);
      if (day < 1 || day > daysInMonth(BigInt(yearText as string), month)) return `must be an xs:${type} (that day does not exist)`;
    }
  }
  return undefined;
}

function daysInMonth(year: bigint, month: number): number {
  if (month === 2) return year % 4n === 0n && (year % 100n !== 0n || year % 400n === 0n) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** A decimal split into sign, integer digits without leading zeros and fraction digits without trailing zeros. */
interface DecimalParts {
  negative: boolean;
  integer: string;
  fraction: string;
}

function decimalParts(value: string): DecimalParts {
  // Scanned by hand: this runs for every amount of a message, often twice.
  const sign = value.charCodeAt(0);
  const start = sign === 43 /* + */ || sign === 45 /* - */ ? 1 : 0;
  const dot = value.indexOf(".", start);
  const integerEnd = dot < 0 ? value.length : dot;
  let integerStart = start;
  while (integerStart < integerEnd && value.charCodeAt(integerStart) === 48 /* 0 */) integerStart++;
  let fractionEnd = value.length;
  if (dot >= 0) while (fractionEnd > dot + 1 && value.charCodeAt(fractionEnd - 1) === 48) fractionEnd--;
  const integer = value.slice(integerStart, integerEnd);
  const fraction = dot < 0 ? "" : value.slice(dot + 1, fractionEnd);
  return { negative: sign === 45 && (integer !== "" || fraction !== ""), integer, fraction };
}

/** Compares two xs:decimal lexical values exactly: -1, 0 or 1. */
export function compareDecimals(a: string, b: string): number {
  const x = decimalParts(a);
  const y = decimalParts(b);
  if (x.negative !== y.negative) return x.negative ? -1 : 1;
  const sign = x.negative ? -1 : 1;
  if (x.integer.length !== y.integer.length) return x.integer.length > y.integer.length ? sign : -sign;
  if (x.integer !== y.integer) return x.integer > y.integer ? sign : -sign;
  const width = Math.max(x.fraction.length, y.fraction.length);
  const fx = x.fraction.padEnd(width, "0");
  const fy = y.fraction.padEnd(width, "0");
  return fx === fy ? 0 : fx > fy ? sign : -sign;
}

export interface DecimalFacets {
  totalDigits?: number;
  fractionDigits?: number;
  minInclusive?: string;
  maxInclusive?: string;
  minExclusive?: string;
  maxExclusive?: string;
}

/** Checks the digit-count and range facets of a valid xs:decimal value. */
export function checkDecimalFacets(lexical: string, facets: DecimalFacets): string | undefined {
  const value = collapse(lexical);
  const { integer, fraction } = decimalParts(value);
  const digits = integer.length + fraction.length;
  if (facets.totalDigits !== undefined && digits > facets.totalDigits)
    return `must have at most ${facets.totalDigits} digits (totalDigits)`;
  if (facets.fractionDigits !== undefined && fraction.length > facets.fractionDigits) {
    return `must have at most ${facets.fractionDigits} fraction digits (fractionDigits)`;
  }
  if (facets.minInclusive !== undefined && compareDecimals(value, facets.minInclusive) < 0)
    return `must be ≥ ${facets.minInclusive} (minInclusive)`;
  if (facets.maxInclusive !== undefined && compareDecimals(value, facets.maxInclusive) > 0)
    return `must be ≤ ${facets.maxInclusive} (maxInclusive)`;
  if (facets.minExclusive !== undefined && compareDecimals(value, facets.minExclusive) <= 0)
    return `must be > ${facets.minExclusive} (minExclusive)`;
  if (facets.maxExclusive !== undefined && compareDecimals(value, facets.maxExclusive) >= 0)
    return `must be < ${facets.maxExclusive} (maxExclusive)`;
  return undefined;
}

export interface LengthFacets {
  length?: number;
  minLength?: number;
  maxLength?: number;
}

/** Checks length facets of a string value, counted in characters (code points) as XML Schema counts them. */
export function checkLengthFacets(value: string, facets: LengthFacets): string | undefined {
  // A string has between length/2 and length code points: count them only when that range is not enough.
  const units = value.length;
  if (
    facets.length === undefined &&
    (facets.maxLength === undefined || units <= facets.maxLength) &&
    (facets.minLength === undefined || Math.ceil(units / 2) >= facets.minLength)
  )
    return undefined;
  let characters = 0;
  for (const _ of value) characters++;
  if (facets.length !== undefined && characters !== facets.length) return `must be exactly ${facets.length} characters long (length)`;
  if (facets.minLength !== undefined && characters < facets.minLength)
    return `must be at least ${facets.minLength} characters long (minLength)`;
  if (facets.maxLength !== undefined && characters > facets.maxLength)
    return `must be at most ${facets.maxLength} characters long (maxLength)`;
  return undefined;
}
