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
import { locateRounded, setFormField } from '#src/features/locator/ui/islands/rounded-position.ts';

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
    setStatus('locating');
    locateRounded((lat, lon) => {
      setFormField(form, 'lat', lat);
      setFormField(form, 'lon', lon);
      const place = form.elements.namedItem(props.placeField);
      if (place instanceof HTMLInputElement) place.value = '';
      form.querySelector('input[type="hidden"][name="commune"]')?.remove();
      for (const radio of form.querySelectorAll<HTMLInputElement>('input[type="radio"][name="commune"]'))
        radio.checked = false;
      setStatus('done');
    }, setStatus);
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
