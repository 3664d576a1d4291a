/**
 * Who may open each console route, written once per route (by its id in src/features/site/routes.ts). The security
 * test (console-security.spec.ts) takes the list of routes from Astro's own build manifest (dist/routes.json), so a
 * console route added without a line here fails it.
 *
 * Expectations, for a GET by each principal:
 * - a status (200, 403 forbidden for the role, 404 for a resource outside the principal's reach);
 * - 'sign-in': sent to the sign-in page (303);
 * - 'elsewhere': sent on (303) somewhere that is not the sign-in page (e.g. a signed-in person opening sign-in).
 */
import type { ConsoleRouteId } from '#src/features/console/console-paths.ts';
import type { ConsoleFixture, StaffKey } from '../fixtures/console-staff.ts';

export type Principal = 'signedOut' | StaffKey;
export type Expectation = 200 | 403 | 404 | 'sign-in' | 'elsewhere';

export interface RouteExample {
  /** What the example is about, for the test's name. */
  readonly about: string;
  readonly params?: (fixture: ConsoleFixture) => Record<string, string>;
  /** Appended to the path (e.g. a query string). */
  readonly query?: string;
  readonly get: Readonly<Record<Principal, Expectation>>;
}

export interface RouteRule {
  /** Public routes are reached before signing in; every other route needs a session and a CSRF token on POST. */
  readonly public: boolean;
  readonly examples: readonly RouteExample[];
}

const everyone = (expectation: Expectation): Record<Principal, Expectation> => ({
  signedOut: expectation,
  staffA: expectation,
  staffB: expectation,
  hanoiAdmin: expectation,
  danangAdmin: expectation,
  nationalAdmin: expectation,
});

const signedIn = (expectation: Expectation): Record<Principal, Expectation> => ({
  ...everyone(expectation),
  signedOut: 'sign-in',
});

/** Administration pages of the principal's own province (or all, for the national administrator). */
const adminOnly: Record<Principal, Expectation> = {
  signedOut: 'sign-in',
  staffA: 403,
  staffB: 403,
  hanoiAdmin: 200,
  danangAdmin: 200,
  nationalAdmin: 200,
};

export const consoleRouteRules: Readonly<Partial<Record<ConsoleRouteId, RouteRule>>> = {
  console: { public: false, examples: [{ about: 'inbox or overview', get: signedIn(200) }] },
  consoleSignIn: {
    public: true,
    examples: [{ about: 'the form', get: { ...everyone('elsewhere'), signedOut: 200 } }],
  },
  consoleVerify: {
    public: true,
    // Without the password step's cookie the code step sends everyone back to sign in (or, signed in, onwards).
    examples: [{ about: 'without the password step', get: { ...everyone('elsewhere'), signedOut: 'sign-in' } }],
  },
  consoleSignOut: { public: true, examples: [{ about: 'a GET signs nobody out', get: everyone('sign-in') }] },
  consoleInvitation: {
    public: true,
    examples: [
      { about: 'without a token', get: everyone(404) },
      {
        about: 'with a made-up token',
        query: '?token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
        get: everyone(404),
      },
    ],
  },
  consoleAccount: { public: false, examples: [{ about: 'own account', get: signedIn(200) }] },
  consoleCase: {
    public: false,
    examples: [
      {
        about: "a case of staff A's point",
        params: (fixture) => ({ id: fixture.caseOfA }),
        get: { signedOut: 'sign-in', staffA: 200, staffB: 404, hanoiAdmin: 404, danangAdmin: 404, nationalAdmin: 404 },
      },
      {
        about: 'a case of point Y',
        params: (fixture) => ({ id: fixture.caseOfY }),
        get: { signedOut: 'sign-in', staffA: 404, staffB: 200, hanoiAdmin: 404, danangAdmin: 404, nationalAdmin: 404 },
      },
      {
        about: 'no such case',
        params: () => ({ id: '00000000-0000-4000-8000-000000000000' }),
        get: { ...signedIn(404) },
      },
    ],
  },
  // Administration pages: administrators only (point staff 403), each in their own province. A point outside the
  // administrator's province answers exactly as a point that does not exist: 404.
  consolePoints: {
    public: false,
    examples: [
      { about: 'the province’s points', get: adminOnly },
      { about: 'another province asked for by query', query: '?province=48', get: adminOnly },
    ],
  },
  consolePoint: {
    public: false,
    examples: [
      {
        about: 'a Hà Nội point',
        params: (fixture) => ({ id: fixture.pointY.id }),
        get: { signedOut: 'sign-in', staffA: 403, staffB: 403, hanoiAdmin: 200, danangAdmin: 404, nationalAdmin: 200 },
      },
      {
        about: 'a Đà Nẵng point',
        params: (fixture) => ({ id: fixture.otherProvincePoint.id }),
        get: { signedOut: 'sign-in', staffA: 403, staffB: 403, hanoiAdmin: 404, danangAdmin: 200, nationalAdmin: 200 },
      },
      {
        about: 'no such point',
        params: () => ({ id: '00000000-0000-4000-8000-000000000000' }),
        get: { signedOut: 'sign-in', staffA: 403, staffB: 403, hanoiAdmin: 404, danangAdmin: 404, nationalAdmin: 404 },
      },
      {
        about: 'not a point id',
        params: () => ({ id: 'x' }),
        get: { signedOut: 'sign-in', staffA: 403, staffB: 403, hanoiAdmin: 404, danangAdmin: 404, nationalAdmin: 404 },
      },
    ],
  },
  consoleStaff: { public: false, examples: [{ about: 'the province’s accounts', get: adminOnly }] },
  consoleReports: { public: false, examples: [{ about: 'open listing reports', get: adminOnly }] },
  consoleCounts: {
    public: false,
    examples: [
      { about: 'the province’s counts', get: adminOnly },
      { about: 'another province asked for by query', query: '?province=01', get: adminOnly },
    ],
  },
  consoleAudit: {
    public: false,
    examples: [
      { about: 'the province’s log', get: adminOnly },
      { about: 'filtered by action', query: '?action=case.viewed&page=2', get: adminOnly },
    ],
  },
  consoleDeadLetters: { public: false, examples: [{ about: 'undelivered mail', get: adminOnly }] },
  consoleImport: { public: false, examples: [{ about: 'the upload form', get: adminOnly }] },
};

export { adminOnly };
