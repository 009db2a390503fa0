import { PLACEHOLDERS } from "@/server/saved-replies/placeholders";

/** What each placeholder a saved reply may use becomes when the reply is used on a ticket. */
export function PlaceholderHelp() {
  return (
    <div className="text-sm text-slate-700 dark:text-slate-300">
      <p>
        Placeholders are filled in from the ticket when a reply is used (spaces inside the braces
        are fine; anything else in braces stays as written):
      </p>
      <dl className="mt-2 grid gap-x-4 gap-y-1 sm:grid-cols-[auto_1fr]">
        {PLACEHOLDERS.map(({ placeholder, fills }) => (
          <div key={placeholder} className="contents">
            <dt>
              <code className="font-mono text-slate-900 dark:text-slate-100">{placeholder}</code>
            </dt>
            <dd>{fills}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
