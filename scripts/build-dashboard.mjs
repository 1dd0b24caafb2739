// Builds the dashboard (vite build) for the server to serve. With --if-stale it builds only when the build is missing
// or older than a dashboard source file, so `npm start` stays quick after the first time.
import fs from 'node:fs';
import path from 'node:path';
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
process.exit(result.status ?? 1);
