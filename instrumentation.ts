/** Wires commands to the projector and starts it (webhook deliveries and SLA timers) when the Next.js server boots (Node only). */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env } = await import("@/server/env");
  const { registerNudge, startProjector } = await import("@/server/projections/runtime");
  registerNudge();
  if (!env.PROJECTOR_IN_PROCESS) return;
  startProjector();
  const { startWebhookDispatcher } = await import("@/server/webhooks/runtime");
  startWebhookDispatcher();
  const { startSlaClock } = await import("@/server/sla/runtime");
  startSlaClock();
}
