/**
 * Petition events: the handling history the petition system sends (accepted, transferred, answered, closed, …).
 * Checked in the engine (sql/ingest/petition_events/): the petition must be stored, the unit in force, the time
 * after receipt. Natural key: (petition_id, event_id); a row without an event id gets one from its petition, status
 * and time, so the same export sent twice stores each event once.
 */
import { ALIASES, aliasArrays, ANSWER_DAYS } from '../../analytics/registry/vocabularies.js';
import type { SqlKind } from './spec.js';

/** The longest handling note taken, in characters. */
export const MAX_NOTE_CHARS = 10_000;

export const petitionEvents: SqlKind = {
  kind: 'petition_events',
  engine: 'sql',
  description: 'Lịch sử xử lý đơn thư / petition handling events',
  naturalKey: 'petition_id, event_id',
  // A petition's events are checked together: the holder and deadline an event leaves come from the ones before it.
  sliceKey: 'trimBoth(petition_id)',
  columns: [
    { key: 'event_id', aliases: ['mã sự kiện', 'ma_su_kien', 'mã bước'], required: false },
    { key: 'petition_id', aliases: ['mã đơn', 'ma_don', 'mã phản ánh', 'mã kiến nghị', 'số đơn'], required: true },
    { key: 'status', aliases: ['trạng thái', 'trang_thai', 'bước xử lý', 'tình trạng'], required: true },
    { key: 'event_at', aliases: ['thời gian', 'thoi_gian', 'ngày', 'ngày xử lý', 'time'], required: true },
    { key: 'unit_code', aliases: ['mã đơn vị', 'ma_don_vi', 'đơn vị xử lý', 'đơn vị thụ lý', 'unit'], required: false },
    { key: 'due_at', aliases: ['hạn xử lý', 'han_xu_ly', 'hạn trả lời', 'deadline'], required: false },
    { key: 'actor', aliases: ['người thực hiện', 'nguoi_thuc_hien', 'cán bộ xử lý', 'user'], required: false },
    { key: 'note', aliases: ['ghi chú', 'ghi_chu', 'nội dung', 'comment'], required: false },
  ],
  checkParams: () => {
    const status = aliasArrays(ALIASES.status);
    return {
      status_names: status.names,
      status_codes: status.codes,
      answer_levels: Object.keys(ANSWER_DAYS),
      answer_days: Object.values(ANSWER_DAYS),
      max_note_chars: MAX_NOTE_CHARS,
    };
  },
};
