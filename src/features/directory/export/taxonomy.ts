/**
 * How the HSDS export says what HSDS has no field for: our service types, operator kinds, cost kinds, the 2025
 * administrative units and the demo flag are taxonomy terms linked by HSDS `attribute`s. The HSDS JSON import reads
 * the same attributes back. Term and attribute ids are UUIDv5, so they are the same in every export.
 */
import { ids } from '#src/features/directory/import/ids.ts';

/** Our taxonomies, by their HSDS `taxonomy_term.taxonomy` name. */
export const TAXONOMIES = {
  serviceType: 'hotro-service-type',
  operatorKind: 'hotro-operator-kind',
  costKind: 'hotro-cost-kind',
  province: 'vn-admin-2025-province',
  commune: 'vn-admin-2025-commune',
  flag: 'hotro-flag',
  english: 'hotro-english',
} as const;
export type TaxonomyName = (typeof TAXONOMIES)[keyof typeof TAXONOMIES];

/** `location.external_identifier_type` of the spreadsheet row id the export puts in `external_identifier`. */
export const ROW_ID_SCHEME = 'hotro-province-sheet-row-id';

/** The term code of the demo flag. */
export const DEMO_FLAG = 'demo';

/**
 * HSDS 3.0 has one language per record. A record's description in English travels as an attribute of the
 * `hotro-english` taxonomy, term `description`, whose `value` is the English text (HSDS attribute.value); the record's
 * own `description` stays Vietnamese. The import reads it back from the same place.
 */
export const ENGLISH_DESCRIPTION = 'description';
export const ENGLISH_DESCRIPTION_TERM = {
  code: ENGLISH_DESCRIPTION,
  name: 'Mô tả bằng tiếng Anh',
  description:
    "The record's description in English: the attribute's value. The record's own description is Vietnamese.",
} as const;

/** An HSDS 3.0 taxonomy_term (required: id, name, description). */
export interface HsdsTaxonomyTerm {
  id: string;
  code: string;
  name: string;
  description: string;
  taxonomy: string;
  taxonomy_id: string;
  language: string;
}

/** An HSDS 3.0 attribute (required: id) with its term nested. */
export interface HsdsAttribute {
  id: string;
  link_id: string;
  link_type: string;
  link_entity: string;
  taxonomy_term_id: string;
  taxonomy_term: HsdsTaxonomyTerm;
  value?: string;
}

/** The English description of a record as an attribute (see {@link ENGLISH_DESCRIPTION}). */
export function englishDescription(linkId: string, linkEntity: 'service' | 'location', text: string): HsdsAttribute {
  return { ...attribute(linkId, linkEntity, TAXONOMIES.english, ENGLISH_DESCRIPTION_TERM), value: text };
}

/**
 * The `value` of the first attribute of `taxonomy` and term `code` in an HSDS object's `attributes` (undefined: no such
 * attribute; a value that is not a string reads as '').
 */
export function attributeValue(attributes: unknown, taxonomy: TaxonomyName, code: string): string | undefined {
  if (!Array.isArray(attributes)) return undefined;
  for (const item of attributes as unknown[]) {
    if (typeof item !== 'object' || item === null) continue;
    const term = (item as { taxonomy_term?: unknown }).taxonomy_term;
    if (typeof term !== 'object' || term === null) continue;
    const { taxonomy: name, code: termCode } = term as { taxonomy?: unknown; code?: unknown };
    if (name !== taxonomy || termCode !== code) continue;
    const { value } = item as { value?: unknown };
    return typeof value === 'string' ? value : '';
  }
  return undefined;
}

/** The attribute linking `linkId` (an HSDS `linkEntity`) to the term `code` of `taxonomy`. */
export function attribute(
  linkId: string,
  linkEntity: 'service' | 'organization' | 'location' | 'cost_option' | 'service_area',
  taxonomy: TaxonomyName,
  term: { code: string; name: string; description: string },
): HsdsAttribute {
  const termId = ids.taxonomyTerm(taxonomy, term.code);
  return {
    id: ids.attribute(linkId, termId),
    link_id: linkId,
    link_type: taxonomy,
    link_entity: linkEntity,
    taxonomy_term_id: termId,
    taxonomy_term: {
      id: termId,
      code: term.code,
      name: term.name,
      description: term.description,
      taxonomy,
      taxonomy_id: ids.taxonomy(taxonomy),
      language: 'vi',
    },
  };
}

/** The code of the first attribute of `taxonomy` in an HSDS object's `attributes`, as the import reads it. */
export function attributeCode(attributes: unknown, taxonomy: TaxonomyName): string | undefined {
  if (!Array.isArray(attributes)) return undefined;
  for (const item of attributes as unknown[]) {
    if (typeof item !== 'object' || item === null) continue;
    const term = (item as { taxonomy_term?: unknown }).taxonomy_term;
    if (typeof term !== 'object' || term === null) continue;
    const { taxonomy: name, code } = term as { taxonomy?: unknown; code?: unknown };
    if (name === taxonomy && typeof code === 'string') return code;
  }
  return undefined;
}
