"use client";

import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { LiveUpdates } from "@/app/tickets/[ticketId]/_components/live-updates";
import { Presence } from "@/app/tickets/[ticketId]/_components/presence";
import {
  WorkspaceContext,
  type PendingField,
  type PendingValue,
  type Workspace,
} from "@/app/tickets/[ticketId]/_components/workspace-context";

export function TicketWorkspace({
  ticketId,
  me,
  version,
  children,
}: {
  ticketId: string;
  me: string;
  version: number;
  children: ReactNode;
}) {
  const [savedVersion, setSavedVersion] = useState(0);
  const [saved, setSaved] = useState<Partial<Record<PendingField, PendingValue>>>({});

  const known = useRef(version);
  const queue = useRef<Promise<unknown>>(Promise.resolve());

  useEffect(() => {
    known.current = Math.max(known.current, version);
  }, [version]);

  const inTurn = useCallback(<T,>(write: (expectedVersion: number) => Promise<T>) => {
    const turn = queue.current.then(() => write(known.current));
    queue.current = turn.catch(() => undefined);
    return turn;
  }, []);

  const recordSaved = useCallback(
    (v: number, fields: Partial<Record<PendingField, string | null>> = {}) => {
      known.current = Math.max(known.current, v);
      setSavedVersion((saved) => Math.max(saved, v));
      setSaved((previous) => {
        const next = { ...previous };
        for (const [field, value] of Object.entries(fields) as [PendingField, string | null][]) {
          next[field] = { value, version: v };
        }
        return next;
      });
    },
    [],
  );

  const workspace = useMemo<Workspace>(
    () => ({
      ticketId,
      me,
      pageVersion: version,
      knownVersion: Math.max(version, savedVersion),
      // Once the page has the write's version, the page itself is the truth again.
      pending: (field) => {
        const value = saved[field];
        return value && value.version > version ? value : null;
      },
      recordSaved,
      inTurn,
    }),
    [ticketId, me, version, savedVersion, saved, recordSaved, inTurn],
  );

  return (
    <WorkspaceContext.Provider value={workspace}>
      <LiveUpdates />
      <Presence ticketId={ticketId}>{children}</Presence>
    </WorkspaceContext.Provider>
  );
}
