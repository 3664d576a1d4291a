/** `/open-data/hsds/organizations` and `/open-data/hsds/organizations/{id}`, with `search`, `full` and `full_service`. */
import { isUuid } from '#src/features/directory/uuid-v5.ts';
import type { OpenDataContext } from './context.server.ts';
import { jsonResponse } from './http.ts';
import { fullOrganization, fullService, organizationListItem, serviceListItem, type HsdsObject } from './hsds.ts';
import { listResponse } from './list-response.ts';
import {
  countOrganizations,
  loadOrganizationLocations,
  loadOrganizations,
  loadServiceGraphs,
  organizationIdsPage,
  organizationServiceIds,
  searchOrganizationIds,
  type OrganizationRow,
  type Visibility,
} from './load.server.ts';
import { checkParameterNames, readBoolean, readSearch } from './query.ts';
import { badRequest, notFoundId, readListOptions } from './service-routes.server.ts';

const ORGANIZATION = { en: 'organization', vi: 'đơn vị' };

// The fully nested organization: its phones, locations and services (one-to-one fields, or fully nested).
async function nestedOrganization(
  context: OpenDataContext,
  visibility: Visibility,
  organization: OrganizationRow,
  fullServices: boolean,
): Promise<HsdsObject | undefined> {
  const serviceIds = await organizationServiceIds(context.db, visibility, organization.id);
  if (serviceIds.length === 0) return undefined;
  const graphs = await loadServiceGraphs(context.db, visibility, serviceIds);
  const locations = await loadOrganizationLocations(context.db, visibility, organization.id);
  const phones = graphs[0]?.organizationPhones ?? [];
  return fullOrganization(organization, phones, locations, graphs.map(fullServices ? fullService : serviceListItem));
}

/** `/open-data/hsds/organizations`. */
export async function organizationsList(context: OpenDataContext, params: URLSearchParams): Promise<Response> {
  const names = checkParameterNames('organizations', params);
  if (names) return badRequest(names);
  const options = readListOptions(params);
  if (!options.ok) return badRequest(options);
  const full = readBoolean(params, 'full');
  if (!full.ok) return badRequest(full);
  const fullServices = readBoolean(params, 'full_service');
  if (!fullServices.ok) return badRequest(fullServices);
  const search = readSearch(params);
  if (!search.ok) return badRequest(search);
  const visibility = { demo: context.demo };
  const ids =
    search.value === undefined ? undefined : await searchOrganizationIds(context.db, visibility, search.value);
  const total = await countOrganizations(context.db, visibility, ids);
  return listResponse(
    {
      total,
      read: async (offset, limit) => {
        const page = await organizationIdsPage(context.db, visibility, offset, limit, ids);
        const rows = await loadOrganizations(context.db, visibility, page);
        if (!full.value && !fullServices.value) return rows.map(organizationListItem);
        const nested = await Promise.all(
          rows.map((row) => nestedOrganization(context, visibility, row, fullServices.value)),
        );
        return nested.filter((item) => item !== undefined);
      },
    },
    options.value,
  );
}

/** `/open-data/hsds/organizations/{id}`. */
export async function organizationById(
  context: OpenDataContext,
  id: string | undefined,
  params: URLSearchParams,
): Promise<Response> {
  const names = checkParameterNames('organization', params);
  if (names) return badRequest(names);
  const fullServices = readBoolean(params, 'full_service');
  if (!fullServices.ok) return badRequest(fullServices);
  if (id === undefined || !isUuid(id)) return notFoundId(ORGANIZATION, id);
  const visibility = { demo: context.demo };
  const [organization] = await loadOrganizations(context.db, visibility, [id.toLowerCase()]);
  if (!organization) return notFoundId(ORGANIZATION, id);
  const nested = await nestedOrganization(context, visibility, organization, fullServices.value);
  return nested ? jsonResponse(nested) : notFoundId(ORGANIZATION, id);
}
