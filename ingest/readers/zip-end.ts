/**
 * A fix for the zip reader under exceljs's streaming workbook reader (readXlsxRows).
 *
 * TRICKY: unzipper's Parse emits 'end' as soon as all of its input is written, even while entries it has parsed still
 * wait in its readable buffer. exceljs reads the entries one at a time, pausing the stream while it reads one; an
 * 'end' that comes then makes it stop there, and the entries after it (the shared strings, workbook.xml) are lost.
 * It failed with "Cannot read properties of undefined (reading 'sheets')" about once in 2,000 reads of a small
 * workbook on this machine, more often with both cores busy. Upstream as of unzipper 0.12.5: the same.
 *
 * Here, for the streamed reads exceljs makes (forceStream), an 'end' that comes while entries still wait is held, and
 * given once they have been read, unless the stream's own end (after its last entry) is already on its way.
 */
import { createRequire } from 'node:module';
import type { Readable } from 'node:stream';

type ParseStream = Readable & {
  _opts?: { forceStream?: boolean };
  _readableState?: { ended?: boolean };
  frontPulseEndHeld?: boolean;
};

let fixed = false;

export function holdZipEndUntilRead(): void {
  if (fixed) return;
  fixed = true;
  // The unzipper exceljs itself loads, whichever copy npm placed for it.
  const fromExceljs = createRequire(createRequire(import.meta.url).resolve('exceljs'));
  const { Parse } = fromExceljs('unzipper') as { Parse: { prototype: ParseStream } };
  const emit = Parse.prototype.emit;
  Parse.prototype.emit = function (this: ParseStream, event: string | symbol, ...args: unknown[]): boolean {
    if (!this._opts?.forceStream) return emit.call(this, event, ...args);
    if (event === 'end' && !this.readableEnded && this.readableLength > 0) {
      this.frontPulseEndHeld = true;
      return false;
    }
    const result = emit.call(this, event, ...args);
    if (event === 'data' && this.frontPulseEndHeld && this.readableLength === 0 && !this._readableState?.ended) {
      this.frontPulseEndHeld = false;
      emit.call(this, 'end');
    }
    return result;
  } as typeof emit;
}
