import { apiSummary } from "../emit/prose.js";
import type { ApiIR } from "../ir/types.js";
import { escapeHtml, page } from "./html.js";

/** One API as the index lists it. */
export interface ApiEntry {
  api: ApiIR;
  /** The reference page, relative to the site. */
  href: string;
}

/** `index.html`: every API with its version, servers, operation count and a link to its reference. */
export function indexPage(entries: readonly ApiEntry[], xmlMessages: number): string {
  const rows = entries.map(({ api, href }) => {
    const servers = api.servers.map((s) => `<code>${escapeHtml(s.url)}</code>`).join("<br>");
    const served = api.server ? ' <span class="muted">(served by the bank)</span>' : "";
    const callbacks = api.callbacks.length > 0 ? `, ${api.callbacks.length} callback${api.callbacks.length === 1 ? "" : "s"}` : "";
    return `<tr>
<td><a href="${escapeHtml(href)}">${escapeHtml(api.title)}</a>${served}<br><span class="muted">${escapeHtml(apiSummary(api))}</span></td>
<td>${escapeHtml(api.version)}</td>
<td>${servers}</td>
<td>${api.operations.length} operation${api.operations.length === 1 ? "" : "s"}${callbacks}</td>
</tr>`;
  });
  return page(
    "bankkit — API reference",
    `<h1>API reference</h1>
<p>Every API bankkit generates clients for, rendered from the same specs the clients are generated from.</p>
<table>
<thead><tr><th>API</th><th>Version</th><th>Servers</th><th>Operations</th></tr></thead>
<tbody>
${rows.join("\n")}
</tbody>
</table>
<h2>XML messages</h2>
<p><a href="xml-messages.html">The ISO 20022 messages and KISC envelopes</a>: ${xmlMessages} schemas, each element with its multiplicity and facets.</p>`,
  );
}
