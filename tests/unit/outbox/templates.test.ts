import { describe, expect, it } from 'vitest';
import { MESSAGE_KINDS, type MessageKind } from '#src/features/outbox/kinds.ts';
import { renderMail, TemplateError, templateParams } from '#src/features/outbox/templates.ts';

const site = { siteUrl: 'https://hotro.example.gov.vn' };

/** Valid parameters for every kind, each value recognisable. */
const samples: Record<MessageKind, Record<string, string>> = {
  'new-case': { pointName: 'Trạm Y tế xã Tân Phú', consoleUrl: '/quan-ly/yeu-cau/42' },
  'case-handed-over': {
    pointName: 'Trạm Y tế xã Tân Phú',
    fromPointName: 'Cơ sở điều trị Methadone Quận 8',
    consoleUrl: '/quan-ly',
  },
  'reply-notice': {},
  invitation: { token: 'INVITETOKEN_abcdefghijklmnop', pointName: 'Trạm Y tế xã Tân Phú', validDays: '7' },
  'sign-in-link': { token: 'SIGNINTOKEN_abcdefghijklmnop', validMinutes: '15' },
  'point-staff-changed': { pointName: 'Trạm Y tế xã Tân Phú', consoleUrl: '/quan-ly' },
  'daily-digest': {
    pointName: 'Trạm Y tế xã Tân Phú',
    newCases: '3',
    openCases: '5',
    overdueCases: '1',
    date: '2026-11-23',
    consoleUrl: '/quan-ly',
  },
};

describe('notice templates', () => {
  it('write the new-case subject with the point name, in Vietnamese', () => {
    expect(renderMail('new-case', 'vi', samples['new-case'], site).subject).toBe(
      'Có yêu cầu tư vấn mới cho Trạm Y tế xã Tân Phú',
    );
  });

  it('link a new-case notice to the console on the site origin', () => {
    expect(renderMail('new-case', 'vi', samples['new-case'], site).text).toContain(
      'https://hotro.example.gov.vn/quan-ly/yeu-cau/42',
    );
  });

  it('link a reply notice to the follow-up page of its language', () => {
    expect(renderMail('reply-notice', 'vi', {}, site).text).toContain('https://hotro.example.gov.vn/theo-doi');
    expect(renderMail('reply-notice', 'en', {}, site).text).toContain('https://hotro.example.gov.vn/en/track');
  });

  it('give a reply notice the agreed Vietnamese subject', () => {
    expect(renderMail('reply-notice', 'vi', {}, site).subject).toBe('Điểm hỗ trợ đã trả lời yêu cầu của bạn');
  });

  it('accept no parameter at all in a reply notice, so no receipt code can reach one', () => {
    expect(() => renderMail('reply-notice', 'vi', { receiptCode: '7KQM-2W9D-X4TB' }, site)).toThrow(TemplateError);
  });

  it('build the invitation link from the token at send time', () => {
    const { text, html } = renderMail('invitation', 'en', samples.invitation, site);
    expect(text).toContain('https://hotro.example.gov.vn/en/console/invitation?token=INVITETOKEN_abcdefghijklmnop');
    expect(html).toContain(
      'href="https://hotro.example.gov.vn/en/console/invitation?token=INVITETOKEN_abcdefghijklmnop"',
    );
  });

  it('refuse a parameter the template does not name (e.g. the request text)', () => {
    expect(() =>
      renderMail('new-case', 'vi', { ...samples['new-case'], message: 'Con tôi dùng ma túy' }, site),
    ).toThrow(/unknown parameter "message"/);
  });

  it('refuse a missing required parameter', () => {
    expect(() => renderMail('new-case', 'vi', { pointName: 'Trạm Y tế xã Tân Phú' }, site)).toThrow(
      /missing parameter "consoleUrl"/,
    );
  });

  it('refuse a point name that carries an e-mail address or a phone number', () => {
    expect(() => renderMail('new-case', 'vi', { pointName: 'Gọi 0912 345 678', consoleUrl: '/quan-ly' }, site)).toThrow(
      TemplateError,
    );
    expect(() => renderMail('new-case', 'vi', { pointName: 'an@example.com', consoleUrl: '/quan-ly' }, site)).toThrow(
      TemplateError,
    );
  });

  it('refuse a link to another site', () => {
    expect(() =>
      renderMail('new-case', 'vi', { pointName: 'Trạm Y tế', consoleUrl: 'https://evil.example/quan-ly' }, site),
    ).toThrow(/leaves the site/);
  });

  it('escape parameter values in the HTML version', () => {
    const { html } = renderMail('new-case', 'en', { pointName: 'Point <b>&</b>', consoleUrl: '/quan-ly' }, site);
    expect(html).toContain('Point &lt;b&gt;&amp;&lt;/b&gt;');
  });

  it('count in English with plurals in the digest subject', () => {
    expect(renderMail('daily-digest', 'en', { ...samples['daily-digest'], newCases: '1' }, site).subject).toBe(
      'Daily summary for Trạm Y tế xã Tân Phú: 1 new request',
    );
  });

  for (const kind of MESSAGE_KINDS) {
    it(`render ${kind} from its parameters alone: the text is the same template whatever else exists`, () => {
      for (const lang of ['vi', 'en'] as const) {
        const { subject, text, html } = renderMail(kind, lang, samples[kind], site);
        expect(subject.length).toBeGreaterThan(5);
        expect(text).not.toMatch(/\{\w+\}|undefined/);
        expect(html).toContain(`<html lang="${lang}">`);
      }
    });

    it(`list for ${kind} only parameters of the allowed kinds`, () => {
      for (const spec of Object.values(templateParams(kind)))
        expect(['text', 'link', 'count', 'token', 'date']).toContain(spec.kind);
    });
  }
});
