/**
 * The HSDS 3.0 schemas as published (tests/fixtures/hsds-3.0, copied unchanged), loaded into ajv (JSON Schema 2020-12)
 * under the URLs the specification gives them, so that their own `$ref`s resolve: the modular files reference each
 * other by relative name ("phone.json"), and openapi.json names the compiled list schemas by absolute URL.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

/** Where the specification publishes its schemas (tag 3.0): the base every `$ref` resolves against. */
export const HSDS_BASE = 'https://raw.githubusercontent.com/openreferral/specification/3.0/schema/';

const FIXTURES = join(import.meta.dirname, '../../fixtures/hsds-3.0');

// HSDS schemas carry Frictionless Data annotations next to JSON Schema ones. Declared as annotation keywords (they
// validate nothing), so that ajv's strict mode accepts them without being switched off.
const HSDS_ANNOTATIONS = [
  'name',
  'path',
  'datapackage_metadata',
  'datapackage_type',
  'constraints',
  'core',
  'example',
  'tabular_required',
];
// openapi.json is an OpenAPI 3.1 document, not a schema: ajv compiles its root (to reach the response schemas by JSON
// pointer), so the document's own top-level fields are declared the same way. They hold no validation keywords.
const OPENAPI_DOCUMENT_FIELDS = [
  'openapi',
  'info',
  'jsonSchemaDialect',
  'servers',
  'paths',
  'components',
  'tags',
  'security',
  'externalDocs',
  'webhooks',
];

// ajv-formats is CommonJS: its default export arrives wrapped or not depending on the loader.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ??
  addFormatsModule) as unknown as (ajv: Ajv2020) => void;

export interface HsdsSchemas {
  /** `/services/{id}`: the fully nested service (service.json with its references). */
  readonly service: ValidateFunction;
  /** `/organizations/{id}`: organization.json with its references. */
  readonly organization: ValidateFunction;
  /** `/services`: the 200 response of openapi.json (Page + contents of compiled/service_list.json). */
  readonly servicesPage: ValidateFunction;
  /** `/organizations`: the 200 response of openapi.json (Page + contents of compiled/organization_list.json). */
  readonly organizationsPage: ValidateFunction;
  /** The API root's 200 response in openapi.json. */
  readonly root: ValidateFunction;
  /** `/service_at_locations`: the 200 response (Page + compiled/service_at_location_list.json). */
  readonly serviceAtLocationsPage: ValidateFunction;
  /** `/service_at_locations/{id}`: service_at_location.json with its references. */
  readonly serviceAtLocation: ValidateFunction;
  /** `/taxonomies` and `/taxonomies/{id}`. */
  readonly taxonomiesPage: ValidateFunction;
  readonly taxonomy: ValidateFunction;
  /** `/taxonomy_terms` and `/taxonomy_terms/{id}`. */
  readonly taxonomyTermsPage: ValidateFunction;
  readonly taxonomyTerm: ValidateFunction;
}

let cached: HsdsSchemas | undefined;

/** The compiled validators (built once per test file: compiling takes a moment). */
export function hsdsSchemas(): HsdsSchemas {
  if (cached) return cached;
  const ajv = new Ajv2020({ strict: true, strictTypes: false, allErrors: true, logger: false });
  addFormats(ajv);
  ajv.addVocabulary([...HSDS_ANNOTATIONS, ...OPENAPI_DOCUMENT_FIELDS]);
  for (const file of readdirSync(FIXTURES).filter((name) => name.endsWith('.json') && name !== 'openapi.json')) {
    ajv.addSchema(readJson(join(FIXTURES, file)), `${HSDS_BASE}${file}`);
  }
  for (const file of readdirSync(join(FIXTURES, 'compiled'))) {
    ajv.addSchema(readJson(join(FIXTURES, 'compiled', file)), `${HSDS_BASE}compiled/${file}`);
  }
  // openapi.json, unchanged, under its own URL: its response schemas refer to "#/components/schemas/Page" (resolved in
  // it) and to the compiled list schemas by absolute URL (registered above).
  ajv.addSchema(readJson(join(FIXTURES, 'openapi.json')), `${HSDS_BASE}openapi.json`);
  const response = (path: string) =>
    `${HSDS_BASE}openapi.json#/paths/${path.replaceAll('~', '~0').replaceAll('/', '~1')}/get/responses/200/content/application~1json/schema`;
  const get = (ref: string): ValidateFunction => {
    const validate = ajv.getSchema(ref);
    if (!validate) throw new Error(`no schema at ${ref}`);
    return validate;
  };
  cached = {
    service: get(`${HSDS_BASE}service.json`),
    organization: get(`${HSDS_BASE}organization.json`),
    servicesPage: get(response('/services')),
    organizationsPage: get(response('/organizations')),
    root: get(response('/')),
    serviceAtLocationsPage: get(response('/service_at_locations')),
    serviceAtLocation: get(`${HSDS_BASE}service_at_location.json`),
    taxonomiesPage: get(response('/taxonomies')),
    taxonomy: get(`${HSDS_BASE}taxonomy.json`),
    taxonomyTermsPage: get(response('/taxonomy_terms')),
    taxonomyTerm: get(`${HSDS_BASE}taxonomy_term.json`),
  };
  return cached;
}

/** ajv's errors as readable lines, for a failing expectation. */
export function explain(errors: readonly ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}

function readJson(path: string): object {
  return JSON.parse(readFileSync(path, 'utf8')) as object;
}
