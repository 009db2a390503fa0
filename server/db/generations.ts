import type { Collection, Db, Document } from "mongodb";

/**
 * Where read models are read and written: a database and a generation of read-model
 * collections. `npm run projections:rebuild` builds generation N + 1 beside the active one and
 * switches reads over; the registry document names the active generation.
 */
export interface ReadTarget {
  db: Db;
  generation: number;
}

/** Generation 0 uses a read model's own names; generation N appends `_gN`. */
export const readModelName = (name: string, generation: number) =>
  generation === 0 ? name : `${name}_g${generation}`;

/** A read model's collection in the target's generation. */
export const readCollection = <T extends Document>(
  target: ReadTarget,
  name: string,
): Collection<T> => target.db.collection<T>(readModelName(name, target.generation));
