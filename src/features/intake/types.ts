/**
 * The intake's shared types: the form page, the JSON API, the follow-up page and the tests are written against these.
 * The request schema itself lives in `schema.ts` (one zod schema for server, island and tests).
 */
import type { AgeBand, CaseStatus, HelpWanted, OperatorKind, RequesterKind } from '#src/features/lists/index.ts';

/** A field error as the schema reports it: the field's name and an i18n message key (resolved at render). */
export interface IntakeFieldError {
  field: string;
  messageKey: string;
}

/** The point a request is (or would be) routed to, as the requester may see it before and after sending. */
export interface RoutedPoint {
  id: string;
  name: string;
  operatorKind: OperatorKind;
  organizationName: string;
  provinceCode: string;
  communeCode: string | null;
  /** Public phones, for the receipt page and the follow-up page. */
  phones: readonly string[];
  address: string | null;
  isDemo: boolean;
}

/** Why a request went where it went (stored with the case; shown to staff and, in plain words, to the requester). */
export type RoutingReason = 'in-commune' | 'nearest-in-province' | 'nearest-anywhere';

/** The routing decision: the chosen point, why, and how far it is from the requester's commune or position. */
export interface RoutingDecision {
  point: RoutedPoint;
  reason: RoutingReason;
  distanceKm: number;
  helpWanted: HelpWanted;
}

/** The points a requester may choose among before sending, and the one suggested. */
export interface PointChoice {
  /** Nearest first (at most three). */
  offers: readonly RoutingDecision[];
  /** The point checked before the requester chooses. */
  suggestedId: string;
  /**
   * The suggestion is a health or community point chosen over a nearer closed or police-run facility (counselling):
   * the preview says why.
   */
  openDoor: boolean;
}

/** What the handler answers. `receiptCode` exists only in this answer: it is stored as a keyed hash alone. */
export type IntakeOutcome =
  | {
      kind: 'accepted';
      caseId: string;
      receiptCode: string;
      routing: RoutingDecision;
      /** The same form sent again within the resend time: its case's receipt, nothing new written. */
      again?: true;
      /** When the case was written (with `again`). */
      sentAt?: Date;
      /** Whether a contact was left (with `again`). */
      contactLeft?: boolean;
    }
  /** The same form sent again after the resend time, or with other answers: its case exists, nothing new written. */
  | { kind: 'already-sent' }
  /** The same form sent again after its requester withdrew the request: nothing new written, no receipt shown. */
  | { kind: 'withdrawn' }
  | { kind: 'invalid'; errors: readonly IntakeFieldError[] }
  | { kind: 'no-point'; provinceCode: string | null }
  /** The point sent is not one of those offered for this place and help: nothing written (the API answers 400). */
  | { kind: 'not-offered'; choice: PointChoice }
  | {
      kind: 'refused';
      reason: 'rate-limited' | 'proof-missing' | 'proof-invalid' | 'proof-reused' | 'honeypot';
      retryAfterSeconds?: number;
    };

/** What the follow-up page shows for a valid receipt code. */
export interface CaseView {
  status: CaseStatus;
  createdAt: Date;
  point: RoutedPoint;
  /** Staff replies and the requester's own follow-ups, decrypted, oldest first. */
  messages: readonly { from: 'staff' | 'requester'; at: Date; text: string }[];
  withdrawn: boolean;
  who: RequesterKind;
  ageBand: AgeBand;
  helpWanted: HelpWanted;
}
