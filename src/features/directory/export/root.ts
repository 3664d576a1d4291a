/**
 * The API root (`/open-data/hsds/`) and the OpenAPI document of what this portal serves
 * (`/open-data/hsds/openapi.json`): HSDS 3.0's own OpenAPI (copied unchanged into `hsds-3.0-openapi.json`, credit in
 * `SOURCES.md`) with this API's title, server, licence and the differences a client must know — the parameters it
 * refuses, the error shape, the NDJSON format and the schema of `/service_at_locations/{id}` (HSDS's document names the
 * service schema there by mistake; this API returns a service at location).
 */
import hsdsOpenApi from './hsds-3.0-openapi.json' with { type: 'json' };
import { jsonResponse } from './http.ts';

/** Where HSDS 3.0 publishes its schemas; the OpenAPI document's `$ref`s point there. */
const HSDS_SCHEMA_BASE = 'https://raw.githubusercontent.com/openreferral/specification/3.0/schema/';

const TITLE = 'Hỗ trợ cai nghiện: danh bạ điểm hỗ trợ (dữ liệu mở)';
const DESCRIPTION =
  'Directory of drug-use counselling and treatment points in Vietnam, in Open Referral HSDS 3.0. Service types, operator kinds, cost kinds and the 2025 administrative units are HSDS attributes (taxonomies hotro-service-type, hotro-operator-kind, hotro-cost-kind, vn-admin-2025-province, vn-admin-2025-commune).';
const LICENSE = { name: 'CC BY 4.0', url: 'https://creativecommons.org/licenses/by/4.0/' };

/** `/open-data/hsds/`: HSDS's API root (`getAPIMetaInformation`). */
export function hsdsRoot(context: { origin: string; demo: boolean }): Response {
  const base = `${context.origin}/open-data`;
  return jsonResponse({
    version: '3.0',
    profile: `${context.origin}/du-lieu-mo`,
    openapi_url: `${base}/hsds/openapi.json`,
    title: TITLE,
    description: DESCRIPTION,
    license: LICENSE,
    demo: context.demo,
    links: {
      services: `${base}/hsds/services`,
      service_at_locations: `${base}/hsds/service_at_locations`,
      organizations: `${base}/hsds/organizations`,
      taxonomies: `${base}/hsds/taxonomies`,
      taxonomy_terms: `${base}/hsds/taxonomy_terms`,
      csv: `${base}/directory.csv`,
    },
    credits: 'Human Services Data Specification 3.0: an Open Referral resource (https://openreferral.org/)',
  });
}

type Json = Record<string, unknown>;

const PROBLEM = {
  description: 'A problem (RFC 9457): a parameter refused or malformed (400), or no such object (404).',
  content: {
    'application/problem+json': {
      schema: {
        type: 'object',
        required: ['type', 'title', 'status', 'detail', 'message', 'message_vi'],
        properties: {
          type: { type: 'string' },
          title: { type: 'string' },
          status: { type: 'integer' },
          detail: { type: 'string', description: 'What is wrong, in English.' },
          parameter: { type: 'string', description: 'The query parameter the problem is about, when there is one.' },
          error: { type: 'string', enum: ['bad_request', 'not_found', 'server_error'] },
          message: { type: 'string', description: 'The same as detail.' },
          message_vi: { type: 'string', description: 'The same, in Vietnamese.' },
        },
      },
    },
  },
};

/** `/open-data/hsds/openapi.json`: HSDS's OpenAPI adapted to this API. */
export function openApiDocument(context: { origin: string }): Response {
  const document = structuredClone(hsdsOpenApi) as Json;
  const paths = document['paths'] as Record<string, { get: Json }>;
  for (const [path, item] of Object.entries(paths)) {
    const responses = item.get['responses'] as Json;
    if (path !== '/') {
      responses['400'] = PROBLEM;
      responses['404'] = PROBLEM;
    }
    const parameters = item.get['parameters'] as { $ref?: string }[] | undefined;
    if (parameters !== undefined && parameters.some((p) => p.$ref?.endsWith('/format'))) {
      (responses['200'] as { content: Json }).content['application/x-ndjson'] = {
        schema: { description: 'With format=ndjson: every result, one JSON object a line, without paging.' },
      };
    }
  }
  // Refused: the directory records no postcodes (a 400 names the parameter).
  const atLocations = paths['/service_at_locations']?.get;
  if (atLocations) {
    atLocations['parameters'] = (atLocations['parameters'] as { $ref?: string }[]).filter(
      (p) => !p.$ref?.endsWith('/postcode') && !p.$ref?.endsWith('/proximity'),
    );
    atLocations['description'] =
      'Paged list of services at locations. postcode and proximity are refused with a 400: the directory records no postcodes.';
  }
  const oneAtLocation = paths['/service_at_locations/{id}']?.get;
  if (oneAtLocation) {
    (oneAtLocation['responses'] as Json)['200'] = {
      description: 'The service at location, fully nested, with its service (one-to-one fields).',
      content: { 'application/json': { schema: { $ref: `${HSDS_SCHEMA_BASE}service_at_location.json` } } },
    };
  }
  document['info'] = {
    title: TITLE,
    version: '3.0.0',
    summary: 'HSDS 3.0 API of the Hỗ trợ cai nghiện directory',
    description: `${DESCRIPTION} Unknown query parameters are refused with a 400 that names them. Derived from the HSDS 3.0 OpenAPI (Open Referral, CC BY-SA 4.0).`,
    license: LICENSE,
  };
  document['servers'] = [{ url: `${context.origin}/open-data/hsds` }];
  return jsonResponse(document);
}
