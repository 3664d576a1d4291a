/**
 * Every HSDS taxonomy and taxonomy term the export uses, listed so that `/taxonomies` and `/taxonomy_terms` can serve
 * them and the `taxonomy_term_id` / `taxonomy_id` filters can tell what an id means. The terms are our shared lists
 * (service types, operator kinds, cost kinds), the 2025 administrative units (each commune a child of its province)
 * and the demo flag; their ids are the same UUIDv5s the export's attributes carry (`taxonomy.ts`).
 */
import { listCommunes, listProvinces } from '#src/features/admin-units/index.ts';
import { ids } from '#src/features/directory/import/ids.ts';
import { costKinds, operatorKinds, serviceTypes, type ListItem } from '#src/features/lists/index.ts';
import { DEMO_FLAG, ENGLISH_DESCRIPTION_TERM, TAXONOMIES, type TaxonomyName } from './taxonomy.ts';

/** An HSDS 3.0 taxonomy (taxonomy.json). */
export interface HsdsTaxonomy {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly version?: string;
}

/** One term, with what the filters need to know about it. */
export interface CatalogueTerm {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly description: string;
  readonly taxonomy: TaxonomyName;
  readonly taxonomyId: string;
  readonly parentId?: string;
}

const DESCRIPTIONS: Readonly<Record<TaxonomyName, string>> = {
  'hotro-service-type': 'Kinds of service a point offers (Hỗ trợ cai nghiện shared list).',
  'hotro-operator-kind': 'What kind of body runs a point: health station, community point, police facility, etc.',
  'hotro-cost-kind': 'Whether a service is free, paid or covered by health insurance.',
  'vn-admin-2025-province': 'The 34 provinces and centrally-run cities of Vietnam since 1 July 2025 (GSO codes).',
  'vn-admin-2025-commune':
    'The 3,321 communes, wards and special zones of Vietnam since 1 July 2025 (GSO codes); each term has its province as parent.',
  'hotro-flag': 'Flags on directory records; "demo" marks generated demo data.',
  'hotro-english':
    'Text in English for records whose own fields are Vietnamese: term "description" carries the description in English as the attribute\'s value.',
};

interface Catalogue {
  readonly taxonomies: readonly HsdsTaxonomy[];
  readonly terms: readonly CatalogueTerm[];
  readonly termById: ReadonlyMap<string, CatalogueTerm>;
  readonly taxonomyById: ReadonlyMap<string, TaxonomyName>;
}

let catalogue: Catalogue | undefined;

function build(): Catalogue {
  const names = Object.values(TAXONOMIES);
  const taxonomies = names.map((name) => ({ id: ids.taxonomy(name), name, description: DESCRIPTIONS[name] }));
  const term = (taxonomy: TaxonomyName, code: string, name: string, description: string, parentId?: string) => ({
    id: ids.taxonomyTerm(taxonomy, code),
    code,
    name,
    description,
    taxonomy,
    taxonomyId: ids.taxonomy(taxonomy),
    ...(parentId === undefined ? {} : { parentId }),
  });
  const fromList = (taxonomy: TaxonomyName, list: { readonly items: readonly ListItem[] }) =>
    list.items.map((item) => term(taxonomy, item.code, item.label.vi, item.label.en));
  const terms: CatalogueTerm[] = [
    ...fromList(TAXONOMIES.serviceType, serviceTypes),
    ...fromList(TAXONOMIES.operatorKind, operatorKinds),
    ...fromList(TAXONOMIES.costKind, costKinds),
    ...listProvinces().map((p) => term(TAXONOMIES.province, p.code, p.fullName, `${p.fullName} (${p.nameEn})`)),
    ...listCommunes().map((c) =>
      term(
        TAXONOMIES.commune,
        c.code,
        c.fullName,
        `${c.fullName}, ${c.province.fullName}`,
        ids.taxonomyTerm(TAXONOMIES.province, c.province.code),
      ),
    ),
    term(
      TAXONOMIES.flag,
      DEMO_FLAG,
      'Dữ liệu minh hoạ',
      'Demo data generated for trying the portal; not a real service.',
    ),
    term(
      TAXONOMIES.english,
      ENGLISH_DESCRIPTION_TERM.code,
      ENGLISH_DESCRIPTION_TERM.name,
      ENGLISH_DESCRIPTION_TERM.description,
    ),
  ];
  return {
    taxonomies,
    terms,
    termById: new Map(terms.map((t) => [t.id, t])),
    taxonomyById: new Map(taxonomies.map((t) => [t.id, t.name])),
  };
}

function getCatalogue(): Catalogue {
  catalogue ??= build();
  return catalogue;
}

/** Our taxonomies, in a stable order. */
export function listTaxonomies(): readonly HsdsTaxonomy[] {
  return getCatalogue().taxonomies;
}

/** Every term of every taxonomy, in a stable order (lists first, then provinces, communes, flags). */
export function listTerms(): readonly CatalogueTerm[] {
  return getCatalogue().terms;
}

/** The term with this id (lower-case UUID), or `undefined`. */
export function findTerm(id: string): CatalogueTerm | undefined {
  return getCatalogue().termById.get(id);
}

/** The name of the taxonomy with this id (lower-case UUID), or `undefined`. */
export function findTaxonomy(id: string): TaxonomyName | undefined {
  return getCatalogue().taxonomyById.get(id);
}

/** A term as HSDS taxonomy_term.json describes it. */
export function hsdsTerm(term: CatalogueTerm): Record<string, unknown> {
  return {
    id: term.id,
    code: term.code,
    name: term.name,
    description: term.description,
    ...(term.parentId === undefined ? {} : { parent_id: term.parentId }),
    taxonomy: term.taxonomy,
    taxonomy_id: term.taxonomyId,
    language: 'vi',
  };
}
