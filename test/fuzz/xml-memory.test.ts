import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { busyCamt054 } from "../support/xml-samples.js";

const run = promisify(execFile);

// A realistic notification near the 32 MiB cap (44,000 entries, 1.1 million elements, Cyrillic text) is read
// in a process whose whole JavaScript heap may not exceed 10× the message's size — the loaded text and the
// code count against it too. Out of heap, V8 ends the process, and the test fails. Before the tree's child
// arrays were cut to size it needed more (the tree alone was 278 MB for this message, now 159 MB).
describe("memory of a large message", { timeout: 120_000 }, () => {
  it("reads a 29 MB camt.054 within a heap of 10× its size", async () => {
    const folder = mkdtempSync(join(tmpdir(), "bankkit-xml-memory-"));
    try {
      const file = join(folder, "camt054.xml");
      const text = busyCamt054(44_000);
      writeFileSync(file, text);
      const size = Buffer.byteLength(text);
      expect(size).toBeGreaterThan(28_000_000);
      const heapMb = Math.floor((10 * size) / 2 ** 20);
      const script = `
        import { readFileSync } from "node:fs";
        import { camt054 } from "@bankkit/iso20022";
        const message = camt054.codec.parse(readFileSync(${JSON.stringify(file)}, "utf8"));
        process.stdout.write(String(message.BkToCstmrDbtCdtNtfctn.Ntfctn[0].Ntry.length));`;
      const { stdout } = await run(process.execPath, [`--max-old-space-size=${heapMb}`, "--input-type=module", "-e", script], {
        cwd: process.cwd(),
      });
      expect(stdout).toBe("44000");
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
