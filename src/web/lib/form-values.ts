/** Reads one text field of a submitted form (uncontrolled inputs keep what the person typed). */
export function readText(form: HTMLFormElement, name: string): string {
  const value = new FormData(form).get(name);
  return typeof value === 'string' ? value : '';
}
