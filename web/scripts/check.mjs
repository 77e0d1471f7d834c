// `npm run build`: there is nothing to bundle (the page is plain ES modules,
// embedded by the Go binary; third-party files are served from
// node_modules), so the build checks instead that every file the page loads
// from node_modules is there and that the page's own modules parse.
import { readFileSync, existsSync, readdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const web = join(dirname(fileURLToPath(import.meta.url)), '..');
const { files } = JSON.parse(readFileSync(join(web, 'vendor.json'), 'utf8'));
let bad = 0;
for (const [name, rel] of Object.entries(files)) {
  const p = join(web, 'node_modules', rel);
  if (!existsSync(p)) {
    console.error(`missing ${p} (served as /vendor/${name}); run npm ci in web/`);
    bad++;
  }
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
console.log(`explorer: ${Object.keys(files).length} vendor files present, static modules parse`);
