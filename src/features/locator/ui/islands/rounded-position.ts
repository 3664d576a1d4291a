/**
 * The browser side of "use my location", shared by the locator and the intake form: ask for the position, round it to
 * 2 decimals (about 1 km) HERE, before anything leaves the device, and write it into a form's `lat`/`lon` fields.
 * Browser-only (no server imports).
 */

/** Rounds a coordinate to 2 decimals and writes it with exactly 2 (about 1.1 km of latitude). */
export function roundCoordinate(value: number): string {
  return (Math.round(value * 100) / 100).toFixed(2);
}

/** Why no position came back. */
export type PositionProblem = 'denied' | 'unavailable' | 'unsupported';

/** Asks the browser for the position and calls back with it already rounded, or with the reason it failed. */
export function locateRounded(
  onPosition: (lat: string, lon: string) => void,
  onProblem: (problem: PositionProblem) => void,
): void {
  if (!('geolocation' in navigator)) {
    onProblem('unsupported');
    return;
  }
  navigator.geolocation.getCurrentPosition(
    (position) => onPosition(roundCoordinate(position.coords.latitude), roundCoordinate(position.coords.longitude)),
    (error) => onProblem(error.code === error.PERMISSION_DENIED ? 'denied' : 'unavailable'),
    // About 1 km is all that is used: no need for GPS precision, and a recent position is good enough.
    { enableHighAccuracy: false, timeout: 20_000, maximumAge: 600_000 },
  );
}

/** Sets a form field's value, adding a hidden input when the form has no field of that name (e.g. a first search). */
export function setFormField(form: HTMLFormElement, name: string, value: string): void {
  const existing = form.elements.namedItem(name);
  if (existing instanceof HTMLInputElement) {
    existing.value = value;
    return;
  }
  const input = document.createElement('input');
  input.type = 'hidden';
  input.name = name;
  input.value = value;
  form.append(input);
}
