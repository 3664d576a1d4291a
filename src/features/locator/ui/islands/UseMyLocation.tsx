/**
 * "Use my location": asks the browser for the position, rounds it to 2 decimals (about 1 km) HERE, in the browser,
 * puts it in the form's `lat`/`lon` and sends the same GET form. The exact position never leaves the device and is
 * never logged. Without JavaScript nothing is drawn (the server renders an empty box), and the form works by name.
 *
 * Strings come in as props (the island never loads the catalogues). No inline styles: the CSP blocks them.
 */
import { useEffect, useRef, useState } from 'react';
import { locateRounded, setFormField } from './rounded-position.ts';

export interface UseMyLocationProps {
  label: string;
  hint: string;
  locating: string;
  denied: string;
  unavailable: string;
  unsupported: string;
}

type Status = 'idle' | 'locating' | 'denied' | 'unavailable' | 'unsupported';

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
    setStatus('locating');
    locateRounded((lat, lon) => {
      setFormField(form, 'lat', lat);
      setFormField(form, 'lon', lon);
      // A position search starts from the position: drop a typed place and an exact commune chosen before.
      const place = form.elements.namedItem('q');
      if (place instanceof HTMLInputElement) place.value = '';
      form.querySelector('input[type="hidden"][name="commune"]')?.remove();
      form.requestSubmit();
    }, setStatus);
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
