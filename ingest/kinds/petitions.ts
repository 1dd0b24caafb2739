/**
 * Petitions and feedback citizens sent, as the petition system exports them. Checked here: the place (commune or at
 * least province) and the handling unit in force, the channel, the times, the text; contact details are checked and
 * sealed (AES-256-GCM) before anything is stored. Each new petition is stored with its "received" event and labelled
 * (topic, sentiment, place named) by the labelling threads; the three wait in the engine and are written a large
 * block at a time (pipeline/gathered-writes.ts).
 * Natural key: petition_id. A petition does not change: the same id with other content is quarantined, and its
 * handling comes as petition events.
 */
import crypto from 'node:crypto';
import { repairMojibake } from '../../analytics/nlp/legacy-encodings.js';
import type { TextItem } from '../../analytics/nlp/annotate.js';
import { ALIASES, ANSWER_DAYS, PETITION_CHANNELS, type HandlingLevel } from '../../analytics/registry/vocabularies.js';
import { CENTRAL_CODE } from '../../analytics/registry/units.js';
import { defineQuery } from '../../analytics/queries/define.js';
import { addDaysToTime, idNumber, isEmail, parseTime, phoneNumber, readYesNo, storedText, unitCode, vocabularyReader } from '../pipeline/values.js';
import { GatheredWrites } from '../pipeline/gathered-writes.js';
import { EarlyLabels } from '../pipeline/label-pool.js';
import { UnitIndex } from './unit-index.js';
import { outOfScope, type Fault, type JsKind, type JsKindRun, type StoredRecord } from './spec.js';
import { fault as faultOf, type FaultCode, type FaultParams } from '../faults.js';

/** The longest petition text taken, in characters (about 20 printed pages). */
export const MAX_TEXT_CHARS = 50_000;
export const MAX_TITLE_CHARS = 500;
/** The event every stored petition starts its history with. */
export const RECEIVED_EVENT_ID = 'received';
/**
 * Labels (of petitions and of posts) are moved into nlp_labels every this many moves of the gathered rows: 32,768 at a
 * time. Their terms rollup costs less in fewer, larger inserts; every eighth move passed the memory bound
 * (pipeline/gathered-writes.ts).
 */
export const LABELS_MOVED_EVERY = 4;

interface PetitionRecord {
  petition_id: string;
  received_at: string;
  channel: string;
  province_code: string;
  commune_code: string;
  village_code: string;
  handling_level: HandlingLevel;
  handling_unit_code: string;
  due_at: string;
  title: string;
  text: string;
  contact_sealed: string;
  consent_contact: number;
  case_id: string;
}

const PERSONAL = ['petitioner_name', 'phone', 'id_number', 'address', 'email'] as const;

const storedPetitions = defineQuery<{ ids: string[]; version: string }, {
  petition_id: string;
  received_at: string;
  channel: string;
  province_code: string;
  commune_code: string;
  title: string;
  text: string;
  ingest_run_id: string;
  labelled: number;
  received_event: number;
}>('ingest/stored_petitions');

const readChannel = vocabularyReader(ALIASES.channel);

export const petitions: JsKind = {
  kind: 'petitions',
  engine: 'js',
  keyField: 'petition_id',
  labels: true,
  description: 'Đơn thư, kiến nghị, phản ánh / petitions and feedback',
  naturalKey: 'petition_id',
  personalFields: PERSONAL,
  columns: [
    { key: 'petition_id', aliases: ['mã đơn', 'ma_don', 'mã phản ánh', 'mã kiến nghị', 'số đơn', 'id'], required: true },
    { key: 'received_at', aliases: ['ngày tiếp nhận', 'ngay_tiep_nhan', 'thời gian gửi', 'ngày gửi', 'thời gian tiếp nhận', 'received'], required: true },
    { key: 'channel', aliases: ['kênh', 'kenh', 'kênh tiếp nhận', 'hình thức', 'nguồn'], required: false },
    { key: 'province_code', aliases: ['mã tỉnh', 'ma_tinh', 'province'], required: false },
    { key: 'commune_code', aliases: ['mã xã', 'ma_xa', 'mã phường', 'commune'], required: false },
    { key: 'village_code', aliases: ['mã thôn', 'ma_thon', 'mã tổ dân phố', 'village'], required: false },
    { key: 'handling_unit_code', aliases: ['đơn vị xử lý', 'mã đơn vị xử lý', 'don_vi_xu_ly', 'handling_unit'], required: false },
    { key: 'due_at', aliases: ['hạn xử lý', 'han_xu_ly', 'hạn trả lời', 'deadline'], required: false },
    { key: 'title', aliases: ['tiêu đề', 'tieu_de', 'trích yếu', 'subject'], required: false },
    { key: 'text', aliases: ['nội dung', 'noi_dung', 'nội dung phản ánh', 'nội dung kiến nghị', 'content', 'body'], required: true },
    { key: 'petitioner_name', aliases: ['họ tên người gửi', 'người gửi', 'họ và tên', 'họ tên', 'ho_ten', 'name'], required: false },
    { key: 'phone', aliases: ['điện thoại', 'dien_thoai', 'số điện thoại', 'sđt', 'sdt'], required: false },
    { key: 'id_number', aliases: ['số cccd', 'cccd', 'căn cước', 'số định danh', 'cmnd', 'so_cccd'], required: false },
    { key: 'address', aliases: ['địa chỉ', 'dia_chi'], required: false },
    { key: 'email', aliases: ['thư điện tử', 'e-mail'], required: false },
    { key: 'consent_contact', aliases: ['đồng ý liên hệ', 'dong_y_lien_he', 'consent'], required: false },
    { key: 'case_id', aliases: ['mã vụ việc', 'ma_vu_viec', 'case'], required: false },
  ],

  async prepare({ store, ctx, sealer }, pool): Promise<JsKindRun<PetitionRecord>> {
    if (!sealer || !pool) throw new Error('petitions need the sealer and the labelling threads');
    const units = await UnitIndex.load(store, ctx.asOf, ['central', 'province', 'commune', 'village']);
    const latest = addDaysToTime(ctx.loadedAt, 1);
    // Petitions, their events and labels wait in the engine and are written a large block at a time (petitions first);
    // labels every fourth time only, in larger blocks, as their terms rollup is cheaper so (pipeline/gathered-writes.ts).
    // Each gathered petition's content is remembered until all is written, its label too (see lookup).
    const gathered = new GatheredWrites<string>(store, ctx.runId, ['petitions', 'petition_events', 'nlp_labels'], { nlp_labels: LABELS_MOVED_EVERY });
    const labels = new EarlyLabels(pool, 'petition', textItem);

    return {
      check(v) {
        const faults: Fault[] = [];
        const fault = (field: string, code: FaultCode, params?: FaultParams) => faults.push(faultOf(field, code, params));
        const id = v.petition_id?.trim() ?? '';
        if (id === '') fault('petition_id', 'empty');
        else if (id.length > 100) fault('petition_id', 'longer_than', { max: 100 });

        const receivedAt = parseTime(v.received_at ?? '');
        if (!v.received_at?.trim()) fault('received_at', 'empty');
        else if (!receivedAt) fault('received_at', 'not_datetime', { value: v.received_at });
        else if (receivedAt > latest) fault('received_at', 'in_future', { value: v.received_at });

        const channel = readChannel(v.channel ?? '');
        if (!v.channel?.trim()) fault('channel', 'empty_of', { choices: Object.keys(PETITION_CHANNELS).join(', ') });
        else if (!channel) fault('channel', 'not_channel', { value: v.channel, choices: Object.keys(PETITION_CHANNELS).join(', ') });

        // Where the matter is: the commune (which gives the province), or at least the province; none for a national matter.
        let province = '';
        let commune = '';
        let village = '';
        const communeGiven = v.commune_code?.trim() ?? '';
        const provinceGiven = v.province_code?.trim() ?? '';
        if (communeGiven) {
          const unit = units.get(unitCode(communeGiven, 'commune'));
          if (unit?.level !== 'commune') fault('commune_code', 'commune_not_in_force', { value: communeGiven, day: ctx.asOf });
          else {
            commune = unit.code;
            province = unit.province_code;
            if (provinceGiven && unitCode(provinceGiven, 'province') !== province) {
              fault('province_code', 'not_province_of', { value: provinceGiven, commune, province });
            }
          }
        } else if (provinceGiven) {
          const unit = units.get(unitCode(provinceGiven, 'province'));
          if (unit?.level !== 'province') fault('province_code', 'province_not_in_force', { value: provinceGiven, day: ctx.asOf });
          else province = unit.code;
        } else if (unitCode(v.handling_unit_code?.trim() ?? '') !== CENTRAL_CODE) {
          // A matter for the whole country (a policy) is sent to the central level and has no place.
          fault('commune_code', 'no_place', { central: CENTRAL_CODE });
        }
        const villageGiven = v.village_code?.trim() ?? '';
        if (villageGiven && commune) {
          const unit = units.get(unitCode(villageGiven));
          if (unit?.level !== 'village' || unit.commune_code !== commune) fault('village_code', 'not_village_of', { value: villageGiven, commune });
          else village = unit.code;
        }

        const outside = outOfScope(ctx.scope, province, commune);
        if (outside) faults.push(outside);

        // Who handles it: the unit given, or the commune, or the province.
        let level: HandlingLevel = commune ? 'commune' : 'province';
        let handler = commune || province;
        const handlerGiven = v.handling_unit_code?.trim() ?? '';
        if (handlerGiven) {
          const unit = units.get(unitCode(handlerGiven));
          if (!unit || unit.level === 'village') fault('handling_unit_code', 'handler_not_unit', { value: handlerGiven, central: CENTRAL_CODE });
          else {
            level = unit.level as HandlingLevel;
            handler = unit.code;
          }
        }

        let dueAt = receivedAt ? addDaysToTime(receivedAt, ANSWER_DAYS[level]) : '';
        if (v.due_at?.trim()) {
          const due = parseTime(v.due_at);
          if (!due) fault('due_at', 'not_date', { value: v.due_at });
          else if (receivedAt && due < receivedAt) fault('due_at', 'before_received', { value: v.due_at });
          else dueAt = due;
        }

        // A title pasted from a TCVN3 sheet is repaired as the text is.
        const title = repairMojibake(storedText(v.title ?? '').replace(/\n/g, ' ')).text;
        if (title.length > MAX_TITLE_CHARS) fault('title', 'too_long', { length: title.length, max: MAX_TITLE_CHARS });
        const text = repairMojibake(storedText(v.text ?? '')).text;
        if (text === '') fault('text', 'empty');
        else if (text.length > MAX_TEXT_CHARS) fault('text', 'too_long', { length: text.length, max: MAX_TEXT_CHARS });

        const contact: Record<string, string> = {};
        const name = storedText(v.petitioner_name ?? '').replace(/\n/g, ' ');
        if (name) contact.name = name;
        if (v.phone?.trim()) {
          const phone = phoneNumber(v.phone);
          if (!phone) fault('phone', 'not_vn_phone');
          else contact.phone = phone;
        }
        if (v.id_number?.trim()) {
          const number = idNumber(v.id_number);
          // The value itself is never repeated in a message: messages are shown where personal data may not be.
          if (!number) fault('id_number', 'not_id_number');
          else contact.id_number = number;
        }
        const address = storedText(v.address ?? '').replace(/\n/g, ' ');
        if (address) contact.address = address;
        if (v.email?.trim()) {
          if (!isEmail(v.email.trim())) fault('email', 'not_email');
          else contact.email = v.email.trim().toLowerCase();
        }
        let consent = 0;
        if (v.consent_contact?.trim()) {
          const yes = readYesNo(v.consent_contact);
          if (yes === undefined) fault('consent_contact', 'not_yes_no', { value: v.consent_contact });
          else consent = Number(yes);
        }

        if (faults.length > 0) return { faults };
        return {
          key: id,
          record: {
            petition_id: id,
            received_at: receivedAt as string,
            channel: channel as string,
            province_code: province,
            commune_code: commune,
            village_code: village,
            handling_level: level,
            handling_unit_code: handler,
            due_at: dueAt,
            title,
            text,
            contact_sealed: Object.keys(contact).length > 0 ? sealer.seal(contact) : '',
            consent_contact: consent,
            case_id: v.case_id?.trim() ?? '',
          },
        };
      },

      describe: (r) => ({ content: contentOf(r) }),

      async lookup(keys) {
        const found = new Map<string, StoredRecord>();
        const rows = await storedPetitions(store, { ids: keys, version: pool.version });
        for (const r of rows) {
          const missing = [...(r.labelled ? [] : ['label']), ...(r.received_event ? [] : ['event'])];
          found.set(r.petition_id, { content: contentOf(r), runId: r.ingest_run_id, missing });
        }
        // A petition gathered, or written while its label waits, is found as written with its label: the store would
        // show it missing, and the label would be written twice.
        for (const key of keys) {
          const content = gathered.recall(key);
          if (content !== undefined) found.set(key, { content, runId: ctx.runId, missing: [] });
        }
        return found;
      },

      conflict: (record, stored) => faultOf('petition_id', 'petition_stored', { value: record.petition_id, run: stored.runId }),

      async write(records, repairs) {
        const now = new Date().toISOString();
        // The threads label while the petitions and events are written; the labels are still written last, so a run
        // killed in between leaves a petition whose label the next run finds missing, never a label without its petition.
        const needLabel = [...records, ...repairs.filter((r) => r.missing.includes('label')).map((r) => r.record)];
        const labelBody = labels.body(needLabel);
        labelBody.catch(() => {});
        await gathered.insertRows('petitions', records.map((r) => ({ ...r, source: 'ingest', ingest_run_id: ctx.runId, inserted_at: now })));
        for (const r of records) gathered.remember(r.petition_id, contentOf(r));
        const needEvent = [...records, ...repairs.filter((r) => r.missing.includes('event')).map((r) => r.record)];
        await gathered.insertRows('petition_events', needEvent.map((r) => receivedEvent(r, ctx.runId)));
        await gathered.insert('nlp_labels', await labelBody, needLabel.length);
        return gathered.settle();
      },

      foresee: (records) => labels.foresee(records),
      ...gathered.ends(),
    };
  },
};

/** What two petitions with the same id must share, as a digest: petitions waiting to be written keep only this. */
function contentOf(r: Pick<PetitionRecord, 'received_at' | 'channel' | 'province_code' | 'commune_code' | 'title' | 'text'>): string {
  return crypto.hash('sha1', JSON.stringify([r.received_at, r.channel, r.province_code, r.commune_code, r.title, r.text]), 'base64');
}

function receivedEvent(r: PetitionRecord, runId: string) {
  return {
    event_id: RECEIVED_EVENT_ID,
    petition_id: r.petition_id,
    province_code: r.province_code,
    commune_code: r.commune_code,
    event_at: r.received_at,
    status: 'received',
    unit_code: r.handling_unit_code,
    handling_level: r.handling_level,
    due_at: r.due_at,
    actor: 'system',
    note: '',
    ingest_run_id: runId,
  };
}

/** What the labeller reads: the title and the text, as relabelling reads them (sql/queries/nlp/petition_texts_page.sql). */
function textItem(r: PetitionRecord): TextItem {
  return {
    item_id: r.petition_id,
    text: `${r.title}. ${r.text}`,
    occurred_at: r.received_at,
    province_code: r.province_code,
    commune_code: r.commune_code,
    channel: r.channel,
  };
}
