import { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CsvSplitter, parseRecord, recordsAreLines, withoutControls } from './csv-records.js';
import { cellText, sniffDelimiter } from './index.js';

/** Every record of `text` as [line, text, unclosed quote's line], fed `pieceBytes` at a time. */
function split(text: string, options: { width?: number; pieceBytes?: number; delimiter?: string } = {}): [number, string, number?][] {
  const bytes = Buffer.from(text);
  const splitter = new CsvSplitter((options.delimiter ?? ',').charCodeAt(0), 1 << 20, 'test.csv');
  splitter.width = options.width;
  const step = options.pieceBytes ?? bytes.length;
  let fed = 0;
  const out: [number, string, number?][] = [];
  for (;;) {
    const record = splitter.next();
    if (record) {
      out.push(record.unclosedQuoteLine === undefined ? [record.row, record.bytes.toString()] : [record.row, record.bytes.toString(), record.unclosedQuoteLine]);
      continue;
    }
    if (splitter.ended) return out;
    if (fed >= bytes.length) splitter.end();
    else splitter.feed(bytes.subarray(fed, (fed += step)));
  }
}

describe('CSV records and their lines', () => {
  it('ends a line at LF, CRLF or a lone CR, mixed in one file, cut anywhere', () => {
    const text = 'a,b\r1,2\r\n3,4\n5,6\r7,8';
    const expected = [
      [1, 'a,b'],
      [2, '1,2'],
      [3, '3,4'],
      [4, '5,6'],
      [5, '7,8'],
    ];
    for (const pieceBytes of [1, 2, 3, 100]) expect(split(text, { pieceBytes })).toEqual(expected);
  });

  it('counts a CRLF or a CR inside quotes as one line, so later rows keep their numbers', () => {
    const text = 'id,text\r\nP1,"dòng một\r\ndòng hai\rdòng ba"\r\nP2,x\r\n';
    for (const pieceBytes of [1, 5, 1000]) {
      expect(split(text, { pieceBytes })).toEqual([
        [1, 'id,text'],
        [2, 'P1,"dòng một\r\ndòng hai\rdòng ba"'],
        [5, 'P2,x'],
      ]);
    }
  });

  it('takes a quote inside a cell as a character, and "" inside quotes as a quote', () => {
    expect(split('a,b,c\nHN-1,Trần Văn "Út,Nam\nHN-2,"Lê ""Tí""\nVăn",Nữ\nHN-3,x,y\n', { pieceBytes: 3 })).toEqual([
      [1, 'a,b,c'],
      [2, 'HN-1,Trần Văn "Út,Nam'],
      [3, 'HN-2,"Lê ""Tí""\nVăn",Nữ'],
      [5, 'HN-3,x,y'],
    ]);
  });

  it('ends a quote never closed before the next line that reads as a whole row', () => {
    const text = ['id,name,sex', 'HN-1,"Trần Văn B,Nam', 'HN-2,Lê Thị C,Nữ', 'HN-3,"Ngô\nVăn D",Nam', 'HN-4,Vũ E,"Nam"', ''].join('\n');
    for (const pieceBytes of [1, 7, 1000]) {
      expect(split(text, { width: 3, pieceBytes })).toEqual([
        [1, 'id,name,sex'],
        [2, 'HN-1,"Trần Văn B,Nam', 2],
        [3, 'HN-2,Lê Thị C,Nữ'],
        [4, 'HN-3,"Ngô\nVăn D",Nam'],
        [6, 'HN-4,Vũ E,"Nam"'],
      ]);
    }
  });

  it('takes a line with a quote inside a cell for a whole row, but not one ending a cell with a quote', () => {
    const text = ['id,name,sex', 'HN-1,"Trần Văn B,Nam', 'HN-2,Lê Văn "Út" Cường,Nam', 'HN-3,"x', 'y",Nam,Nữ', ''].join('\n');
    expect(split(text, { width: 3 })).toEqual([
      [1, 'id,name,sex'],
      [2, 'HN-1,"Trần Văn B,Nam', 2],
      [3, 'HN-2,Lê Văn "Út" Cường,Nam'],
      [4, 'HN-3,"x\ny",Nam,Nữ'],
    ]);
  });

  it('ends a quote still open at the end of the file with its own line, and reads the lines after it again', () => {
    // The header's width is not known (a title block, or the JavaScript path before its header): the end decides.
    expect(split('id,text\nP1,"không đóng,x\nP2,b\r\nP3,c')).toEqual([
      [1, 'id,text'],
      [2, 'P1,"không đóng,x', 2],
      [3, 'P2,b'],
      [4, 'P3,c'],
    ]);
  });

  it('reads a cell on several lines whose lines look like rows only when one is a whole row', () => {
    // Its last line closes the quote inside a cell: never taken for a row, whatever its cells.
    expect(split('a,b,c\n1,"x\ny",z\n', { width: 3 })).toEqual([
      [1, 'a,b,c'],
      [2, '1,"x\ny",z'],
    ]);
    expect(split('a,b,c\n1,"x\n2,3",z\n', { width: 3 })).toEqual([
      [1, 'a,b,c'],
      [2, '1,"x\n2,3",z'],
    ]);
  });

  it('refuses a record longer than the limit, naming the line its quote opens on', () => {
    const splitter = new CsvSplitter(0x2c, 16, 'dài.csv');
    splitter.feed(Buffer.from('a,b\n1,2\n3,"'));
    splitter.feed(Buffer.from('x'.repeat(40)));
    expect(splitter.next()?.row).toBe(1);
    expect(splitter.next()?.row).toBe(2);
    expect(() => splitter.next()).toThrow(/line 3: a record longer than/);
  });
});

describe('the cells of a record', () => {
  it('reads them as csv-parse does with relax_quotes', () => {
    // Every record of up to 6 characters from these: quotes where a cell starts, inside one, doubled, unclosed.
    const alphabet = ['a', ',', '"', ' ', '\n'];
    let tried = 0;
    const differ: [string, string[], string[]][] = [];
    const walk = (prefix: string) => {
      // A record as the splitter gives it: no line break after it.
      if (prefix.length > 0 && !prefix.endsWith('\n')) {
        let expected: string[][] | undefined;
        try {
          expected = parse(prefix, { delimiter: ',', relax_quotes: true, relax_column_count: true, record_delimiter: ['\n'] }) as string[][];
        } catch {
          expected = undefined; // a quote csv-parse finds unclosed: the splitter never gives such a record to parse
        }
        if (expected?.length === 1) {
          tried++;
          const cells = parseRecord(prefix, ',');
          if (JSON.stringify(cells) !== JSON.stringify(expected[0])) differ.push([prefix, cells, expected[0] as string[]]);
        }
      }
      if (prefix.length < 6) for (const ch of alphabet) walk(prefix + ch);
    };
    walk('');
    expect(differ).toEqual([]);
    expect(tried).toBeGreaterThan(2_000);
  });

  it('reads a stray quote as written: "Trần "Tí" Văn', () => {
    expect(parseRecord('HN-1,"Trần "Tí" Văn,Nam', ',')).toEqual(['HN-1', '"Trần "Tí" Văn', 'Nam']);
  });
});

describe('the delimiter', () => {
  const header = 'Mã đơn vị;Tuần;Đơn thư, kiến nghị tiếp nhận;Hội nghị, cuộc họp đã tổ chức';
  const rows = ['00004;Tuần 37/2025;12;9', '00008;Tuần 37/2025;7;"42,5"'];

  it('is the one the header and rows agree on, whatever stands above them', () => {
    expect(sniffDelimiter([header, ...rows].join('\n'))).toBe(';');
    expect(sniffDelimiter(['BÁO CÁO TUẦN 37', header, ...rows].join('\n'))).toBe(';');
    expect(sniffDelimiter(['', '', header, ...rows].join('\r\n'))).toBe(';');
    expect(sniffDelimiter(['"BÁO CÁO\nKẾT QUẢ, TUẦN 37";;;', 'Tuần 37, năm 2025;;;', ';;;', header, ...rows].join('\r'))).toBe(';');
    expect(sniffDelimiter(['Tổng hợp dư luận, tuần 37', 'Nguồn\tNội dung\tThời gian', 'Facebook\tBài viết; số 1, 2\t15/09/2025'].join('\n'))).toBe('\t');
  });

  it('is a comma when a text holds semicolons, and by default', () => {
    expect(sniffDelimiter('Mã đơn,Nội dung,Ngày\nP1,"a; b; c; d",1/9/2025\nP2,x;y,2/9/2025\n')).toBe(',');
    expect(sniffDelimiter('Mã đơn')).toBe(',');
  });
});

describe('controls and byte-order marks', () => {
  const read = async (pieces: Buffer[]) => {
    const out: Buffer[] = [];
    for await (const chunk of withoutControls(Readable.from(pieces))) out.push(chunk);
    return Buffer.concat(out).toString();
  };

  it('strips NUL and BOMs anywhere, also cut between chunks, and keeps other controls (TCVN3 letters pasted as text)', async () => {
    const text = Buffer.from('a\u0000b,\tc\r\n\uFEFFHN-1,\u0002m Lý\n');
    expect(await read([text])).toBe('ab,\tc\r\nHN-1,\u0002m Lý\n');
    for (let cut = 1; cut < text.length; cut++) expect(await read([text.subarray(0, cut), text.subarray(cut)])).toBe('ab,\tc\r\nHN-1,\u0002m Lý\n');
  });

  it('sends a file holding them, or a lone CR, the other way than the engine reading it from disk', async () => {
    const lines = async (text: string) => (await recordsAreLines(Readable.from([Buffer.from(text)]), 1024)).lines;
    expect(await lines('\uFEFFa,b\r\n1,2\r\n')).toBe(true);
    expect(await lines('a,b\n\uFEFF1,2\n')).toBe(false);
    expect(await lines('a,b\n1\u0000,2\n')).toBe(false);
    expect(await lines('a,b\r1,2\r')).toBe(false);
    expect(await lines('a,b\n1,2\r3,4\n')).toBe(false);
  });

  it('tells whether every byte is UTF-8, a letter cut between chunks or not', async () => {
    const scan = (...chunks: Buffer[]) => recordsAreLines(Readable.from(chunks), 1024);
    const text = Buffer.from('mã,tên\nHN-1,Phường Văn Miếu - Quốc Tử Giám\nHN-2,Xã Ea H\'Leo');
    for (let cut = 1; cut < text.length; cut++) {
      expect(await scan(text.subarray(0, cut), text.subarray(cut))).toEqual({ lines: true, utf8: true });
    }
    expect(await scan(text.subarray(0, 9), text.subarray(9, 10), text.subarray(10))).toEqual({ lines: true, utf8: true });
    // "Miếu" saved in Windows-1258 after a UTF-8 start (ế is Ê followed by a combining acute: 0xCA 0xEC).
    const appended = Buffer.concat([text, Buffer.from('\nHN-3,Mi'), Buffer.from([0xca, 0xec]), Buffer.from('u\n')]);
    expect(await scan(appended)).toEqual({ lines: true, utf8: false });
    expect(await scan(appended.subarray(0, 60), appended.subarray(60))).toEqual({ lines: true, utf8: false });
    // A letter left unfinished at the end of the file.
    expect(await scan(Buffer.concat([text, Buffer.from([0xe1, 0xba])]))).toEqual({ lines: true, utf8: false });
  });
});

describe('workbook cells', () => {
  it('never reads a value as "[object Object]"', () => {
    expect(cellText({ error: '#N/A' } as never)).toBe('#N/A');
    expect(cellText({ richText: [{ text: 'Nguyễn ' }, { text: 'Văn A' }] } as never)).toBe('Nguyễn Văn A');
    expect(cellText({ text: { richText: [{ text: 'Trang ' }, { text: 'chủ' }] }, hyperlink: 'https://a.vn' } as never)).toBe('Trang chủ');
    expect(cellText({ text: 'https://a.vn', hyperlink: 'https://a.vn' } as never)).toBe('https://a.vn');
    expect(cellText({ formula: 'B6', result: '00004' } as never)).toBe('00004');
    expect(cellText({ formula: 'NA()' } as never)).toBe('=NA()');
    expect(cellText({ formula: 'A1-A1', result: 0 } as never)).toBe('0');
    expect(cellText({ sharedFormula: 'A2', result: 7 } as never)).toBe('7');
    expect(cellText({ formula: '1/0', result: { error: '#DIV/0!' } } as never)).toBe('#DIV/0!');
    expect(cellText(new Date(Date.UTC(2025, 8, 16)))).toBe('2025-09-16');
    expect(cellText('\uFEFFHN-00004\u0000')).toBe('HN-00004');
  });
});
