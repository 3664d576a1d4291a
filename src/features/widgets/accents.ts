/**
 * The accent colours a partner may choose for an embed. Each is a class (`accent-<code>`, in views/embed.css), never a
 * colour value from the host page: the CSP blocks inline style attributes, and a fixed list keeps every combination
 * readable. Every colour carries white text at a contrast of at least 4.5:1 (tests/unit/widgets/options.test.ts).
 */
export const ACCENTS = [
  { code: 'teal', hex: '#0b5d7a' },
  { code: 'blue', hex: '#1d4ed8' },
  { code: 'green', hex: '#00703c' },
  { code: 'purple', hex: '#6d28d9' },
  { code: 'red', hex: '#b3261e' },
  { code: 'orange', hex: '#a84300' },
  { code: 'pink', hex: '#be185d' },
] as const;

export type Accent = (typeof ACCENTS)[number]['code'];

/** The accent codes, in the configurator's order; the first is the portal's own colour and the default. */
export const ACCENT_CODES = ACCENTS.map((accent) => accent.code) as [Accent, ...Accent[]];

export const DEFAULT_ACCENT: Accent = 'teal';
