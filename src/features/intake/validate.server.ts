/**
 * The intake schema bound to the administrative units: a commune code must exist, a position must be near a commune.
 * What the handler, the form page and the API use.
 */
import { getCommune } from '#src/features/admin-units/index.ts';
import { communeAt } from '#src/features/admin-units/nearest-commune.ts';
import { createIntakeSchema, validateWith, type IntakeValidation, type PlaceChecks } from './schema.ts';

/** Place checks against the 2025 administrative units. */
export const adminUnitPlaces: PlaceChecks = {
  communeExists: (code) => getCommune(code) !== undefined,
  communeAt: (lat, lon) => {
    const commune = communeAt(lat, lon);
    return commune === undefined ? undefined : { code: commune.code, provinceCode: commune.provinceCode };
  },
};

/** The complete schema (formats and places). */
export const intakeSchema = createIntakeSchema(adminUnitPlaces);

/** Validates a request (JSON body, or `parseIntakeForm(formData)`), without the anti-abuse fields. */
export function validateIntake(input: unknown): IntakeValidation {
  return validateWith(intakeSchema, input);
}
