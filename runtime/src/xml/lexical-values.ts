import { checkLexical } from "./lexical.js";

/**
 * Typed helpers for the lexical strings a message keeps. Errors name the rule, never the value. Messages never hold JavaScript numbers or Dates,
 * so nothing is rounded or shifted on the way through; these convert at the edges, exactly.
 */

/** An xs:dateTime with a time zone (`Z` or `±hh:mm`) as a Date; one without a zone is refused as ambiguous. */
export function parseXmlDateTime(lexical: string): Date {
  const broken = checkLexical("dateTime", lexical);
  if (broken) throw new RangeError(`the value ${broken}`);
  if (!/(Z|[+-]\d\d:\d\d)$/.test(lexical)) throw new RangeError("the xs:dateTime has no time zone, so it names no instant");
  return new Date(lexical);
}

/**
 * A Date as an xs:dateTime to the second, in UTC (`2026-11-22T03:15:00Z`, what ISO 20022's normalised
 * date-times require) or at a fixed offset (`+06:00`, how KISC writes Kazakhstan's time).
 */
export function formatXmlDateTime(date: Date, offset: "Z" | `${"+" | "-"}${string}:${string}` = "Z"): string {
  if (Number.isNaN(date.getTime())) throw new RangeError("an invalid Date has no xs:dateTime");
  if (offset === "Z") return date.toISOString().replace(/\.\d+Z$/, "Z");
  const match = /^([+-])(\d\d):(\d\d)$/.exec(offset);
  if (!match) throw new RangeError(`offset ${offset} is not ±hh:mm`);
  const minutes = (match[1] === "-" ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3]));
  return `${new Date(date.getTime() + minutes * 60_000).toISOString().slice(0, 19)}${offset}`;
}

/** An xs:decimal as an integer count of 10^-scale units: `decimalToUnits("100.1", 2)` is `10010n`. */
export function decimalToUnits(lexical: string, scale: number): bigint {
  const broken = checkLexical("decimal", lexical);
  if (broken) throw new RangeError(`the value ${broken}`);
  const value = lexical.trim();
  const negative = value.startsWith("-");
  const [integer = "", fraction = ""] = value.replace(/^[+-]/, "").split(".");
  const significant = fraction.replace(/0+$/, "");
  if (significant.length > scale) throw new RangeError(`the decimal has more than ${scale} fraction digits`);
  const units = BigInt(`${integer || "0"}${fraction.padEnd(scale, "0").slice(0, scale)}`);
  return negative ? -units : units;
}

/** A count of 10^-scale units as an xs:decimal with exactly `scale` fraction digits: `(10010n, 2)` is `100.10`. */
export function unitsToDecimal(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, "0");
  const written = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return negative ? `-${written}` : written;
}

/** The exact sum of xs:decimal values, written with `scale` fraction digits (a batch's control sum). */
export function sumDecimals(values: readonly string[], scale: number): string {
  return unitsToDecimal(
    values.reduce((sum, value) => sum + decimalToUnits(value, scale), 0n),
    scale,
  );
}
