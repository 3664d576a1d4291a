/**
 * What JavaScript Chromium actually fetches while a person uses a page: every script response (module chunks, dynamic
 * imports, Web Worker files) seen by a browser context, plus the inline scripts of every HTML document it loaded, each
 * weighed as gzip (level 9) of its body. Shared by the size-budget test (tests/e2e/script-budget.spec.ts) and the
 * bench's page-weight table, so both count the same bytes.
 *
 * An external file counts once per URL (the browser caches it: `/_astro/*` is immutable); an inline script counts once
 * per document that carries it (it comes again with every page).
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { BrowserContext, Response } from '@playwright/test';

/** Gzip bytes, as the bench has always counted them. */
export const gzipBytes = (body: string | Uint8Array): number => gzipSync(body, { level: 9 }).length;

/** One script the browser received. */
export interface ScriptFetch {
  /** The file's address, or `inline:<document path>#<n>` for an inline script. */
  readonly url: string;
  readonly gzip: number;
}

/** The inline `<script>` bodies of an HTML document (not data blocks such as JSON). */
export function inlineScripts(html: string): string[] {
  return [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)]
    .filter((match) => !/\bsrc\s*=/i.test(match[1] ?? ''))
    .filter((match) => {
      const type = /\btype\s*=\s*["']?([^"'\s>]+)/i.exec(match[1] ?? '')?.[1]?.toLowerCase();
      return type === undefined || type === 'module' || type === 'text/javascript' || type === 'application/javascript';
    })
    .map((match) => match[2] ?? '')
    .filter((body) => body.trim() !== '');
}

function isScript(response: Response): boolean {
  const type = response.request().resourceType();
  if (type === 'script') return true;
  const contentType = response.headers()['content-type'] ?? '';
  return /javascript|ecmascript/i.test(contentType);
}

/** Records every script a browser context fetches from now on. Call `settle()` before reading the totals. */
export class ScriptRecorder {
  readonly #files = new Map<string, number>();
  readonly #inline: ScriptFetch[] = [];
  readonly #pending = new Set<Promise<void>>();

  constructor(context: BrowserContext) {
    context.on('response', (response) => {
      const task = this.#take(response).finally(() => this.#pending.delete(task));
      this.#pending.add(task);
    });
  }

  async #take(response: Response): Promise<void> {
    if (response.status() >= 300) return;
    const type = response.request().resourceType();
    let body: Buffer;
    try {
      body = await response.body();
    } catch {
      // The page navigated away before the body could be read: a document that was replaced counts as not loaded.
      return;
    }
    if (type === 'document') {
      const path = new URL(response.url()).pathname;
      inlineScripts(body.toString('utf8')).forEach((script, n) =>
        this.#inline.push({ url: `inline:${path}#${n}`, gzip: gzipBytes(script) }),
      );
      return;
    }
    if (!isScript(response)) return;
    if (!this.#files.has(response.url())) this.#files.set(response.url(), gzipBytes(body));
  }

  /** Waits for the bodies still being read. */
  async settle(): Promise<void> {
    while (this.#pending.size > 0) await Promise.all([...this.#pending]);
  }

  /** Every script received so far. */
  list(): ScriptFetch[] {
    return [...[...this.#files].map(([url, gzip]) => ({ url, gzip })), ...this.#inline];
  }

  /** Gzip bytes of JavaScript received so far. */
  total(): number {
    return this.list().reduce((sum, script) => sum + script.gzip, 0);
  }

  /** A short fingerprint of what was fetched, for a failing test's message. */
  describe(): string {
    return this.list()
      .map((script) => `${script.url.replace(/^https?:\/\/[^/]+/, '')} ${(script.gzip / 1000).toFixed(1)} KB`)
      .join('\n');
  }
}

/** A stable id for a body, to tell two inline scripts apart in messages. */
export const bodyId = (body: string): string => createHash('sha256').update(body).digest('hex').slice(0, 8);
