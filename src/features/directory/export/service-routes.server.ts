/**
 * `/open-data/hsds/services` and `/open-data/hsds/service_at_locations` (lists and single objects), with every filter
 * the HSDS 3.0 OpenAPI defines for them: `search`, `taxonomy_term_id`, `taxonomy_id`, `organization_id`,
 * `modified_after`, `minimal` (services), `full`, `page`, `per_page` and `format`.
 */
import type { OpenDataContext } from './context.server.ts';
import { errorResponse, jsonResponse } from './http.ts';
import { fullService, serviceAtLocationObject, serviceListItem } from './hsds.ts';
import { listResponse } from './list-response.ts';
import {
  countServiceAtLocations,
  countServices,
  findServiceAtLocation,
  loadServiceGraphs,
  serviceAtLocationPage,
  serviceIdsPage,
  serviceModifiedDates,
} from './load.server.ts';
import {
  checkParameterNames,
  readBoolean,
  readDateTime,
  readFormat,
  readPaging,
  readSearch,
  readUuid,
  type Checked,
  type Format,
  type Refusal,
} from './query.ts';
import { searchServiceIds, type ServiceFilter, type TermFilter } from './service-filter.server.ts';
import { findTaxonomy, findTerm } from './taxonomy-catalogue.ts';
import { isUuid } from '#src/features/directory/uuid-v5.ts';

/** A 400 naming the parameter a check refused. */
export const badRequest = (failure: Refusal): Response => errorResponse(400, failure.message, failure.parameter);

/** What every list endpoint reads: paging and format. */
export function readListOptions(params: URLSearchParams): Checked<{ page: number; perPage: number; format: Format }> {
  const format = readFormat(params);
  if (!format.ok) return format;
  const paging = readPaging(params);
  if (!paging.ok) return paging;
  return { ok: true, value: { ...paging.value, format: format.value } };
}

// The filters shared by both lists. An unknown term or taxonomy id is a valid question whose answer is empty.
async function readServiceFilter(context: OpenDataContext, params: URLSearchParams): Promise<Checked<ServiceFilter>> {
  const search = readSearch(params);
  if (!search.ok) return search;
  const termId = readUuid(params, 'taxonomy_term_id');
  if (!termId.ok) return termId;
  const taxonomyId = readUuid(params, 'taxonomy_id');
  if (!taxonomyId.ok) return taxonomyId;
  const organizationId = readUuid(params, 'organization_id');
  if (!organizationId.ok) return organizationId;
  const modifiedAfter = readDateTime(params, 'modified_after');
  if (!modifiedAfter.ok) return modifiedAfter;

  const terms: TermFilter[] = [];
  let nothing = false;
  if (termId.value !== undefined) {
    const term = findTerm(termId.value);
    if (term === undefined) nothing = true;
    else terms.push({ taxonomy: term.taxonomy, code: term.code });
  }
  if (taxonomyId.value !== undefined) {
    const taxonomy = findTaxonomy(taxonomyId.value);
    if (taxonomy === undefined) nothing = true;
    else terms.push({ taxonomy });
  }
  const visibility = { demo: context.demo };
  const ids = nothing
    ? []
    : search.value === undefined
      ? undefined
      : await searchServiceIds(context.db, visibility, search.value);
  return {
    ok: true,
    value: { organizationId: organizationId.value, ids, terms, modifiedAfter: modifiedAfter.value },
  };
}

/** `/open-data/hsds/services`. */
export async function servicesList(context: OpenDataContext, params: URLSearchParams): Promise<Response> {
  const names = checkParameterNames('services', params);
  if (names) return badRequest(names);
  const options = readListOptions(params);
  if (!options.ok) return badRequest(options);
  const full = readBoolean(params, 'full');
  if (!full.ok) return badRequest(full);
  const minimal = readBoolean(params, 'minimal');
  if (!minimal.ok) return badRequest(minimal);
  if (full.value && minimal.value) {
    return errorResponse(
      400,
      {
        en: 'minimal and full cannot both be true: minimal sends only ids and last_modified',
        vi: 'không thể đặt cả minimal và full là true: minimal chỉ gửi id và last_modified',
      },
      'minimal',
    );
  }
  const filter = await readServiceFilter(context, params);
  if (!filter.ok) return badRequest(filter);
  const { db } = context;
  const visibility = { demo: context.demo };
  const total = await countServices(db, visibility, filter.value);
  return listResponse(
    {
      total,
      read: async (offset, limit) => {
        const ids = await serviceIdsPage(db, visibility, filter.value, offset, limit);
        if (minimal.value) {
          const dates = await serviceModifiedDates(db, visibility, ids);
          return dates.map((row) => ({ id: row.id, last_modified: row.lastModified.toISOString() }));
        }
        const graphs = await loadServiceGraphs(db, visibility, ids);
        return graphs.map(full.value ? fullService : serviceListItem);
      },
    },
    options.value,
  );
}

/** A 404 for an id of `kind` (the id shown shortened, as typed). */
export function notFoundId(kind: { en: string; vi: string }, id: string | undefined): Response {
  const shown = JSON.stringify((id ?? '').slice(0, 64));
  return errorResponse(404, { en: `No ${kind.en} with id ${shown}`, vi: `Không có ${kind.vi} mã ${shown}` });
}

const SERVICE = { en: 'service', vi: 'dịch vụ' };
const SERVICE_AT_LOCATION = { en: 'service at location', vi: 'dịch vụ tại địa điểm' };

/** `/open-data/hsds/services/{id}`. */
export async function serviceById(
  context: OpenDataContext,
  id: string | undefined,
  params: URLSearchParams = new URLSearchParams(),
): Promise<Response> {
  const names = checkParameterNames('service', params);
  if (names) return badRequest(names);
  if (id === undefined || !isUuid(id)) return notFoundId(SERVICE, id);
  const [graph] = await loadServiceGraphs(context.db, { demo: context.demo }, [id.toLowerCase()]);
  return graph ? jsonResponse(fullService(graph)) : notFoundId(SERVICE, id);
}

/** `/open-data/hsds/service_at_locations`. */
export async function serviceAtLocationsList(context: OpenDataContext, params: URLSearchParams): Promise<Response> {
  const names = checkParameterNames('serviceAtLocations', params);
  if (names) return badRequest(names);
  const options = readListOptions(params);
  if (!options.ok) return badRequest(options);
  const full = readBoolean(params, 'full');
  if (!full.ok) return badRequest(full);
  const filter = await readServiceFilter(context, params);
  if (!filter.ok) return badRequest(filter);
  const { db } = context;
  const visibility = { demo: context.demo };
  const total = await countServiceAtLocations(db, visibility, filter.value);
  return listResponse(
    {
      total,
      read: async (offset, limit) => {
        const links = await serviceAtLocationPage(db, visibility, filter.value, offset, limit);
        const graphs = await loadServiceGraphs(db, visibility, [...new Set(links.map((link) => link.serviceId))]);
        const graphOf = new Map(graphs.map((graph) => [graph.service.id, graph]));
        return links.flatMap((link) => {
          const graph = graphOf.get(link.serviceId);
          const item = graph && serviceAtLocationObject(graph, link.id, full.value);
          return item ? [item] : [];
        });
      },
    },
    options.value,
  );
}

/** `/open-data/hsds/service_at_locations/{id}`: the link fully nested, with its service's one-to-one fields. */
export async function serviceAtLocationById(
  context: OpenDataContext,
  id: string | undefined,
  params: URLSearchParams = new URLSearchParams(),
): Promise<Response> {
  const names = checkParameterNames('serviceAtLocation', params);
  if (names) return badRequest(names);
  if (id === undefined || !isUuid(id)) return notFoundId(SERVICE_AT_LOCATION, id);
  const visibility = { demo: context.demo };
  const link = await findServiceAtLocation(context.db, visibility, id.toLowerCase());
  if (!link) return notFoundId(SERVICE_AT_LOCATION, id);
  const [graph] = await loadServiceGraphs(context.db, visibility, [link.serviceId]);
  const item = graph && serviceAtLocationObject(graph, link.id, true);
  return item ? jsonResponse(item) : notFoundId(SERVICE_AT_LOCATION, id);
}
