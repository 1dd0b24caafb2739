import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CampaignIndex, shingles, signature, similarity } from './campaigns.js';
import { Random } from '../random.js';
import { foldDiacritics } from './text.js';
import { CORPUS_DIR } from './shipped.js';

const PETITION =
  'Chúng tôi là các hộ dân có đất nông nghiệp bị thu hồi để làm khu công nghiệp tại xã Tân Tiến. Đơn giá bồi thường ' +
  '180.000 đồng/m² thấp hơn nhiều so với giá đất thực tế và so với các dự án lân cận. Chúng tôi đề nghị Ủy ban MTTQ ' +
  'Việt Nam tỉnh giám sát, kiến nghị điều chỉnh đơn giá bồi thường và hỗ trợ chuyển đổi nghề cho các hộ mất đất.';

const OPENINGS = ['Kính gửi Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh.', 'Kính gửi các cơ quan có thẩm quyền.', 'Tôi xin trình bày sự việc như sau.', ''];
const CLOSINGS = ['Xin trân trọng cảm ơn.', 'Rất mong được xem xét giải quyết sớm.', 'Trân trọng.', ''];
const SWAPS: [string, string][] = [['Chúng tôi', 'Gia đình tôi cùng bà con'], ['thấp hơn nhiều', 'quá thấp'], ['đề nghị', 'kính đề nghị'], ['các hộ dân', 'những hộ dân'], ['lân cận', 'bên cạnh']];

/** A light edit, as senders of a mass petition make: a greeting and a closing, a phrase reworded, a typo, no diacritics. */
function lightlyEdited(random: Random): string {
  let text = PETITION;
  for (const [from, to] of SWAPS) if (random.chance(0.3)) text = text.replace(from, to);
  if (random.chance(0.3)) {
    const words = text.split(' ');
    const i = random.int(0, words.length - 1);
    words[i] = (words[i] as string).slice(0, -1);
    text = words.join(' ');
  }
  text = `${random.pick(OPENINGS)} ${text} ${random.pick(CLOSINGS)}`.trim();
  return random.chance(0.25) ? foldDiacritics(text) : text;
}

describe('mass campaigns', () => {
  it('estimates similarity from signatures', () => {
    const a = signature(shingles(PETITION) as Uint32Array);
    expect(similarity(a, a)).toBe(1);
    const b = signature(shingles(foldDiacritics(PETITION)) as Uint32Array);
    expect(similarity(a, b)).toBe(1);
  });

  it('groups 500 lightly edited copies of one petition among 5,000 distinct texts, and groups no distinct text', () => {
    const distinct = fs
      .readdirSync(path.join(CORPUS_DIR, 'handwritten'))
      .flatMap((f) => (parse(fs.readFileSync(path.join(CORPUS_DIR, 'handwritten', f), 'utf8'), { columns: true }) as { text: string }[]).map((r) => r.text))
      .concat((parse(fs.readFileSync(path.join(CORPUS_DIR, 'generated', 'phrase-banks.csv'), 'utf8'), { columns: true }) as { text: string }[]).map((r) => r.text))
      .slice(0, 5000);
    expect(distinct.length).toBe(5000);
    const random = new Random(7);
    const items = [
      ...distinct.map((text, i) => ({ id: `d${i}`, text, copy: false })),
      ...Array.from({ length: 500 }, (_, i) => ({ id: `c${i}`, text: lightlyEdited(random), copy: true })),
    ];
    random.shuffle(items);
    const index = new CampaignIndex();
    const campaignOf = new Map(items.map((item) => [item.id, index.add(item.id, item.text).campaignId]));

    const copyCampaigns = new Map<string, number>();
    for (const item of items.filter((i) => i.copy)) {
      const c = campaignOf.get(item.id) as string;
      copyCampaigns.set(c, (copyCampaigns.get(c) ?? 0) + 1);
    }
    const [biggest, size] = [...copyCampaigns].sort((a, b) => b[1] - a[1])[0] as [string, number];
    expect(size).toBeGreaterThanOrEqual(495); // essentially every copy in one case
    expect(biggest.startsWith('c')).toBe(true);
    const wronglyGrouped = items.filter((i) => !i.copy && campaignOf.get(i.id) !== i.id);
    expect(wronglyGrouped.map((i) => [i.text, items.find((x) => x.id === campaignOf.get(i.id))?.text])).toEqual([]);
    // …and no distinct text started a campaign that others joined.
    const joined = items.filter((i) => campaignOf.get(i.id) !== i.id).map((i) => campaignOf.get(i.id));
    expect(joined.filter((c) => (c as string).startsWith('d'))).toEqual([]);
  });

  it('leaves texts too short to judge on their own', () => {
    const index = new CampaignIndex();
    expect(index.add('a', 'cảm ơn cán bộ xã').campaignId).toBe('a');
    expect(index.add('b', 'cảm ơn cán bộ xã').campaignId).toBe('b');
  });
});
