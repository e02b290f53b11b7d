// Reads a Mermaid diagram on stdin and parses it with Mermaid's own parser (the
// one GitHub's renderer runs). Prints {"nodes": [{id, text, shape, classes}],
// "edges": [{from, to, text}]} in the diagram's order, each text as a browser
// would show it (Mermaid's entity codes and <br> decoded); exits 1 on a parse
// error. jsdom gives Mermaid the DOM its sanitizer needs. An argument N raises
// Mermaid's limit of 500 edges (which GitHub keeps) to N.
import { JSDOM } from 'jsdom';
import { readFileSync } from 'node:fs';

const dom = new JSDOM('<!DOCTYPE html><body></body>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import('mermaid');
const maxEdges = Number(process.argv[2] ?? 500);
mermaid.initialize({ startOnLoad: false, maxEdges });

// Mermaid keeps `#quot;` and `#93;` as placeholders until it draws; a textarea
// decodes the HTML entities they stand for.
function shown(text) {
  const html = String(text ?? '')
    .replace(/<br\s*\/?>/g, '\n')
    .replace(/ﬂ°°/g, '&#')
    .replace(/ﬂ°/g, '&')
    .replace(/¶ß/g, ';');
  const area = document.createElement('textarea');
  area.innerHTML = html;
  return area.value;
}

try {
  const diagram = await mermaid.mermaidAPI.getDiagramFromText(readFileSync(0, 'utf8'));
  const vertices = diagram.db.getVertices();
  const nodes = [...(vertices instanceof Map ? vertices.values() : Object.values(vertices))];
  console.log(JSON.stringify({
    nodes: nodes.map((n) => ({ id: n.id, text: shown(n.text), shape: n.type, classes: n.classes })),
    edges: diagram.db.getEdges().map((e) => ({ from: e.start, to: e.end, text: shown(e.text) })),
  }));
} catch (error) {
  console.error(String(error?.message ?? error));
  process.exit(1);
}
