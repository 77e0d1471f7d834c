// `npm run build`: there is nothing to bundle (the page is plain ES modules,
// embedded by the Go binary with the committed third-party files in
// third_party/), so the build checks instead that every file vendor.json
// names is in third_party/ and runs, and that the page's own modules parse.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { loadVendor, web } from './vendor.mjs';

const { files } = JSON.parse(readFileSync(join(web, 'vendor.json'), 'utf8'));
let bad = 0;
for (const name of Object.keys(files)) {
  const p = join(web, 'third_party', name);
  if (!existsSync(p)) {
    console.error(`missing ${p} (served as /vendor/${name}); run go generate ./web`);
    bad++;
  }
}
if (!bad) {
  const cy = loadVendor()({ headless: true });
  cy.layout({ name: 'fcose' }); // throws when the extension is not registered
  cy.destroy();
}
for (const f of readdirSync(join(web, 'static')).filter((f) => f.endsWith('.js'))) {
  try {
    execFileSync(process.execPath, ['--check', join(web, 'static', f)], { stdio: 'pipe' });
  } catch (err) {
    console.error(`static/${f}: ${err.stderr}`);
    bad++;
  }
}
if (bad) process.exit(1);
console.log(`explorer: ${Object.keys(files).length} vendor files present and run, static modules parse`);
