import { basename } from "node:path";

const isoMessage = /^([a-z]{4})\.(\d{3})\.(\d{3})\.(\d{2})$/;

/**
 * The export name of each schema's module in `@bankkit/iso20022`, keyed by its path under `specs/xsd`:
 * an ISO 20022 message is its area and number (`pacs.008.001.08.xsd` → `pacs008`), with the version added
 * only when two versions of one message are present (`pacs008V08`); any other schema is the camelCase of
 * its path (`kisc/envelope.xsd` → `kiscEnvelope`).
 */
export function xmlModuleNames(paths: readonly string[]): Map<string, string> {
  const stems = paths.map((path) => basename(path, ".xsd"));
  const messageCounts = new Map<string, number>();
  for (const stem of stems) {
    const match = isoMessage.exec(stem);
    if (match) messageCounts.set(`${match[1]}${match[2]}`, (messageCounts.get(`${match[1]}${match[2]}`) ?? 0) + 1);
  }
  return new Map(
    paths.map((path, index) => {
      const match = isoMessage.exec(stems[index] as string);
      if (match) {
        const message = `${match[1]}${match[2]}`;
        return [path, (messageCounts.get(message) ?? 0) > 1 ? `${message}V${match[4]}` : message];
      }
      const words = path
        .replace(/\.xsd$/, "")
        .split(/[/\\.\-_]+/)
        .filter(Boolean);
      return [path, words.map((word, i) => (i === 0 ? word : word[0]?.toUpperCase() + word.slice(1))).join("")];
    }),
  );
}
