/**
 * Stable ids of everything the import writes and the export describes. Each is a UUIDv5 of a readable name built from
 * the province code and the spreadsheet's own row id (or, for a child row, its parent's id and what makes it itself),
 * so importing the same file twice gives the same ids, and the export can rebuild the ids of its taxonomy terms.
 */
import { uuidV5 } from '#src/features/directory/uuid-v5.ts';

/** UUIDv5 of the URL `https://hotro-cai-nghien.invalid/directory-import` in the RFC 9562 URL namespace. Never change it. */
export const DIRECTORY_NAMESPACE = '7e2b6fcb-e28d-5954-ab57-dd4480ebc4f7';

const id = (...parts: readonly string[]): string => uuidV5(DIRECTORY_NAMESPACE, parts.join('|'));

/** The key an organization is recognised by within a province: its folded name. */
export const organizationSourceKey = (foldedName: string): string => `org:${foldedName}`;

/** The key of one service of a spreadsheet row: the row id and the service type. Row ids cannot contain `#`. */
export const serviceSourceKey = (rowId: string, serviceType: string): string => `${rowId}#${serviceType}`;

/** The row id a service's source key belongs to. */
export const rowIdOfServiceKey = (key: string): string => key.slice(0, Math.max(0, key.indexOf('#')));

export const ids = {
  organization: (province: string, foldedName: string) => id('organization', province, foldedName),
  location: (province: string, rowId: string) => id('location', province, rowId),
  service: (province: string, rowId: string, serviceType: string) => id('service', province, rowId, serviceType),
  serviceAtLocation: (serviceId: string, locationId: string) => id('service_at_location', serviceId, locationId),
  phone: (ownerId: string, number: string) => id('phone', ownerId, number),
  schedule: (ownerId: string, byday: string, opensAt: string, closesAt: string) =>
    id('schedule', ownerId, byday, opensAt, closesAt),
  language: (ownerId: string, code: string) => id('language', ownerId, code),
  costOption: (serviceId: string, kind: string) => id('cost_option', serviceId, kind),
  /** HSDS objects the export derives (addresses, attributes, taxonomy terms). */
  address: (locationId: string) => id('address', locationId),
  attribute: (linkId: string, termId: string) => id('attribute', linkId, termId),
  taxonomy: (taxonomy: string) => id('taxonomy', taxonomy),
  taxonomyTerm: (taxonomy: string, code: string) => id('taxonomy_term', taxonomy, code),
};
