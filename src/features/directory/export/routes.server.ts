/**
 * The open-data endpoints' logic; the files in `src/pages/open-data/` only call these.
 *
 *   /open-data/hsds/                     API root: HSDS version, profile and OpenAPI description
 *   /open-data/hsds/services             paged list, one-to-one fields (`full=true`: fully nested), `organization_id=`
 *   /open-data/hsds/services/{id}        one fully nested service
 *   /open-data/hsds/organizations        paged list of organizations
 *   /open-data/hsds/organizations/{id}   one organization with its locations and services (`full_service=true`)
 *   /open-data/directory.csv             the import template's columns (`province=NN` for one province)
 *
 * Real rows only, unless the portal runs in demo mode (demo rows are then included and marked).
 */
import { getProvince } from '#src/features/admin-units/index.ts';
import { isUuid } from '#src/features/directory/uuid-v5.ts';
import { getDatabase } from '#src/db/client.server.ts';
import type { Database } from '#src/db/types.ts';
import { loadEnv } from '#src/env.server.ts';
import { describeError } from '#src/lib/describe-error.ts';
import { log } from '#src/lib/log.ts';
import { directoryCsv } from './csv.server.ts';
import { fullOrganization, fullService, organizationListItem, serviceListItem } from './hsds.ts';
import { errorResponse, jsonResponse, csvResponse, pageBody, readBoolean, readPaging } from './http.ts';
import {
  countOrganizations,
  countServices,
  loadOrganizationLocations,
  loadOrganizations,
  loadServiceGraphs,
  organizationIdsPage,
  organizationServiceIds,
  serviceIdsPage,
} from './load.server.ts';

/** What every endpoint needs: the database, whether demo rows are visible, and the public origin for links. */
export interface OpenDataContext {
  readonly db: Database;
  readonly demo: boolean;
  readonly origin: string;
}

/** The HSDS OpenAPI description this API follows (Open Referral, HSDS 3.0). */
export const HSDS_OPENAPI_URL = 'https://raw.githubusercontent.com/openreferral/specification/3.0/schema/openapi.json';

let settings: { demo: boolean; siteUrl: string | undefined } | undefined;

/** The context of a request in the running portal (the shared database handle, DEMO and SITE_URL). */
export async function openDataContext(url: URL): Promise<OpenDataContext> {
  settings ??= (() => {
    const env = loadEnv();
    return { demo: env.demo, siteUrl: env.siteUrl };
  })();
  const handle = await getDatabase();
  return { db: handle.db, demo: settings.demo, origin: settings.siteUrl ?? url.origin };
}

/** Runs an endpoint; an unexpected failure becomes a 500 JSON answer and one log line (no request details). */
export async function guarded(route: string, run: () => Promise<Response>): Promise<Response> {
  try {
    return await run();
  } catch (error) {
    log.error('open_data.failed', { route, error: describeError(error) });
    return errorResponse(500, {
      en: 'The directory could not be read; try again later.',
      vi: 'Chưa đọc được danh bạ; vui lòng thử lại sau.',
    });
  }
}

/** `/open-data/hsds/`: HSDS's API root (`getAPIMetaInformation`). */
export function hsdsRoot(context: Pick<OpenDataContext, 'origin' | 'demo'>): Response {
  const base = `${context.origin}/open-data`;
  return jsonResponse({
    version: '3.0',
    profile: `${context.origin}/du-lieu-mo`,
    openapi_url: HSDS_OPENAPI_URL,
    title: 'Hỗ trợ cai nghiện: danh bạ điểm hỗ trợ (dữ liệu mở)',
    description:
      'Directory of drug-use counselling and treatment points in Vietnam, in Open Referral HSDS 3.0. Service types, operator kinds, cost kinds and the 2025 administrative units are HSDS attributes (taxonomies hotro-service-type, hotro-operator-kind, hotro-cost-kind, vn-admin-2025-province, vn-admin-2025-commune).',
    license: { name: 'CC BY 4.0', url: 'https://creativecommons.org/licenses/by/4.0/' },
    demo: context.demo,
    links: {
      services: `${base}/hsds/services`,
      organizations: `${base}/hsds/organizations`,
      csv: `${base}/directory.csv`,
    },
    credits: 'Human Services Data Specification 3.0: an Open Referral resource (https://openreferral.org/)',
  });
}

/** `/open-data/hsds/services`. */
export async function servicesList(context: OpenDataContext, params: URLSearchParams): Promise<Response> {
  const paging = readPaging(params);
  if (!paging.ok) return errorResponse(400, paging.message);
  const full = readBoolean(params, 'full');
  if (!full.ok) return errorResponse(400, full.message);
  const organizationId = params.get('organization_id') ?? undefined;
  if (organizationId !== undefined && !isUuid(organizationId)) {
    return errorResponse(400, {
      en: 'organization_id must be a UUID',
      vi: 'organization_id phải là một UUID',
    });
  }
  const visibility = { demo: context.demo };
  const filter = { organizationId: organizationId?.toLowerCase() };
  const { page, perPage } = paging.value;
  const total = await countServices(context.db, visibility, filter);
  const ids = await serviceIdsPage(context.db, visibility, filter, (page - 1) * perPage, perPage);
  const graphs = await loadServiceGraphs(context.db, visibility, ids);
  const contents = graphs.map(full.value ? fullService : serviceListItem);
  return jsonResponse(pageBody(contents, page, perPage, total));
}

/** `/open-data/hsds/services/{id}`. */
export async function serviceById(context: OpenDataContext, id: string | undefined): Promise<Response> {
  const notFound = () =>
    errorResponse(404, {
      en: `No service with id ${JSON.stringify((id ?? '').slice(0, 64))}`,
      vi: `Không có dịch vụ mã ${JSON.stringify((id ?? '').slice(0, 64))}`,
    });
  if (id === undefined || !isUuid(id)) return notFound();
  const [graph] = await loadServiceGraphs(context.db, { demo: context.demo }, [id.toLowerCase()]);
  return graph ? jsonResponse(fullService(graph)) : notFound();
}

/** `/open-data/hsds/organizations`. */
export async function organizationsList(context: OpenDataContext, params: URLSearchParams): Promise<Response> {
  const paging = readPaging(params);
  if (!paging.ok) return errorResponse(400, paging.message);
  const visibility = { demo: context.demo };
  const { page, perPage } = paging.value;
  const total = await countOrganizations(context.db, visibility);
  const ids = await organizationIdsPage(context.db, visibility, (page - 1) * perPage, perPage);
  const rows = await loadOrganizations(context.db, visibility, ids);
  return jsonResponse(pageBody(rows.map(organizationListItem), page, perPage, total));
}

/** `/open-data/hsds/organizations/{id}`. */
export async function organizationById(
  context: OpenDataContext,
  id: string | undefined,
  params: URLSearchParams,
): Promise<Response> {
  const fullServices = readBoolean(params, 'full_service');
  if (!fullServices.ok) return errorResponse(400, fullServices.message);
  const notFound = () =>
    errorResponse(404, {
      en: `No organization with id ${JSON.stringify((id ?? '').slice(0, 64))}`,
      vi: `Không có đơn vị mã ${JSON.stringify((id ?? '').slice(0, 64))}`,
    });
  if (id === undefined || !isUuid(id)) return notFound();
  const visibility = { demo: context.demo };
  const [organization] = await loadOrganizations(context.db, visibility, [id.toLowerCase()]);
  if (!organization) return notFound();
  const serviceIds = await organizationServiceIds(context.db, visibility, organization.id);
  if (serviceIds.length === 0) return notFound();
  const graphs = await loadServiceGraphs(context.db, visibility, serviceIds);
  const orgLocations = await loadOrganizationLocations(context.db, visibility, organization.id);
  const organizationPhones = graphs[0]?.organizationPhones ?? [];
  const services = graphs.map(fullServices.value ? fullService : serviceListItem);
  return jsonResponse(fullOrganization(organization, organizationPhones, orgLocations, services));
}

/** `/open-data/directory.csv`. */
export async function directoryCsvExport(context: OpenDataContext, params: URLSearchParams): Promise<Response> {
  const raw = params.get('province');
  const province = raw === null ? undefined : raw.padStart(2, '0');
  if (province !== undefined && (!/^[0-9]{2}$/.test(province) || getProvince(province) === undefined)) {
    return errorResponse(400, {
      en: `province must be the two-digit code of one of the 34 provinces (got ${JSON.stringify((raw ?? '').slice(0, 20))})`,
      vi: `province phải là mã 2 chữ số của một trong 34 tỉnh, thành phố (nhận được ${JSON.stringify((raw ?? '').slice(0, 20))})`,
    });
  }
  const text = await directoryCsv(context.db, { demo: context.demo }, province);
  return csvResponse(text, province === undefined ? 'danh-ba.csv' : `danh-ba-${province}.csv`);
}
