/**
 * Officer rosters: who serves in each unit's Front committee and socio-political organisations. Checked in the engine
 * (sql/ingest/officers/): unit codes in force, organisations, positions, genders and statuses as files write them.
 * Natural key: officer_id; a row with the same id and the same content is a duplicate, other content a newer version.
 */
import { ALIASES, aliasArrays } from '../../analytics/registry/vocabularies.js';
import type { SqlKind } from './spec.js';

export const officers: SqlKind = {
  kind: 'officers',
  engine: 'sql',
  description: 'Danh sách cán bộ / officer rosters',
  naturalKey: 'officer_id',
  // Every comparison is by id: rows of one officer are checked together.
  sliceKey: 'trimBoth(officer_id)',
  columns: [
    { key: 'officer_id', aliases: ['mã cán bộ', 'ma_can_bo', 'mã', 'id'], required: true },
    { key: 'unit_code', aliases: ['mã đơn vị', 'ma_don_vi', 'đơn vị', 'unit'], required: true },
    { key: 'unit_level', aliases: ['cấp', 'cap', 'cấp đơn vị', 'level'], required: false },
    { key: 'full_name', aliases: ['họ và tên', 'họ tên', 'ho_ten', 'name'], required: true },
    { key: 'gender', aliases: ['giới tính', 'gioi_tinh', 'sex'], required: false },
    { key: 'birth_year', aliases: ['năm sinh', 'nam_sinh', 'ngày sinh', 'birth_date'], required: false },
    { key: 'organisation', aliases: ['tổ chức', 'to_chuc', 'organization', 'đoàn thể'], required: true },
    { key: 'position', aliases: ['chức vụ', 'chuc_vu', 'title'], required: true },
    { key: 'phone', aliases: ['điện thoại', 'dien_thoai', 'số điện thoại', 'sđt'], required: false },
    { key: 'email', aliases: ['thư điện tử', 'e-mail'], required: false },
    { key: 'status', aliases: ['trạng thái', 'trang_thai', 'tình trạng'], required: false },
    { key: 'updated_at', aliases: ['ngày cập nhật', 'ngay_cap_nhat', 'cập nhật', 'updated'], required: false },
  ],
  checkParams: (ctx) => {
    const org = aliasArrays(ALIASES.organisation);
    const pos = aliasArrays(ALIASES.position);
    const gender = aliasArrays(ALIASES.gender);
    const active = aliasArrays(ALIASES.active);
    return {
      org_names: org.names,
      org_codes: org.codes,
      pos_names: pos.names,
      pos_codes: pos.codes,
      gender_names: gender.names,
      gender_codes: gender.codes,
      active_names: active.names,
      active_codes: active.codes,
      max_birth_year: Number(ctx.asOf.slice(0, 4)) - 15,
    };
  },
};
