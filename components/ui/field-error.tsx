/** Accessible wiring between a field and its error messages. */
export function fieldProps(name: string, errors: Record<string, string[]>) {
  const invalid = (errors[name]?.length ?? 0) > 0;
  return {
    "aria-invalid": invalid || undefined,
    "aria-describedby": invalid ? `${name}-error` : undefined,
  };
}

export function FieldError({ name, errors }: { name: string; errors: Record<string, string[]> }) {
  const messages = errors[name] ?? [];
  return (
    <div id={`${name}-error`} aria-live="polite" aria-atomic="true">
      {messages.map((message) => (
        <p key={message} className="mt-1 text-sm text-red-700 dark:text-red-400">
          {message}
        </p>
      ))}
    </div>
  );
}
