import type { ReactNode } from "react";

interface Props<T> {
  /** The listbox's id: the field's aria-controls; option i is `${id}-${i}` (aria-activedescendant). */
  id: string;
  label: string;
  items: T[];
  /** The index of the option the arrow keys are on. */
  highlighted: number;
  keyOf: (item: T) => string;
  render: (item: T) => ReactNode;
  /** Picked with the mouse; keeps the field focused (the press does not blur it). */
  onPick: (item: T) => void;
}

/** The suggestions under a type-ahead field, hidden when there are none. */
export function SuggestionList<T>({
  id,
  label,
  items,
  highlighted,
  keyOf,
  render,
  onPick,
}: Props<T>) {
  return (
    <ul
      id={id}
      role="listbox"
      aria-label={label}
      hidden={items.length === 0}
      className="absolute z-10 mt-1 max-h-60 w-full overflow-auto rounded border border-slate-300 bg-white shadow-lg dark:border-slate-600 dark:bg-slate-900"
    >
      {items.map((item, i) => (
        <li
          key={keyOf(item)}
          id={`${id}-${i}`}
          role="option"
          aria-selected={i === highlighted}
          className="cursor-pointer px-3 py-2 text-sm aria-selected:bg-blue-700 aria-selected:text-white"
          onMouseDown={(event) => {
            event.preventDefault();
            onPick(item);
          }}
        >
          {render(item)}
        </li>
      ))}
    </ul>
  );
}
