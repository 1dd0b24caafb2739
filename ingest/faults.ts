/**
 * What can be wrong with a row or a whole file, in the words of each language: every fault a kind's check finds (in
 * JavaScript or in its SQL), and every refusal of a file (WordedError), is a code and its values, worded only when it
 * is shown, in the language of whoever reads it. Officers read them in Vietnamese on the upload page and in the
 * inbox's summaries (INBOX_LANG); the API and the commands answer in English unless asked (`lang=vi`, `--lang vi`).
 *
 * A fault is kept (ingest_quarantine.reason, and a check's fault_details) as its code and values joined by U+001F, the
 * values in the order of the code's `params`; the faults of one row are joined by U+001E. The SQL checks write them so
 * (sql/ingest/<kind>/check.sql): a code's params are the contract between them and this file.
 *
 * Personal values (a petitioner's phone, ID number, e-mail) are never a fault's value: messages are shown where
 * personal data may not be.
 */

export type Lang = 'vi' | 'en';
export const LANGS: readonly Lang[] = ['vi', 'en'];

interface FaultText {
  /** The values a message takes, in the order they are stored. */
  params?: readonly string[];
  /** Values that are numbers, written with the language's separators (1,048,576 or 1.048.576). */
  numbers?: readonly string[];
  /** Values that are days (or moments), given as ISO and written day first in Vietnamese (16/09/2025). */
  days?: readonly string[];
  en: string;
  vi: string;
}

export const FAULT_TEXTS = {
  // Any field.
  empty: { en: 'is empty', vi: 'đang để trống' },
  empty_of: { params: ['choices'], en: 'is empty ({choices})', vi: 'đang để trống (chọn một trong: {choices})' },
  longer_than: { params: ['max'], numbers: ['max'], en: 'is longer than {max} characters', vi: 'vượt quá {max} ký tự' },
  too_long: {
    params: ['length', 'max'],
    numbers: ['length', 'max'],
    en: 'is {length} characters long; at most {max}',
    vi: 'dài {length} ký tự; tối đa {max} ký tự',
  },
  not_date: { params: ['value'], en: '"{value}" is not a date', vi: '"{value}" không phải là ngày' },
  not_datetime: { params: ['value'], en: '"{value}" is not a date and time', vi: '"{value}" không phải là ngày giờ' },
  in_future: { params: ['value'], en: '"{value}" is in the future', vi: '"{value}" là thời điểm trong tương lai' },
  not_number: { params: ['value'], en: '"{value}" is not a number', vi: '"{value}" không phải là số' },
  negative: { params: ['value'], en: '"{value}" is negative', vi: '"{value}" là số âm' },
  not_count: {
    params: ['value'],
    en: '"{value}" is not a count (a whole number from 0)',
    vi: '"{value}" không phải là số lượng (số nguyên từ 0 trở lên)',
  },
  not_phone: { params: ['value'], en: '"{value}" is not a phone number', vi: '"{value}" không phải là số điện thoại' },
  not_email_value: { params: ['value'], en: '"{value}" is not an e-mail address', vi: '"{value}" không phải là địa chỉ thư điện tử' },
  not_url: {
    params: ['value'],
    en: '"{value}" is not a web address (http:// or https://)',
    vi: '"{value}" không phải là địa chỉ trang web (http:// hoặc https://)',
  },
  not_yes_no: { params: ['value'], en: '"{value}" is neither yes (có) nor no (không)', vi: '"{value}" không phải là "có" hay "không"' },

  // Personal fields: the value is never repeated.
  not_vn_phone: {
    en: 'is not a Vietnamese phone number (10 or 11 digits from 0, or +84)',
    vi: 'không phải là số điện thoại Việt Nam (10 hoặc 11 chữ số, bắt đầu bằng 0 hoặc +84)',
  },
  not_id_number: {
    en: 'is not a citizen ID number (12 digits, or 9 for an old ID card)',
    vi: 'không phải là số căn cước (12 chữ số, hoặc 9 chữ số với chứng minh nhân dân cũ)',
  },
  not_email: { en: 'is not an e-mail address', vi: 'không phải là địa chỉ thư điện tử' },

  // Lists of values.
  not_organisation: {
    params: ['value', 'choices'],
    en: '"{value}" is not an organisation ({choices})',
    vi: '"{value}" không phải là tổ chức nào trong danh mục ({choices})',
  },
  not_position: {
    params: ['value', 'choices'],
    en: '"{value}" is not a position ({choices})',
    vi: '"{value}" không phải là chức vụ nào trong danh mục ({choices})',
  },
  not_gender: { params: ['value'], en: '"{value}" is not a gender (nam, nữ)', vi: '"{value}" không phải là giới tính (nam, nữ)' },
  not_status: {
    params: ['value', 'choices'],
    en: '"{value}" is not a status ({choices})',
    vi: '"{value}" không phải là trạng thái nào trong danh mục ({choices})',
  },
  not_channel: {
    params: ['value', 'choices'],
    en: '"{value}" is not a channel ({choices})',
    vi: '"{value}" không phải là kênh tiếp nhận nào trong danh mục ({choices})',
  },
  not_source: {
    params: ['value', 'choices'],
    en: '"{value}" is not a source ({choices})',
    vi: '"{value}" không phải là nguồn nào trong danh mục ({choices})',
  },
  source_unknown: {
    params: ['choices'],
    en: 'is empty, and the link does not tell ({choices})',
    vi: 'đang để trống, và đường dẫn cũng không cho biết nguồn ({choices})',
  },
  not_indicator: {
    params: ['value', 'choices'],
    en: '"{value}" is not an indicator ({choices})',
    vi: '"{value}" không phải là chỉ tiêu nào trong danh mục ({choices})',
  },
  not_week: {
    params: ['value'],
    en: '"{value}" is not a week (2025-W37, Tuần 37/2025, or any day of the week)',
    vi: '"{value}" không phải là tuần (2025-W37, Tuần 37/2025, hoặc một ngày bất kỳ trong tuần)',
  },
  no_values: {
    en: 'no value is given: give indicator and value columns, or one column per indicator',
    vi: 'không có số liệu nào: cần có cột chỉ tiêu và cột giá trị, hoặc mỗi chỉ tiêu một cột riêng',
  },
  week_after: { params: ['value', 'day'], days: ['day'], en: '"{value}" is a week after {day}', vi: '"{value}" là tuần bắt đầu sau ngày {day}' },
  not_birth_year: {
    params: ['value', 'max'],
    en: '"{value}" is not a birth year from 1920 to {max}',
    vi: '"{value}" không phải là năm sinh từ 1920 đến {max}',
  },

  // Units.
  unit_not_in_force: {
    params: ['value', 'day'],
    days: ['day'],
    en: '"{value}" is not a province, commune or village in force on {day}',
    vi: '"{value}" không phải là mã tỉnh, mã xã hoặc mã thôn, tổ dân phố còn hiệu lực vào ngày {day}',
  },
  commune_not_in_force: {
    params: ['value', 'day'],
    days: ['day'],
    en: '"{value}" is not a commune in force on {day}',
    vi: '"{value}" không phải là mã xã còn hiệu lực vào ngày {day}',
  },
  province_not_in_force: {
    params: ['value', 'day'],
    days: ['day'],
    en: '"{value}" is not a province in force on {day}',
    vi: '"{value}" không phải là mã tỉnh còn hiệu lực vào ngày {day}',
  },
  handler_not_in_force: {
    params: ['value', 'day'],
    days: ['day'],
    en: '"{value}" is not the central level, a province or a commune in force on {day}',
    vi: '"{value}" không phải là mã cấp trung ương, mã tỉnh hoặc mã xã còn hiệu lực vào ngày {day}',
  },
  handler_not_unit: {
    params: ['value', 'central'],
    en: '"{value}" is not the central level ({central}), a province or a commune in force',
    vi: '"{value}" không phải là cấp trung ương ({central}), mã tỉnh hay mã xã đang có hiệu lực',
  },
  unit_not_in_force_on: {
    params: ['value', 'day'],
    days: ['day'],
    en: '"{value}" is not a unit in force on {day}',
    vi: '"{value}" không phải là mã đơn vị còn hiệu lực vào ngày {day}',
  },
  not_province_of: {
    params: ['value', 'commune', 'province'],
    en: '"{value}" is not the province of commune {commune} ({province})',
    vi: '"{value}" không phải là mã tỉnh của xã {commune} (xã này thuộc tỉnh {province})',
  },
  not_village_of: {
    params: ['value', 'commune'],
    en: '"{value}" is not a village of commune {commune}',
    vi: '"{value}" không phải là thôn, tổ dân phố của xã {commune}',
  },
  no_place: {
    params: ['central'],
    en: 'is empty, and so is province_code: a petition needs the commune, or at least the province, it concerns (or handling_unit_code {central} for a national matter)',
    vi: 'đang để trống, mã tỉnh cũng để trống: đơn cần ghi xã, hoặc ít nhất là tỉnh, nơi phát sinh vụ việc (hoặc ghi đơn vị xử lý là {central} nếu là vụ việc chung của cả nước)',
  },
  outside_scope_commune: {
    params: ['commune', 'scope'],
    en: 'is in commune {commune}, outside your scope ({scope})',
    vi: 'thuộc xã {commune}, ngoài phạm vi của bạn ({scope})',
  },
  outside_scope_province: {
    params: ['province', 'scope'],
    en: 'is in province {province}, outside your scope ({scope})',
    vi: 'thuộc tỉnh {province}, ngoài phạm vi của bạn ({scope})',
  },
  outside_scope_nowhere: {
    params: ['scope'],
    en: 'is in province (none), outside your scope ({scope})',
    vi: 'không thuộc tỉnh nào, ngoài phạm vi của bạn ({scope})',
  },

  // Rows that repeat others.
  repeated_row: { params: ['row'], en: 'is also on row {row} with other values', vi: 'cũng có ở dòng {row} với nội dung khác' },
  key_repeated_row: {
    params: ['value', 'row'],
    en: '"{value}" is also on row {row} with other values',
    vi: '"{value}" cũng có ở dòng {row} với nội dung khác',
  },
  repeated_earlier: {
    en: 'is also on an earlier row of this file with other values',
    vi: 'cũng có ở một dòng trước trong tệp này với nội dung khác',
  },
  key_repeated_earlier: {
    params: ['value'],
    en: '"{value}" is also on an earlier row of this file with other values',
    vi: '"{value}" cũng có ở một dòng trước trong tệp này với nội dung khác',
  },
  report_repeated_row: {
    params: ['row'],
    en: 'the same unit, week and indicators are also on row {row} with other values',
    vi: 'dòng {row} cũng có cùng đơn vị, tuần và chỉ tiêu này nhưng số liệu khác',
  },
  petition_stored: {
    params: ['value', 'run'],
    en: '"{value}" is stored already (run {run}) with other content; a petition does not change: send its handling as petition events',
    vi: '"{value}" đã được lưu (lần nạp {run}) với nội dung khác; đơn đã lưu không thể sửa đổi: hãy nạp các bước xử lý đơn vào lịch sử xử lý đơn thư',
  },
  post_stored: {
    params: ['value', 'run'],
    en: '"{value}" is stored already (run {run}) with another text, link, place or time',
    vi: '"{value}" đã được lưu (lần nạp {run}) với nội dung, đường dẫn, địa bàn hoặc thời gian khác',
  },
  event_stored: {
    params: ['value'],
    en: '"{value}" is stored already with other values: events never change; send a new event',
    vi: '"{value}" đã được lưu với nội dung khác: sự kiện đã lưu không thể sửa đổi; hãy gửi một sự kiện mới',
  },

  // Petitions and their handling.
  petition_not_stored: {
    params: ['value'],
    en: '"{value}" is not a stored petition (load the petitions first, then their events)',
    vi: '"{value}" chưa có trong các đơn đã lưu (hãy nạp đơn trước, rồi mới nạp lịch sử xử lý)',
  },
  before_received: {
    params: ['value'],
    en: '"{value}" is before the petition was received',
    vi: '"{value}" trước thời điểm tiếp nhận đơn',
  },
  before_received_at: {
    params: ['value', 'received'],
    days: ['received'],
    en: '"{value}" is before the petition was received ({received})',
    vi: '"{value}" trước thời điểm tiếp nhận đơn ({received})',
  },

  // Villages and the communes' expected villages.
  not_level: {
    params: ['value'],
    en: '"{value}" is not a level (village: thôn, tổ dân phố; commune: xã, phường)',
    vi: '"{value}" không phải là cấp hợp lệ (cấp thôn: thôn hoặc tổ dân phố; cấp xã: xã hoặc phường)',
  },
  province_from_list: {
    en: 'provinces come only from the official list (npm run units:import)',
    vi: 'tỉnh chỉ được lấy từ danh mục chính thức (npm run units:import)',
  },
  not_commune_name: {
    params: ['value', 'commune', 'name'],
    en: '"{value}" is not the name of commune {commune} ({name}): names come only from the official list (npm run units:import)',
    vi: '"{value}" không phải là tên của xã {commune} ({name}): tên xã chỉ được lấy từ danh mục chính thức (npm run units:import)',
  },
  villages_expected_empty: {
    en: 'is empty: a commune row gives how many villages the commune expects',
    vi: 'đang để trống: dòng của xã cần ghi số thôn, tổ dân phố mà xã dự kiến có',
  },
  not_villages_count: {
    params: ['value', 'max'],
    en: '"{value}" is not a number of villages (0 to {max})',
    vi: '"{value}" không phải là số thôn, tổ dân phố (từ 0 đến {max})',
  },
  not_village_type: {
    params: ['value', 'choices'],
    en: '"{value}" is not a kind of village ({choices})',
    vi: '"{value}" không phải là loại thôn, tổ dân phố ({choices})',
  },
  village_type_unknown: {
    params: ['choices'],
    en: 'is empty, and the name does not start with a kind of village ({choices})',
    vi: 'đang để trống, và tên cũng không bắt đầu bằng loại thôn, tổ dân phố ({choices})',
  },
  closed_before_open: {
    params: ['value', 'day'],
    days: ['day'],
    en: '"{value}" is not after valid_from ({day})',
    vi: '"{value}" trùng hoặc sớm hơn ngày bắt đầu có hiệu lực ({day})',
  },
  not_village_code: {
    params: ['value'],
    en: '"{value}" is not a village code (the commune code, "-", three digits: 00004-012)',
    vi: '"{value}" không phải là mã thôn, tổ dân phố (mã xã, dấu "-", ba chữ số: 00004-012)',
  },
  not_code_of_commune: {
    params: ['value', 'commune'],
    en: '"{value}" is not a code of commune {commune}',
    vi: '"{value}" không phải là mã thuộc xã {commune}',
  },
  village_name_taken: {
    params: ['value', 'commune', 'code'],
    en: '"{value}" is the name of another village of commune {commune} ({code})',
    vi: '"{value}" là tên của một thôn, tổ dân phố khác của xã {commune} ({code})',
  },
  commune_full: {
    params: ['commune'],
    en: 'commune {commune} has 999 villages already',
    vi: 'xã {commune} đã đạt số tối đa 999 thôn, tổ dân phố',
  },
  village_of_other_commune: {
    params: ['village', 'commune', 'given'],
    en: 'village {village} belongs to commune {commune}, not {given}',
    vi: 'thôn, tổ dân phố {village} thuộc xã {commune}, không phải xã {given}',
  },

  // The official list of provinces and communes, and the successions of the 2025 reform.
  not_province_code: {
    params: ['value'],
    en: 'must be the 2-digit NSO province code, got "{value}"',
    vi: 'phải là mã tỉnh 2 chữ số theo danh mục của cơ quan thống kê, nhưng đang ghi "{value}"',
  },
  not_province_name: {
    params: ['value'],
    en: 'must be the full name starting with "Tỉnh" or "Thành phố", got "{value}"',
    vi: 'phải là tên đầy đủ, bắt đầu bằng "Tỉnh" hoặc "Thành phố", nhưng đang ghi "{value}"',
  },
  not_commune_code: {
    params: ['value'],
    en: 'must be the 5-digit NSO commune code, got "{value}"',
    vi: 'phải là mã xã 5 chữ số theo danh mục của cơ quan thống kê, nhưng đang ghi "{value}"',
  },
  not_commune_type: {
    params: ['value'],
    en: 'must be xã, phường or đặc khu, got "{value}"',
    vi: 'phải là xã, phường hoặc đặc khu, nhưng đang ghi "{value}"',
  },
  type_against_name: {
    params: ['value', 'name', 'written'],
    en: 'is "{value}" but the name "{name}" says {written}',
    vi: 'là "{value}" nhưng tên "{name}" lại ghi là {written}',
  },
  province_named_otherwise: {
    params: ['province', 'name', 'row', 'value'],
    en: 'province {province} is "{name}" on row {row}, not "{value}"',
    vi: 'tỉnh {province} là "{name}" ở dòng {row}, không phải "{value}"',
  },
  commune_named_otherwise: {
    params: ['commune', 'name', 'row'],
    en: 'commune {commune} is already "{name}" on row {row}',
    vi: 'xã {commune} đã được ghi tên "{name}" ở dòng {row}',
  },
  not_former_code: {
    params: ['value'],
    en: 'must be the former unit\'s NSO code (up to 5 digits), got "{value}"',
    vi: 'phải là mã thống kê của đơn vị cũ (tối đa 5 chữ số), nhưng đang ghi "{value}"',
  },
  not_one_of: { params: ['value', 'choices'], en: 'must be one of {choices}, got "{value}"', vi: 'phải là một trong các giá trị {choices}, nhưng đang ghi "{value}"' },

  // A row that cannot be taken as its columns.
  not_json_object: { en: 'is not a JSON object', vi: 'không phải là một đối tượng JSON' },
  not_json: { params: ['detail'], en: 'is not valid JSON ({detail})', vi: 'không phải là JSON hợp lệ ({detail})' },
  not_json_value: {
    en: 'holds a JSON object or array where one value (a text, a number, true or false) belongs',
    vi: 'chứa một đối tượng hoặc mảng JSON ở chỗ chỉ cần một giá trị (chữ, số, đúng hoặc sai)',
  },
  not_csv: { params: ['detail'], en: 'is not well-formed CSV ({detail})', vi: 'không đúng định dạng CSV ({detail})' },
  unclosed_quote: {
    params: ['line'],
    en: 'has a double quote, opened on line {line}, that is never closed: the row ends before the next line that reads as a whole row',
    vi: 'có dấu ngoặc kép mở ở dòng {line} nhưng không được đóng: dòng dữ liệu kết thúc trước dòng tiếp theo đọc được thành một dòng đủ cột',
  },
  cells_missing: {
    params: ['cells', 'columns'],
    en: 'has {cells} cells where the header has {columns}: a cell left out moves every cell after it into the wrong column (a phone under the name), so the row is kept sealed whole; write every cell, empty ones too',
    vi: 'chỉ có {cells} ô trong khi dòng tiêu đề có {columns} cột: thiếu một ô thì mọi ô sau nó bị lệch sang cột khác (số điện thoại nằm ở cột họ tên), nên cả dòng được niêm phong; hãy ghi đủ mọi ô, kể cả ô trống',
  },
  cells_past_header: {
    params: ['columns'],
    en: "has cells past the last of the header's {columns} columns: a comma, semicolon or tab inside a cell needs the cell in double quotes, or every cell after it shifts",
    vi: 'có ô nằm ngoài {columns} cột của dòng tiêu đề: ô nào chứa dấu phẩy, dấu chấm phẩy hay dấu tab thì phải đặt trong dấu ngoặc kép, nếu không mọi ô sau nó đều bị lệch cột',
  },

  // A file that cannot be read at all: refused whole, before or while it is read (InputError).
  file_missing: { en: 'no such file', vi: 'không có tệp này' },
  file_empty: { en: 'is empty (0 bytes)', vi: 'là tệp rỗng (0 byte)' },
  text_is_xls: {
    en: 'is an Excel 97–2003 workbook (.xls), not text: open it in Excel and save it as an Excel Workbook (.xlsx) or as CSV UTF-8',
    vi: 'là sổ tính Excel 97–2003 (.xls), không phải văn bản: hãy mở bằng Excel rồi lưu lại dưới dạng Excel Workbook (.xlsx) hoặc CSV UTF-8',
  },
  text_is_zip: {
    en: 'is a ZIP archive (an .xlsx workbook is one), not text: load a workbook with its .xlsx name, or save it as CSV UTF-8',
    vi: 'là tệp nén ZIP (sổ tính .xlsx cũng là tệp ZIP), không phải văn bản: hãy nạp sổ tính với đuôi .xlsx, hoặc lưu lại dưới dạng CSV UTF-8',
  },
  text_is_pdf: {
    en: 'is a PDF document, not a table: load the spreadsheet or export it was made from',
    vi: 'là tài liệu PDF, không phải bảng dữ liệu: hãy nạp bảng tính hoặc tệp xuất dữ liệu đã dùng để tạo ra nó',
  },
  xls_not_read: {
    en: 'an Excel 97–2003 workbook (.xls) is not read: save it as an Excel Workbook (.xlsx) or as CSV UTF-8, and load that',
    vi: 'không đọc được định dạng sổ tính Excel 97–2003 (.xls): hãy lưu lại dưới dạng Excel Workbook (.xlsx) hoặc CSV UTF-8 rồi nạp tệp đó',
  },
  xlsb_not_read: {
    en: 'an Excel binary workbook (.xlsb) is not read: save it as an Excel Workbook (.xlsx) or as CSV UTF-8, and load that',
    vi: 'không đọc được định dạng sổ tính Excel nhị phân (.xlsb): hãy lưu lại dưới dạng Excel Workbook (.xlsx) hoặc CSV UTF-8 rồi nạp tệp đó',
  },
  ods_not_read: {
    en: 'an OpenDocument spreadsheet (.ods) is not read: save it as an Excel Workbook (.xlsx) or as CSV UTF-8, and load that',
    vi: 'không đọc được định dạng bảng tính OpenDocument (.ods): hãy lưu lại dưới dạng Excel Workbook (.xlsx) hoặc CSV UTF-8 rồi nạp tệp đó',
  },
  numbers_not_read: {
    en: 'a Numbers spreadsheet is not read: save it as an Excel Workbook (.xlsx) or as CSV UTF-8, and load that',
    vi: 'không đọc được định dạng bảng tính Numbers: hãy xuất ra dưới dạng Excel Workbook (.xlsx) hoặc CSV UTF-8 rồi nạp tệp đó',
  },
  format_unknown: {
    params: ['ext'],
    en: 'cannot tell the format from "{ext}": use a .csv, .xlsx or .jsonl file',
    vi: 'không nhận ra định dạng từ đuôi "{ext}": hãy dùng tệp .csv, .xlsx hoặc .jsonl',
  },
  line_too_long: {
    params: ['line', 'max'],
    numbers: ['max'],
    en: 'line {line}: longer than {max} characters',
    vi: 'dòng {line}: dài quá {max} ký tự',
  },
  record_too_long: {
    params: ['line', 'max'],
    en: 'line {line}: a record longer than {max} MiB (an unclosed quote?)',
    vi: 'dòng {line}: một bản ghi dài quá {max} MiB (thiếu dấu ngoặc kép đóng?)',
  },
  csv_unreadable: { params: ['line', 'detail'], en: 'line {line}: {detail}', vi: 'dòng {line}: không đọc được CSV ({detail})' },
  xlsx_cut: {
    en: 'not a readable .xlsx workbook: the file is empty or ends too early (cut off in copying or downloading?)',
    vi: 'không đọc được sổ tính .xlsx: tệp rỗng hoặc thiếu phần cuối (bị cắt khi sao chép hay tải về?)',
  },
  xlsx_unreadable: { params: ['detail'], en: 'not a readable .xlsx workbook ({detail})', vi: 'không đọc được sổ tính .xlsx ({detail})' },
  no_sheet: { en: 'the workbook has no sheet', vi: 'sổ tính không có trang tính nào' },
  sheet_missing: {
    params: ['sheet', 'sheets'],
    en: 'no sheet named "{sheet}" (sheets: {sheets})',
    vi: 'không có trang tính tên "{sheet}" (các trang tính: {sheets})',
  },
  no_header: {
    params: ['columns', 'rows'],
    en: 'no header row with the columns {columns} in the first {rows} rows',
    vi: 'không tìm thấy dòng tiêu đề có các cột {columns} trong {rows} dòng đầu',
  },
  no_header_in_sheet: {
    params: ['columns', 'rows', 'sheet'],
    en: 'no header row with the columns {columns} in the first {rows} rows of sheet "{sheet}" (another sheet: --sheet NAME, or sheet=NAME in an upload)',
    vi: 'không tìm thấy dòng tiêu đề có các cột {columns} trong {rows} dòng đầu của trang tính "{sheet}" (để đọc trang tính khác: ghi tên ở ô Trang tính, hoặc --sheet TÊN)',
  },
  header_lacks: {
    params: ['row', 'missing', 'columns'],
    en: 'the header on row {row} lacks the column(s) {missing}; expected: {columns}',
    vi: 'dòng tiêu đề (dòng {row}) thiếu cột {missing}; cần có: {columns}',
  },
  kind_unknown: {
    params: ['kinds'],
    en: 'cannot tell what kind of data this is; put it in a folder named after its kind ({kinds}) or start its name with the kind, e.g. officers-ha-noi.xlsx',
    vi: 'không biết đây là loại dữ liệu nào: hãy đặt tệp vào thư mục mang tên loại dữ liệu ({kinds}), hoặc đặt tên tệp bắt đầu bằng loại dữ liệu, ví dụ officers-ha-noi.xlsx',
  },
  unit_code_ambiguous: {
    params: ['value', 'province', 'commune'],
    en: '"{value}" may be province {province} or commune {commune} (a code whose leading zeros were dropped): write it with its zeros, or give the level',
    vi: '"{value}" có thể là tỉnh {province} hoặc xã {commune} (mã bị mất các số 0 ở đầu): hãy ghi đủ các số 0, hoặc ghi cấp đơn vị',
  },
  not_in_encoding: {
    params: ['encoding'],
    en: 'holds bytes the file\'s encoding ({encoding}) cannot read, shown as �: a part of the file was saved in another encoding; save the whole file again as UTF-8',
    vi: 'có byte không đọc được theo bảng mã của tệp ({encoding}), hiện thành �: một phần tệp được lưu bằng bảng mã khác; hãy lưu lại toàn bộ tệp dạng UTF-8',
  },
  upload_over_limit: {
    params: ['limit'],
    numbers: ['limit'],
    en: 'the upload is larger than {limit} bytes (INGEST_MAX_BYTES)',
    vi: 'tệp tải lên lớn hơn {limit} byte, mức tối đa của một lần tải lên (INGEST_MAX_BYTES)',
  },
  upload_declared_over_limit: {
    params: ['bytes', 'limit'],
    numbers: ['bytes', 'limit'],
    en: '{bytes} bytes is more than an upload may send (INGEST_MAX_BYTES = {limit})',
    vi: '{bytes} byte vượt quá mức tối đa của một lần tải lên (INGEST_MAX_BYTES = {limit})',
  },
  upload_media_type: {
    params: ['type', 'types'],
    en: 'is sent as {type}: send the file itself as the body, as {types} (JSON Lines as application/x-ndjson; with application/octet-stream the file name tells the format)',
    vi: 'được gửi dưới dạng {type}: hãy gửi chính tệp làm nội dung yêu cầu, dạng {types} (JSON Lines là application/x-ndjson; với application/octet-stream, tên tệp cho biết định dạng)',
  },
  resubmit_other_kind: {
    params: ['run', 'kind'],
    en: 'is given as the correction of run {run}, which loaded {kind}: a correction file goes back as the kind of data it came from',
    vi: 'được nạp làm tệp sửa lỗi cho lần nạp {run}, nhưng lần nạp đó là dữ liệu loại {kind}: tệp sửa lỗi phải nạp lại đúng loại dữ liệu của nó',
  },
  registry_empty: {
    params: ['day'],
    days: ['day'],
    en: 'not loaded: the store holds no provinces or communes in force on {day}, so every row would be quarantined as naming an unknown unit. Load the official list of units first: npm run units:import -- ingest/data/vn-admin-units-2025.csv',
    vi: 'chưa nạp: kho dữ liệu chưa có tỉnh, xã nào còn hiệu lực vào ngày {day}, nên mọi dòng đều sẽ bị giữ lại vì ghi đơn vị không có trong danh mục. Hãy nạp danh mục đơn vị hành chính chính thức trước: npm run units:import -- ingest/data/vn-admin-units-2025.csv',
  },
} as const satisfies Record<string, FaultText>;

export type FaultCode = keyof typeof FAULT_TEXTS;
export type FaultParams = Record<string, string | number | undefined>;

/** What is wrong, without the field: a code and its values. */
export interface FaultDetail {
  code: FaultCode;
  params?: FaultParams;
}

/** A fault of a row: the field and what is wrong with it. */
export interface Fault extends FaultDetail {
  field: string;
}

export function fault(field: string, code: FaultCode, params?: FaultParams): Fault {
  return params ? { field, code, params } : { field, code };
}

const UNIT = '\u001f';
const RECORD = '\u001e';
const LOCALES: Record<Lang, string> = { vi: 'vi-VN', en: 'en-US' };

export function isFaultCode(code: string): code is FaultCode {
  return Object.hasOwn(FAULT_TEXTS, code);
}

/** A fault in words, in NFC whatever the values were written in (a file saved on a Mac writes them decomposed). */
export function describeFault(detail: FaultDetail, lang: Lang): string {
  const text: FaultText = FAULT_TEXTS[detail.code];
  return fill(text, detail, lang).normalize('NFC');
}

function fill(text: FaultText, detail: FaultDetail, lang: Lang): string {
  return text[lang].replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (!text.params?.includes(name)) return whole;
    const value = detail.params?.[name] ?? '';
    if (text.days?.includes(name) && lang === 'vi') return dayFirst(String(value));
    if (!text.numbers?.includes(name) || value === '') return String(value);
    const n = Number(value);
    return Number.isFinite(n) ? n.toLocaleString(LOCALES[lang]) : String(value);
  });
}

/** "2025-09-16" → "16/09/2025", "2025-09-16 08:30:00" → "16/09/2025 08:30"; anything else as it is. */
function dayFirst(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}:\d{2}))?/.exec(value);
  return m ? `${m[3]}/${m[2]}/${m[1]}${m[4] ? ` ${m[4]}` : ''}` : value;
}

/** A fault's values as text, as they are kept: the values it takes, in no particular language. */
export function paramsAsText(detail: FaultDetail): Record<string, string> {
  const names = (FAULT_TEXTS[detail.code] as FaultText).params ?? [];
  return Object.fromEntries(names.map((n) => [n, String(detail.params?.[n] ?? '')]));
}

/** A row's faults as kept in ingest_quarantine.reason. */
export function encodeFaults(details: readonly FaultDetail[]): string {
  return details
    .map((d) => [d.code, ...Object.values(paramsAsText(d)).map((v) => v.replace(/[\u001e\u001f]/g, ' '))].join(UNIT))
    .join(RECORD);
}

/**
 * A row's faults as kept, in words, joined by "; ". A reason kept before faults were codes (English text) is given as
 * it was.
 */
export function describeReason(reason: string, lang: Lang): string {
  return decodeFaults(reason)
    .map((d) => (typeof d === 'string' ? d : describeFault(d, lang)))
    .join('; ');
}

/** One fault as a check writes it (its code and values); an unknown code is a check out of step with this file. */
export function decodeFault(text: string): FaultDetail {
  const [detail] = decodeFaults(text);
  if (detail === undefined || typeof detail === 'string') throw new Error(`a check wrote a fault this file does not know: "${text}"`);
  return detail;
}

/** A kept reason's faults; a part that is not a known code (an older run's English text) comes back as text. */
export function decodeFaults(reason: string): (FaultDetail | string)[] {
  if (reason === '') return [];
  return reason.split(RECORD).map((part) => {
    const [code = '', ...values] = part.split(UNIT);
    if (!isFaultCode(code)) return part;
    const names = (FAULT_TEXTS[code] as FaultText).params ?? [];
    return { code, params: Object.fromEntries(names.map((n, i) => [n, values[i] ?? ''])) };
  });
}

/**
 * An error about a whole input (a file, an upload): its subject (the file's name) and what is wrong, worded in English
 * as its message, and in either language on asking. Registry tools that only an administrator runs may still give
 * plain English text.
 */
export class WordedError extends Error {
  constructor(
    readonly subject: string,
    readonly detail: FaultDetail | string,
  ) {
    super(`${subject}: ${typeof detail === 'string' ? detail : describeFault(detail, 'en')}`);
  }

  /** The message in `lang`. */
  worded(lang: Lang): string {
    return typeof this.detail === 'string' ? this.message : `${this.subject}: ${describeFault(this.detail, lang)}`;
  }
}

export function isLang(value: string | undefined): value is Lang {
  return (LANGS as readonly (string | undefined)[]).includes(value);
}

/** The language asked for: 'vi' or 'en'; anything else (or nothing) is the default. */
export function langOr(value: string | undefined, fallback: Lang): Lang {
  return isLang(value) ? value : fallback;
}
