/**
 * A chart's data as a file the user keeps: the flat rows a chart draws, with named columns, as CSV (UTF-8 with a byte
 * order mark, so Excel shows Vietnamese diacritics) or XLSX (its writer loaded only when asked for); and a chart's
 * picture as PNG with its title above it. Numbers stay numbers (68.65, not "68,65%"): the files are for working on.
 */

export interface ExportColumn {
  /** The row's key. */
  key: string;
  /** The column's heading, in the interface's language. */
  label: string;
}

export interface ExportTable {
  /** The chart's title: the file's name and the sheet's. */
  title: string;
  columns: ExportColumn[];
  rows: object[];
}

const BOM = '\ufeff';

function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180: comma-separated, CRLF line ends, fields quoted where needed; a BOM first. */
export function toCsv(table: ExportTable): string {
  const lines = [table.columns.map((c) => csvField(c.label)).join(',')];
  for (const row of table.rows) lines.push(table.columns.map((c) => csvField((row as Record<string, unknown>)[c.key])).join(','));
  return `${BOM}${lines.join('\r\n')}\r\n`;
}

/**
 * A file name from a title: NFC Vietnamese kept (browsers and file systems take it), characters no file system takes
 * dropped, and the day it was made.
 */
export function fileName(title: string, extension: string, day = new Date().toISOString().slice(0, 10)): string {
  const base = title
    .normalize('NFC')
    .replace(/[\\/:*?"<>|\u0000-\u001f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 80)
    .trim();
  return `${base || 'front-pulse'} ${day}.${extension}`;
}

/** Hands a file to the browser's downloads. */
export function save(name: string, data: Blob): void {
  const url = URL.createObjectURL(data);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own copy once started; the address can go after this turn.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function saveCsv(table: ExportTable): void {
  save(fileName(table.title, 'csv'), new Blob([toCsv(table)], { type: 'text/csv;charset=utf-8' }));
}

export async function saveXlsx(table: ExportTable): Promise<void> {
  const { xlsxBytes } = await import('./xlsx');
  save(fileName(table.title, 'xlsx'), new Blob([xlsxBytes(table)], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
}

/** A chart's picture (a PNG data URL, drawn at twice the screen's size) under its title, on white. */
export async function savePng(title: string, picture: string): Promise<void> {
  const image = new Image();
  image.src = picture;
  await image.decode();
  const scale = 2;
  const pad = 16 * scale;
  const titleHeight = 28 * scale;
  const canvas = document.createElement('canvas');
  canvas.width = image.width + 2 * pad;
  canvas.height = image.height + titleHeight + 2 * pad;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('canvas');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.fillStyle = '#1f1d1a';
  ctx.font = `600 ${16 * scale}px 'Segoe UI', Roboto, 'Noto Sans', Arial, sans-serif`;
  ctx.textBaseline = 'top';
  ctx.fillText(title, pad, pad, canvas.width - 2 * pad);
  ctx.drawImage(image, pad, pad + titleHeight);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('PNG');
  save(fileName(title, 'png'), blob);
}
