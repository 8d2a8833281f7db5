/** Text for HTML element content and attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

const style = `
body { font: 15px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 72rem; padding: 1.5rem; color: #1d2330; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.25rem; margin-top: 2rem; } h3 { font-size: 1.05rem; margin: 1.5rem 0 .3rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; } th, td { text-align: left; padding: .3rem .6rem; border-bottom: 1px solid #dde1e8; vertical-align: top; }
th { background: #f3f5f8; font-weight: 600; } code { font: 13px ui-monospace, monospace; background: #f3f5f8; padding: 0 .2rem; }
a { color: #1f5fbf; } .muted { color: #5b6474; } nav a { margin-right: 1rem; }
`;

/**
 * A complete page with its style inline and no script: nothing is fetched from anywhere, so it reads the
 * same from `file://`, from any static server and offline.
 */
export function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${style}</style>
</head>
<body>
<nav><a href="index.html">All APIs</a><a href="xml-messages.html">XML messages</a></nav>
${body}
</body>
</html>
`;
}
