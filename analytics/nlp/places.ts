/**
 * Places named in a text: the province and the commune a petition or a post speaks of, found with the unit registry.
 * Names match with or without diacritics; a commune is named after its type ("xã", "phường", "đặc khu", "thị trấn"),
 * a province with or without "tỉnh"/"thành phố"; the names of former units (before the 1 July 2025 mergers) lead to
 * the unit they became part of. Where several communes share a name, the province the text names, then the sender's
 * own unit, decide; if nothing decides, only a province common to all of them is given.
 */
import JaroWinklerDistance from 'natural/lib/natural/distance/jaro-winkler_distance.js';
import { processText, type Processed } from './pipeline.js';

export interface PlaceUnit {
  code: string;
  name: string;
  level: 'province' | 'commune';
  province_code: string;
}

export interface FormerUnit {
  from_name: string;
  from_district: string;
  from_province: string;
  to_code: string;
}

export interface FoundPlace {
  provinceCode: string;
  /** '' when only the province is known. */
  communeCode: string;
  /** The words that named it, folded. */
  matched: string;
  /** A name in force, an older name mapped through the mergers, or a near spelling of a name in force. */
  via: 'name' | 'former' | 'near';
}

export interface PlaceContext {
  /** The sender's (or the handling unit's) province and commune, to choose among communes of the same name. */
  provinceCode?: string;
  communeCode?: string;
}

const COMMUNE_PREFIXES = ['dac khu', 'thi tran', 'xa', 'phuong', 'tt', 'p', 'x'].map((p) => p.split(' '));
const PROVINCE_PREFIXES = ['thanh pho', 'tinh', 'tp'].map((p) => p.split(' '));
const DISTRICT_PREFIXES = ['huyen', 'quan', 'thi xa', 'thanh pho', 'tp'].map((p) => p.split(' '));
/** First words of every type word: a position that holds none of them starts no prefixed name (the common case). */
const PREFIX_STARTS = new Set([...COMMUNE_PREFIXES, ...PROVINCE_PREFIXES, ...DISTRICT_PREFIXES].map((p) => p[0] as string));

/** The prefix (as words) that starts at position i, if any. */
function prefixAt(prefixes: string[][], folded: string[], i: number): string[] | undefined {
  return prefixes.find((words) => words.every((w, k) => folded[i + k] === w));
}
const TYPE_WORDS = /^(xa|phuong|dac khu|thi tran|tinh|thanh pho|huyen|quan|thi xa) /;

/** Folded name without its type: "Phường Văn Miếu - Quốc Tử Giám" → "van mieu quoc tu giam". */
export function nameKey(name: string): string {
  return processText(name).folded.join(' ').replace(TYPE_WORDS, '');
}

/** Common other names of provinces in force, folded. */
const PROVINCE_ALIASES: Record<string, string[]> = {
  '79': ['ho chi minh', 'hcm', 'tphcm', 'sai gon', 'tp hcm'],
  '01': ['ha noi', 'hn'],
};

interface Mention {
  kind: 'commune' | 'former' | 'province' | 'district';
  candidates: string[];
  key: string;
  /** The type word before a commune's name, folded: "xa", "phuong", "dac khu", "thi tran". */
  type?: string;
  /** For a former name: the former units of that name, to narrow by the former district the text names. */
  former?: FormerUnit[];
  /** The name as written, with its diacritics if it had any. */
  written?: string;
}

/** The type a short prefix stands for. */
const TYPE_OF_PREFIX: Record<string, string> = { xa: 'xa', x: 'xa', phuong: 'phuong', p: 'phuong', 'dac khu': 'dac khu', 'thi tran': 'thi tran', tt: 'thi tran' };

const MAX_NAME_SYLLABLES = 5;

export class PlaceFinder {
  private readonly provinceByKey = new Map<string, string>();
  /** Names of provinces in force and their aliases: the only ones a text may name without "tỉnh" or "thành phố". */
  private readonly bareProvinceKeys = new Set<string>();
  private readonly typeOf = new Map<string, string>();
  /** A commune's name without its type, with diacritics: "Tân Thành" and "Tân Thạnh" fold alike. */
  private readonly writtenOf = new Map<string, string>();
  private readonly communesByKey = new Map<string, string[]>();
  private readonly formerByKey = new Map<string, FormerUnit[]>();
  private readonly districtKeyOf = new Map<FormerUnit, string>();
  /** Former district names → the provinces their communes went to. */
  private readonly districtsByKey = new Map<string, Set<string>>();
  private readonly provinceOf = new Map<string, string>();
  private readonly firstSyllables = new Set<string>();
  private readonly communeKeysByProvince = new Map<string, [key: string, code: string][]>();

  constructor(units: PlaceUnit[], former: FormerUnit[] = []) {
    for (const u of units) {
      this.provinceOf.set(u.code, u.province_code);
      const key = nameKey(u.name);
      if (u.level === 'province') {
        for (const k of [key, ...(PROVINCE_ALIASES[u.code] ?? [])]) {
          this.provinceByKey.set(k, u.code);
          this.bareProvinceKeys.add(k);
        }
      } else {
        push(this.communesByKey, key, u.code);
        push(this.communeKeysByProvince, u.province_code, [key, u.code]);
        const p = processText(u.name);
        const type = p.folded.join(' ').startsWith('dac khu') ? 'dac khu' : (p.folded[0] ?? '');
        this.typeOf.set(u.code, type);
        this.writtenOf.set(u.code, p.tokens.slice(type.split(' ').length).join(' '));
      }
    }
    const formerProvinces = new Map<string, Map<string, number>>();
    for (const f of former) {
      const key = nameKey(f.from_name);
      push(this.formerByKey, key, f);
      const to = this.provinceOf.get(f.to_code);
      if (!to) continue;
      if (f.from_district) {
        const d = nameKey(f.from_district);
        this.districtKeyOf.set(f, d);
        if (!this.districtsByKey.has(d)) this.districtsByKey.set(d, new Set());
        this.districtsByKey.get(d)?.add(to);
      }
      if (f.from_province) {
        const p = nameKey(f.from_province);
        const counts = formerProvinces.get(p) ?? new Map<string, number>();
        counts.set(to, (counts.get(to) ?? 0) + 1);
        formerProvinces.set(p, counts);
      }
    }
    // A former province ("Bình Dương", "Hà Giang") names the province in force that received most of its communes.
    for (const [key, counts] of formerProvinces) {
      if (this.provinceByKey.has(key)) continue;
      const best = [...counts].sort((a, b) => b[1] - a[1])[0];
      if (best) this.provinceByKey.set(key, best[0]);
    }
    for (const key of this.bareProvinceKeys) if (key.includes(' ')) this.firstSyllables.add(key.split(' ')[0] as string);
  }

  find(text: string, context: PlaceContext = {}): FoundPlace | undefined {
    return this.findProcessed(processText(text), context);
  }

  /** For callers that process the text once for several uses. */
  findProcessed(p: Processed, context: PlaceContext = {}): FoundPlace | undefined {
    const { folded, tokens } = p;
    const mentions = this.mentions(folded, tokens);
    const provinces = unique(mentions.filter((m) => m.kind === 'province').flatMap((m) => m.candidates));
    const districtProvinces = unique(mentions.filter((m) => m.kind === 'district').flatMap((m) => m.candidates));
    const scope = provinces.length > 0 ? provinces : districtProvinces;

    const districts = new Set(mentions.filter((m) => m.kind === 'district').map((m) => m.key));
    for (const kind of ['commune', 'former'] as const) {
      for (const m of mentions.filter((x) => x.kind === kind)) {
        let candidates = m.candidates;
        if (m.former && districts.size > 0) {
          const inDistrict = m.former.filter((f) => districts.has(this.districtKeyOf.get(f) ?? ''));
          if (inDistrict.length > 0) candidates = inDistrict.map((f) => f.to_code);
        }
        const chosen = this.choose(candidates, scope, context, m.type, m.written);
        if (chosen.length === 1) {
          const code = chosen[0] as string;
          return { provinceCode: this.provinceOf.get(code) ?? '', communeCode: code, matched: m.key, via: kind === 'commune' ? 'name' : 'former' };
        }
        const theirProvinces = unique(chosen.map((c) => this.provinceOf.get(c) ?? ''));
        if (theirProvinces.length === 1 && !provinces.length) provinces.push(theirProvinces[0] as string);
      }
    }
    const near = scope.length === 1 ? this.nearCommune(folded, scope[0] as string) : undefined;
    if (near) return near;
    if (provinces.length === 1 || (provinces.length === 0 && districtProvinces.length === 1)) {
      const province = (provinces[0] ?? districtProvinces[0]) as string;
      return { provinceCode: province, communeCode: '', matched: mentions.find((m) => m.candidates.includes(province))?.key ?? '', via: 'name' };
    }
    return undefined;
  }

  /**
   * Among candidate communes: those in the provinces the text names (none, if the text names other provinces: then the
   * words were not this commune's name); of the type written before the name; the sender's commune or province.
   */
  private choose(candidates: string[], provinces: string[], context: PlaceContext, type?: string, written?: string): string[] {
    let left = unique(candidates);
    if (provinces.length > 0) left = left.filter((c) => provinces.includes(this.provinceOf.get(c) ?? ''));
    if (left.length > 1 && type) {
      const ofType = left.filter((c) => this.typeOf.get(c) === type);
      if (ofType.length > 0) left = ofType;
    }
    if (left.length > 1 && written) {
      const asWritten = left.filter((c) => this.writtenOf.get(c) === written);
      if (asWritten.length > 0) left = asWritten;
    }
    if (left.length > 1 && context.communeCode && left.includes(context.communeCode)) left = [context.communeCode];
    if (left.length > 1 && context.provinceCode) {
      const inSender = left.filter((c) => this.provinceOf.get(c) === context.provinceCode);
      if (inSender.length > 0) left = inSender;
    }
    return left;
  }

  private mentions(folded: string[], tokens: string[]): Mention[] {
    const out: Mention[] = [];
    for (let i = 0; i < folded.length; i++) {
      const prefixed = this.afterPrefix(folded, tokens, i);
      if (prefixed) {
        out.push(...prefixed.mentions);
        continue;
      }
      // A province may be named bare when its name has two syllables or more ("Nghệ An", "ha noi").
      if (this.firstSyllables.has(folded[i] as string)) {
        for (let len = Math.min(MAX_NAME_SYLLABLES, folded.length - i); len >= 2; len--) {
          const key = folded.slice(i, i + len).join(' ');
          const code = this.provinceByKey.get(key);
          if (code) {
            out.push({ kind: 'province', candidates: [code], key });
            break;
          }
        }
      }
    }
    return out;
  }

  /** Names after a type word at position i: a commune (in force or former), a province, a former district. */
  private afterPrefix(folded: string[], tokens: string[], i: number): { mentions: Mention[] } | undefined {
    if (!PREFIX_STARTS.has(folded[i] as string)) return undefined;
    const mentions: Mention[] = [];
    const communePrefix = prefixAt(COMMUNE_PREFIXES, folded, i);
    if (communePrefix) {
      const type = TYPE_OF_PREFIX[communePrefix.join(' ')];
      this.longestName(folded, tokens, i + communePrefix.length, (key, written) => {
        // No thị trấn exists since 1 July 2025: the name after one is a former unit's.
        const current = type === 'thi tran' ? undefined : this.communesByKey.get(key);
        if (current) mentions.push({ kind: 'commune', candidates: current, key, type, written });
        const former = this.formerByKey.get(key);
        if (former) mentions.push({ kind: 'former', candidates: former.map((f) => f.to_code), key, former });
        return current !== undefined || former !== undefined;
      });
    }
    const provincePrefix = prefixAt(PROVINCE_PREFIXES, folded, i);
    if (provincePrefix) {
      this.longestName(folded, tokens, i + provincePrefix.length, (key) => {
        const code = this.provinceByKey.get(key);
        if (code) mentions.push({ kind: 'province', candidates: [code], key });
        return code !== undefined;
      });
    }
    const districtPrefix = prefixAt(DISTRICT_PREFIXES, folded, i);
    if (districtPrefix) {
      this.longestName(folded, tokens, i + districtPrefix.length, (key) => {
        const provinces = this.districtsByKey.get(key);
        if (provinces) mentions.push({ kind: 'district', candidates: [...provinces], key });
        return provinces !== undefined;
      });
    }
    return mentions.length > 0 ? { mentions } : undefined;
  }

  /** Tries the names starting at `start`, longest first ("xã Tân Lập Đông" before "xã Tân Lập"), until one is known. */
  private longestName(folded: string[], tokens: string[], start: number, known: (key: string, written: string) => boolean): void {
    for (let len = Math.min(MAX_NAME_SYLLABLES, folded.length - start); len >= 1; len--) {
      if (known(folded.slice(start, start + len).join(' '), tokens.slice(start, start + len).join(' '))) return;
    }
  }

  /** A commune of the province written with a slip ("phường Ba Dinhh"): the closest name after a commune prefix. */
  private nearCommune(folded: string[], province: string): FoundPlace | undefined {
    const names = this.communeKeysByProvince.get(province) ?? [];
    for (let i = 0; i < folded.length; i++) {
      const prefix = prefixAt(COMMUNE_PREFIXES, folded, i);
      if (!prefix) continue;
      const start = i + prefix.length;
      let best: [number, string, string] | undefined;
      for (const [key, code] of names) {
        const len = key.split(' ').length;
        const written = folded.slice(start, start + len).join(' ');
        const similarity = JaroWinklerDistance(written, key);
        if (similarity >= NEAR_ENOUGH && (!best || similarity > best[0])) best = [similarity, code, written];
      }
      if (best) return { provinceCode: province, communeCode: best[1], matched: best[2], via: 'near' };
    }
    return undefined;
  }
}

/** How close a misspelt name must be to a commune's name (Jaro–Winkler, 1 = identical). */
const NEAR_ENOUGH = 0.94;

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}
