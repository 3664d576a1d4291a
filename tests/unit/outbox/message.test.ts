import { describe, expect, it } from 'vitest';
import { checkMessage, OutboxMessageError } from '#src/features/outbox/message.ts';
import { newCaseMessage } from './helpers.ts';

describe('checkMessage', () => {
  it('accepts a new-case notice to point staff', () => {
    expect(() => checkMessage(newCaseMessage())).not.toThrow();
  });

  it('refuses a new-case notice to a requester', () => {
    expect(() => checkMessage(newCaseMessage({ recipientKind: 'requester' }))).toThrow(/cannot go to a requester/);
  });

  it('refuses an address with a line break (a header injection)', () => {
    expect(() => checkMessage(newCaseMessage({ to: 'a@example.invalid\r\nBcc: b@example.invalid' }))).toThrow(
      OutboxMessageError,
    );
  });

  it('never repeats the address or a parameter value in its error', () => {
    const message = newCaseMessage({
      to: 'not-an-address-SECRET',
      params: { pointName: 'x', consoleUrl: '/quan-ly', note: 'PRIVATE-NOTE' },
    });
    expect(() => checkMessage(message)).toThrow(OutboxMessageError);
    try {
      checkMessage(message);
    } catch (error) {
      expect(String(error)).not.toMatch(/SECRET|PRIVATE-NOTE/);
    }
  });

  it('refuses an unknown kind', () => {
    expect(() => checkMessage({ ...newCaseMessage(), kind: 'case-text' as never })).toThrow(/Unknown message kind/);
  });
});
