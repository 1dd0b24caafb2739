/**
 * The benchmark harness: suites report measurements, the harness prints them as a table and writes bench/results.json
 * with the machine they ran on. Targets are compared here, never asserted in tests.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface Measurement {
  suite: string;
  name: string;
  value: number;
  unit: string;
  /** The target as the issue states it, e.g. "< 100" ms or ">= 200000" rows/s. */
  target?: { op: '<' | '<=' | '>' | '>='; value: number };
  note?: string;
}

export function meets(m: Measurement): boolean | undefined {
  if (!m.target) return undefined;
  const { op, value } = m.target;
  return op === '<' ? m.value < value : op === '<=' ? m.value <= value : op === '>' ? m.value > value : m.value >= value;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))] as number;
}

function show(value: number): string {
  if (Number.isInteger(value) || Math.abs(value) >= 1000) return Math.round(value).toLocaleString('en-US');
  return value.toFixed(value < 10 ? 2 : 1);
}

export function printTable(results: Measurement[], out: NodeJS.WriteStream = process.stdout): void {
  const rows = results.map((m) => {
    const ok = meets(m);
    return [m.suite, m.name, show(m.value), m.unit, m.target ? `${m.target.op} ${show(m.target.value)}` : '', ok === undefined ? '' : ok ? 'yes' : 'NO', m.note ?? ''];
  });
  const header = ['suite', 'measurement', 'value', 'unit', 'target', 'met', 'note'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 2 ? c.padStart(widths[i] as number) : c.padEnd(widths[i] as number))).join('  ').trimEnd();
  out.write(`${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n`);
  for (const r of rows) out.write(`${line(r)}\n`);
}

export function writeResults(results: Measurement[], file: string): void {
  const previous = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as { results?: Measurement[] }).results ?? [] : [];
  // A run of some suites keeps the other suites' last results.
  const ran = new Set(results.map((r) => r.suite));
  const merged = [...previous.filter((r) => !ran.has(r.suite)), ...results];
  const machine = { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? '', memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.arch()}` };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify({ ranAt: new Date().toISOString(), machine, results: merged.map((r) => ({ ...r, met: meets(r) })) }, null, 2)}\n`);
}
