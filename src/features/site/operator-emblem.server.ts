/**
 * The operator's emblem (OPERATOR_EMBLEM): an image file read once, when the portal starts, and shown on the about page
 * beside the operator's name (an empty alt: the name is read once). Only a PNG, SVG or WebP file of at most 200 KB whose content is what its
 * name says is accepted; anything else stops the start with one line naming the variable. Unset, there is no emblem:
 * none is ever made up.
 *
 * The page shows it as a `data:` URL in an `<img>` (the CSP allows `img-src data:`): an SVG shown this way runs no
 * script and loads nothing, whatever the file holds.
 */
import { readFileSync, statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { EnvError } from '#src/lib/errors.ts';
import { singleton } from '#src/lib/singleton.server.ts';

/** The largest emblem accepted, in bytes (200 KB). */
export const EMBLEM_MAX_BYTES = 200 * 1024;

const TYPES = { '.png': 'image/png', '.svg': 'image/svg+xml', '.webp': 'image/webp' } as const;
type EmblemType = (typeof TYPES)[keyof typeof TYPES];
const NAMES: Record<EmblemType, string> = { 'image/png': 'a PNG', 'image/svg+xml': 'an SVG', 'image/webp': 'a WebP' };

/** The emblem as the page shows it. */
export interface OperatorEmblem {
  readonly mediaType: EmblemType;
  /** `data:<type>;base64,…` */
  readonly src: string;
}

function fail(message: string): never {
  throw new EnvError([{ variable: 'OPERATOR_EMBLEM', message: `OPERATOR_EMBLEM ${message}` }]);
}

/** What the bytes are: PNG and WebP by their signatures, SVG by an `<svg` root after any prolog; else undefined. */
function sniff(bytes: Buffer): EmblemType | undefined {
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP') return 'image/webp';
  // An XML declaration, comments, a doctype and white space may come before the root element.
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  const prolog = /^(?:\s+|<\?xml[^>]*\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>)*/;
  const rest = text.slice(prolog.exec(text)?.[0].length ?? 0);
  return /^<svg[\s>]/.test(rest) ? 'image/svg+xml' : undefined;
}

/**
 * Reads and checks the emblem at `file` (absolute): it exists, is at most {@link EMBLEM_MAX_BYTES}, and is the PNG,
 * SVG or WebP image its name ends in. Throws an `EnvError` naming OPERATOR_EMBLEM otherwise.
 */
export function readOperatorEmblem(file: string): OperatorEmblem {
  const shown = JSON.stringify(file);
  let size: number;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) fail(`must name an image file, not a folder (got ${shown})`);
    size = stat.size;
  } catch (error) {
    if (error instanceof EnvError) throw error;
    return fail(`must name an image file that exists and can be read (got ${shown})`);
  }
  if (size > EMBLEM_MAX_BYTES)
    fail(`must be at most 200 KB (got ${Math.ceil(size / 1024)} KB in ${JSON.stringify(basename(file))})`);
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return fail(`must name an image file that exists and can be read (got ${shown})`);
  }
  // Read after the size check, so a file grown since is still refused.
  if (bytes.length > EMBLEM_MAX_BYTES) fail(`must be at most 200 KB (got ${Math.ceil(bytes.length / 1024)} KB)`);
  const mediaType = sniff(bytes);
  if (mediaType === undefined) fail(`must be a PNG, SVG or WebP image (got ${JSON.stringify(basename(file))})`);
  const extension = extname(file).toLowerCase();
  const named = extension in TYPES ? TYPES[extension as keyof typeof TYPES] : undefined;
  if (named !== mediaType) {
    fail(
      `must be the kind of image its name says (got ${JSON.stringify(basename(file))}, which holds ${NAMES[mediaType]} image)`,
    );
  }
  return { mediaType, src: `data:${mediaType};base64,${bytes.toString('base64')}` };
}

/**
 * The emblem configured for this process (`env.operator.emblemFile`), read once — when the portal starts (boot calls
 * this first), else on first use — or undefined when none is configured.
 */
export function operatorEmblem(file: string | undefined): OperatorEmblem | undefined {
  if (file === undefined) return undefined;
  return singleton(`operator-emblem:${file}`, () => readOperatorEmblem(file));
}
