/**
 * "Use my location": asks the browser for the position, rounds it to 2 decimals (about 1 km) HERE, in the browser,
 * puts it in the form's `lat`/`lon` and sends the same GET form. The exact position never leaves the device and is
 * never logged. Without JavaScript nothing is drawn (the server renders an empty box), and the form works by name.
 *
 * Strings come in as props (the island never loads the catalogues). No inline styles: the CSP blocks them.
 */
import { useEffect, useRef, useState } from 'react';

export interface UseMyLocationProps {
  label: string;
  hint: string;
  locating: string;
  denied: string;
  unavailable: string;
  unsupported: string;
}

type Status = 'idle' | 'locating' | 'denied' | 'unavailable' | 'unsupported';

/** Rounds a coordinate to 2 decimals and writes it with exactly 2 (about 1.1 km of latitude). */
export function roundCoordinate(value: number): string {
  return (Math.round(value * 100) / 100).toFixed(2);
}

export default function UseMyLocation(props: UseMyLocationProps) {
  const box = useRef<HTMLDivElement>(null);
  const [enhanced, setEnhanced] = useState(false);
  const [status, setStatus] = useState<Status>('idle');
  useEffect(() => setEnhanced(true), []);

  // Rendered on the server and on first hydration: an empty box (no button without JavaScript).
  if (!enhanced) return <div ref={box} className="use-location" />;

  const locate = () => {
    const form = box.current?.closest('form');
    if (!form) return;
    if (!('geolocation' in navigator)) {
      setStatus('unsupported');
      return;
    }
    setStatus('locating');
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setField(form, 'lat', roundCoordinate(position.coords.latitude));
        setField(form, 'lon', roundCoordinate(position.coords.longitude));
        // A position search starts from the position: drop a typed place and an exact commune chosen before.
        const place = form.elements.namedItem('q');
        if (place instanceof HTMLInputElement) place.value = '';
        form.querySelector('input[type="hidden"][name="commune"]')?.remove();
        form.requestSubmit();
      },
      (error) => setStatus(error.code === error.PERMISSION_DENIED ? 'denied' : 'unavailable'),
      // About 1 km is all we keep: no need for GPS precision, and a recent position is good enough.
      { enableHighAccuracy: false, timeout: 20_000, maximumAge: 600_000 },
    );
  };

  const message = status === 'idle' ? '' : props[status];
  return (
    <div ref={box} className="use-location">
      <button
        type="button"
        className="button button--secondary use-location__button"
        onClick={locate}
        aria-describedby="use-location-hint"
        disabled={status === 'locating'}
      >
        {props.label}
      </button>
      <p className="hint" id="use-location-hint">
        {props.hint}
      </p>
      <p
        className={
          status === 'denied' || status === 'unavailable' || status === 'unsupported'
            ? 'use-location__message use-location__message--problem'
            : 'use-location__message'
        }
        role="status"
      >
        {message}
      </p>
    </div>
  );
}

// The form may already show lat/lon fields (a position search being refined); otherwise hidden ones are added.
function setField(form: HTMLFormElement, name: string, value: string): void {
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
