// The pages' scripts: TypeScript modules in this folder, one bundle per page (esbuild), written to
// public/js/ where the server serves them under /assets/js/. `npm run build` and the page tests run it.
import { build } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const pages = join(here, 'pages');
const outdir = join(here, '..', 'public', 'js');

rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: readdirSync(pages).map((name) => join(pages, name)),
  outdir,
  bundle: true,
  format: 'esm',
  target: 'es2022',
  minify: true,
  sourcemap: 'linked',
  tsconfig: join(here, 'tsconfig.json'),
  logLevel: 'warning',
});
