/** One error found on a form field, already translated: the summary and the field show the same words. */
export interface FieldError {
  /** The name of the field (and the base of its id), e.g. `q`. */
  field: string;
  /** The localized message, saying what to do ("Nhập tên xã, phường…"). */
  message: string;
}

/** The id of a field's input, shared by the summary link, the label and the input. */
export function fieldId(field: string): string {
  return `f-${field}`;
}

/** The error for one field, if any. */
export function errorFor(errors: readonly FieldError[] | undefined, field: string): FieldError | undefined {
  return errors?.find((error) => error.field === field);
}

/** `aria-describedby` for an input: its hint and its error message, when present (GOV.UK input template). */
export function describedBy(field: string, hasHint: boolean, hasError: boolean): string | undefined {
  const ids = [hasHint ? `${fieldId(field)}-hint` : null, hasError ? `${fieldId(field)}-error` : null].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}
