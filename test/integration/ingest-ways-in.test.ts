/**
 * The ways in besides the CLI, through the real server app on the real engine: HTTP uploads (streamed, with the
 * format from the media type and the encoding from its charset, size-limited), the run and quarantine endpoints, the
 * inbox folder (done/ and failed/ with summaries) and the opinion feeds (RSS, Atom, JSON) pulled on their schedules
 * from a local HTTP server this test starts — the machine has no internet.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.js';
import { buildTestApp } from '../support/app.js';
import { kindOfInboxFile } from '../../ingest/inbox/inbox.js';
import { encodeLegacy } from '../../analytics/nlp/legacy-encodings.js';
import { loadConfig } from '../../analytics/config.js';
import { openIngestStore, tempDir } from '../support/store.js';

const SAMPLES = path.resolve(import.meta.dirname, '../../ingest/samples');
const TOKEN = 'local-token';
const auth = { authorization: `Bearer ${TOKEN}` };

// The opinion sources, served locally: an RSS feed with an ETag, an Atom feed, a JSON endpoint, and one that fails.
const RSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Báo Hà Tĩnh – Thời sự</title>
<item><title>Đê bao thôn Nam Hà sạt lở sau bão số 5</title><link>https://baohatinh.example/de-bao-nam-ha.html</link>
<description><![CDATA[<p>Người dân xã Cẩm Xuyên lo lắng khi mùa mưa đến&nbsp;gần.</p><script>track()</script>]]></description>
<pubDate>Tue, 16 Sep 2025 06:00:00 +0700</pubDate><dc:creator>Phóng viên Hà Tĩnh</dc:creator></item>
<item><title>Xã Cẩm Xuyên hỗ trợ bà con khắc phục hậu quả bão</title><link>https://baohatinh.example/ho-tro.html</link>
<description>Chính quyền và Mặt trận xã đã trao &amp; hỗ trợ 200 hộ.</description><pubDate>Tue, 16 Sep 2025 09:30:00 GMT</pubDate></item>
<item><title>Tin không có ngày</title><link>https://baohatinh.example/khong-ngay.html</link><description>Nội dung</description></item>
</channel></rss>`;
const ATOM = `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Diễn đàn Phú Quốc</title>
<entry><id>tag:forum.example,2025:55</id><title type="html">Thủ tục một cửa nhanh hơn hẳn</title>
<link rel="alternate" href="https://forum.example.vn/t/55"/><published>2025-09-14T21:40:00+07:00</published>
<summary>Không phải đi lại nhiều, cán bộ hướng dẫn tận tình.</summary><author><name>dan_phu_quoc</name></author></entry></feed>`;
const JSON_POSTS = {
  data: {
    posts: [
      { id: 'z-1', message: 'Đề nghị phường Văn Miếu - Quốc Tử Giám sửa đèn ngõ 12', created_time: 1758002400, stats: { likes: 15 }, place: '00226' },
      { id: 'z-2', message: 'cam on mat tran phuong da ho tro ba con', created_time: '2025-09-16T10:00:00+07:00', stats: { likes: 3 }, place: '00226' },
    ],
  },
};

let feedServer: http.Server;
let feedBase = '';
const hits: Record<string, number> = {};
function startFeedServer(): Promise<void> {
  feedServer = http.createServer((req, res) => {
    const url = req.url ?? '';
    hits[url] = (hits[url] ?? 0) + 1;
    if (url === '/rss') {
      if (req.headers['if-none-match'] === '"v1"') return void res.writeHead(304).end();
      return void res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag: '"v1"' }).end(RSS);
    }
    if (url === '/atom') return void res.writeHead(200, { 'content-type': 'application/atom+xml' }).end(ATOM);
    if (url === '/empty.json') return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":{"posts":[]}}');
    if (url === '/posts.json') return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(JSON_POSTS));
    res.writeHead(500).end('down for maintenance');
  });
  return new Promise((resolve) => feedServer.listen(0, '127.0.0.1', () => resolve()));
}

let t: Awaited<ReturnType<typeof openIngestStore>>;
let app: FastifyInstance;
let inbox = '';
let baseUrl = '';

beforeAll(async () => {
  await startFeedServer();
  feedBase = `http://127.0.0.1:${(feedServer.address() as AddressInfo).port}`;
  inbox = tempDir('front-pulse-inbox-');
  const feedsFile = path.join(tempDir('front-pulse-feeds-'), 'feeds.json');
  fs.writeFileSync(
    feedsFile,
    JSON.stringify({
      feeds: [
        { name: 'bao-ha-tinh', url: `${feedBase}/rss`, type: 'rss', schedule: '0 * * * *', source: 'news', province: '42' },
        { name: 'dien-dan-phu-quoc', url: `${feedBase}/atom`, type: 'rss', schedule: '0 * * * *', source: 'forum', province: '91' },
        {
          name: 'zalo-phuong',
          url: `${feedBase}/posts.json`,
          type: 'json',
          schedule: '*/30 * * * *',
          source: 'zalo',
          sourceName: 'Zalo OA phường Văn Miếu - Quốc Tử Giám',
          items: 'data.posts',
          fields: { post_id: 'id', text: 'message', published_at: 'created_time', likes: 'stats.likes', commune_code: 'place' },
        },
        { name: 'hong', url: `${feedBase}/broken`, type: 'rss', schedule: '0 * * * *' },
        { name: 'zalo-xa-moi', url: `${feedBase}/empty.json`, type: 'json', schedule: '0 * * * *', source: 'zalo', items: 'data.posts', fields: { post_id: 'id', text: 'message', published_at: 'created_time' } },
      ],
    }),
  );
  t = await openIngestStore({ env: { INBOX_DIR: inbox, INBOX_SETTLE_SECONDS: '0', FEEDS_FILE: feedsFile, INGEST_MAX_BYTES: '2MB' } });
  app = await buildTestApp(t, { controlToken: TOKEN });
  await app.listen({ port: 0, host: '127.0.0.1' });
  baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await app.close();
  await t.close();
  feedServer.close();
});

const upload = (kind: string, query: string, body: Buffer | string, type: string, headers: Record<string, string> = auth) =>
  app.inject({ method: 'POST', url: `/api/ingest/${kind}?${query}`, payload: body, headers: { ...headers, 'content-type': type } });

describe('POST /api/ingest/:kind', () => {
  it('loads a CSV upload and answers the summary', async () => {
    const res = await upload('officers', 'file=officers.csv', fs.readFileSync(path.join(SAMPLES, 'officers.csv')), 'text/csv');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ kind: 'officers', file: 'officers.csv', encoding: 'utf-8 (detected)', read: 7, stored: 7, duplicates: 0, quarantined: 0, errors: [] });
  });

  it('keeps the file name of an upload in NFC, as a Mac sends it decomposed', async () => {
    const name = 'Danh sách cán bộ phường Văn Miếu.csv';
    const res = await upload('officers', new URLSearchParams({ file: name.normalize('NFD') }).toString(), fs.readFileSync(path.join(SAMPLES, 'officers.csv')), 'text/csv');
    expect(res.json().file).toBe(name.normalize('NFC'));
    const runs = (await app.inject({ method: 'GET', url: '/api/ingest/runs?limit=1', headers: auth })).json().runs;
    expect(runs[0].file).toBe(name.normalize('NFC'));
  });

  it('takes the encoding from the charset of the media type, and JSON Lines and XLSX by their media types', async () => {
    const tcvn3 = Buffer.from(encodeLegacy(fs.readFileSync(path.join(SAMPLES, 'officers.csv'), 'utf8'), 'tcvn3'));
    const declared = await upload('officers', 'file=can-bo.csv', tcvn3, 'text/csv; charset=tcvn3');
    expect(declared.json()).toMatchObject({ encoding: 'tcvn3 (declared)', read: 7, duplicates: 7 });
    const jsonl = await upload('petitions', 'file=don.jsonl', fs.readFileSync(path.join(SAMPLES, 'petitions.jsonl')), 'application/x-ndjson');
    expect(jsonl.json()).toMatchObject({ read: 6, stored: 6 });
    const xlsx = await upload('units', 'file=thon.xlsx&sheet=Danh%20s%C3%A1ch%20th%C3%B4n', fs.readFileSync(path.join(SAMPLES, 'variants/units.xlsx')), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(xlsx.json()).toMatchObject({ encoding: 'xlsx (UTF-8)', read: 12, stored: 12 });
  });

  it('describes each kind: its names and its columns by the names files give them, those a file must have marked', async () => {
    const { kinds, encodings } = (await app.inject({ method: 'GET', url: '/api/ingest/kinds', headers: auth })).json();
    expect(encodings).toEqual(['utf-8', 'utf-16le', 'utf-16be', 'windows-1258', 'tcvn3', 'vni']);
    expect(kinds.map((k: { kind: string }) => k.kind)).toEqual(['units', 'officers', 'weekly_reports', 'petitions', 'petition_events', 'opinion_posts']);
    const officers = kinds.find((k: { kind: string }) => k.kind === 'officers');
    expect(officers.name).toEqual({ vi: 'Danh sách cán bộ', en: 'Officer rosters' });
    expect(officers.columns.filter((c: { required: boolean }) => c.required).map((c: { name: string }) => c.name)).toEqual(['Mã cán bộ', 'Mã đơn vị', 'Họ và tên', 'Tổ chức', 'Chức vụ']);
    expect(officers.columns).toContainEqual({ field: 'unit_code', name: 'Mã đơn vị', required: true });
  });

  it('gives a blank workbook of each kind with the header of its sample, which loads once filled in', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/ingest/template/officers', headers: auth });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toBe('attachment; filename="mau-officers.xlsx"');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0] as ExcelJS.Worksheet;
    expect(sheet.name).toBe('Danh sách cán bộ');
    expect(sheet.rowCount).toBe(1);
    const header = (sheet.getRow(1).values as string[]).slice(1);
    expect(header).toEqual(fs.readFileSync(path.join(SAMPLES, 'officers.csv'), 'utf8').split('\n')[0]?.split(','));
    // The columns a file must have are marked.
    expect(header.filter((_, i) => sheet.getRow(1).getCell(i + 1).note)).toEqual(['Mã cán bộ', 'Mã đơn vị', 'Họ và tên', 'Tổ chức', 'Chức vụ']);
    sheet.addRow(['TPL-001', '00226', 'Đinh Thị Ngọc', 'Nữ', 1988, 'Mặt trận Tổ quốc', 'Ủy viên', '', 'Đang công tác', '16/09/2025']);
    const filled = Buffer.from(await workbook.xlsx.writeBuffer());
    const loaded = await upload('officers', 'file=mau-officers.xlsx', filled, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(loaded.json()).toMatchObject({ read: 1, stored: 1, quarantined: 0 });
    // Every kind has one, read back as that kind's header; the petitions' JSON keys capitalised as a sheet writes them.
    for (const kind of ['units', 'weekly_reports', 'petitions', 'petition_events', 'opinion_posts']) {
      const one = await app.inject({ method: 'GET', url: `/api/ingest/template/${kind}`, headers: auth });
      expect(one.statusCode).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(one.rawPayload as unknown as ArrayBuffer);
      const first = (book.worksheets[0]?.getRow(1).values as string[]).slice(1);
      expect(first.length).toBeGreaterThan(2);
      if (kind === 'petitions') expect(first.slice(0, 3)).toEqual(['Mã đơn', 'Ngày tiếp nhận', 'Kênh']);
    }
    expect((await app.inject({ method: 'GET', url: '/api/ingest/template/villages', headers: auth })).statusCode).toBe(404);
  });

  it('streams a body sent without its length, and stops one that passes INGEST_MAX_BYTES', async () => {
    const header = 'Mã cán bộ,Mã đơn vị,Họ và tên,Giới tính,Năm sinh,Tổ chức,Chức vụ,Điện thoại,Trạng thái,Ngày cập nhật\n';
    async function* rows(count: number) {
      yield header;
      for (let i = 0; i < count; i++) yield `ST-${i},00226,Nguyễn Văn ${i},Nam,1980,MTTQ,Cán bộ,,Đang công tác,16/09/2025\n`;
    }
    const send = (count: number) =>
      fetch(`${baseUrl}/api/ingest/officers?file=stream.csv`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'text/csv' },
        body: Readable.from(rows(count)),
        duplex: 'half',
      } as RequestInit);
    const ok = await send(5000);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ read: 5000, stored: 5000 });
    const tooBig = await send(40_000); // about 3 MB, over the 2 MB of this test's INGEST_MAX_BYTES
    expect(tooBig.status).toBe(413);
    expect(((await tooBig.json()) as { message: string }).message).toMatch(/stream\.csv: the upload is larger than 2,097,152 bytes \(INGEST_MAX_BYTES\)/);
  });

  it('ends a petitions upload over the limit or cut off by its client as failed, its rows read before stored and counted', async () => {
    // Checked in JavaScript, unlike the roster above: the failure used to go unheard and bring the server down.
    async function* rows(count: number, prefix: string) {
      yield 'Mã đơn,Ngày tiếp nhận,Kênh,Mã xã,Nội dung\n';
      for (let i = 0; i < count; i++) {
        yield `${prefix}-${i},15/09/2025 08:${String(i % 60).padStart(2, '0')},Zalo,00226,Đèn chiếu sáng ở ngõ ${i} phố Văn Miếu hỏng đã ba tuần\n`;
      }
    }
    const storedOf = async (runId: string) => {
      const run = (await app.inject({ method: 'GET', url: `/api/ingest/runs/${runId}`, headers: auth })).json().run;
      const [row] = await t.store.query<{ n: string }>('SELECT count() AS n FROM petitions WHERE ingest_run_id = {runId:String}', { runId });
      return { run, inTable: Number(row?.n) };
    };
    const latestRun = async (file: string) =>
      ((await app.inject({ method: 'GET', url: '/api/ingest/runs?limit=5', headers: auth })).json().runs as { run_id: string; file: string; status: string }[]).find(
        (r) => r.file === file,
      );

    const tooBig = await fetch(`${baseUrl}/api/ingest/petitions?file=don-lon.csv`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'text/csv' },
      body: Readable.from(rows(40_000, 'LON')), // about 3.5 MB, over this test's 2 MB
      duplex: 'half',
    } as RequestInit);
    expect(tooBig.status).toBe(413);
    expect(((await tooBig.json()) as { message: string }).message).toMatch(/don-lon\.csv: the upload is larger than 2,097,152 bytes/);
    const big = await storedOf((await latestRun('don-lon.csv'))?.run_id as string);
    expect(big.run).toMatchObject({ status: 'failed', duplicates: 0, quarantined: 0 });
    expect(big.run.read).toBeGreaterThan(10_000);
    expect(big.run.stored).toBe(big.run.read);
    expect(big.inTable).toBe(big.run.stored);

    // A client that sends a megabyte and goes away: the run ends failed, the server goes on.
    const port = (app.server.address() as AddressInfo).port;
    await new Promise<void>((resolve) => {
      const request = http.request({ port, host: '127.0.0.1', method: 'POST', path: '/api/ingest/petitions?file=don-do-dang.csv', headers: { ...auth, 'content-type': 'text/csv' } });
      request.on('error', () => resolve());
      request.on('close', () => resolve());
      const body = Readable.from(rows(12_000, 'DO'));
      body.on('data', (chunk) => request.write(chunk));
      body.on('end', () => setTimeout(() => request.destroy(), 300));
    });
    let cut: { run_id: string; status: string } | undefined;
    for (let i = 0; i < 100 && cut?.status !== 'failed'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      cut = await latestRun('don-do-dang.csv');
    }
    expect(cut?.status).toBe('failed');
    const aborted = await storedOf(cut?.run_id as string);
    expect(aborted.inTable).toBe(aborted.run.stored);
    expect(aborted.run.read).toBe(aborted.run.stored + aborted.run.duplicates + aborted.run.quarantined);
    expect((await fetch(`${baseUrl}/api/ingest/kinds`, { headers: auth })).status).toBe(200);
  });

  it('refuses by its declared length an upload over the limit, before reading it', async () => {
    const res = await upload('officers', 'file=big.csv', Buffer.alloc(3 * 1024 * 1024, 'a'), 'text/csv');
    expect(res.statusCode).toBe(413);
    expect(res.json().message).toMatch(/big\.csv: 3,145,728 bytes is more than an upload may send/);
    const vi = await upload('officers', 'file=big.csv&lang=vi', Buffer.alloc(3 * 1024 * 1024, 'a'), 'text/csv');
    expect(vi.json().message).toBe('big.csv: 3.145.728 byte vượt quá mức tối đa của một lần tải lên (INGEST_MAX_BYTES = 2.097.152)');
  });

  it('answers clearly a kind it does not know, a missing token and a body of another type', async () => {
    const unknown = await upload('villages', 'file=x.csv', 'a,b', 'text/csv');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().message).toContain('units, officers, weekly_reports, petitions, petition_events, opinion_posts');
    expect((await upload('officers', 'file=x.csv', 'a,b', 'text/csv', {})).statusCode).toBe(401);
    const json = await upload('officers', 'file=x.json', '{"a":1}', 'application/json');
    expect(json.statusCode).toBe(415);
    expect(json.json()).toEqual({
      error: 'unsupported_media_type',
      message: `x.json: is sent as application/json: send the file itself as the body, as ${['text/csv', 'text/plain', 'text/tab-separated-values', 'application/x-ndjson', 'application/jsonl', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/octet-stream'].join(', ')} (JSON Lines as application/x-ndjson; with application/octet-stream the file name tells the format)`,
    });
    // Not JSON, a form, an image, no type at all: the same answer, not Fastify's bare 415 or its JSON parser's 400.
    for (const type of ['application/json', 'multipart/form-data; boundary=x', 'image/png', '']) {
      const res = await app.inject({ method: 'POST', url: '/api/ingest/petitions?file=don.jsonl&lang=vi', payload: '{"a":', headers: type ? { ...auth, 'content-type': type } : auth });
      expect(res.statusCode, type).toBe(415);
      expect(res.json().message, type).toMatch(/^don\.jsonl: được gửi dưới dạng .+: hãy gửi chính tệp làm nội dung yêu cầu/);
    }
    // text/plain says only that it is text: a .jsonl file so sent is read as JSON Lines, by its name.
    const plain = await upload('petitions', 'file=don-thuong.jsonl', fs.readFileSync(path.join(SAMPLES, 'petitions.jsonl')), 'text/plain');
    expect(plain.json()).toMatchObject({ read: 6, quarantined: 0 });
    const noFile = await app.inject({ method: 'POST', url: '/api/ingest/officers', payload: 'a', headers: { ...auth, 'content-type': 'text/csv' } });
    expect(noFile.statusCode).toBe(400);
  });

  it('tells why a file is refused whole in the language asked for', async () => {
    // A roster under a title, its header lacking three columns: the row that came closest is named, with what it lacks.
    const header = 'DANH SÁCH CÁN BỘ\nMã cán bộ,Họ và tên\nVM-1,Nguyễn Văn An\n';
    const expected = 'mã cán bộ (officer_id), mã đơn vị (unit_code), họ và tên (full_name), tổ chức (organisation), chức vụ (position)';
    const en = await upload('officers', 'file=thieu-cot.csv', header, 'text/csv');
    expect(en.statusCode).toBe(400);
    expect(en.json()).toEqual({
      error: 'bad_input',
      message: `thieu-cot.csv: the header on row 2 lacks the column(s) mã đơn vị (unit_code), tổ chức (organisation), chức vụ (position); expected: ${expected}`,
    });
    const vi = await upload('officers', 'file=thieu-cot.csv&lang=vi', header, 'text/csv');
    expect(vi.json().message).toBe(`thieu-cot.csv: dòng tiêu đề (dòng 2) thiếu cột mã đơn vị (unit_code), tổ chức (organisation), chức vụ (position); cần có: ${expected}`);
    // A table with none of the columns: the columns looked for.
    const none = await upload('officers', 'file=khac.csv&lang=vi', 'a,b\n1,2\n', 'text/csv');
    expect(none.json().message).toBe(`khac.csv: không tìm thấy dòng tiêu đề có các cột ${expected} trong 30 dòng đầu`);
    const xls = await upload('officers', 'file=danh-sach.xls&lang=vi', Buffer.from('d0cf11e0a1b11ae1', 'hex'), 'application/octet-stream');
    expect(xls.json().message).toMatch(/^danh-sach\.xls: không đọc được định dạng sổ tính Excel 97–2003 \(\.xls\)/);
  });
});

describe('runs and quarantine over HTTP', () => {
  let runId = '';
  it('lists the latest runs and a run with its quarantined rows, contacts opened only when asked', async () => {
    const bad = Buffer.from(`${JSON.stringify({ ma_don: 'H-1', ngay_tiep_nhan: 'sai ngày', kenh: 'web', ma_xa: '00226', noi_dung: 'Đèn hỏng', ho_ten: 'Lê Thị Hạnh', dien_thoai: '0912000111' })}\n`);
    const summary = (await upload('petitions', 'file=bad.jsonl&lang=vi', bad, 'application/x-ndjson')).json();
    // Asked in Vietnamese: the reasons in Vietnamese, each with its code.
    expect(summary.errors).toEqual([{ row: 1, field: 'received_at', code: 'not_datetime', params: { value: 'sai ngày' }, message: '"sai ngày" không phải là ngày giờ' }]);
    runId = summary.runId;
    const runs = (await app.inject({ method: 'GET', url: '/api/ingest/runs?limit=3', headers: auth })).json().runs;
    expect(runs[0]).toMatchObject({ run_id: runId, kind: 'petitions', way_in: 'http', status: 'done', quarantined: 1 });
    const plain = (await app.inject({ method: 'GET', url: `/api/ingest/runs/${runId}`, headers: auth })).json();
    expect(plain.rows[0]).toMatchObject({ row: 1, field: 'received_at', reason: '"sai ngày" is not a date and time', personalHidden: true, resolvedBy: '', resentIn: null });
    const inVietnamese = (await app.inject({ method: 'GET', url: `/api/ingest/runs/${runId}?lang=vi`, headers: auth })).json();
    expect(inVietnamese.rows[0].reason).toBe('"sai ngày" không phải là ngày giờ');
    expect((await app.inject({ method: 'GET', url: `/api/ingest/runs/${runId}?lang=fr`, headers: auth })).statusCode).toBe(400);
    expect(JSON.stringify(plain)).not.toContain('Lê Thị Hạnh');
    const opened = (await app.inject({ method: 'GET', url: `/api/ingest/runs/${runId}?personal=true`, headers: auth })).json();
    expect(opened.rows[0].values).toMatchObject({ petitioner_name: 'Lê Thị Hạnh', phone: '0912000111' });
  });

  it('sends the correction file as a CSV attachment, and a clear 404 for a run that does not exist', async () => {
    const res = await app.inject({ method: 'GET', url: `/api/ingest/runs/${runId}/correction.csv`, headers: auth });
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toContain(`quarantine-${runId}.csv`);
    expect(res.body.startsWith('\uFEFFdòng gốc,')).toBe(true);
    const missing = await app.inject({ method: 'GET', url: '/api/ingest/runs/20250101-000000-000000', headers: auth });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ error: 'not_found', message: expect.stringContaining('no ingest run') });
  });
});

describe('the inbox', () => {
  it('tells the kind from the folder or the start of the name', () => {
    expect(kindOfInboxFile('officers/ha-noi.xlsx')).toBe('officers');
    expect(kindOfInboxFile('petition_events-2025-09-16.csv')).toBe('petition_events');
    expect(kindOfInboxFile('petitions.jsonl')).toBe('petitions');
    expect(kindOfInboxFile('danh-sach.xlsx')).toBeNull();
  });

  it('loads settled files, moves them to done/ or failed/ with a summary beside each, and leaves partial ones', async () => {
    fs.mkdirSync(path.join(inbox, 'weekly_reports'));
    fs.copyFileSync(path.join(SAMPLES, 'variants/weekly_reports.windows-1258.csv'), path.join(inbox, 'weekly_reports', 'bao-cao-tuan-37.csv'));
    fs.copyFileSync(path.join(SAMPLES, 'opinion_posts.csv'), path.join(inbox, 'opinion_posts-tong-hop.csv'));
    fs.writeFileSync(path.join(inbox, 'khong-ro-loai.csv'), 'a,b\n1,2\n');
    fs.writeFileSync(path.join(inbox, 'officers-dang-chep.csv.part'), 'still copying');
    fs.writeFileSync(path.join(inbox, 'officers-hong.xlsx'), 'not a workbook');
    const roster = fs.readFileSync(path.join(SAMPLES, 'officers.csv'), 'utf8').trim().split('\n');
    fs.writeFileSync(path.join(inbox, 'officers-mot-dong-sai.csv'), [roster[0], roster[1]?.replace(/^([^,]*),[^,]*,/, '$1,99999,')].join('\n'));

    const res = await app.inject({ method: 'POST', url: '/api/ingest/schedules/inbox/run', headers: auth });
    expect(res.statusCode).toBe(200);
    expect(res.json().lastRun).toMatchObject({ ok: true });

    const summary = (file: string) => JSON.parse(fs.readFileSync(path.join(inbox, `${file}.summary.json`), 'utf8'));
    expect(summary('done/bao-cao-tuan-37.csv')).toMatchObject({ kind: 'weekly_reports', encoding: 'windows-1258 (detected)', read: 4, stored: 4 });
    expect(summary('done/opinion_posts-tong-hop.csv')).toMatchObject({ kind: 'opinion_posts', read: 4, stored: 4 });
    // The inbox's summaries are worded for the officers who read the share: in Vietnamese (INBOX_LANG), with codes.
    expect(summary('failed/khong-ro-loai.csv').error).toMatch(/^khong-ro-loai\.csv: không biết đây là loại dữ liệu nào: hãy đặt tệp vào thư mục mang tên loại dữ liệu/);
    expect(summary('failed/officers-hong.xlsx').error).toMatch(/^inbox\/officers-hong\.xlsx: không đọc được sổ tính \.xlsx/);
    expect(summary('done/officers-mot-dong-sai.csv')).toMatchObject({
      read: 1,
      quarantined: 1,
      errors: [{ row: 2, field: 'unit_code', code: 'unit_not_in_force', message: expect.stringMatching(/^"99999" không phải là mã tỉnh, mã xã hoặc mã thôn/) }],
    });
    expect(fs.existsSync(path.join(inbox, 'officers-dang-chep.csv.part'))).toBe(true);
    expect(fs.readdirSync(path.join(inbox, 'weekly_reports'))).toEqual([]);
  });

  it('names a file whose name the share wrote decomposed (NFD) in NFC in its summary and run, and moves it as it is', async () => {
    const name = 'officers-Cán bộ phường Văn Miếu.csv'.normalize('NFD');
    fs.copyFileSync(path.join(SAMPLES, 'officers.csv'), path.join(inbox, name));
    await app.inject({ method: 'POST', url: '/api/ingest/schedules/inbox/run', headers: auth });
    const report = JSON.parse(fs.readFileSync(path.join(inbox, 'done', `${name}.summary.json`), 'utf8'));
    expect(report.file).toBe('inbox/officers-Cán bộ phường Văn Miếu.csv'.normalize('NFC'));
    expect(report.file).not.toBe(`inbox/${name}`);
  });

  it('takes the same name again beside the first, finding its rows stored', async () => {
    fs.copyFileSync(path.join(SAMPLES, 'opinion_posts.csv'), path.join(inbox, 'opinion_posts-tong-hop.csv'));
    await app.inject({ method: 'POST', url: '/api/ingest/schedules/inbox/run', headers: auth });
    expect(JSON.parse(fs.readFileSync(path.join(inbox, 'done/opinion_posts-tong-hop (2).csv.summary.json'), 'utf8'))).toMatchObject({ read: 4, stored: 0, duplicates: 4 });
  });

  it('resumes a file a killed run left in .processing/', async () => {
    fs.copyFileSync(path.join(SAMPLES, 'units.csv'), path.join(inbox, '.processing', encodeURIComponent('units/thon-moi.csv')));
    await app.inject({ method: 'POST', url: '/api/ingest/schedules/inbox/run', headers: auth });
    expect(JSON.parse(fs.readFileSync(path.join(inbox, 'done/thon-moi.csv.summary.json'), 'utf8'))).toMatchObject({ kind: 'units', read: 12 });
    expect(fs.readdirSync(path.join(inbox, '.processing'))).toEqual([]);
  });
});

describe('opinion feeds', () => {
  const run = (name: string) => app.inject({ method: 'POST', url: `/api/ingest/schedules/${encodeURIComponent(name)}/run`, headers: auth });

  it('pulls an RSS feed into opinion posts, text without HTML, times in Vietnam, the province of the feed', async () => {
    const res = (await run('feed:bao-ha-tinh')).json();
    expect(res.lastRun).toMatchObject({ ok: true });
    expect(res.lastRun.message).toMatch(/read 3, stored 2, duplicates 0, quarantined 1/);
    const posts = await t.store.query<{ text: string; published_at: string; source: string; source_name: string; province_code: string; author_handle: string }>(
      "SELECT text, toString(published_at) AS published_at, toString(source) AS source, source_name, province_code, author_handle FROM opinion_posts FINAL WHERE url LIKE 'https://baohatinh.example/%' ORDER BY published_at",
    );
    expect(posts).toEqual([
      {
        text: 'Đê bao thôn Nam Hà sạt lở sau bão số 5\nNgười dân xã Cẩm Xuyên lo lắng khi mùa mưa đến gần.',
        published_at: '2025-09-16 06:00:00',
        source: 'news',
        source_name: 'Báo Hà Tĩnh – Thời sự',
        province_code: '42',
        author_handle: 'Phóng viên Hà Tĩnh',
      },
      expect.objectContaining({ text: 'Xã Cẩm Xuyên hỗ trợ bà con khắc phục hậu quả bão\nChính quyền và Mặt trận xã đã trao & hỗ trợ 200 hộ.', published_at: '2025-09-16 16:30:00' }),
    ]);
  });

  it('asks again with the ETag and stores nothing when the feed has not changed', async () => {
    const res = (await run('feed:bao-ha-tinh')).json();
    expect(res.lastRun.message).toBe('not modified since the last pull');
    expect(hits['/rss']).toBe(2);
  });

  it('pulls Atom entries and JSON posts with the field map', async () => {
    expect((await run('feed:dien-dan-phu-quoc')).json().lastRun.message).toMatch(/stored 1/);
    expect((await run('feed:zalo-phuong')).json().lastRun.message).toMatch(/read 2, stored 2/);
    const zalo = await t.store.query<{ post_id: string; likes: number; commune_code: string; province_code: string; published_at: string }>(
      "SELECT post_id, likes, commune_code, province_code, toString(published_at) AS published_at FROM opinion_posts FINAL WHERE source = 'zalo' ORDER BY post_id",
    );
    expect(zalo).toEqual([
      { post_id: 'z-1', likes: 15, commune_code: '00226', province_code: '01', published_at: '2025-09-16 13:00:00' },
      { post_id: 'z-2', likes: 3, commune_code: '00226', province_code: '01', published_at: '2025-09-16 10:00:00' },
    ]);
    expect((await run('feed:zalo-phuong')).json().lastRun.message).toMatch(/read 2, stored 0, duplicates 2/);
  });

  it('takes an answer with no posts as a pull with nothing to store, not a failure', async () => {
    const runsBefore = (await app.inject({ method: 'GET', url: '/api/ingest/runs?limit=1000', headers: auth })).json().runs.length;
    const res = (await run('feed:zalo-xa-moi')).json();
    expect(res.lastRun).toMatchObject({ ok: true, message: 'no posts in the answer' });
    expect((await app.inject({ method: 'GET', url: '/api/ingest/runs?limit=1000', headers: auth })).json().runs.length).toBe(runsBefore);
  });

  it('keeps a failing source in the schedule status with its reason', async () => {
    const res = (await run('feed:hong')).json();
    expect(res.lastRun).toMatchObject({ ok: false });
    expect(res.lastRun.message).toContain('the source answered 500');
    const all = (await app.inject({ method: 'GET', url: '/api/ingest/schedules', headers: auth })).json().schedules;
    expect(all.map((s: { name: string }) => s.name)).toEqual(['inbox', 'feed:bao-ha-tinh', 'feed:dien-dan-phu-quoc', 'feed:zalo-phuong', 'feed:hong', 'feed:zalo-xa-moi', 'escalation']);
    expect(all.every((s: { nextRun: string | null }) => s.nextRun === null)).toBe(true); // not started: the test runs them
  });

  it('refuses a feeds file with bad entries, naming each problem', () => {
    const file = path.join(tempDir('front-pulse-feeds-'), 'feeds.json');
    fs.writeFileSync(file, JSON.stringify({ feeds: [{ name: 'x y', url: 'ftp://a', schedule: 'hourly', source: 'báo' }] }));
    const config = loadConfig({ DATA_DIR: t.dataDir, FEEDS_FILE: file });
    return expect(buildApp({ config, store: t.store, logger: false, serveDashboard: false, ownsStore: false })).rejects.toThrow(
      /feeds\[0\] \(x y\)\.name[\s\S]*\.url: must be http or https[\s\S]*\.schedule: "hourly" is not a cron expression[\s\S]*\.source: one of/,
    );
  });
});
