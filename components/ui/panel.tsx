import type { ComponentPropsWithoutRef } from "react";
import { cx } from "@/components/ui/class-names";

/** For the rare panel that is not a section (the sign-in form). */
export const panelClass =
  "rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900";

/** A white card on the page: one section of it, named by its heading (`aria-labelledby`). */
export function Panel({ className, ...section }: ComponentPropsWithoutRef<"section">) {
  return <section {...section} className={cx(panelClass, className)} />;
}
