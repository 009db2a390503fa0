"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { LiveEvents } from "@/components/live-events";

/** `live`: a signed-in user, whose tab follows the event feed. */
export function Providers({ children, live }: { children: ReactNode; live: boolean }) {
  const [client] = useState(
    () =>
      new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } } }),
  );
  return (
    <QueryClientProvider client={client}>
      <LiveEvents enabled={live}>{children}</LiveEvents>
    </QueryClientProvider>
  );
}
