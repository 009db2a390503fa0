/**
 * Write commands are sent in chunks of this many documents: on the embedded database a write
 * command holds the write lock until it is done, and the app's commands must get their turn.
 */
export const WRITE_CHUNK = 500;

export function chunks<T>(items: T[], size = WRITE_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
