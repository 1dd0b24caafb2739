/**
 * Text encodings of incoming files: the encoding is declared or detected from the first 64 KiB (UTF-8 with or without
 * BOM, UTF-16, Windows-1258, and the legacy Vietnamese TCVN3 and VNI still found in government spreadsheets), and the
 * file is turned, chunk by chunk, into UTF-8 without a BOM. Everything downstream reads UTF-8.
 */
import { Readable } from 'node:stream';
import { peek } from './streams.js';
import { InputError } from './index.js';
import { decodeLegacy, detectEncoding, type DetectedEncoding, type LegacyEncoding } from '../../analytics/nlp/legacy-encodings.js';
import type { FaultCode } from '../faults.js';

export const DECLARABLE_ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1258', 'tcvn3', 'vni'] as const;
export type DeclaredEncoding = (typeof DECLARABLE_ENCODINGS)[number];

const SAMPLE_BYTES = 64 * 1024;
const LEGACY: readonly string[] = ['tcvn3', 'vni', 'windows-1258'];
/**
 * A legacy encoding told with less confidence than this had little to go by (one Vietnamese word alone gives at most
 * 0.5; legacy-encodings.ts detectEncoding): the summary says "(detected, uncertain)", for the user to declare the
 * encoding if names read wrong. Files of a few rows of names land here; real rosters score above 0.9.
 */
const UNCERTAIN_BELOW = 0.5;

export interface Decoded {
  /** As the summary reports it: "tcvn3 (detected)", "vni (detected, uncertain)", "utf-8 (declared)". */
  encoding: string;
  /** What the input was read as: utf-8 (with or without a BOM), utf-16le, utf-16be, windows-1258, tcvn3 or vni. */
  charset: string;
  /** UTF-8 bytes, without a byte-order mark. */
  stream: Readable;
}

/**
 * Files that are not text, by their first bytes, and what to tell the user: a workbook renamed .csv, or sent as text,
 * would otherwise be read as garbled text and fail with "no header row".
 */
const NOT_TEXT: { magic: number[]; fault: FaultCode }[] = [
  { magic: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], fault: 'text_is_xls' },
  { magic: [0x50, 0x4b, 0x03, 0x04], fault: 'text_is_zip' },
  { magic: [0x25, 0x50, 0x44, 0x46], fault: 'text_is_pdf' },
];

/** The encoding a summary's label names, without how it was told: "utf-8 (detected)" → "utf-8". */
export function encodingName(label: string): string {
  return label.replace(/ \(.*\)$/, '');
}

/** Reads the head of the input, decides the encoding, and returns the whole input re-encoded as UTF-8. */
export async function decodeToUtf8(name: string, input: Readable, declared?: DeclaredEncoding): Promise<Decoded> {
  const { head, stream } = await peek(input, SAMPLE_BYTES);
  if (head.length === 0) throw new InputError(name, { code: 'file_empty' });
  const binary = NOT_TEXT.find(({ magic }) => magic.every((byte, i) => head[i] === byte));
  if (binary) {
    stream.destroy();
    throw new InputError(name, { code: binary.fault });
  }
  const detection = declared ? undefined : detectEncoding(head.subarray(0, SAMPLE_BYTES));
  const detected = declared ?? (detection?.encoding as DetectedEncoding);
  const encoding = detected === 'utf-8-bom' ? 'utf-8' : detected;
  const uncertain = detection !== undefined && LEGACY.includes(encoding) && detection.confidence < UNCERTAIN_BELOW;
  const how = declared ? 'declared' : uncertain ? 'detected, uncertain' : 'detected';
  const label = `${detected === 'utf-8-bom' ? 'utf-8 with BOM' : encoding} (${how})`;
  return { encoding: label, charset: encoding, stream: Readable.from(convert(stream, encoding)) };
}

async function* convert(chunks: AsyncIterable<Buffer>, encoding: string): AsyncGenerator<Buffer> {
  if (encoding === 'utf-8') {
    let first = true;
    for await (const chunk of chunks) {
      if (first && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) yield chunk.subarray(3);
      else yield chunk;
      first = false;
    }
    return;
  }
  if (encoding === 'utf-16le' || encoding === 'utf-16be') {
    // TextDecoder drops the BOM and carries a character split across chunks over to the next.
    const decoder = new TextDecoder(encoding, { fatal: false });
    for await (const chunk of chunks) yield Buffer.from(decoder.decode(chunk, { stream: true }), 'utf8');
    const rest = decoder.decode();
    if (rest) yield Buffer.from(rest, 'utf8');
    return;
  }
  if (LEGACY.includes(encoding)) {
    // TRICKY: a VNI or Windows-1258 letter may be two bytes; never one split across a line, so chunks are cut at "\n".
    let carry: Buffer = Buffer.alloc(0);
    for await (const chunk of chunks) {
      const data: Buffer = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
      const cut = data.lastIndexOf(0x0a);
      if (cut < 0) {
        carry = data;
        continue;
      }
      yield Buffer.from(decodeLegacy(data.subarray(0, cut + 1), encoding as LegacyEncoding), 'utf8');
      carry = Buffer.from(data.subarray(cut + 1));
    }
    if (carry.length > 0) yield Buffer.from(decodeLegacy(carry, encoding as LegacyEncoding), 'utf8');
    return;
  }
  throw new Error(`unknown encoding ${encoding}`);
}
