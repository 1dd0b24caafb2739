// Builds the dashboard (vite build) for the server to serve. With --if-stale it builds only when the build is missing
// or older than a dashboard source file, so `npm start` stays quick after the first time. Each text file of the build
// is also written gzip- and brotli-compressed beside itself, at the strongest setting: the server sends those to
// browsers that take them (about a third of the size), without compressing on every request.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const dashboard = fileURLToPath(new URL('../dashboard/', import.meta.url));
const built = path.join(dashboard, 'build', 'index.html');

function newest(entry) {
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...fs.readdirSync(entry).map((name) => newest(path.join(entry, name))));
}

const sources = ['src', 'static', 'svelte.config.js', 'vite.config.ts', 'package.json'].map((p) => path.join(dashboard, p));
const stale = !fs.existsSync(built) || Math.max(...sources.filter(fs.existsSync).map(newest)) > fs.statSync(built).mtimeMs;

if (process.argv.includes('--if-stale') && !stale) process.exit(0);
process.stderr.write('Building the dashboard…\n');
const result = spawnSync('npm', ['run', 'build', '--silent', '-w', 'dashboard'], { stdio: ['ignore', 'ignore', 'inherit'], shell: false });
if (result.status !== 0) process.exit(result.status ?? 1);

const COMPRESSIBLE = /\.(js|css|html|svg|json|txt)$/;
function compressAll(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) compressAll(file);
    else if (COMPRESSIBLE.test(entry.name)) {
      const body = fs.readFileSync(file);
      fs.writeFileSync(`${file}.gz`, zlib.gzipSync(body, { level: 9 }));
      fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }));
    }
  }
}
compressAll(path.join(dashboard, 'build'));
// The sources' check compares with index.html: touch it last, after its compressed copies.
const now = new Date();
fs.utimesSync(built, now, now);
