/**
 * "Use my location" on the intake form. Like the locator's button (whose rounding it reuses), it asks the browser for
 * the position and rounds it to 2 decimals (about 1 km) HERE, in the browser; unlike it, it does not send the form:
 * it fills the form's hidden `lat`/`lon`, clears the place name (a typed name would win over the position), and says
 * so. The server keeps only the commune the position falls in. Without JavaScript nothing is drawn: the place name
 * field is the way.
 *
 * Strings come in as props (the island never loads the catalogues). No inline styles: the CSP blocks them.
 */
import { useEffect, useRef, useState } from 'react';
import { roundCoordinate } from '#src/features/locator/ui/islands/UseMyLocation.tsx';

export interface PositionFieldProps {
  label: string;
  hint: string;
  locating: string;
  done: string;
  denied: string;
  unavailable: string;
  unsupported: string;
  /** The name of the place name field, cleared when the position is taken. */
  placeField: string;
}

type Status = 'idle' | 'locating' | 'done' | 'denied' | 'unavailable' | 'unsupported';

export default function PositionField(props: PositionFieldProps) {
  const box = useRef<HTMLDivElement>(null);
  const [enhanced, setEnhanced] = useState(false);
  const [status, setStatus] = useState<Status>('idle');
  useEffect(() => setEnhanced(true), []);

  if (!enhanced) return <div ref={box} className="intake-position" />;

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
        setHidden(form, 'lat', roundCoordinate(position.coords.latitude));
        setHidden(form, 'lon', roundCoordinate(position.coords.longitude));
        const place = form.elements.namedItem(props.placeField);
        if (place instanceof HTMLInputElement) place.value = '';
        form.querySelector('input[type="hidden"][name="commune"]')?.remove();
        for (const radio of form.querySelectorAll<HTMLInputElement>('input[type="radio"][name="commune"]'))
          radio.checked = false;
        setStatus('done');
      },
      (error) => setStatus(error.code === error.PERMISSION_DENIED ? 'denied' : 'unavailable'),
      // About 1 km is all that is used: no need for GPS precision, and a recent position is good enough.
      { enableHighAccuracy: false, timeout: 20_000, maximumAge: 600_000 },
    );
  };

  const message = status === 'idle' ? '' : props[status];
  const problem = status === 'denied' || status === 'unavailable' || status === 'unsupported';
  return (
    <div ref={box} className="intake-position">
      <button
        type="button"
        className="button button--secondary"
        onClick={locate}
        aria-describedby="intake-position-hint"
        disabled={status === 'locating'}
      >
        {props.label}
      </button>
      <p className="hint" id="intake-position-hint">
        {props.hint}
      </p>
      <p
        className={problem ? 'intake-position__message intake-position__message--problem' : 'intake-position__message'}
        role="status"
      >
        {message}
      </p>
    </div>
  );
}

// The form may already carry the position (shown back after an error); otherwise hidden fields are added.
function setHidden(form: HTMLFormElement, name: string, value: string): void {
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
