// Builds the dashboard (vite build) for the server to serve. With --if-stale it builds only when the build is missing
// or older than a dashboard source file, so `npm start` stays quick after the first time. One build at a time (a lock
// folder; a second build waits, then builds only if still stale), into a folder of its own that then replaces the
// build whole, so that pages a running server is serving never vanish half-way (browser tests run side by side). Each text file of the build
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
const isStale = () => !fs.existsSync(built) || Math.max(...sources.filter(fs.existsSync).map(newest)) > fs.statSync(built).mtimeMs;

if (process.argv.includes('--if-stale') && !isStale()) process.exit(0);

const lock = path.join(dashboard, '.build-lock');
const LOCK_STALE_MS = 10 * 60_000;
for (;;) {
  try {
    fs.mkdirSync(lock);
    break;
  } catch {
    // A build that died leaves its lock: taken over once it is older than any build takes.
    if (Date.now() - fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs > LOCK_STALE_MS) fs.rmSync(lock, { recursive: true, force: true });
    else await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
process.on('exit', () => fs.rmSync(lock, { recursive: true, force: true }));
if (process.argv.includes('--if-stale') && !isStale()) process.exit(0);

process.stderr.write('Building the dashboard…\n');
const next = `build.next-${process.pid}`;
const result = spawnSync('npm', ['run', 'build', '--silent', '-w', 'dashboard'], {
  stdio: ['ignore', 'ignore', 'inherit'],
  shell: false,
  env: { ...process.env, DASHBOARD_OUT: next },
});
if (result.status !== 0) {
  fs.rmSync(path.join(dashboard, next), { recursive: true, force: true });
  process.exit(result.status ?? 1);
}

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
compressAll(path.join(dashboard, next));
// The sources' check compares with index.html: touch it last, after its compressed copies.
const now = new Date();
fs.utimesSync(path.join(dashboard, next, 'index.html'), now, now);
// Swap: the old build moves aside and the new one takes its name, then the old one goes.
const old = path.join(dashboard, `build.old-${process.pid}`);
if (fs.existsSync(path.join(dashboard, 'build'))) fs.renameSync(path.join(dashboard, 'build'), old);
fs.renameSync(path.join(dashboard, next), path.join(dashboard, 'build'));
fs.rmSync(old, { recursive: true, force: true });
