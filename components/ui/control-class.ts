import { cx } from "@/components/ui/class-names";

/** A form's fields, or the compact controls of a toolbar (the list's filters, the bulk bar). */
export type ControlSize = "regular" | "compact";

/**
 * The border and dark-mode background of a control. The screens drifted apart before these
 * were shared; each tone is exactly what its screens showed, so sharing changed no pixel.
 * - `inset`: darker than the panel it sits on (the ticket page, the bulk bar, saved views).
 * - `raised`: as dark as its panel, with a lighter dark-mode border (admin forms, sign-in).
 * - `plain`: as dark as a panel, on the page itself (the list's filters).
 * - `soft`: fainter borders (the new-ticket form).
 */
export type ControlTone = "inset" | "raised" | "plain" | "soft";

const sizes: Record<ControlSize, string> = {
  regular: "px-3 py-2",
  compact: cx(
    "px-2 py-1.5 placeholder:text-slate-500 dark:placeholder:text-slate-400",
    "focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600",
  ),
};

const tones: Record<ControlTone, string> = {
  inset: "border-slate-400 dark:border-slate-600 dark:bg-slate-950",
  raised: "border-slate-400 dark:border-slate-500 dark:bg-slate-900",
  plain: "border-slate-400 dark:border-slate-600 dark:bg-slate-900",
  soft: "border-slate-300 dark:border-slate-700 dark:bg-slate-900",
};

/** The look of a text input, textarea or select; where it stands is up to the caller. */
export function controlClass(size: ControlSize = "regular", tone: ControlTone = "inset"): string {
  return cx("rounded border bg-white text-sm", sizes[size], tones[tone]);
}
