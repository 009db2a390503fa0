/** Starts the in-process projector when the Next.js server boots (Node runtime only). */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env } = await import("@/server/env");
  if (!env.PROJECTOR_IN_PROCESS) return;
  const { startProjector } = await import("@/server/projections/runtime");
  startProjector();
}
