/**
 * XML benchmark: bankkit's typed parse + validate and serialize of ISO 20022 messages against raw
 * fast-xml-parser parse and build of the same bytes with the same parser options, in one run, in rounds
 * that alternate typed and raw so machine drift hits both alike. Messages: a three-transaction pacs.008 and
 * a ~10 MB camt.054 with thousands of entries; the large one is read in fresh processes (alternating raw and
 * typed, one warm-up read each), which also give each way's peak memory (maxRSS above a process that loaded
 * the modules and built the text).
 * Run: npx tsx bench/xml.ts   (part of npm run bench)
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { camt054, pacs008 } from "@bankkit/iso20022";
import { XMLBuilder, XMLParser } from "fast-xml-parser";
import { parse as parseYaml } from "yaml";
import { busyCamt054 } from "../test/support/xml-samples.ts";

// fast-xml-parser configured to read the tree bankkit's parseXml builds (values as written, attributes,
// order kept), and a builder that writes the same tree back.
const options = {
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  htmlEntities: true,
  processEntities: true,
  ignorePiTags: true,
} as const;
const raw = new XMLParser(options);
const builder = new XMLBuilder({ ...options, suppressEmptyNode: true });

const pacs008Text = (parseYaml(readFileSync("specs/samples/kisc-etsfo/message-pacs008.response.yaml", "utf8")) as { value: string }).value
  .replace(/^[\s\S]*?(<Document)/, "$1")
  .replace(/(<\/Document>)[\s\S]*$/, "$1");
const camtEntries = 15_500;
const camtText = busyCamt054(camtEntries);

const child = process.argv[2];
if (child) {
  // One way of reading the large camt.054 in a fresh process: a warm-up read, then a timed one. Prints the
  // time in ms and the peak resident set in kB (the text and the modules are loaded in every mode).
  let kept: unknown = camtText.length;
  const read = () => {
    if (child === "raw") kept = raw.parse(camtText, true);
    if (child === "typed") kept = camt054.codec.parse(camtText);
  };
  read();
  kept = undefined;
  const started = performance.now();
  read();
  process.stdout.write(`${(performance.now() - started).toFixed(1)} ${process.resourceUsage().maxRSS} ${kept ? 1 : 0}\n`);
  process.exit(0);
}

interface Way {
  name: string;
  run: () => unknown;
}

/** Median time of each way, over alternating rounds after a warm-up. */
function medians(ways: Way[], rounds: number, perRound: number): number[] {
  for (const way of ways) for (let i = 0; i < perRound; i++) way.run();
  const times = ways.map(() => [] as number[]);
  for (let round = 0; round < rounds; round++) {
    for (const [index, way] of ways.entries()) {
      const started = performance.now();
      for (let i = 0; i < perRound; i++) way.run();
      times[index]?.push((performance.now() - started) / perRound);
    }
  }
  return times.map((list) => list.sort((a, b) => a - b)[Math.floor(list.length / 2)] ?? Number.NaN);
}

function report(title: string, bytes: number, ways: Way[], rounds: number, perRound: number) {
  const times = medians(ways, rounds, perRound);
  console.log(`${title} (${(bytes / 1024).toFixed(bytes > 1e6 ? 0 : 1)} KiB), median of ${rounds} rounds × ${perRound}:`);
  const mbps = (ms: number) => bytes / 1024 / 1024 / (ms / 1000);
  for (const [index, way] of ways.entries()) {
    const ms = times[index] as number;
    const versus = index === 0 ? "" : `  ${(((times[0] as number) / ms) * 1).toFixed(2)}× the throughput of ${ways[0]?.name}`;
    console.log(`  ${way.name.padEnd(46)} ${ms.toFixed(ms < 1 ? 3 : 1).padStart(8)} ms  ${mbps(ms).toFixed(1).padStart(6)} MB/s${versus}`);
  }
}

// Reading first, with nothing large kept alive, so that garbage collection costs each way its own share.
report(
  "pacs.008.001.08, 3 transactions, reading",
  Buffer.byteLength(pacs008Text),
  [
    { name: "raw fast-xml-parser parse (well-formedness checked)", run: () => raw.parse(pacs008Text, true) },
    { name: "raw fast-xml-parser parse (unchecked)", run: () => raw.parse(pacs008Text) },
    { name: "bankkit parse + validate (typed)", run: () => pacs008.codec.parse(pacs008Text) },
  ],
  21,
  200,
);
// The large message is read in fresh processes, alternating raw and typed: one ~10 MB tree and its garbage
// would otherwise make the collector's work depend on what ran before.
const inChild = (mode: string) => {
  const [ms, rss] = execFileSync(process.execPath, ["--import", "tsx", "bench/xml.ts", mode], { encoding: "utf8" }).split(" ").map(Number);
  return { ms: ms as number, rss: rss as number };
};
const camtRuns = { baseline: [] as number[], raw: [] as number[], typed: [] as number[], rawRss: [] as number[], typedRss: [] as number[] };
for (let round = 0; round < 5; round++) {
  const base = inChild("baseline");
  const rawRun = inChild("raw");
  const typedRun = inChild("typed");
  camtRuns.baseline.push(base.rss);
  camtRuns.raw.push(rawRun.ms);
  camtRuns.typed.push(typedRun.ms);
  camtRuns.rawRss.push(rawRun.rss - base.rss);
  camtRuns.typedRss.push(typedRun.rss - base.rss);
}
const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)] as number;
const camtBytes = Buffer.byteLength(camtText);
const camtMbps = (ms: number) => (camtBytes / 1024 / 1024 / (ms / 1000)).toFixed(1);
console.log(
  `camt.054.001.07, ${camtEntries.toLocaleString("en")} entries, reading (${(camtBytes / 1024).toFixed(0)} KiB), median of 5 fresh processes each:`,
);
console.log(
  `  ${"raw fast-xml-parser parse (well-formedness checked)".padEnd(52)} ${median(camtRuns.raw).toFixed(0).padStart(6)} ms  ${camtMbps(median(camtRuns.raw)).padStart(5)} MB/s`,
);
console.log(
  `  ${"bankkit parse + validate (typed)".padEnd(52)} ${median(camtRuns.typed).toFixed(0).padStart(6)} ms  ${camtMbps(median(camtRuns.typed)).padStart(5)} MB/s  ${(median(camtRuns.raw) / median(camtRuns.typed)).toFixed(2)}× raw throughput`,
);
console.log(
  `  peak memory above the loaded process (maxRSS): raw ${(median(camtRuns.rawRss) / 1024).toFixed(0)} MB, bankkit ${(median(camtRuns.typedRss) / 1024).toFixed(0)} MB (${(median(camtRuns.typedRss) / median(camtRuns.rawRss)).toFixed(2)}× raw)`,
);

const pacsMessage = pacs008.codec.parse(pacs008Text);
const pacsTree = raw.parse(pacs008Text);
report(
  "pacs.008.001.08, 3 transactions, writing",
  Buffer.byteLength(pacs008Text),
  [
    { name: "raw fast-xml-parser build", run: () => builder.build(pacsTree) },
    { name: "bankkit validate + serialize (typed)", run: () => pacs008.codec.serialize(pacsMessage) },
  ],
  21,
  200,
);
let camtMessage: unknown = camt054.codec.parse(camtText);
let camtTree: unknown = raw.parse(camtText);
report(
  `camt.054.001.07, ${camtEntries.toLocaleString("en")} entries, writing`,
  Buffer.byteLength(camtText),
  [
    { name: "raw fast-xml-parser build", run: () => builder.build(camtTree) },
    { name: "bankkit validate + serialize (typed)", run: () => camt054.codec.serialize(camtMessage as camt054.Document) },
  ],
  7,
  1,
);
camtMessage = camtTree = undefined;
