/** Whether a key press goes to a field being typed in (single-key shortcuts must then not fire). */
export const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));

/** Whether a modifier is held (shortcuts of one plain key leave these to the browser). */
export const withModifier = (event: KeyboardEvent) =>
  event.ctrlKey || event.metaKey || event.altKey;
