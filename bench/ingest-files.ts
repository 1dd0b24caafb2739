/**
 * The input files of the ingest benchmarks, generated: an officer roster CSV with the columns of
 * ingest/samples/officers.csv, and petitions and opinion posts as JSON Lines with the fields of
 * ingest/samples/petitions.jsonl and ingest/samples/opinion_posts.csv. Units are
 * the real ones of ingest/data/vn-admin-units-2025.csv, names Vietnamese with diacritics. Petition texts are the
 * hand-written petitions of the NLP training split (about 50 words: the length real ones have), sometimes with a request
 * from the demo's phrase banks added and roughened as people type, under a title of their topic; posts are the split's
 * comments, questions and praise, roughened the same way. Seeded: the same row count gives the same bytes.
 * A small, known share of rows is faulty the way real exports are (a unit code not in force, a cut phone number), so
 * every run also quarantines; the benchmark checks the counts it gets back against the ones written here.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { apportion, Random, WeightedPicker } from '../analytics/random.js';
import { foldDiacritics } from '../analytics/nlp/text.js';
import { SPLITS_DIR } from '../analytics/nlp/shipped.js';
import type { Topic } from '../analytics/nlp/taxonomy.js';
import { OPINION_SOURCES, ORGANISATIONS, PETITION_CHANNELS, POSITIONS, type Organisation, type Position } from '../analytics/registry/vocabularies.js';
import { CENTRAL_CODE } from '../analytics/registry/units.js';
import { fillSlots, PETITION_ROUGHNESS, roughen } from '../ingest/demo/compose.js';
import { BANKS, common } from '../ingest/demo/phrases/index.js';
import { citizenId, personName, phoneNumber } from '../ingest/demo/names.js';
import { inSentence } from '../ingest/demo/context.js';

const UNITS_FILE = new URL('../ingest/data/vn-admin-units-2025.csv', import.meta.url);
const TEXTS_FILE = path.join(SPLITS_DIR, 'train.csv');
const SEED = 2025;
/** Share of rows written with a fault the checks must catch. */
const FAULTY_SHARE = 0.001;
/** A commune code that has never been in force (codes stop at 32248). */
const UNKNOWN_COMMUNE = '99999';
/** Bytes buffered before a write. */
const WRITE_CHUNK = 4 * 1024 * 1024;

export interface GeneratedFile {
  file: string;
  rows: number;
  /** Rows written with a fault: the load must quarantine exactly these. */
  faulty: number;
}

/** What generating writes: the whole file, and a copy of its first rows (a short run of the same data). */
export interface Generated {
  full: GeneratedFile;
  head: GeneratedFile;
}

interface Commune {
  code: string;
  name: string;
  type: string;
  province: Province;
}

interface Province {
  code: string;
  name: string;
  /** "HN" for Hà Nội: the prefix of ids, as the sample files write them. */
  abbreviation: string;
}

function loadUnits(): { provinces: Province[]; communes: Commune[] } {
  const rows = parse(fs.readFileSync(UNITS_FILE, 'utf8'), { columns: true }) as Record<string, string>[];
  const provinces = new Map<string, Province>();
  const communes = rows.map((r) => {
    const code = r.province_code as string;
    if (!provinces.has(code)) {
      const bare = (r.province_name as string).replace(/^(Tỉnh|Thành phố) /u, '');
      const abbreviation = foldDiacritics(bare).split(' ').map((w) => w[0]).join('').toUpperCase();
      provinces.set(code, { code, name: r.province_name as string, abbreviation });
    }
    return { code: r.commune_code as string, name: r.commune_name as string, type: r.commune_type as string, province: provinces.get(code) as Province };
  });
  return { provinces: [...provinces.values()], communes };
}

/** Lines written to a file and, while `headRows` lasts, to its head copy too. */
class LineWriter {
  private readonly fd: number;
  private readonly headFd: number;
  private buffer: string[] = [];
  private size = 0;
  rows = 0;
  faulty = 0;
  headFaulty = 0;

  constructor(
    file: string,
    headFile: string,
    private readonly headRows: number,
    header?: string,
  ) {
    this.fd = fs.openSync(file, 'w');
    this.headFd = fs.openSync(headFile, 'w');
    if (header !== undefined) this.buffer.push(`${header}\n`);
  }

  write(line: string, faulty: boolean): void {
    this.rows++;
    if (faulty) this.faulty++;
    this.buffer.push(`${line}\n`);
    this.size += line.length;
    if (this.rows === this.headRows) {
      this.headFaulty = this.faulty;
      fs.writeSync(this.headFd, this.buffer.join(''));
      fs.closeSync(this.headFd);
    }
    if (this.rows <= this.headRows) return;
    if (this.size >= WRITE_CHUNK) this.flush();
  }

  close(file: string, headFile: string): Generated {
    if (this.rows < this.headRows) throw new Error(`a head of ${this.headRows} rows needs at least as many rows, got ${this.rows}`);
    this.flush();
    fs.closeSync(this.fd);
    return { full: { file, rows: this.rows, faulty: this.faulty }, head: { file: headFile, rows: this.headRows, faulty: this.headFaulty } };
  }

  private flush(): void {
    fs.writeSync(this.fd, this.buffer.join(''));
    this.buffer = [];
    this.size = 0;
  }
}

/** How roster files write organisations and positions: the full names, and the short forms people type. */
const ORGANISATION_WRITTEN: Record<Organisation, string[]> = {
  mttq: [ORGANISATIONS.mttq, 'Mặt trận Tổ quốc', 'MTTQ', 'Ủy ban MTTQ'],
  cong_doan: [ORGANISATIONS.cong_doan, 'Liên đoàn Lao động'],
  hoi_nong_dan: [ORGANISATIONS.hoi_nong_dan],
  hoi_phu_nu: [ORGANISATIONS.hoi_phu_nu, 'Hội Phụ nữ'],
  doan_thanh_nien: [ORGANISATIONS.doan_thanh_nien, 'Đoàn Thanh niên', 'Đoàn TNCS Hồ Chí Minh'],
  hoi_cuu_chien_binh: [ORGANISATIONS.hoi_cuu_chien_binh, 'CCB'],
};
const ORGANISATION_SHARE = new WeightedPicker<Organisation>(['mttq', 'hoi_phu_nu', 'hoi_nong_dan', 'doan_thanh_nien', 'hoi_cuu_chien_binh', 'cong_doan'], [40, 13, 13, 13, 12, 9]);
const POSITION_SHARE = new WeightedPicker<Position>(['chu_tich', 'pho_chu_tich', 'uy_vien_thuong_truc', 'uy_vien', 'can_bo'], [6, 14, 10, 60, 10]);

/** A mobile number as people type it: in groups, with dots, or run together. */
function writtenPhone(random: Random): string {
  const digits = phoneNumber(random);
  const style = random.int(0, 2);
  if (style === 0) return `${digits.slice(0, 4)} ${digits.slice(4, 7)} ${digits.slice(7)}`;
  if (style === 1) return `${digits.slice(0, 4)}.${digits.slice(4, 7)}.${digits.slice(7)}`;
  return digits;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** A moment of 2025, local time. */
function moment2025(random: Random): { day: string; month: string; hour: string; minute: string } {
  const date = new Date(Date.UTC(2025, 0, 1) + random.int(0, 364) * 86_400_000);
  return { day: pad2(date.getUTCDate()), month: pad2(date.getUTCMonth() + 1), hour: pad2(random.int(7, 21)), minute: pad2(random.int(0, 59)) };
}

/**
 * An officer roster of `rows` rows over every province and commune, unit by unit as rosters are exported (provinces'
 * rosters three times a commune's). Ids as in the sample: HN-00004-001.
 */
export function writeOfficersCsv(file: string, headFile: string, rows: number, headRows: number): Generated {
  const random = new Random(SEED, 'bench-ingest-officers');
  const { provinces, communes } = loadUnits();
  const units = [...provinces.map((p) => ({ code: p.code, province: p })), ...communes];
  const sizes = apportion(rows, units.map((u) => (u.code.length === 2 ? 3 : 1)));
  const out = new LineWriter(file, headFile, headRows, 'Mã cán bộ,Mã đơn vị,Họ và tên,Giới tính,Năm sinh,Tổ chức,Chức vụ,Điện thoại,Trạng thái,Ngày cập nhật');
  for (const [u, unit] of units.entries()) {
    for (let seq = 1; seq <= (sizes[u] as number); seq++) {
      const org = ORGANISATION_SHARE.pick(random);
      const female = org === 'hoi_phu_nu' || random.chance(0.35);
      const faulty = random.chance(FAULTY_SHARE);
      const updated = moment2025(random);
      const cells = [
        `${unit.province.abbreviation}-${unit.code}-${String(seq).padStart(3, '0')}`,
        faulty && random.chance(0.5) ? UNKNOWN_COMMUNE : unit.code,
        personName(random, female ? 'female' : 'male'),
        female ? 'Nữ' : 'Nam',
        String(org === 'doan_thanh_nien' ? random.int(1990, 2004) : random.int(1960, 1995)),
        random.pick(ORGANISATION_WRITTEN[org]),
        POSITIONS[POSITION_SHARE.pick(random)],
        // A number cut short: too few digits to be a phone.
        faulty ? phoneNumber(random).slice(0, 6) : random.chance(0.15) ? '' : writtenPhone(random),
        random.chance(0.93) ? 'Đang công tác' : 'Đã nghỉ',
        `${updated.day}/${updated.month}/2025`,
      ];
      out.write(cells.join(','), faulty);
    }
  }
  return out.close(file, headFile);
}

const CHANNEL_WRITTEN = [...Object.values(PETITION_CHANNELS), 'duong day nong', 'Zalo OA', 'Tiếp dân'];
/** Share of petitions that end with a request to the Front (the hand-written ones often have one already). */
const ADDED_REQUEST = 0.3;

/** The hand-written texts of the training split: petitions, or what people post (comments, questions, praise). */
function handWritten(petitions: boolean): { text: string; topic: Topic }[] {
  const rows = parse(fs.readFileSync(TEXTS_FILE, 'utf8'), { columns: true }) as { text: string; topic: Topic; register: string }[];
  return rows.filter((r) => (r.register === 'petition') === petitions);
}

/** The time a petition was received, in the ways petition systems export it (as in the sample file). */
function receivedAt(random: Random): string {
  const { day, month, hour, minute } = moment2025(random);
  const style = random.next();
  if (style < 0.5) return `2025-${month}-${day} ${hour}:${minute}`;
  if (style < 0.75) return `${day}/${month}/2025 ${hour}:${minute}`;
  if (style < 0.95) return `2025-${month}-${day}T${hour}:${minute}:00+07:00`;
  return `${day}/${month}/2025`;
}

/**
 * `rows` petitions over every commune (wards weigh more), each with a unique id (HN-2025-0000101), a time in 2025,
 * a channel, a text (and most with a title), and some of the petitioner's contact details.
 */
export function writePetitionsJsonl(file: string, headFile: string, rows: number, headRows: number): Generated {
  const random = new Random(SEED, 'bench-ingest-petitions');
  const { communes } = loadUnits();
  const places = new WeightedPicker(communes, communes.map((c) => (c.type === 'phường' ? 3 : 1)));
  const texts = handWritten(true);
  const out = new LineWriter(file, headFile, headRows);
  for (let seq = 1; seq <= rows; seq++) {
    const commune = places.pick(random);
    const province = commune.province;
    const faulty = random.chance(FAULTY_SHARE);
    const place = { xa: inSentence(commune.name), thon: `${commune.type === 'phường' ? 'tổ dân phố' : 'thôn'} ${random.int(1, 12)}`, tinh: inSentence(province.name) };
    const written = random.pick(texts);
    const request = random.chance(ADDED_REQUEST) ? ` ${fillSlots(random.pick(common.petitionRequests), place, random)}` : '';
    const text = roughen(`${written.text}${request}`, PETITION_ROUGHNESS, random);
    const female = random.chance(0.5);
    const row: Record<string, string> = {
      'mã đơn': `${province.abbreviation}-2025-${String(seq).padStart(7, '0')}`,
      'ngày tiếp nhận': receivedAt(random),
      kênh: random.pick(CHANNEL_WRITTEN),
    };
    if (random.chance(0.2)) row['mã tỉnh'] = province.code;
    row['mã xã'] = faulty && random.chance(0.5) ? UNKNOWN_COMMUNE : commune.code;
    if (random.chance(0.03)) row['đơn vị xử lý'] = random.chance(0.5) ? province.code : CENTRAL_CODE;
    if (random.chance(0.6)) row['tiêu đề'] = fillSlots(random.pick(BANKS[written.topic].titles), place, random);
    row['nội dung'] = text;
    if (random.chance(0.75)) row['họ tên người gửi'] = personName(random, female ? 'female' : 'male');
    if (faulty) row['điện thoại'] = phoneNumber(random).slice(0, 7);
    else if (random.chance(0.6)) row['điện thoại'] = writtenPhone(random);
    if (random.chance(0.25)) row['số cccd'] = citizenId(random, province.code, random.int(1950, 2005), female ? 'female' : 'male');
    if (random.chance(0.3)) row['địa chỉ'] = `Số ${random.int(1, 200)}, ${place.thon}, ${place.xa}`;
    if (random.chance(0.5)) row['đồng ý liên hệ'] = random.chance(0.8) ? 'có' : 'không';
    out.write(JSON.stringify(row), faulty);
  }
  return out.close(file, headFile);
}

/** Sources as collectors write them: the code or its name. */
const SOURCE_WRITTEN = [...Object.keys(OPINION_SOURCES), ...Object.values(OPINION_SOURCES)];

/**
 * `rows` opinion posts over every commune, each with its own link (its key: a collector gives no post id), a time in
 * 2025, a source, a text, counts of likes, shares and comments, and the province (and most the commune) it is about.
 */
export function writeOpinionPostsJsonl(file: string, headFile: string, rows: number, headRows: number): Generated {
  const random = new Random(SEED, 'bench-ingest-posts');
  const { communes } = loadUnits();
  const places = new WeightedPicker(communes, communes.map((c) => (c.type === 'phường' ? 3 : 1)));
  const texts = handWritten(false);
  const out = new LineWriter(file, headFile, headRows);
  for (let seq = 1; seq <= rows; seq++) {
    const commune = places.pick(random);
    const faulty = random.chance(FAULTY_SHARE);
    const { day, month, hour, minute } = moment2025(random);
    const row: Record<string, string | number> = {
      nguồn: random.pick(SOURCE_WRITTEN),
      'tên nguồn': `Nhóm cư dân ${inSentence(commune.name)}`,
      'đường dẫn': `https://mxh.example.vn/${commune.code}/bai-viet/${seq}`,
      'nội dung': roughen(random.pick(texts).text, PETITION_ROUGHNESS, random),
      'thời gian đăng': random.chance(0.5) ? `${day}/${month}/2025 ${hour}:${minute}` : `2025-${month}-${day}T${hour}:${minute}:00+07:00`,
      'mã tỉnh': commune.province.code,
      'lượt thích': random.int(0, 2000),
      'chia sẻ': random.int(0, 200),
      'bình luận': random.int(0, 300),
    };
    if (faulty) row['mã xã'] = UNKNOWN_COMMUNE;
    else if (random.chance(0.7)) row['mã xã'] = commune.code;
    out.write(JSON.stringify(row), faulty);
  }
  return out.close(file, headFile);
}
