import type { ContentTree, Problem } from '../types.ts';

/**
 * Sites that host copies of other publishers' documents (document-sharing sites, mirrors, archives, scraper copies of
 * newspapers), each with what they are. A source must point at the publisher's own page: the DOI or journal for a
 * paper, the agency's site for a report, vbpl.vn / chinhphu.vn / thuvienphapluat.vn for a legal text.
 */
export const MIRROR_HOSTS: Readonly<Record<string, string>> = {
  'docslib.org': 'a document-sharing site',
  '1library.net': 'a document-sharing site',
  '1library.co': 'a document-sharing site',
  'studylib.net': 'a document-sharing site',
  'vdocuments.net': 'a document-sharing site',
  'vdocuments.mx': 'a document-sharing site',
  'vdocuments.site': 'a document-sharing site',
  'coek.info': 'a document-sharing site',
  'tailieu.vn': 'a document-sharing site',
  '123docz.net': 'a document-sharing site',
  '123doc.net': 'a document-sharing site',
  'issuu.com': 'a document-sharing site',
  'scribd.com': 'a document-sharing site',
  'pdfcoffee.com': 'a document-sharing site',
  'dokumen.pub': 'a document-sharing site',
  'documents.pub': 'a document-sharing site',
  'cybercemetery.unt.edu': 'an archive copy',
  'webarchive.unesco.org': 'an archive copy',
  'web.archive.org': 'an archive copy',
  'wikipedia.org': 'an encyclopedia (cite the document it cites)',
  'truyenhinhcapsongthu.net': 'a scraper copy of newspapers',
};

/** Shared documents that are the team's own notes, not a published source. Seeds (`shared/seeds/`) are stored copies. */
const PUBLISHED_COPIES = /^shared\/seeds\//;

/** The refused site an address is on (the host or a parent domain), or `undefined`. */
export function mirrorOf(url: string): { host: string; what: string } | undefined {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
  const labels = host.split('.');
  for (let index = 0; index < labels.length - 1; index += 1) {
    const candidate = labels.slice(index).join('.');
    const what = MIRROR_HOSTS[candidate];
    if (what !== undefined) return { host: candidate, what };
  }
  return undefined;
}

/**
 * The registry cites publishers, not copies: a source on a mirror or document-sharing site is refused, and so is a
 * source that is the team's internal notes (a `shared-document` outside `shared/seeds/`, e.g. the facts sheet).
 */
export function checkPublishers(tree: ContentTree): Problem[] {
  return tree.registry.flatMap((record) => {
    const refusal = refusalOf(record.url, record.checkedVia);
    if (refusal === undefined) return [];
    const id = typeof record.id === 'string' ? record.id : `item ${record.index}`;
    return [{ rule: 'publishers' as const, file: tree.registryFile, line: record.line, message: `Source "${id}" ${refusal}` }];
  });
}

function refusalOf(url: unknown, checkedVia: unknown): string | undefined {
  if (typeof url === 'string') {
    const mirror = mirrorOf(url);
    if (mirror) {
      return `is on ${mirror.host}, ${mirror.what}: find the same document at its publisher (DOI, journal, the agency's own site; vbpl.vn, chinhphu.vn or thuvienphapluat.vn for a legal text), open it, and put that address here.`;
    }
  }
  const via = checkedVia as { kind?: unknown; document?: unknown } | undefined;
  if (via?.kind === 'shared-document' && typeof via.document === 'string' && !PUBLISHED_COPIES.test(via.document)) {
    return `is the team's internal notes (${via.document}), not a published source: cite the publication the notes rely on.`;
  }
  return undefined;
}
