import { spawnSync } from "node:child_process";
import { once } from "node:events";
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { extname, join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";

// Debian's chromium is the browser: .ci/run installs it and sets BANKKIT_CHROMIUM=required, so CI cannot
// skip this; elsewhere it runs when /usr/bin/chromium is there.
const executablePath = "/usr/bin/chromium";
const required = process.env.BANKKIT_CHROMIUM === "required";
const artifacts = join(import.meta.dirname, "..", "..", "test-artifacts", "docs");
const site = mkdtempSync(join(tmpdir(), "bankkit-site-"));
const specs = ["bank131-kyc", "dcm", "dcm-bank", "kisc-etsfo", "kisc-identity", "pc-server", "pc-server-signer"];

interface Operation {
  operationId: string;
  tag: string;
  summary: string;
}

/** What each reference page must show: every operation of the spec. */
function operationsOf(api: string): Operation[] {
  const document = parse(readFileSync(`specs/openapi/${api}.yaml`, "utf8")) as {
    paths: Record<string, Record<string, { summary?: string; operationId?: string; tags?: string[] }>>;
  };
  return Object.values(document.paths).flatMap((item) =>
    Object.values(item)
      .filter((operation) => typeof operation === "object" && operation !== null && "operationId" in operation)
      .map((operation) => ({
        operationId: operation.operationId!,
        tag: operation.tags?.[0] ?? "",
        summary: operation.summary ?? operation.operationId!,
      })),
  );
}

const visible = (text: string) => text.replace(/\s+/g, " ");

// Code that runs in the page is passed as text: the tests type-check against Node's globals, not the DOM's.
const js = JSON.stringify;
const pageText = "document.body.innerText";

/** Opens each operation by its route (`#/<tag>/<operationid>`) and waits for its summary as a heading (a deprecated one has a badge after it). */
async function showsEveryOperation(page: Page, operations: Operation[]): Promise<void> {
  for (const { operationId, tag, summary } of operations) {
    const slug = await page.evaluate(`[...document.querySelectorAll("a")].find((a) => a.textContent === ${js(tag)})?.getAttribute("href")`);
    expect(slug, `the menu lists the tag ${tag}`).toMatch(/^\//);
    await page.evaluate(`location.hash = ${js(`#${slug}/${operationId.toLowerCase()}`)}`);
    const heading = `[...document.querySelectorAll("h1, h2")].some((h) => h.textContent.trim().startsWith(${js(summary)}) && h.offsetParent !== null)`;
    await page.waitForFunction(heading, undefined, { timeout: 30_000 });
  }
}

describe.skipIf(!existsSync(executablePath) && !required)("the docs site in headless Chromium", { timeout: 300_000 }, () => {
  let browser: Browser;
  let server: Server;
  let origin = "";

  beforeAll(async () => {
    const built = spawnSync(process.execPath, ["generator/bin/bankkit.js", "docs", "--out", site], { encoding: "utf8" });
    expect(built.status, built.stderr).toBe(0);
    server = createServer(async (request, response) => {
      const file = join(site, decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname));
      const body = await readFile(file).catch(() => undefined);
      const type = extname(file) === ".html" ? "text/html; charset=utf-8" : "application/octet-stream";
      response.writeHead(body ? 200 : 404, { "content-type": type }).end(body);
    }).listen(0, "127.0.0.1");
    await once(server, "listening");
    origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    mkdirSync(artifacts, { recursive: true });
    browser = await chromium.launch({
      executablePath,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
  });
  afterAll(async () => {
    await browser?.close();
    server?.close();
  });

  /** Opens a page, records every request it makes, waits for it to render, saves a screenshot. */
  async function open(url: string, shot: string, shows = "API"): Promise<{ page: Page; requests: string[]; text: string }> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const requests: string[] = [];
    page.on("request", (request) => requests.push(request.url()));
    await page.goto(url, { waitUntil: "load" });
    await page.waitForFunction(`${pageText}.replace(/\\s+/g, " ").includes(${js(shows)})`);
    await page.screenshot({ path: join(artifacts, shot) });
    return { page, requests, text: (await page.evaluate(pageText)) as string };
  }

  const elsewhere = (requests: string[], allowed: string) =>
    requests.filter((url) => !url.startsWith(allowed) && !url.startsWith("data:") && !url.startsWith("blob:"));

  it("the index lists every API with its version and operation count, from file:// with no request elsewhere", async () => {
    const { page, requests, text } = await open(`file://${site}/index.html`, "index.png");
    for (const api of specs) expect(await page.locator(`a[href="${api}.html"]`).count(), api).toBe(1);
    expect(visible(text)).toMatch(/DCM \(Transparent Network\) integration API for banks The processing centre.*? 1\.0 /);
    expect(text).toContain("29 operations");
    expect(text).toContain("44 operations, 3 callbacks");
    expect(elsewhere(requests, "file://")).toEqual([]);
    await page.close();
  });

  for (const api of specs) {
    it(`${api}: every operation is on its reference page, offline and from a static server, nothing fetched elsewhere`, async () => {
      const operations = operationsOf(api);
      const offline = await open(`file://${site}/${api}.html`, `${api}.png`, "Operations");
      await showsEveryOperation(offline.page, operations);
      await offline.page.screenshot({ path: join(artifacts, `${api}-last-operation.png`) });
      expect(elsewhere(offline.requests, "file://")).toEqual([]);
      await offline.page.close();
      const served = await open(`${origin}/${api}.html`, `${api}-served.png`, "Operations");
      await showsEveryOperation(served.page, operations.slice(0, 3));
      expect(elsewhere(served.requests, origin)).toEqual([]);
      await served.page.close();
    });
  }

  it("callbacks and XML examples are visible: PC's user callback, KISC's camt.054 answer in XML", async () => {
    const pc = await open(`file://${site}/pc-server.html`, "pc-server-callbacks.png", "Operations");
    await showsEveryOperation(
      pc.page,
      operationsOf("pc-server").filter((o) => o.operationId === "changeSystemSettings"),
    );
    await pc.page.getByText("User callback", { exact: true }).first().waitFor({ state: "visible", timeout: 30_000 });
    await pc.page.screenshot({ path: join(artifacts, "pc-server-callback.png") });
    await pc.page.close();
    const kisc = await open(`file://${site}/kisc-etsfo.html`, "kisc-etsfo.png", "Operations");
    await showsEveryOperation(
      kisc.page,
      operationsOf("kisc-etsfo").filter((o) => o.operationId === "getMessage"),
    );
    await kisc.page.getByText("BkToCstmrDbtCdtNtfctn").first().waitFor({ state: "visible", timeout: 30_000 });
    await kisc.page.screenshot({ path: join(artifacts, "kisc-etsfo-xml-example.png") });
    await kisc.page.close();
  });

  it("the XML catalogue shows each message's elements with multiplicity and facets", async () => {
    const { page, requests, text } = await open(`file://${site}/xml-messages.html`, "xml-messages.png");
    expect(text).toContain("specs/xsd/pacs.008.001.08.xsd");
    expect(text).toMatch(/MsgId\s+1\.\.1\s+Max35Text\s+minLength 1\s+maxLength 35/);
    expect(text).toMatch(/CdtTrfTxInf\s+1\.\.n/);
    expect(elsewhere(requests, "file://")).toEqual([]);
    await page.close();
  });
});
