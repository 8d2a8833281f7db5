/**
 * The helpers every generated validators module starts with. They are part of the emitted code (not a
 * runtime import), so a generated package validates with no dependency beyond itself.
 */
export const prelude = `const fail = (e, path, rule, message) => void e.push({ path, rule, message });
const key = (k) => k.replace(/~/g, "~0").replace(/\\//g, "~1");
const isObject = (d) => d !== null && typeof d === "object" && !Array.isArray(d);
const length = (s) => { let n = 0; for (const _ of s) n++; return n; };
const equal = (a, b) => a === b || (typeof a === "object" && typeof b === "object" && a !== null && b !== null && JSON.stringify(a) === JSON.stringify(b));
const unique = (a) => { for (let i = 0; i < a.length; i++) for (let j = i + 1; j < a.length; j++) if (equal(a[i], a[j])) return false; return true; };
const closest = (e, branches) => { let best = branches[0]; for (const b of branches) if (b.length < best.length) best = b; if (best) e.push(...best); };
const dateOk = (s) => { const m = /^(\\d{4})-(\\d{2})-(\\d{2})$/.exec(s); if (!m) return false; const day = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])); return day.getUTCMonth() === +m[2] - 1 && day.getUTCDate() === +m[3]; };
const dmy = (s) => { const m = /^(\\d{2})\\.(\\d{2})\\.(\\d{4})$/.exec(s); return m && dateOk(\`\${m[3]}-\${m[2]}-\${m[1]}\`) ? [+m[3], +m[2], +m[1]] : undefined; };
const ymd = (s) => { const m = /^(\\d{4})(\\d{2})(\\d{2})$/.exec(s); return m && dateOk(\`\${m[1]}-\${m[2]}-\${m[3]}\`) ? [+m[1], +m[2], +m[3]] : undefined; };
const yearsSince = ([y, m, d], now = new Date()) => now.getFullYear() - y - (now.getMonth() + 1 < m || (now.getMonth() + 1 === m && now.getDate() < d) ? 1 : 0);
const kzIin = (s) => { if (!/^\\d{12}$/.test(s)) return false; const d = [...s].map(Number); if (d[6] < 1 || d[6] > 6) return false; const y = 1800 + 100 * Math.floor((d[6] - 1) / 2) + +s.slice(0, 2); const day = new Date(Date.UTC(y, +s.slice(2, 4) - 1, +s.slice(4, 6))); if (day.getUTCFullYear() !== y || day.getUTCMonth() !== +s.slice(2, 4) - 1 || day.getUTCDate() !== +s.slice(4, 6) || day.getTime() > Date.now()) return false; const w = (ws) => ws.reduce((sum, x, i) => sum + x * d[i], 0) % 11; let c = w([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]); if (c === 10) c = w([3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]); return c !== 10 && c === d[11]; };
const formats = {
  date: dateOk,
  "date-time": (s) => /^\\d{4}-\\d{2}-\\d{2}[Tt ]\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?([Zz]|[+-]\\d{2}:\\d{2})$/.test(s) && dateOk(s.slice(0, 10)),
  time: (s) => /^\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?([Zz]|[+-]\\d{2}:\\d{2})?$/.test(s),
  email: (s) => /^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$/.test(s),
  uri: (s) => /^[A-Za-z][A-Za-z0-9+.-]*:[^\\s]*$/.test(s),
  uuid: (s) => /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/.test(s),
  ipv4: (s) => /^(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}$/.test(s),
  // Kazakhstan's IIN: a date of birth that exists, the century/sex digit, the check digit (runtime checkIin has the rule with reasons).
  "kz-iin": kzIin,
  hostname: (s) => s.length <= 253 && /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/.test(s),
};
`;

/** Formats the prelude checks; any other format is an annotation only. */
export const checkedFormats = new Set(["date", "date-time", "time", "email", "uri", "uuid", "ipv4", "hostname", "kz-iin"]);
