export const heading = "text-base font-semibold";

/** One choice of a segmented control; the chosen one is marked with aria-pressed. */
export const choiceButton = [
  "rounded border px-3 py-1.5 text-sm font-medium disabled:cursor-not-allowed",
  "border-slate-400 bg-white text-slate-900 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100",
  "enabled:not-aria-pressed:hover:bg-slate-100 dark:enabled:not-aria-pressed:hover:bg-slate-800",
  "disabled:not-aria-pressed:opacity-60",
  // The chosen one stays legible when disabled or hovered (a closed ticket still shows it).
  "aria-pressed:border-blue-700 aria-pressed:bg-blue-700 aria-pressed:text-white",
  "dark:aria-pressed:border-blue-500 dark:aria-pressed:bg-blue-700 dark:aria-pressed:text-white",
].join(" ");

export const hint = "text-sm text-slate-700 dark:text-slate-300";
