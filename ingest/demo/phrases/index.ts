/**
 * The demo's phrase banks by topic, and the pieces shared by all topics.
 */
import type { Topic } from '../../../analytics/nlp/taxonomy.js';
import type { TopicBank } from './types.js';
import { anNinhTratTu } from './an_ninh_trat_tu.js';
import { chinhSachXaHoi } from './chinh_sach_xa_hoi.js';
import { datDai } from './dat_dai.js';
import { giaoDuc } from './giao_duc.js';
import { haTang } from './ha_tang.js';
import { khac } from './khac.js';
import { kinhTeViecLam } from './kinh_te_viec_lam.js';
import { moiTruong } from './moi_truong.js';
import { thamNhungTieuCuc } from './tham_nhung_tieu_cuc.js';
import { thuTucHanhChinh } from './thu_tuc_hanh_chinh.js';
import { yTe } from './y_te.js';

export { common } from './common.js';
export type { TopicBank, CommonBank } from './types.js';

export const BANKS: Record<Topic, TopicBank> = {
  dat_dai: datDai,
  moi_truong: moiTruong,
  ha_tang: haTang,
  chinh_sach_xa_hoi: chinhSachXaHoi,
  y_te: yTe,
  giao_duc: giaoDuc,
  an_ninh_trat_tu: anNinhTratTu,
  thu_tuc_hanh_chinh: thuTucHanhChinh,
  tham_nhung_tieu_cuc: thamNhungTieuCuc,
  kinh_te_viec_lam: kinhTeViecLam,
  khac,
};
