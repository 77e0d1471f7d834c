// loadVendor runs the committed third-party builds (third_party/, the files
// vendor.json names, in its order, which is the page's) as the page and the
// layout worker do: classic scripts that set globals. It returns Cytoscape
// with the fCoSE layout registered. For Node scripts and tests; no npm
// install needed.
import { readFileSync } from 'node:fs';
import { runInThisContext } from 'node:vm';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

export const web = join(dirname(fileURLToPath(import.meta.url)), '..');

export function loadVendor() {
  if (!globalThis.cytoscape) {
    const { files } = JSON.parse(readFileSync(join(web, 'vendor.json'), 'utf8'));
    for (const name of Object.keys(files)) {
      const p = join(web, 'third_party', name);
      runInThisContext(readFileSync(p, 'utf8'), { filename: p });
    }
    globalThis.cytoscape.use(globalThis.cytoscapeFcose);
  }
  return globalThis.cytoscape;
}
