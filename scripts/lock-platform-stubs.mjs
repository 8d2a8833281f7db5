// The npm registry this project installs from does not serve the macOS/Windows/musl builds of packages
// that ship native binaries as optional dependencies (turbo, Biome). `npm install` then leaves them out
// of package-lock.json and `npm ci` refuses the lock as out of sync. This adds a lock entry for each such
// optional dependency, with the platform its name encodes, so that `npm ci` skips it on other platforms.
// Run it after every `npm install` that changes the lock: node scripts/lock-platform-stubs.mjs
import { readFileSync, writeFileSync } from "node:fs";

const lockPath = new URL("../package-lock.json", import.meta.url);
const lock = JSON.parse(readFileSync(lockPath, "utf8"));
const packages = lock.packages;

function platformOf(name) {
  const n = name.toLowerCase();
  const os = /darwin|macos/.test(n)
    ? "darwin"
    : /win32|windows/.test(n)
      ? "win32"
      : /android/.test(n)
        ? "android"
        : /freebsd/.test(n)
          ? "freebsd"
          : /linux/.test(n)
            ? "linux"
            : undefined;
  const cpu = /arm64|aarch64/.test(n)
    ? "arm64"
    : /ia32/.test(n)
      ? "ia32"
      : /x64|-64\b/.test(n)
        ? "x64"
        : /\barm\b/.test(n)
          ? "arm"
          : undefined;
  if (!os || !cpu) throw new Error(`cannot tell the platform of optional dependency ${name}; add its lock entry by hand`);
  const libc = /musl/.test(n) ? ["musl"] : os === "linux" ? ["glibc"] : undefined;
  return { os: [os], cpu: [cpu], ...(libc ? { libc } : {}) };
}

let added = 0;
for (const [path, entry] of Object.entries(packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const base = path === "" ? "" : `${path}/`;
    if (packages[`${base}node_modules/${name}`] || packages[`node_modules/${name}`]) continue;
    packages[`node_modules/${name}`] = { version, ...(entry.dev ? { dev: true } : {}), optional: true, ...platformOf(name) };
    added++;
  }
}
lock.packages = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b))));
writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`package-lock.json: ${added} platform-specific optional dependencies recorded`);
