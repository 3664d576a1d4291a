import { randomBytes } from 'node:crypto';
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { closeAntiAbuse } from '#src/features/anti-abuse/services.server.ts';
import type { CaseView, PointChoice, RoutingDecision } from '#src/features/intake/types.ts';
import type { AskModel } from '#src/features/intake/views/ask-model.server.ts';
import { readValues } from '#src/features/intake/views/ask-model.server.ts';
import { resolvePlace } from '#src/features/intake/views/place.server.ts';
import type { TrackModel } from '#src/features/intake/views/track-model.server.ts';
import AskPage from '#src/features/intake/views/AskPage.astro';
import TrackPage from '#src/features/intake/views/TrackPage.astro';
import type { Lang } from '#src/i18n/index.ts';

// The pages' views, rendered as the server renders them, for every step: what every screen must say (no name needed,
// what is kept and for how long, 115, not an emergency service, the quick exit), the GOV.UK error pattern, and that
// the receipt code never goes into an address.

let container: AstroContainer;
beforeAll(async () => {
  // The anti-abuse fields issue a token with the process's keyring: give it one in memory.
  vi.stubEnv('INTAKE_ENCRYPTION_KEY', randomBytes(32).toString('base64'));
  vi.stubEnv('REDIS_URL', '');
  container = await AstroContainer.create();
});
afterAll(async () => {
  await closeAntiAbuse();
  vi.unstubAllEnvs();
});

const retention = { afterCloseDays: 30, maxAgeDays: 200 };
const point: RoutingDecision['point'] = {
  id: 'ea0fe211-c45e-5dd2-8b82-1568492fbbd0',
  name: 'Trạm Y tế phường Ba Đình',
  operatorKind: 'police-facility',
  organizationName: 'Cơ sở cai nghiện số 1',
  provinceCode: '01',
  communeCode: '00004',
  phones: ['024 3823 1234'],
  address: 'Số 1, phố Thử',
  isDemo: false,
};
const routing: RoutingDecision = { point, reason: 'nearest-in-province', distanceKm: 2.345, helpWanted: 'counselling' };
const choice: PointChoice = { offers: [routing], suggestedId: point.id, openDoor: false };
const values = readValues(
  new URLSearchParams({
    who: 'family',
    q: 'Phường Ba Đình, Hà Nội',
    helpWanted: 'counselling',
    ageBand: '18-24',
    message: 'Dòng một\nDòng hai',
  }),
);
const origin = { communeName: 'Phường Ba Đình', provinceName: 'Thành phố Hà Nội', byPosition: false };
const code = '7KQM-2W9D-X4TB';
// Friday 4 December 2026, 15:00 in Vietnam: two working days later is Tuesday 8 December.
const sentAt = new Date('2026-12-04T08:00:00Z');

const renderAsk = (lang: Lang, model: AskModel) =>
  container.renderToString(AskPage, { props: { lang, model, retention, answerWithinDays: 2 } });
const renderTrack = (lang: Lang, model: TrackModel) =>
  container.renderToString(TrackPage, { props: { lang, model, retention } });

function expectEveryScreenSays(html: string, lang: Lang): void {
  if (lang === 'vi') {
    expect(html).toContain('Bạn không cần nêu tên');
    expect(html).toContain('Nội dung bị xóa 30 ngày sau khi yêu cầu kết thúc, và chậm nhất 200 ngày sau khi gửi');
    expect(html).toContain('Đây không phải dịch vụ cấp cứu');
    expect(html).toContain('href="/quyen-rieng-tu"');
    expect(html).toContain('Thoát khỏi trang này');
  } else {
    expect(html).toContain('You do not need to give a name');
    expect(html).toContain('deleted 30 days after the request is closed, and at the latest 200 days after it was sent');
    expect(html).toContain('This is not an emergency service');
    expect(html).toContain('href="/en/privacy"');
    expect(html).toContain('Exit this page');
  }
  expect(html).toContain('href="tel:115"');
  expect(html).toMatch(
    /<a class="quick-exit__link" href="https:\/\/www\.google\.com\/search\?q=[^"]+" rel="noreferrer" data-quick-exit>/,
  );
  expect(html).toContain('<meta name="robots" content="noindex">');
  expect(html).toContain('<meta name="referrer" content="same-origin">');
  // The CSP forbids style attributes and unhashed inline scripts.
  expect(html).not.toMatch(/\sstyle="/);
  expect(html).not.toMatch(/<script[^>]*is:inline/);
}

describe('the ask page says on every screen what a requester must know', () => {
  const screens: Array<[string, AskModel]> = [
    [
      'fill',
      { status: 200, view: { step: 'fill', values, errors: [], place: resolvePlace(values), notice: undefined } },
    ],
    [
      'preview',
      { status: 200, view: { step: 'preview', values, origin, routing, choice, messageFlags: [], notice: undefined } },
    ],
    ['no-point', { status: 200, view: { step: 'no-point', values, origin, provinceCode: '01' } }],
    ['receipt', { status: 200, view: { step: 'receipt', receiptCode: code, sentAt, routing, contactLeft: false } }],
    ['withdrawn', { status: 200, view: { step: 'withdrawn' } }],
  ];
  for (const lang of ['vi', 'en'] as const) {
    for (const [name, model] of screens) {
      it(`${name} (${lang}): no name needed, what is kept and how long, 115, not an emergency service, the quick exit`, async () => {
        expectEveryScreenSays(await renderAsk(lang, model), lang);
      });
    }
  }
});

describe('the ask page’s steps', () => {
  it('shows errors the GOV.UK way: a summary linking each field, the same words at the field, and “Lỗi: ” in the title', async () => {
    const errors = [
      { field: 'who', message: 'Chọn người cần được hỗ trợ' },
      { field: 'q', message: 'Chọn xã, phường nơi người cần hỗ trợ đang sống, hoặc dùng vị trí của bạn' },
    ];
    const html = await renderAsk('vi', {
      status: 200,
      view: {
        step: 'fill',
        values: readValues(new URLSearchParams({ message: 'Giữ <b>lại</b>' })),
        errors,
        place: { kind: 'none' },
        notice: undefined,
      },
    });
    expect(html).toMatch(/<title>Lỗi: Xin tư vấn/);
    expect(html).toContain('autofocus');
    for (const error of errors) {
      expect(html).toContain(`<a href="#f-${error.field}">${error.message}</a>`);
      // The same words beside the field, after a hidden "Lỗi:" (the place field is the autocomplete island's).
      expect(html).toMatch(
        new RegExp(
          `id="f-${error.field}-error"><span class="visually-hidden">Lỗi:(?:<!-- -->)? </span>${error.message}</p>`,
        ),
      );
    }
    expect(html).toContain('Giữ &lt;b&gt;lại&lt;/b&gt;');
  });

  it('offers the communes that share a name as radios, each with its province', async () => {
    const place = resolvePlace({ q: 'Tân Phú', commune: '', lat: '', lon: '' });
    const html = await renderAsk('vi', {
      status: 200,
      view: { step: 'fill', values, errors: [{ field: 'commune', message: 'Chọn' }], place, notice: undefined },
    });
    expect(html).toContain('Có nhiều nơi tên “Tân Phú”');
    expect(html).toMatch(/<input type="radio" id="f-commune" name="commune" value="\d{5}"/);
    expect(html).toContain('Phường Tân Phú, Thành phố Hồ Chí Minh');
  });

  it('previews the point, the kind of body that runs it, the distance and why, before anything is sent', async () => {
    const html = await renderAsk('en', {
      status: 200,
      view: { step: 'preview', values, origin, routing, choice, messageFlags: [], notice: undefined },
    });
    expect(html).toContain('Trạm Y tế phường Ba Đình');
    expect(html).toContain('Rehab facility run by the police');
    expect(html).toContain('Cơ sở cai nghiện số 1');
    expect(html).toContain('about 2.3 km');
    expect(html).toContain(
      'There is no suitable point in Phường Ba Đình, so the request goes to the province’s fallback',
    );
    expect(html).toContain('name="action" value="send"');
    expect(html).toContain('name="action" value="edit"');
    // The answers travel in hidden fields; the anti-abuse fields are there for the send.
    expect(html).toContain('<input type="hidden" name="message" value="Dòng một\nDòng hai">');
    expect(html).toMatch(/name="fallback" value="f1\./);
    expect(html).toContain('name="website"');
  });

  it('offers the points to choose among as radios, nearest first, the suggestion checked, marked and explained', async () => {
    const health: RoutingDecision = {
      point: {
        ...point,
        id: 'b0000000-0000-4000-8000-000000000002',
        name: 'Trạm Y tế phường Đức Xuân',
        operatorKind: 'health-station',
      },
      reason: 'nearest-in-province',
      distanceKm: 32.3,
      helpWanted: 'counselling',
    };
    const police: RoutingDecision = {
      ...routing,
      point: { ...point, name: 'Cơ sở cai nghiện ma túy tỉnh Thái Nguyên' },
    };
    const offers = { offers: [police, health], suggestedId: health.point.id, openDoor: true };
    const html = await renderAsk('vi', {
      status: 200,
      view: { step: 'preview', values, origin, routing: health, choice: offers, messageFlags: [], notice: undefined },
    });
    const radios = [
      ...html.matchAll(/<input type="radio" id="f-point(?:-\d)?" name="point" value="([^"]+)"( checked)?/g),
    ];
    expect(radios.map((match) => [match[1], Boolean(match[2])])).toEqual([
      [police.point.id, false],
      [health.point.id, true],
    ]);
    expect(html).toContain('Cơ sở cai nghiện do công an quản lý');
    expect(html).toContain('khoảng 2,3 km — trong Thành phố Hà Nội');
    expect(html).toContain('khoảng 32 km — trong Thành phố Hà Nội');
    expect(html).toContain('Trạm y tế xã, phường');
    expect(html).toContain('Gợi ý');
    expect(html).toContain('được gợi ý trước cơ sở cai nghiện hay cơ sở do công an quản lý ở gần hơn');
    // The chosen point travels as the radio, not as a hidden field too.
    expect(html).not.toMatch(/type="hidden" name="point"/);
  });

  it('asks gently whether to keep a name, a number, an address or a school found in the message, without a button of its own', async () => {
    const messageFlags = [
      { kind: 'full-name', text: 'Nguyễn Văn Minh' },
      { kind: 'id-number', text: '001203004567' },
    ] as const;
    const html = await renderAsk('vi', {
      status: 200,
      view: { step: 'preview', values, origin, routing, choice, messageFlags, notice: undefined },
    });
    expect(html).toContain('Bạn có muốn giữ những thông tin này trong lời nhắn?');
    expect(html).toContain('<li>họ và tên: “Nguyễn Văn Minh”</li>');
    expect(html).toContain('<li>số căn cước (CCCD) hoặc giấy tờ: “001203004567”</li>');
    expect(html).toContain('Muốn bỏ đi: bấm “Sửa lại” rồi xóa chúng khỏi lời nhắn.');
    // Sending stays the form's first button: the guard asks, it does not block or add a default action.
    expect(html.match(/<button[^>]*>/g)?.[0]).toContain('value="send"');
    const quiet = await renderAsk('en', {
      status: 200,
      view: { step: 'preview', values, origin, routing, choice, messageFlags: [], notice: undefined },
    });
    expect(quiet).not.toContain('data-message-guard');
  });

  it('says when no suitable point exists, and offers the province’s points', async () => {
    const html = await renderAsk('vi', { status: 200, view: { step: 'no-point', values, origin, provinceCode: '01' } });
    expect(html).toContain('Chưa có điểm hỗ trợ phù hợp để nhận yêu cầu này');
    expect(html).toContain('href="/tim-ho-tro/tinh/01"');
    expect(html).not.toContain('value="send"');
  });

  it('shows the receipt code large, with advice, what happens next, the point’s phone, and a follow-up link without the code', async () => {
    const html = await renderAsk('vi', {
      status: 200,
      view: { step: 'receipt', receiptCode: code, sentAt, routing, contactLeft: true },
    });
    expect(html).toMatch(new RegExp(`<p class="receipt-code" data-receipt-code[^>]*>${code}</p>`));
    // The code comes first, above the safety notes: on a phone it is on the first screen.
    expect(html.indexOf(code)).toBeLessThan(html.indexOf('intake-safety'));
    expect(html).toContain(
      'Phường Ba Đình cần tiếp nhận yêu cầu trong 2 ngày làm việc'.replace('Phường Ba Đình', point.name),
    );
    expect(html).toContain('8 tháng 12, 2026');
    expect(html).toContain('hãy gọi cho điểm theo số 024 3823 1234');
    // Save as a text file without JavaScript: a POST of the code; copy and print wait for the island.
    expect(html).toMatch(/<input type="hidden" name="code" value="7KQM-2W9D-X4TB">/);
    expect(html).toContain('name="action" value="save-code"');
    expect(html).toMatch(/<button[^>]*data-copy hidden>/);
    expect(html).toContain('Hãy ghi lại mã này');
    expect(html).toContain('Điều gì sẽ xảy ra tiếp theo');
    expect(html).toContain('href="tel:02438231234"');
    expect(html).toContain('href="/theo-doi"');
    for (const [, address] of html.matchAll(/(?:href|action)="([^"]*)"/g)) {
      expect(address?.toUpperCase().replaceAll('-', '')).not.toContain(code.replaceAll('-', ''));
    }
  });

  it('says a resent form’s request was withdrawn, shows no receipt, and offers a new request (vi and en)', async () => {
    const vi = await renderAsk('vi', { status: 200, view: { step: 'withdrawn' } });
    expect(vi).toContain('<title>Yêu cầu này đã được rút');
    expect(vi).toContain('Bạn đã rút yêu cầu gửi từ biểu mẫu này, nên chúng tôi không gửi lại.');
    expect(vi).toMatch(/<a class="button" href="\/xin-tu-van">Gửi yêu cầu mới<\/a>/);
    const en = await renderAsk('en', { status: 200, view: { step: 'withdrawn' } });
    expect(en).toContain('<title>This request was withdrawn');
    expect(en).toContain('You withdrew the request sent from this form, so it was not sent again.');
    expect(en).toMatch(/<a class="button" href="\/en\/ask-for-help">Send a new request<\/a>/);
    for (const html of [vi, en]) expect(html).not.toContain('receipt-code');
  });

  it('says kindly why a send was refused, and that nothing was sent', async () => {
    const limited = await renderAsk('en', {
      status: 429,
      view: {
        step: 'preview',
        values,
        origin,
        routing,
        choice,
        messageFlags: [],
        notice: { kind: 'rate-limited', minutes: 1 },
      },
    });
    expect(limited).toContain('Try again in 1 minute; what you wrote is still here.');
    expect(limited).toContain('In an emergency, call 115 now.');
    const proof = await renderAsk('vi', {
      status: 403,
      view: { step: 'preview', values, origin, routing, choice, messageFlags: [], notice: { kind: 'proof' } },
    });
    expect(proof).toContain('Yêu cầu chưa được gửi');
    expect(proof).toContain('role="alert"');
  });
});

describe('the follow-up page', () => {
  const view: CaseView = {
    status: 'in-progress',
    createdAt: new Date('2026-11-20T03:00:00Z'),
    point,
    messages: [
      { from: 'staff', at: new Date('2026-11-21T03:00:00Z'), text: 'Chào bạn, điểm đã nhận yêu cầu.' },
      { from: 'requester', at: new Date('2026-11-22T03:00:00Z'), text: 'Cảm ơn <3' },
    ],
    withdrawn: false,
    who: 'family',
    ageBand: '18-24',
    helpWanted: 'counselling',
  };
  const screens: Array<[string, TrackModel]> = [
    ['code', { status: 200, view: { step: 'code', code: '', errors: [], notice: undefined } }],
    [
      'case',
      { status: 200, view: { step: 'case', code, view, text: '', errors: [], added: false, notice: undefined } },
    ],
    ['confirm-withdraw', { status: 200, view: { step: 'confirm-withdraw', code, notice: undefined } }],
    ['withdrawn', { status: 200, view: { step: 'withdrawn' } }],
  ];
  for (const lang of ['vi', 'en'] as const) {
    for (const [name, model] of screens) {
      it(`${name} (${lang}) says what a requester must know, and puts the code in no address`, async () => {
        const html = await renderTrack(lang, model);
        expectEveryScreenSays(html, lang);
        for (const [, address] of html.matchAll(/(?:href|action)="([^"]*)"/g)) expect(address).not.toContain(code);
      });
    }
  }

  it('asks for the code in a POST form that does not autocomplete', async () => {
    const html = await renderTrack('vi', {
      status: 200,
      view: { step: 'code', code: 'abc', errors: [{ field: 'code', message: 'Không tìm thấy' }], notice: undefined },
    });
    expect(html).toMatch(/<form class="intake-form" method="post" action="\/theo-doi" novalidate autocomplete="off">/);
    expect(html).toMatch(
      /<input class="input input--error" id="f-code" name="code" type="text" value="abc" autocomplete="off"/,
    );
    expect(html).toMatch(/<title>Lỗi: /);
  });

  it('shows the status, the point and its contact, the conversation, the form to add a message and the way to withdraw', async () => {
    const html = await renderTrack('vi', {
      status: 200,
      view: { step: 'case', code, view, text: '', errors: [], added: true, notice: undefined },
    });
    expect(html).toContain('data-case-status="in-progress"');
    expect(html).toContain('Đang hỗ trợ');
    expect(html).toContain('href="tel:02438231234"');
    expect(html).toContain('Chào bạn, điểm đã nhận yêu cầu.');
    expect(html).toContain('Cảm ơn &lt;3');
    expect(html).toContain('Đã gửi tin nhắn của bạn.');
    expect(html).toContain(`<input type="hidden" name="code" value="${code}">`);
    expect(html).toContain('value="add"');
    expect(html).toContain('value="withdraw-ask"');
  });

  it('explains before withdrawing that the content is deleted at once', async () => {
    const html = await renderTrack('en', { status: 200, view: { step: 'confirm-withdraw', code, notice: undefined } });
    expect(html).toContain('deleted at once and cannot be brought back');
    expect(html).toContain('value="withdraw"');
    expect(html).toMatch(/name="fallback" value="f1\./);
  });

  it('offers no message form on a closed or withdrawn request', async () => {
    const closed = await renderTrack('vi', {
      status: 200,
      view: {
        step: 'case',
        code,
        view: { ...view, status: 'closed' },
        text: '',
        errors: [],
        added: false,
        notice: undefined,
      },
    });
    expect(closed).toContain('Yêu cầu này đã kết thúc');
    expect(closed).not.toContain('value="add"');
    const withdrawn = await renderTrack('vi', {
      status: 200,
      view: {
        step: 'case',
        code,
        view: { ...view, status: 'withdrawn', withdrawn: true, messages: [] },
        text: '',
        errors: [],
        added: false,
        notice: undefined,
      },
    });
    expect(withdrawn).not.toContain('value="add"');
    expect(withdrawn).not.toContain('value="withdraw-ask"');
  });
});
