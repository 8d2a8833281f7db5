/**
 * Kazakhstan's individual identification number (ИИН): 12 digits — the date of birth (YYMMDD), a digit for
 * century and sex (1–2: 1800s, 3–4: 1900s, 5–6: 2000s; odd male, even female), four digits of registration,
 * and a check digit: the sum of the first eleven digits weighted 1…11, modulo 11; when that is 10, weighted
 * 3…11, 1, 2 instead; a second 10 means no such number is issued. Returns the rule a value breaks, never
 * the value (it is personal data).
 */
export function checkIin(value: string): string | undefined {
  if (!/^[0-9]{12}$/.test(value)) return "must be 12 digits";
  const digits = [...value].map(Number);
  const centuryDigit = digits[6] as number;
  if (centuryDigit < 1 || centuryDigit > 6) return "must have a century and sex digit from 1 to 6 in position 7";
  const year = 1800 + 100 * Math.floor((centuryDigit - 1) / 2) + Number(value.slice(0, 2));
  const month = Number(value.slice(2, 4));
  const day = Number(value.slice(4, 6));
  const birth = new Date(Date.UTC(year, month - 1, day));
  if (month < 1 || month > 12 || birth.getUTCMonth() !== month - 1 || birth.getUTCDate() !== day)
    return "must begin with a date of birth that exists (YYMMDD)";
  if (birth.getTime() > Date.now()) return "must begin with a date of birth that is not in the future";
  const weighted = (weights: number[]) => weights.reduce((sum, weight, i) => sum + weight * (digits[i] as number), 0) % 11;
  let check = weighted([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  if (check === 10) check = weighted([3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]);
  if (check === 10) return "is not a number the registry issues (its check digit cannot be computed)";
  if (check !== digits[11]) return "has a wrong check digit";
  return undefined;
}
