/**
 * A citizen's submission through the public form, checked: the text, the place chosen (a province and commune in
 * force, or none: then it is detected from the text when routed), the contact details and consent, what they attach.
 * Every fault is named by field, in Vietnamese (the form shows them), and never repeats a personal value. The contact
 * details are sealed (AES-256-GCM) here, before anything is stored.
 */
import type { Sealer } from '../../analytics/privacy/seal.js';
import type { PendingSubmission } from '../../analytics/queries/handling.js';
import type { UnitRow } from '../../analytics/registry/units.js';
import { idNumber, isEmail, phoneNumber, storedText, unitCode } from '../pipeline/values.js';
import { newTrackingCode, petitionIdOf } from './tracking.js';

export const TEXT_MIN_CHARS = 20;
export const TEXT_MAX_CHARS = 10_000;
export const TITLE_MAX_CHARS = 200;
export const FIELD_MAX_CHARS = 200;
export const MAX_ATTACHMENTS = 10;
/** What one attachment may weigh: the files stay with the citizen, this is what the handler will ask for. */
export const ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024;

export interface SubmissionBody {
  title?: string;
  text: string;
  provinceCode?: string;
  communeCode?: string;
  contact?: { name?: string; phone?: string; idNumber?: string; address?: string; email?: string };
  consentContact?: boolean;
  attachments?: { name: string; type?: string; bytes?: number }[];
}

export interface Fault {
  field: string;
  message: string;
}

/** A row of petition_submissions: what the router reads, and what only the store keeps. */
export interface SubmissionRow extends PendingSubmission {
  attachments: string;
  client_hash: string;
}

export interface UnitLookup {
  get(code: string): Pick<UnitRow, 'code' | 'level' | 'province_code' | 'name'> | undefined;
}

export function checkSubmission(
  body: SubmissionBody,
  deps: { units: UnitLookup; sealer: Sealer; clientHash: string; now?: Date },
): { row: SubmissionRow } | { faults: Fault[] } {
  const faults: Fault[] = [];
  const fault = (field: string, message: string) => faults.push({ field, message });

  const text = storedText(body.text ?? '');
  if (text.length < TEXT_MIN_CHARS) fault('text', `nội dung quá ngắn: cần ít nhất ${TEXT_MIN_CHARS} ký tự để cán bộ hiểu được sự việc`);
  else if (text.length > TEXT_MAX_CHARS) fault('text', `nội dung dài ${text.length.toLocaleString('vi-VN')} ký tự; tối đa ${TEXT_MAX_CHARS.toLocaleString('vi-VN')}`);
  const title = storedText(body.title ?? '').replace(/\n/g, ' ');
  if (title.length > TITLE_MAX_CHARS) fault('title', `tiêu đề dài ${title.length} ký tự; tối đa ${TITLE_MAX_CHARS}`);

  let province = '';
  let commune = '';
  const communeGiven = body.communeCode?.trim() ?? '';
  const provinceGiven = body.provinceCode?.trim() ?? '';
  if (communeGiven) {
    const unit = deps.units.get(unitCode(communeGiven, 'commune'));
    if (unit?.level !== 'commune') fault('communeCode', `"${communeGiven}" không phải mã xã, phường, đặc khu đang có hiệu lực`);
    else {
      commune = unit.code;
      province = unit.province_code;
      if (provinceGiven && unitCode(provinceGiven, 'province') !== province) fault('provinceCode', `xã đã chọn không thuộc tỉnh, thành phố "${provinceGiven}"`);
    }
  } else if (provinceGiven) {
    const unit = deps.units.get(unitCode(provinceGiven, 'province'));
    if (unit?.level !== 'province') fault('provinceCode', `"${provinceGiven}" không phải mã tỉnh, thành phố đang có hiệu lực`);
    else province = unit.code;
  }

  const contact: Record<string, string> = {};
  const given = body.contact ?? {};
  const name = storedText(given.name ?? '').replace(/\n/g, ' ');
  if (name.length > FIELD_MAX_CHARS) fault('contact.name', `họ tên dài quá ${FIELD_MAX_CHARS} ký tự`);
  else if (name) contact.name = name;
  if (given.phone?.trim()) {
    const phone = phoneNumber(given.phone);
    if (!phone) fault('contact.phone', 'số điện thoại không đúng (10 hoặc 11 chữ số, bắt đầu bằng 0 hoặc +84)');
    else contact.phone = phone;
  }
  if (given.idNumber?.trim()) {
    const number = idNumber(given.idNumber);
    if (!number) fault('contact.idNumber', 'số định danh không đúng (CCCD 12 chữ số, hoặc CMND 9 chữ số)');
    else contact.id_number = number;
  }
  const address = storedText(given.address ?? '').replace(/\n/g, ' ');
  if (address.length > FIELD_MAX_CHARS) fault('contact.address', `địa chỉ dài quá ${FIELD_MAX_CHARS} ký tự`);
  else if (address) contact.address = address;
  if (given.email?.trim()) {
    if (!isEmail(given.email.trim()) || given.email.length > FIELD_MAX_CHARS) fault('contact.email', 'địa chỉ thư điện tử không đúng');
    else contact.email = given.email.trim().toLowerCase();
  }
  const consent = body.consentContact === true;
  if (consent && !contact.phone && !contact.email && !contact.address) {
    fault('consentContact', 'để được liên hệ lại, hãy cho biết số điện thoại, thư điện tử hoặc địa chỉ');
  }

  const attachments = (body.attachments ?? []).map((a) => ({ name: storedText(a.name ?? '').replace(/\n/g, ' '), type: (a.type ?? '').trim(), bytes: a.bytes ?? 0 }));
  if (attachments.length > MAX_ATTACHMENTS) fault('attachments', `tối đa ${MAX_ATTACHMENTS} tệp đính kèm`);
  attachments.forEach((a, i) => {
    if (!a.name || a.name.length > FIELD_MAX_CHARS) fault(`attachments[${i}].name`, `tên tệp trống hoặc dài quá ${FIELD_MAX_CHARS} ký tự`);
    if (!Number.isInteger(a.bytes) || a.bytes < 0 || a.bytes > ATTACHMENT_MAX_BYTES) {
      fault(`attachments[${i}].bytes`, `mỗi tệp tối đa ${ATTACHMENT_MAX_BYTES / 1024 / 1024} MB`);
    }
  });

  if (faults.length > 0) return { faults };
  const code = newTrackingCode();
  return {
    row: {
      tracking_code: code,
      petition_id: petitionIdOf(code),
      submitted_at: (deps.now ?? new Date()).toISOString(),
      channel: 'web',
      province_code: province,
      commune_code: commune,
      title,
      text,
      contact_sealed: Object.keys(contact).length > 0 ? deps.sealer.seal(contact) : '',
      consent_contact: consent ? 1 : 0,
      attachments: JSON.stringify(attachments),
      client_hash: deps.clientHash,
    },
  };
}
