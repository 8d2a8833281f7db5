import { describe, expect, it } from "vitest";
import { decimalToUnits, formatXmlDateTime, parseXmlDateTime, sumDecimals, unitsToDecimal } from "../src/xml/lexical-values.js";

describe("typed helpers for lexical values", () => {
  it("converts decimals to integer units and back exactly, beyond what a JavaScript number holds", () => {
    expect(decimalToUnits("100.1", 2)).toBe(10010n);
    expect(decimalToUnits("+0100.10", 2)).toBe(10010n);
    expect(decimalToUnits("-0.5", 2)).toBe(-50n);
    expect(decimalToUnits("12345678901234567.89", 2)).toBe(1234567890123456789n);
    expect(unitsToDecimal(1234567890123456789n, 2)).toBe("12345678901234567.89");
    expect(unitsToDecimal(5n, 2)).toBe("0.05");
    expect(unitsToDecimal(-50n, 2)).toBe("-0.50");
    expect(unitsToDecimal(7n, 0)).toBe("7");
    expect(sumDecimals(["125000.00", "2450", "100.10"], 2)).toBe("127550.10");
    expect(() => decimalToUnits("1.005", 2)).toThrow(/more than 2 fraction digits/);
    expect(() => decimalToUnits("1,5", 2)).toThrow(/must be an xs:decimal/);
  });

  it("reads date-times with their zone and writes them in UTC or at KISC's offset", () => {
    expect(parseXmlDateTime("2021-05-11T18:18:28+06:00").toISOString()).toBe("2021-05-11T12:18:28.000Z");
    expect(() => parseXmlDateTime("2021-05-11T18:18:28")).toThrow(/no time zone/);
    expect(() => parseXmlDateTime("2021-02-29T00:00:00Z")).toThrow(/does not exist/);
    // A date may be a birth date: the error names the rule, never the value.
    expect(() => parseXmlDateTime("1990-02-30T00:00:00Z")).toThrow(/^(?!.*1990).*does not exist/);
    const instant = new Date("2021-05-11T12:18:28.456Z");
    expect(formatXmlDateTime(instant)).toBe("2021-05-11T12:18:28Z");
    expect(formatXmlDateTime(instant, "+06:00")).toBe("2021-05-11T18:18:28+06:00");
    expect(formatXmlDateTime(instant, "-03:30")).toBe("2021-05-11T08:48:28-03:30");
    expect(parseXmlDateTime(formatXmlDateTime(instant, "+06:00")).getTime()).toBe(Date.parse("2021-05-11T12:18:28Z"));
  });
});
