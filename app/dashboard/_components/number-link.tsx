import Link from "next/link";
import type { ReactNode } from "react";
import { ticketsHref, type LinkedNumber } from "@/server/read-models/dashboard/links";

const linkClass = "rounded text-blue-800 underline-offset-2 hover:underline dark:text-blue-300";

/** A number inline (in a table or a sentence), linking to its tickets; `context` names it for screen readers. */
export function NumberLink({
  metric,
  number,
  context,
  children,
}: {
  metric: string;
  number: LinkedNumber;
  context: string;
  children?: ReactNode;
}) {
  return (
    <Link
      href={ticketsHref(number.params)}
      data-metric={metric}
      className={`${linkClass} underline`}
    >
      {children ?? (
        <span data-value className="tabular-nums">
          {number.value}
        </span>
      )}
      <span className="sr-only"> {context}</span>
    </Link>
  );
}
