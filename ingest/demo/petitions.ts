/**
 * Demo step "petitions": a year of citizens' petitions with their handling histories and labels.
 * The steady flow spreads over every commune by where people live; scenarios add storms, incidents and a mass campaign.
 * Each petition's history runs received → routed → accepted → (info requested, transferred, escalated) → answered → closed,
 * cut at the reference day, so the latest ones are still open and some are overdue.
 */
import { TOPICS, type Sentiment, type Topic } from '../../analytics/nlp/taxonomy.js';
import { ANSWER_DAYS, type HandlingLevel, type PetitionChannel, type PetitionStatus } from '../../analytics/registry/vocabularies.js';
import { CENTRAL_CODE } from '../../analytics/registry/units.js';
import { DEMO_LABEL_VERSION } from '../../analytics/nlp/labels.js';
import { petitionText } from './compose.js';
import { citizenId, personName, phoneNumber } from './names.js';
import { Random, WeightedPicker } from '../../analytics/random.js';
import { generateYear, type ItemDraft } from './flow.js';
import { BatchWriter, communePicker, localSecondsOf, placeFor, wallTime, type DemoContext, type DemoUnit } from './context.js';

const DAY = 86400;

const TOPIC_WEIGHTS: Record<Topic, number> = {
  dat_dai: 22, moi_truong: 10, ha_tang: 12, chinh_sach_xa_hoi: 12, y_te: 6, giao_duc: 5,
  an_ninh_trat_tu: 8, thu_tuc_hanh_chinh: 9, tham_nhung_tieu_cuc: 4, kinh_te_viec_lam: 8, khac: 4,
};
const SENTIMENT_WEIGHTS: Record<Sentiment, number> = { negative: 68, neutral: 24, positive: 8 };
const CHANNEL_WEIGHTS: Record<PetitionChannel, number> = { web: 30, app: 25, zalo: 15, hotline: 10, mail: 8, in_person: 12 };

/** Which level first handles a petition, by topic: corruption allegations against commune officials go up. */
function levelWeights(topic: Topic): [HandlingLevel, number][] {
  if (topic === 'tham_nhung_tieu_cuc') return [['commune', 35], ['province', 55], ['central', 10]];
  if (topic === 'dat_dai') return [['commune', 70], ['province', 25], ['central', 5]];
  return [['commune', 85], ['province', 12], ['central', 3]];
}

/** Median days to an answer by level. */
const ANSWER_MEDIAN_DAYS: Record<HandlingLevel, number> = { commune: 7, province: 13, central: 20 };

const picker = <K extends string>(weights: Record<K, number>) =>
  new WeightedPicker(Object.keys(weights) as K[], Object.values(weights) as number[]);

interface Pickers {
  topic: WeightedPicker<Topic>;
  sentiment: WeightedPicker<Sentiment>;
  channel: WeightedPicker<PetitionChannel>;
  level: Record<Topic, WeightedPicker<HandlingLevel>>;
}

function unitFor(level: HandlingLevel, commune: DemoUnit): string {
  return level === 'commune' ? commune.code : level === 'province' ? commune.province_code : CENTRAL_CODE;
}

const UP: Record<HandlingLevel, HandlingLevel> = { commune: 'province', province: 'central', central: 'central' };

/** The handling history of one petition, up to `now` (local seconds). */
export function history(random: Random, receivedAt: number, level: HandlingLevel, now: number) {
  const events: { status: PetitionStatus; at: number; level: HandlingLevel; due: number; note: string }[] = [];
  let due = receivedAt + ANSWER_DAYS[level] * DAY;
  let t = receivedAt;
  const push = (status: PetitionStatus, at: number, note = '') => {
    if (at <= now) events.push({ status, at, level, due, note });
    return at <= now;
  };
  push('received', t);
  t += random.int(300, 7200);
  if (!push('routed', t, `Chuyển ${level === 'commune' ? 'cấp xã' : level === 'province' ? 'cấp tỉnh' : 'Trung ương'} xử lý theo thẩm quyền`)) return { events, level };
  t += random.int(3600, 3 * DAY);
  if (!push('accepted', t)) return { events, level };
  if (random.chance(0.06)) {
    t += random.int(DAY, 5 * DAY);
    if (!push('info_requested', t, 'Đề nghị bổ sung thông tin, tài liệu')) return { events, level };
    t += random.int(2 * DAY, 10 * DAY);
  }
  if (level !== 'central' && random.chance(0.05)) {
    t += random.int(DAY, 6 * DAY);
    level = UP[level];
    due = t + ANSWER_DAYS[level] * DAY;
    if (!push('transferred', t, 'Chuyển cấp trên vì vượt thẩm quyền')) return { events, level };
  }
  const slow = random.chance(0.08) ? 3 : 1;
  const answerAt = t + Math.round(random.logNormal(ANSWER_MEDIAN_DAYS[level], 0.7) * slow * DAY);
  if (answerAt > due && due + DAY < Math.min(answerAt, now) && level !== 'central' && random.chance(0.6)) {
    // Overdue: escalated one level up the day after the deadline, with a fresh deadline there.
    const at = due + DAY;
    level = UP[level];
    due = at + ANSWER_DAYS[level] * DAY;
    push('escalated', at, 'Quá hạn giải quyết, tự động chuyển lên cấp trên');
  }
  if (!push('answered', Math.max(answerAt, (events.at(-1)?.at ?? t) + 60), 'Đã trả lời công dân')) return { events, level };
  push('closed', (events.at(-1) as { at: number }).at + random.int(DAY, 10 * DAY));
  return { events, level };
}

export async function buildPetitions(ctx: DemoContext): Promise<void> {
  const pickers: Pickers = {
    topic: picker(TOPIC_WEIGHTS),
    sentiment: picker(SENTIMENT_WEIGHTS),
    channel: picker(CHANNEL_WEIGHTS),
    level: Object.fromEntries(TOPICS.map((t) => {
      const w = levelWeights(t);
      return [t, new WeightedPicker(w.map(([l]) => l), w.map(([, n]) => n))];
    })) as Record<Topic, WeightedPicker<HandlingLevel>>,
  };
  const places = communePicker(ctx);
  const provinceName = new Map(ctx.provinces.map((p) => [p.code, p.name]));
  const now = localSecondsOf(ctx.asOf) + DAY - 1;
  const writers = {
    petitions: new BatchWriter(ctx.store, 'petitions', 25_000),
    events: new BatchWriter(ctx.store, 'petition_events', 100_000),
    labels: new BatchWriter(ctx.store, 'nlp_labels', 50_000),
  };
  const insertedAt = new Date().toISOString();

  const write = async (d: ItemDraft, random: Random) => {
    const level = pickers.level[d.topic].pick(random);
    const channel = pickers.channel.pick(random);
    const place = placeFor(ctx, d.commune, provinceName.get(d.commune.province_code) as string, random);
    const { title, text } = petitionText(random, d.topic, d.sentiment, place, d.body);
    const hasContact = random.chance(0.72);
    const gender = random.chance(0.5) ? 'male' : 'female';
    const birthYear = random.int(1945, 2005);
    const contact = hasContact
      ? ctx.sealer.seal({
          name: personName(random, gender),
          phone: phoneNumber(random),
          idNumber: random.chance(0.6) ? citizenId(random, d.commune.province_code, birthYear, gender) : '',
          address: `${place.thon}, ${place.xa}, ${place.tinh}`,
        })
      : '';
    const handlingUnit = unitFor(level, d.commune);
    await writers.petitions.add({
      petition_id: d.id,
      received_at: wallTime(d.at),
      channel,
      province_code: d.commune.province_code,
      commune_code: d.commune.code,
      village_code: '',
      handling_level: level,
      handling_unit_code: handlingUnit,
      due_at: wallTime(d.at + ANSWER_DAYS[level] * DAY),
      title,
      text,
      contact_sealed: contact,
      consent_contact: hasContact && random.chance(0.85) ? 1 : 0,
      case_id: '',
      source: 'demo',
      ingest_run_id: 'demo',
      inserted_at: insertedAt,
    });
    const { events } = history(random, d.at, level, now);
    for (const [i, e] of events.entries()) {
      await writers.events.add({
        event_id: `${d.id}-${i + 1}`,
        petition_id: d.id,
        province_code: d.commune.province_code,
        commune_code: d.commune.code,
        event_at: `${wallTime(e.at)}.${String(i).padStart(3, '0')}`,
        status: e.status,
        unit_code: unitFor(e.level, d.commune),
        handling_level: e.level,
        due_at: wallTime(e.due),
        actor: e.status === 'received' || e.status === 'routed' || e.status === 'escalated' ? 'system' : `officer@${unitFor(e.level, d.commune)}`,
        note: e.note,
        ingest_run_id: 'demo',
      });
    }
    await writers.labels.add({
      item_kind: 'petition',
      item_id: d.id,
      model_version: DEMO_LABEL_VERSION,
      topic: d.topic,
      topic_confidence: 1,
      sentiment: d.sentiment,
      sentiment_confidence: 1,
      occurred_at: wallTime(d.at),
      province_code: d.commune.province_code,
      commune_code: d.commune.code,
      channel,
      labelled_at: insertedAt,
    });
  };

  await generateYear(
    ctx,
    { kind: 'petition', total: ctx.petitions, topics: pickers.topic, sentiments: pickers.sentiment, id: petitionId, places },
    write,
  );
  await Promise.all(Object.values(writers).map((w) => w.close()));
}

export function petitionId(seq: number): string {
  return `PA-${String(seq).padStart(8, '0')}`;
}
