/** The written forms of a calendar day that specs declare with `x-bankkit-date`. */
export type CalendarDatePattern = "YYYYMMDD" | "DD.MM.YYYY";

/**
 * A day as the API writes it. A `Date` gives its local calendar day (what the caller sees on their
 * calendar, not the UTC day); a string is passed on as given, for the request validator to check. An
 * invalid `Date` becomes an empty string, which the validator refuses by field name.
 */
export function calendarDate(day: Date | string, pattern: CalendarDatePattern): string {
  if (typeof day === "string") return day;
  if (Number.isNaN(day.getTime())) return "";
  const yyyy = String(day.getFullYear()).padStart(4, "0");
  const mm = String(day.getMonth() + 1).padStart(2, "0");
  const dd = String(day.getDate()).padStart(2, "0");
  return pattern === "YYYYMMDD" ? `${yyyy}${mm}${dd}` : `${dd}.${mm}.${yyyy}`;
}
