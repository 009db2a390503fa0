"use client";

import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from "react";
import { LiveUpdates } from "@/app/tickets/[ticketId]/_components/live-updates";

/** A field value this browser saved that the server-rendered page does not show yet. */
export interface PendingValue {
  value: string | null;
  /** The version the write produced; the page shows it once its version reaches this. */
  version: number;
}

export type PendingField = "status" | "priority" | "assignee";

interface Workspace {
  ticketId: string;
  me: string;
  /** The version the server-rendered page shows. */
  pageVersion: number;
  /**
   * The newest version this browser knows the ticket is at: the page's, or the one its own
   * last write returned, whichever is higher. Forms send it as `expectedVersion`, so writes in
   * quick succession do not conflict with themselves while the read side catches up.
   */
  knownVersion: number;
  pending: (field: PendingField) => PendingValue | null;
  recordSaved: (version: number, fields?: Partial<Record<PendingField, string | null>>) => void;
  /**
   * Runs one write after the previous one from this page has returned, with the version known
   * at that moment: two forms submitted in quick succession must not both expect the same one.
   */
  inTurn: <T>(write: (expectedVersion: number) => Promise<T>) => Promise<T>;
}

const WorkspaceContext = createContext<Workspace | null>(null);

export function useWorkspace(): Workspace {
  const workspace = useContext(WorkspaceContext);
  if (!workspace) throw new Error("useWorkspace must be used inside <TicketWorkspace>");
  return workspace;
}

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
      {children}
    </WorkspaceContext.Provider>
  );
}
