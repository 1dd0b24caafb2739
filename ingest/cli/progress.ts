/**
 * The progress line of a load: share done, rows (or bytes sent), per second, time. On a terminal it is rewritten in place;
 * in a log (a file, a pipe) a line every five seconds.
 */
export function ingestProgress(label: string, unit = 'rows', stream: NodeJS.WriteStream = process.stderr): {
  update(rows: number, fraction?: number): void;
  done(): void;
} {
  const started = performance.now();
  let last = 0;
  let line = '';
  const render = (rows: number, fraction?: number) => {
    const seconds = (performance.now() - started) / 1000;
    const rate = seconds > 0 ? Math.round(rows / seconds) : 0;
    const share = fraction === undefined ? '' : `${(100 * Math.min(1, fraction)).toFixed(1).padStart(5)} %  `;
    line = `${label}: ${share}${rows.toLocaleString('en-US')} ${unit}  ${rate.toLocaleString('en-US')} ${unit}/s  ${seconds.toFixed(1)} s`;
  };
  return {
    update(rows, fraction) {
      const now = performance.now();
      if (!stream.isTTY && now - last < 5000) return;
      if (stream.isTTY && now - last < 100) return;
      last = now;
      render(rows, fraction);
      stream.write(stream.isTTY ? `\r\x1b[K${line}` : `${line}\n`);
    },
    done() {
      if (stream.isTTY && line) stream.write('\n');
    },
  };
}
