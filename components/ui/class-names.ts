/** Class names joined with spaces, leaving out the ones a condition turned off. */
export function cx(...classes: (string | false | null | undefined)[]): string {
  return classes.filter(Boolean).join(" ");
}
