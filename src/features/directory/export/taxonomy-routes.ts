/**
 * `/open-data/hsds/taxonomies` and `/open-data/hsds/taxonomy_terms` (lists and single objects): the vocabularies the
 * export's attributes use, so a client can read what a `taxonomy_term_id` means and filter `/services` by it.
 */
import { matchesAllWords } from './text-match.ts';
import { jsonResponse } from './http.ts';
import { listResponse } from './list-response.ts';
import { checkParameterNames, readBoolean, readSearch, readUuid } from './query.ts';
import { badRequest, notFoundId, readListOptions } from './service-routes.server.ts';
import { findTerm, hsdsTerm, listTaxonomies, listTerms } from './taxonomy-catalogue.ts';
import { isUuid } from '#src/features/directory/uuid-v5.ts';

const TAXONOMY = { en: 'taxonomy', vi: 'bộ phân loại' };
const TERM = { en: 'taxonomy term', vi: 'mục phân loại' };

// A fixed, in-memory list, paged or streamed like the database-backed ones.
const listOf = (items: readonly unknown[]) => ({
  total: items.length,
  read: (offset: number, limit: number) => Promise.resolve(items.slice(offset, offset + limit)),
});

/** `/open-data/hsds/taxonomies`. */
export async function taxonomiesList(params: URLSearchParams): Promise<Response> {
  const names = checkParameterNames('taxonomies', params);
  if (names) return badRequest(names);
  const options = readListOptions(params);
  if (!options.ok) return badRequest(options);
  const search = readSearch(params);
  if (!search.ok) return badRequest(search);
  const query = search.value;
  const items = listTaxonomies().filter(
    (taxonomy) => query === undefined || matchesAllWords(query, [taxonomy.name, taxonomy.description]),
  );
  return listResponse(listOf(items), options.value);
}

/** `/open-data/hsds/taxonomies/{id}`. */
export function taxonomyById(id: string | undefined, params: URLSearchParams): Response {
  const names = checkParameterNames('taxonomy', params);
  if (names) return badRequest(names);
  const taxonomy = id !== undefined && isUuid(id) ? listTaxonomies().find((t) => t.id === id.toLowerCase()) : undefined;
  return taxonomy ? jsonResponse(taxonomy) : notFoundId(TAXONOMY, id);
}

/** `/open-data/hsds/taxonomy_terms`, with `search`, `taxonomy_id`, `parent_id` and `top_only`. */
export async function taxonomyTermsList(params: URLSearchParams): Promise<Response> {
  const names = checkParameterNames('taxonomyTerms', params);
  if (names) return badRequest(names);
  const options = readListOptions(params);
  if (!options.ok) return badRequest(options);
  const search = readSearch(params);
  if (!search.ok) return badRequest(search);
  const taxonomyId = readUuid(params, 'taxonomy_id');
  if (!taxonomyId.ok) return badRequest(taxonomyId);
  const parentId = readUuid(params, 'parent_id');
  if (!parentId.ok) return badRequest(parentId);
  const topOnly = readBoolean(params, 'top_only');
  if (!topOnly.ok) return badRequest(topOnly);
  const query = search.value;
  const items = listTerms()
    .filter(
      (term) =>
        (taxonomyId.value === undefined || term.taxonomyId === taxonomyId.value) &&
        (parentId.value === undefined || term.parentId === parentId.value) &&
        (!topOnly.value || term.parentId === undefined) &&
        (query === undefined || matchesAllWords(query, [term.code, term.name, term.description])),
    )
    .map(hsdsTerm);
  return listResponse(listOf(items), options.value);
}

/** `/open-data/hsds/taxonomy_terms/{id}`. */
export function taxonomyTermById(id: string | undefined, params: URLSearchParams): Response {
  const names = checkParameterNames('taxonomyTerm', params);
  if (names) return badRequest(names);
  const term = id !== undefined && isUuid(id) ? findTerm(id.toLowerCase()) : undefined;
  return term ? jsonResponse(hsdsTerm(term)) : notFoundId(TERM, id);
}
