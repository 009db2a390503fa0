// TEMPORARY: seeds through the public API until `npm run seed` exists (small sizes only).
// Remove once the seed script is merged.
const AGENTS = ["Ada Lovelace", "Grace Hopper", "Lena Vogel", "Aisha Khan"];
const WORDS = ["printer", "invoice", "login", "refund", "VPN", "laptop", "password", "delivery"];

export async function seedViaApi(baseURL: string, token: string, count: number, seed: number) {
  if (count > 5_000) throw new Error("the API seeding fallback is for small sizes only");
  const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${baseURL}${path}`, {
      method: "POST",
      headers,
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${path} → ${res.status} ${await res.text()}`);
    return (await res.json()) as { ticketId: string };
  };
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < count) {
        const n = seed * 1_000_000 + next++;
        const word = WORDS[n % WORDS.length]!;
        const { ticketId } = await post("/api/tickets", {
          subject: `The ${word} does not work (${n})`,
          message: `Since this morning the ${word} fails. `.repeat(8) + `Reference ${n}.`,
          priority: (["low", "normal", "high", "urgent"] as const)[n % 4],
        });
        if (n % 2 === 0)
          await post(`/api/tickets/${ticketId}/assignee`, { assignee: AGENTS[n % AGENTS.length] });
        if (n % 3 === 0) await post(`/api/tickets/${ticketId}/notes`, { body: "Called back." });
        if (n % 5 === 0) await post(`/api/tickets/${ticketId}/status`, { status: "triaged" });
        if (n % 7 === 0) await post(`/api/tickets/${ticketId}/status`, { status: "closed" });
      }
    }),
  );
}
