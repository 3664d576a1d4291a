/**
 * The notices the outbox sends, in Vietnamese and English, rendered at send time (plain text and simple HTML).
 *
 * Privacy rule: a notice says THAT something happened, never WHAT was written. No template accepts request text,
 * replies, contact details or receipt codes; each names the only parameters it takes (a point's name, counts, links,
 * a one-time token), and anything else is refused, at enqueue time and again at send time. To read a case, staff sign
 * in to the console; a requester opens the follow-up page and types the receipt code.
 */
import type { Lang } from '#src/i18n/index.ts';
import { AppError } from '#src/lib/errors.ts';
import type { MessageKind, RecipientKind } from './kinds.ts';
import { mailPaths, tokenPath } from './links.ts';
import { type ParamSpec, paramProblem, resolveSiteLink } from './params.ts';
import { type Block, type Draft, type RenderedMail, renderDraft } from './render-mail.ts';

/** A notice cannot be built: unknown kind, unknown or missing parameter, a value that is not allowed, a foreign link. */
export class TemplateError extends AppError {
  override name = 'TemplateError';
}

/** What rendering needs besides the message: the site's public origin, for links. */
export interface RenderContext {
  readonly siteUrl: string;
}

type Params = Readonly<Record<string, string>>;
type Link = (pathOrUrl: string) => string;

interface Template {
  /** Who may receive it: a requester only ever gets `reply-notice`. */
  readonly recipients: readonly RecipientKind[];
  readonly params: Readonly<Record<string, ParamSpec>>;
  readonly draft: (lang: Lang, p: Params, link: Link) => Omit<Draft, 'footer'>;
}

const text = (required = true): ParamSpec => ({ kind: 'text', required });
const link = (required = true): ParamSpec => ({ kind: 'link', required });
const count = (required = true): ParamSpec => ({ kind: 'count', required });
const token = (): ParamSpec => ({ kind: 'token', required: true });
const date = (): ParamSpec => ({ kind: 'date', required: false });

const STAFF: readonly RecipientKind[] = ['point-staff', 'staff', 'admin'];

const footers: Record<Lang, string> = {
  vi: 'Thư này được gửi tự động từ cổng Hỗ trợ cai nghiện. Vui lòng không trả lời thư này.',
  en: 'This e-mail was sent automatically by the Hỗ trợ cai nghiện portal. Please do not reply to it.',
};

// `p.x ?? ''` below: required parameters are checked before a draft is made, optional ones are tested with `if`.
const templates: Record<MessageKind, Template> = {
  'new-case': {
    recipients: ['point-staff'],
    params: { pointName: text(), consoleUrl: link() },
    draft: (lang, p, to) =>
      lang === 'vi'
        ? {
            subject: `Có yêu cầu tư vấn mới cho ${p.pointName ?? ''}`,
            blocks: [
              'Xin chào,',
              `Có một yêu cầu tư vấn mới gửi đến ${p.pointName ?? ''}. Người gửi đang chờ điểm hỗ trợ trả lời.`,
              'Để bảo vệ người gửi, thư này không kèm nội dung yêu cầu hay thông tin liên hệ. Hãy đăng nhập trang quản lý để đọc và trả lời.',
              { link: to(p.consoleUrl ?? ''), label: 'Mở trang quản lý' },
            ],
          }
        : {
            subject: `New request for counselling for ${p.pointName ?? ''}`,
            blocks: [
              'Hello,',
              `A new request for counselling has been sent to ${p.pointName ?? ''}. The person who sent it is waiting for an answer.`,
              'To protect that person, this e-mail does not include the request or any contact details. Sign in to the console to read it and reply.',
              { link: to(p.consoleUrl ?? ''), label: 'Open the console' },
            ],
          },
  },

  'case-handed-over': {
    recipients: ['point-staff'],
    params: { pointName: text(), fromPointName: text(false), consoleUrl: link() },
    draft: (lang, p, to) =>
      lang === 'vi'
        ? {
            subject: `Một yêu cầu tư vấn đã được chuyển đến ${p.pointName ?? ''}`,
            blocks: [
              'Xin chào,',
              p.fromPointName
                ? `${p.fromPointName} đã chuyển một yêu cầu tư vấn đến ${p.pointName ?? ''}.`
                : `Một yêu cầu tư vấn vừa được chuyển đến ${p.pointName ?? ''}.`,
              'Thư này không kèm nội dung yêu cầu hay thông tin liên hệ. Hãy đăng nhập trang quản lý để đọc và tiếp nhận yêu cầu.',
              { link: to(p.consoleUrl ?? ''), label: 'Mở trang quản lý' },
            ],
          }
        : {
            subject: `A request for counselling was handed over to ${p.pointName ?? ''}`,
            blocks: [
              'Hello,',
              p.fromPointName
                ? `${p.fromPointName} has handed over a request for counselling to ${p.pointName ?? ''}.`
                : `A request for counselling has been handed over to ${p.pointName ?? ''}.`,
              'This e-mail does not include the request or any contact details. Sign in to the console to read it and take it on.',
              { link: to(p.consoleUrl ?? ''), label: 'Open the console' },
            ],
          },
  },

  'reply-notice': {
    recipients: ['requester'],
    params: {},
    draft: (lang, _p, to) =>
      lang === 'vi'
        ? {
            subject: 'Điểm hỗ trợ đã trả lời yêu cầu của bạn',
            blocks: [
              'Xin chào,',
              'Điểm hỗ trợ đã trả lời yêu cầu tư vấn của bạn.',
              'Để đọc câu trả lời, hãy mở trang Theo dõi yêu cầu và nhập mã tra cứu bạn đã nhận khi gửi yêu cầu. Vì lý do riêng tư, thư này không kèm câu trả lời hay mã tra cứu.',
              { link: to(mailPaths.track.vi), label: 'Theo dõi yêu cầu' },
              'Nếu có nguy hiểm đến tính mạng, hãy gọi ngay 115. Dịch vụ này không phải đường dây cấp cứu.',
              'Nếu bạn không gửi yêu cầu nào, bạn có thể bỏ qua thư này.',
            ],
          }
        : {
            subject: 'The support point has answered your request',
            blocks: [
              'Hello,',
              'The support point has answered your request for counselling.',
              'To read the answer, open the "Follow a request" page and enter the receipt code you were given when you sent the request. For your privacy, this e-mail includes neither the answer nor the code.',
              { link: to(mailPaths.track.en), label: 'Follow a request' },
              'If a life is in danger, call 115 now. This service is not an emergency line.',
              'If you did not send a request, you can ignore this e-mail.',
            ],
          },
  },

  invitation: {
    recipients: STAFF,
    params: { token: token(), pointName: text(false), validDays: count(false) },
    draft: (lang, p, to) => {
      const url = to(tokenPath('invitation', lang, p.token ?? ''));
      return lang === 'vi'
        ? {
            subject: p.pointName
              ? `Lời mời tham gia trang quản lý của ${p.pointName}`
              : 'Lời mời tham gia trang quản lý Hỗ trợ cai nghiện',
            blocks: [
              'Xin chào,',
              p.pointName
                ? `Bạn được mời làm cán bộ của ${p.pointName} trên cổng Hỗ trợ cai nghiện, để nhận và trả lời các yêu cầu tư vấn.`
                : 'Bạn được mời tham gia trang quản lý của cổng Hỗ trợ cai nghiện.',
              { link: url, label: 'Nhận lời mời' },
              ...validity(lang, p.validDays, 'days'),
              'Nếu bạn không chờ lời mời này, hãy bỏ qua thư này; sẽ không có gì thay đổi.',
            ],
          }
        : {
            subject: p.pointName
              ? `Invitation to the console of ${p.pointName}`
              : 'Invitation to the Hỗ trợ cai nghiện console',
            blocks: [
              'Hello,',
              p.pointName
                ? `You have been invited to join ${p.pointName} on the Hỗ trợ cai nghiện portal, to receive and answer requests for counselling.`
                : 'You have been invited to join the console of the Hỗ trợ cai nghiện portal.',
              { link: url, label: 'Accept the invitation' },
              ...validity(lang, p.validDays, 'days'),
              'If you were not expecting this invitation, ignore this e-mail; nothing will change.',
            ],
          };
    },
  },

  'sign-in-link': {
    recipients: STAFF,
    params: { token: token(), validMinutes: count(false) },
    draft: (lang, p, to) => {
      const url = to(tokenPath('signIn', lang, p.token ?? ''));
      return lang === 'vi'
        ? {
            subject: 'Liên kết đăng nhập trang quản lý',
            blocks: [
              'Xin chào,',
              'Có yêu cầu đăng nhập trang quản lý Hỗ trợ cai nghiện bằng địa chỉ e-mail này.',
              { link: url, label: 'Đăng nhập' },
              ...validity(lang, p.validMinutes, 'minutes'),
              'Nếu không phải bạn yêu cầu, hãy bỏ qua thư này.',
            ],
          }
        : {
            subject: 'Your sign-in link for the console',
            blocks: [
              'Hello,',
              'Someone asked to sign in to the Hỗ trợ cai nghiện console with this e-mail address.',
              { link: url, label: 'Sign in' },
              ...validity(lang, p.validMinutes, 'minutes'),
              'If it was not you, ignore this e-mail.',
            ],
          };
    },
  },

  'point-staff-changed': {
    recipients: ['point-staff', 'admin'],
    params: { pointName: text(), consoleUrl: link() },
    draft: (lang, p, to) =>
      lang === 'vi'
        ? {
            subject: `Danh sách cán bộ của ${p.pointName ?? ''} đã thay đổi`,
            blocks: [
              'Xin chào,',
              `Danh sách cán bộ của ${p.pointName ?? ''} vừa được thay đổi. Trang quản lý cho biết ai đã thay đổi gì, và khi nào.`,
              { link: to(p.consoleUrl ?? ''), label: 'Mở trang quản lý' },
              'Nếu thay đổi này không đúng, hãy báo ngay cho quản trị viên cấp tỉnh.',
            ],
          }
        : {
            subject: `The staff of ${p.pointName ?? ''} has changed`,
            blocks: [
              'Hello,',
              `The staff list of ${p.pointName ?? ''} has just changed. The console shows who changed what, and when.`,
              { link: to(p.consoleUrl ?? ''), label: 'Open the console' },
              'If this change is wrong, tell your provincial administrator at once.',
            ],
          },
  },

  'daily-digest': {
    recipients: STAFF,
    params: {
      pointName: text(),
      newCases: count(),
      openCases: count(),
      overdueCases: count(false),
      date: date(),
      consoleUrl: link(),
    },
    draft: (lang, p, to) => {
      const day = p.date ? formatDay(p.date, lang) : undefined;
      const name = p.pointName ?? '';
      return lang === 'vi'
        ? {
            subject: `Tóm tắt hằng ngày cho ${name}: ${p.newCases ?? '0'} yêu cầu mới`,
            blocks: [
              day ? `Tóm tắt ngày ${day} cho ${name}:` : `Tóm tắt hằng ngày cho ${name}:`,
              {
                list: [
                  `Yêu cầu mới: ${p.newCases ?? '0'}`,
                  `Yêu cầu đang xử lý: ${p.openCases ?? '0'}`,
                  ...(p.overdueCases === undefined ? [] : [`Yêu cầu chờ trả lời quá hạn: ${p.overdueCases}`]),
                ],
              },
              { link: to(p.consoleUrl ?? ''), label: 'Mở trang quản lý' },
            ],
          }
        : {
            subject: `Daily summary for ${name}: ${plural(p.newCases ?? '0', 'new request', 'new requests')}`,
            blocks: [
              day ? `Summary for ${name}, ${day}:` : `Daily summary for ${name}:`,
              {
                list: [
                  `New requests: ${p.newCases ?? '0'}`,
                  `Requests in progress: ${p.openCases ?? '0'}`,
                  ...(p.overdueCases === undefined
                    ? []
                    : [`Requests waiting too long for an answer: ${p.overdueCases}`]),
                ],
              },
              { link: to(p.consoleUrl ?? ''), label: 'Open the console' },
            ],
          };
    },
  },
};

function validity(lang: Lang, amount: string | undefined, unit: 'days' | 'minutes'): Block[] {
  if (amount === undefined) return [];
  if (lang === 'vi')
    return [`Liên kết có hiệu lực trong ${amount} ${unit === 'days' ? 'ngày' : 'phút'} và chỉ dùng được một lần.`];
  const what = plural(amount, unit === 'days' ? 'day' : 'minute', unit === 'days' ? 'days' : 'minutes');
  return [`The link works for ${what} and only once.`];
}

function plural(amount: string, one: string, other: string): string {
  return `${amount} ${new Intl.PluralRules('en').select(Number(amount)) === 'one' ? one : other}`;
}

function formatDay(isoDate: string, lang: Lang): string {
  const [year, month, day] = isoDate.split('-');
  if (lang === 'vi') return `${day}/${month}/${year}`;
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${isoDate}T00:00:00Z`),
  );
}

/** The parameters a kind accepts (name → spec), e.g. for documentation and tests. */
export function templateParams(kind: MessageKind): Readonly<Record<string, ParamSpec>> {
  return templates[kind].params;
}

/** The recipient kinds a message kind may go to. */
export function templateRecipients(kind: MessageKind): readonly RecipientKind[] {
  return templates[kind].recipients;
}

/**
 * Checks a kind's parameters: every required one present, none unknown, each value allowed for its kind.
 * Returns the problems (empty when all is well), naming parameters but never echoing their values.
 */
export function paramProblems(kind: MessageKind, params: Params): string[] {
  const specs = templates[kind].params;
  const problems: string[] = [];
  for (const name of Object.keys(params)) {
    if (!Object.hasOwn(specs, name)) problems.push(`unknown parameter "${name}" for ${kind}`);
  }
  for (const [name, spec] of Object.entries(specs)) {
    const value = Object.hasOwn(params, name) ? params[name] : undefined;
    if (value === undefined) {
      if (spec.required) problems.push(`missing parameter "${name}" for ${kind}`);
      continue;
    }
    if (typeof value !== 'string') {
      problems.push(`parameter "${name}" of ${kind} must be a string`);
      continue;
    }
    const problem = paramProblem(spec.kind, value);
    if (problem !== undefined) problems.push(`parameter "${name}" of ${kind} ${problem}`);
  }
  return problems;
}

/**
 * Renders a notice at send time. Throws a `TemplateError` for an unknown parameter, a missing or disallowed value, or
 * a link that leaves the site.
 */
export function renderMail(kind: MessageKind, lang: Lang, params: Params, context: RenderContext): RenderedMail {
  const template = Object.hasOwn(templates, kind) ? templates[kind] : undefined;
  if (template === undefined) throw new TemplateError(`No template for message kind "${String(kind)}"`);
  const problems = paramProblems(kind, params);
  if (problems.length > 0) throw new TemplateError(problems.join('; '));
  const to: Link = (pathOrUrl) => {
    const url = resolveSiteLink(pathOrUrl, context.siteUrl);
    if (url === undefined) throw new TemplateError(`A link of ${kind} leaves the site`);
    return url;
  };
  return renderDraft({ ...template.draft(lang, params, to), footer: footers[lang] }, lang);
}
