// Bundles the page: src/main.js (and the CSS it imports) into one app.js and one app.css, and
// copies index.html beside them. The output folder is the first argument; by default the node's
// classpath folder target/classes/web, from which the node serves the page at /.
import { build } from 'esbuild';
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = resolve(process.argv[2] ?? resolve(here, '../../../target/classes/web'));

await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });
await build({
  absWorkingDir: here,
  entryPoints: { app: 'src/main.js' },
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: ['es2022'],
  minify: true,
  legalComments: 'eof',
  outdir: out,
  logLevel: 'warning',
});
await copyFile(resolve(here, 'src/index.html'), resolve(out, 'index.html'));
console.log(`web page built into ${out}`);
