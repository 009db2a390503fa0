/**
 * Accessible wiring between a field and its error messages, which stand in `#<name>-error`
 * unless a page with several forms sharing a field name gives each its own `errorId`.
 */
export function fieldProps(
  name: string,
  errors: Record<string, string[]>,
  errorId = `${name}-error`,
) {
  const invalid = (errors[name]?.length ?? 0) > 0;
  return {
    "aria-invalid": invalid || undefined,
    "aria-describedby": invalid ? errorId : undefined,
  };
}

export function FieldError({
  name,
  errors,
  id = `${name}-error`,
}: {
  name: string;
  errors: Record<string, string[]>;
  id?: string;
}) {
  const messages = errors[name] ?? [];
  return (
    <div id={id} aria-live="polite" aria-atomic="true">
      {messages.map((message) => (
        <p key={message} className="mt-1 text-sm text-red-700 dark:text-red-400">
          {message}
        </p>
      ))}
    </div>
  );
}
