import { relations } from 'drizzle-orm';
import { costOptions } from './cost-options.ts';
import { languages } from './languages.ts';
import { locations } from './locations.ts';
import { organizations } from './organizations.ts';
import { phones } from './phones.ts';
import { serviceAreas } from './service-areas.ts';
import { serviceAtLocation } from './service-at-location.ts';
import { closures, schedules } from './schedules.ts';
import { services } from './services.ts';

// Relations for Drizzle's `db.query.*` API; they add nothing to the database itself.

export const organizationsRelations = relations(organizations, ({ many, one }) => ({
  parent: one(organizations, { fields: [organizations.parentOrganizationId], references: [organizations.id] }),
  services: many(services),
  locations: many(locations),
  phones: many(phones),
}));

export const servicesRelations = relations(services, ({ many, one }) => ({
  organization: one(organizations, { fields: [services.organizationId], references: [organizations.id] }),
  serviceAtLocations: many(serviceAtLocation),
  costOptions: many(costOptions),
  languages: many(languages),
  phones: many(phones),
  serviceAreas: many(serviceAreas),
}));

export const locationsRelations = relations(locations, ({ many, one }) => ({
  organization: one(organizations, { fields: [locations.organizationId], references: [organizations.id] }),
  serviceAtLocations: many(serviceAtLocation),
  schedules: many(schedules),
  closures: many(closures),
  languages: many(languages),
  phones: many(phones),
}));

export const serviceAtLocationRelations = relations(serviceAtLocation, ({ many, one }) => ({
  service: one(services, { fields: [serviceAtLocation.serviceId], references: [services.id] }),
  location: one(locations, { fields: [serviceAtLocation.locationId], references: [locations.id] }),
  schedules: many(schedules),
  closures: many(closures),
  phones: many(phones),
}));

export const schedulesRelations = relations(schedules, ({ one }) => ({
  location: one(locations, { fields: [schedules.locationId], references: [locations.id] }),
  serviceAtLocation: one(serviceAtLocation, {
    fields: [schedules.serviceAtLocationId],
    references: [serviceAtLocation.id],
  }),
}));

export const closuresRelations = relations(closures, ({ one }) => ({
  location: one(locations, { fields: [closures.locationId], references: [locations.id] }),
  serviceAtLocation: one(serviceAtLocation, {
    fields: [closures.serviceAtLocationId],
    references: [serviceAtLocation.id],
  }),
}));

export const phonesRelations = relations(phones, ({ many, one }) => ({
  organization: one(organizations, { fields: [phones.organizationId], references: [organizations.id] }),
  service: one(services, { fields: [phones.serviceId], references: [services.id] }),
  location: one(locations, { fields: [phones.locationId], references: [locations.id] }),
  serviceAtLocation: one(serviceAtLocation, {
    fields: [phones.serviceAtLocationId],
    references: [serviceAtLocation.id],
  }),
  languages: many(languages),
}));

export const languagesRelations = relations(languages, ({ one }) => ({
  service: one(services, { fields: [languages.serviceId], references: [services.id] }),
  location: one(locations, { fields: [languages.locationId], references: [locations.id] }),
  phone: one(phones, { fields: [languages.phoneId], references: [phones.id] }),
}));

export const costOptionsRelations = relations(costOptions, ({ one }) => ({
  service: one(services, { fields: [costOptions.serviceId], references: [services.id] }),
}));

export const serviceAreasRelations = relations(serviceAreas, ({ one }) => ({
  service: one(services, { fields: [serviceAreas.serviceId], references: [services.id] }),
}));
