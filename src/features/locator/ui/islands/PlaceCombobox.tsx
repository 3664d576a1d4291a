/**
 * The place field (`q`) of the locator form. Rendered on the server as a plain labelled text input (GOV.UK input
 * pattern, with hint and error message), which is all there is without JavaScript. Once hydrated it becomes an ARIA
 * 1.2 combobox: a list of current commune and province names from the prerendered index (`/tim-ho-tro/goi-y.json`),
 * matched without accents in the browser; Up/Down move, Enter chooses, Escape closes. Choosing a commune also puts its
 * exact code in a hidden `commune` field; typing again removes it. Pre-2025 names are not in the index: the server
 * resolves them when the form is sent.
 */
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { matchSuggestions, readSuggestIndex, type SuggestIndexFile, type Suggestion } from '../suggest-format.ts';

export interface PlaceComboboxProps {
  /** The input's name and the base of its id (`f-<name>`), as the form components use. */
  name: string;
  label: string;
  hint: string;
  value: string;
  /** The field's error message, already translated; empty for none. */
  error: string;
  /** The hidden "Lỗi:" / "Error:" prefix of an error message. */
  errorPrefix: string;
  /** Where the index is served. */
  indexUrl: string;
  maxLength: number;
  /** Status messages: `{count}` is replaced. */
  countOne: string;
  countOther: string;
  none: string;
  /** Said to screen readers when the field gets focus: how to use the list. */
  instructions: string;
  /** Accessible name of the list. */
  listLabel: string;
}

// One fetch per page, shared by re-renders.
let indexPromise: Promise<Suggestion[]> | undefined;

function loadIndex(url: string): Promise<Suggestion[]> {
  indexPromise ??= fetch(url, { credentials: 'same-origin' })
    .then((response) => {
      if (!response.ok) throw new Error(`suggestions: HTTP ${response.status}`);
      return response.json() as Promise<SuggestIndexFile>;
    })
    .then(readSuggestIndex)
    .catch(() => {
      // Without the index the field is a plain input again; the server still resolves what is typed.
      indexPromise = undefined;
      return [];
    });
  return indexPromise;
}

export default function PlaceCombobox(props: PlaceComboboxProps) {
  const id = `f-${props.name}`;
  const listId = `${id}-listbox`;
  const instructionsId = `${id}-instructions`;
  const statusId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [enhanced, setEnhanced] = useState(false);
  const [value, setValue] = useState(props.value);
  const [index, setIndex] = useState<Suggestion[] | undefined>(undefined);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [status, setStatus] = useState('');

  useEffect(() => {
    // Whatever was typed before the island hydrated is the value now (React would otherwise put back the server's).
    const typed = inputRef.current?.value;
    if (typed !== undefined) setValue(typed);
    setEnhanced(true);
  }, []);

  const options = useMemo(() => (index === undefined ? [] : matchSuggestions(index, value)), [index, value]);

  // The live region is updated a moment after typing stops, so a screen reader is not interrupted at every key.
  useEffect(() => {
    if (!enhanced || !open) return;
    const timer = window.setTimeout(() => {
      const count = options.length;
      setStatus(
        count === 0 ? props.none : (count === 1 ? props.countOne : props.countOther).replace('{count}', String(count)),
      );
    }, 400);
    return () => window.clearTimeout(timer);
  }, [enhanced, open, options.length, props.none, props.countOne, props.countOther]);

  const ensureIndex = () => {
    if (index === undefined) void loadIndex(props.indexUrl).then(setIndex);
  };

  const choose = (suggestion: Suggestion) => {
    setValue(suggestion.value);
    setOpen(false);
    setActive(-1);
    setCommune(inputRef.current?.form ?? null, suggestion.code);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (options.length === 0) return;
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setOpen(true);
      setActive((current) =>
        current === -1 && step === -1 ? options.length - 1 : (current + step + options.length) % options.length,
      );
    } else if (event.key === 'Enter') {
      const chosen = open ? options[active] : undefined;
      // Enter chooses a highlighted suggestion; otherwise it sends the form as usual.
      if (chosen !== undefined) {
        event.preventDefault();
        choose(chosen);
      }
    } else if (event.key === 'Escape') {
      if (open) {
        event.preventDefault();
        setOpen(false);
        setActive(-1);
      }
    }
  };

  const describedBy =
    [props.hint ? `${id}-hint` : '', props.error ? `${id}-error` : '', enhanced ? instructionsId : '']
      .filter(Boolean)
      .join(' ') || undefined;
  const expanded = enhanced && open && options.length > 0;
  const activeOption = expanded && active >= 0 ? `${id}-option-${active}` : undefined;

  return (
    <div className={props.error ? 'form-group form-group--error' : 'form-group'}>
      <label className="label" htmlFor={id}>
        {props.label}
      </label>
      {props.hint && (
        <span className="hint" id={`${id}-hint`}>
          {props.hint}
        </span>
      )}
      {props.error && (
        <p className="error-message" id={`${id}-error`}>
          <span className="visually-hidden">{props.errorPrefix} </span>
          {props.error}
        </p>
      )}
      <div className="combobox">
        <input
          ref={inputRef}
          className={props.error ? 'input input--error' : 'input'}
          id={id}
          name={props.name}
          type="text"
          value={value}
          maxLength={props.maxLength}
          spellCheck={false}
          autoComplete={enhanced ? 'off' : undefined}
          aria-describedby={describedBy}
          aria-invalid={props.error ? 'true' : undefined}
          {...(enhanced
            ? {
                role: 'combobox',
                'aria-autocomplete': 'list' as const,
                'aria-expanded': expanded,
                'aria-controls': listId,
                'aria-activedescendant': activeOption,
              }
            : {})}
          onChange={(event) => {
            setValue(event.target.value);
            setOpen(true);
            setActive(-1);
            ensureIndex();
            // The typed text no longer is the chosen commune.
            setCommune(event.target.form, undefined);
          }}
          onFocus={ensureIndex}
          onKeyDown={onKeyDown}
          onBlur={() => {
            setOpen(false);
            setActive(-1);
          }}
        />
        {enhanced && (
          <ul id={listId} role="listbox" aria-label={props.listLabel} className="combobox__listbox" hidden={!expanded}>
            {expanded &&
              options.map((option, position) => (
                <li
                  key={`${option.kind}-${option.code ?? option.fullName}`}
                  id={`${id}-option-${position}`}
                  role="option"
                  aria-selected={position === active}
                  className={position === active ? 'combobox__option combobox__option--active' : 'combobox__option'}
                  // Keep the focus in the input: a click must not blur it before choosing.
                  onMouseDown={(event) => event.preventDefault()}
                  onClick={() => choose(option)}
                >
                  {option.fullName}
                  {option.kind === 'commune' && <span className="combobox__province">, {option.provinceName}</span>}
                </li>
              ))}
          </ul>
        )}
      </div>
      {enhanced && (
        <>
          <span id={instructionsId} className="visually-hidden">
            {props.instructions}
          </span>
          <div id={statusId} className="visually-hidden" role="status" aria-live="polite">
            {status}
          </div>
        </>
      )}
    </div>
  );
}

// The exact commune code travels in a hidden field next to the name, so the server need not search the name again.
function setCommune(form: HTMLFormElement | null, code: string | undefined): void {
  if (form === null) return;
  let field = form.querySelector<HTMLInputElement>('input[type="hidden"][name="commune"]');
  if (code === undefined) {
    field?.remove();
    return;
  }
  if (field === null) {
    field = document.createElement('input');
    field.type = 'hidden';
    field.name = 'commune';
    form.append(field);
  }
  field.value = code;
}
