/**
 * The intake's error and status messages, as i18n keys with their proposed Vietnamese and English wording. The schema
 * and the handler return KEYS; pages resolve them with `t(key)` once the keys are in `src/i18n/*.json`, and the JSON API
 * resolves them here (`intakeMessage`) so it never depends on the catalogue being updated first.
 *
 * Wording follows the GOV.UK error pattern: say what to do, name the field in words, the same words in the summary and
 * beside the field. Browser-safe.
 */
import type { Lang } from '#src/i18n/index.ts';

export const INTAKE_MESSAGE_KEYS = {
  // Who the help is for.
  'intake.who.required': { vi: 'Chọn người cần được hỗ trợ', en: 'Select who the help is for' },
  'intake.who.invalid': {
    vi: 'Chọn người cần được hỗ trợ trong danh sách',
    en: 'Select who the help is for from the list',
  },
  // Where.
  'intake.place.required': {
    vi: 'Chọn xã, phường nơi người cần hỗ trợ đang sống, hoặc dùng vị trí của bạn',
    en: 'Choose the commune or ward where the person who needs help lives, or use your location',
  },
  'intake.communeCode.invalid': {
    vi: 'Xã, phường đã chọn không hợp lệ; hãy tìm và chọn lại xã, phường',
    en: 'The commune or ward is not valid; search for the commune or ward and choose it again',
  },
  'intake.communeCode.unknown': {
    vi: 'Không tìm thấy xã, phường đã chọn; hãy tìm và chọn lại xã, phường',
    en: 'We could not find that commune or ward; search for it and choose it again',
  },
  'intake.position.invalid': {
    vi: 'Vị trí không hợp lệ; hãy chọn xã, phường thay cho vị trí',
    en: 'The location is not valid; choose a commune or ward instead',
  },
  'intake.position.outsideVietnam': {
    vi: 'Vị trí nằm ngoài Việt Nam; hãy chọn xã, phường thay cho vị trí',
    en: 'The location is outside Vietnam; choose a commune or ward instead',
  },
  'intake.position.noCommune': {
    vi: 'Không xác định được xã, phường gần vị trí này; hãy chọn xã, phường',
    en: 'We could not find a commune or ward near this location; choose one instead',
  },
  // What help.
  'intake.helpWanted.required': { vi: 'Chọn loại hỗ trợ cần nhận', en: 'Select the kind of help wanted' },
  'intake.helpWanted.invalid': {
    vi: 'Chọn loại hỗ trợ cần nhận trong danh sách',
    en: 'Select the kind of help wanted from the list',
  },
  'intake.ageBand.required': {
    vi: 'Chọn độ tuổi của người cần hỗ trợ',
    en: 'Select the age of the person who needs help',
  },
  'intake.ageBand.invalid': {
    vi: 'Chọn độ tuổi của người cần hỗ trợ trong danh sách',
    en: 'Select the age of the person who needs help from the list',
  },
  // The message.
  'intake.message.invalid': { vi: 'Lời nhắn phải là văn bản', en: 'The message must be text' },
  'intake.message.tooLong': {
    vi: 'Lời nhắn chỉ được dài tối đa 2.000 ký tự',
    en: 'The message must be 2,000 characters or fewer',
  },
  'intake.message.controlChars': {
    vi: 'Lời nhắn có ký tự không được phép; hãy xóa các ký tự đó rồi gửi lại',
    en: 'The message contains characters that are not allowed; remove them and send it again',
  },
  // The way to be contacted.
  'intake.contact.invalid': { vi: 'Cách liên lạc không hợp lệ', en: 'The way to contact you is not valid' },
  'intake.contact.kindRequired': {
    vi: 'Chọn cách liên lạc: điện thoại, email hoặc Zalo',
    en: 'Select how to contact you: phone, e-mail or Zalo',
  },
  'intake.contact.kindInvalid': {
    vi: 'Chọn cách liên lạc trong danh sách: điện thoại, email hoặc Zalo',
    en: 'Select how to contact you from the list: phone, e-mail or Zalo',
  },
  'intake.contact.valueRequired': {
    vi: 'Nhập số điện thoại, địa chỉ email hoặc số Zalo để được liên lạc lại, hoặc chọn “Không cần liên lạc”',
    en: 'Enter the phone number, e-mail address or Zalo number to contact you on, or choose “No contact”',
  },
  'intake.contact.phoneInvalid': {
    vi: 'Nhập số điện thoại Việt Nam hợp lệ, ví dụ 0912 345 678',
    en: 'Enter a valid Vietnamese phone number, like 0912 345 678',
  },
  'intake.contact.emailInvalid': {
    vi: 'Nhập địa chỉ email đúng dạng, ví dụ ten@example.com',
    en: 'Enter an e-mail address in the correct format, like name@example.com',
  },
  'intake.contact.zaloInvalid': {
    vi: 'Nhập số điện thoại di động dùng cho Zalo, ví dụ 0912 345 678',
    en: 'Enter the mobile number used for Zalo, like 0912 345 678',
  },
  'intake.preferredTime.invalid': {
    vi: 'Chọn thời gian thuận tiện trong danh sách',
    en: 'Select a convenient time from the list',
  },
  'intake.lang.invalid': {
    vi: 'Ngôn ngữ phải là tiếng Việt (vi) hoặc tiếng Anh (en)',
    en: 'The language must be Vietnamese (vi) or English (en)',
  },
  // Anything else about the request.
  'intake.field.unknown': {
    vi: 'Yêu cầu có một trường không được chấp nhận; hãy tải lại trang rồi gửi lại',
    en: 'The request has a field that is not accepted; reload the page and send it again',
  },
  'intake.field.invalid': { vi: 'Giá trị của trường này không hợp lệ', en: 'The value of this field is not valid' },
  'intake.request.notObject': {
    vi: 'Nội dung yêu cầu phải là một đối tượng JSON',
    en: 'The request body must be a JSON object',
  },
  'intake.request.contentType': {
    vi: 'Hãy gửi yêu cầu với Content-Type: application/json',
    en: 'Send the request with Content-Type: application/json',
  },
  'intake.request.tooLarge': {
    vi: 'Nội dung yêu cầu quá lớn (tối đa 16 KB)',
    en: 'The request body is too large (16 KB at most)',
  },
  'intake.request.malformed': {
    vi: 'Nội dung yêu cầu không phải JSON hợp lệ',
    en: 'The request body is not valid JSON',
  },
  'intake.request.encoding': {
    vi: 'Nội dung yêu cầu không phải văn bản UTF-8 hợp lệ',
    en: 'The request body is not valid UTF-8 text',
  },
  // Refusals and outcomes.
  'intake.refused.rateLimited': {
    vi: 'Đã có quá nhiều yêu cầu được gửi. Hãy thử lại sau ít phút.',
    en: 'Too many requests have been sent. Try again in a few minutes.',
  },
  'intake.refused.proof': {
    vi: 'Không xác minh được trình duyệt của bạn. Hãy tải lại trang rồi gửi lại.',
    en: 'We could not verify your browser. Reload the page and send it again.',
  },
  'intake.pointId.notOffered': {
    vi: 'Điểm đã chọn không nằm trong các điểm được đề xuất cho nơi ở và loại hỗ trợ này. Hãy chọn một trong các điểm dưới đây.',
    en: 'The point you chose is not one of those offered for this place and kind of help. Choose one of the points below.',
  },
  'intake.noPoint': {
    vi: 'Chưa có điểm hỗ trợ phù hợp để nhận yêu cầu này. Hãy xem các điểm hỗ trợ ở tỉnh, thành phố của bạn.',
    en: 'No suitable point can receive this request yet. See the support points in your province or city.',
  },
  'intake.unavailable': {
    vi: 'Chưa gửi được yêu cầu. Hãy thử lại sau ít phút. Nếu khẩn cấp, hãy gọi 115.',
    en: 'Your request could not be sent just now. Try again in a few minutes. In an emergency, call 115.',
  },
  // Follow-up with a receipt code.
  'intake.followUp.codeInvalid': {
    vi: 'Không tìm thấy yêu cầu với mã này. Hãy kiểm tra lại mã, gồm 12 chữ và số, ví dụ 7KQM-2W9D-X4TB.',
    en: 'No request was found with this code. Check the code: 12 letters and digits, like 7KQM-2W9D-X4TB.',
  },
  'intake.followUp.closed': {
    vi: 'Yêu cầu này đã kết thúc. Nếu vẫn cần hỗ trợ, hãy gửi một yêu cầu mới.',
    en: 'This request is closed. If you still need help, send a new request.',
  },
  'intake.followUp.withdrawn': {
    vi: 'Yêu cầu đã được rút. Nội dung yêu cầu và các tin nhắn đã bị xóa.',
    en: 'The request has been withdrawn. Its content and messages have been deleted.',
  },
  'intake.followUp.textRequired': { vi: 'Nhập tin nhắn muốn gửi thêm', en: 'Enter the message you want to add' },
} as const satisfies Record<string, Record<Lang, string>>;

/** One of the intake's message keys. */
export type IntakeMessageKey = keyof typeof INTAKE_MESSAGE_KEYS;

/** True when `key` is one of the intake's message keys. */
export function isIntakeMessageKey(key: string): key is IntakeMessageKey {
  return Object.hasOwn(INTAKE_MESSAGE_KEYS, key);
}

/** The wording of an intake message key in `lang` (an unknown key falls back to the generic "not valid"). */
export function intakeMessage(key: string, lang: Lang): string {
  const entry = isIntakeMessageKey(key) ? INTAKE_MESSAGE_KEYS[key] : INTAKE_MESSAGE_KEYS['intake.field.invalid'];
  return entry[lang];
}
