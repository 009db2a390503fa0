"use client";

import { createContext, useContext } from "react";

/** A field value this browser saved that the server-rendered page does not show yet. */
export interface PendingValue {
  value: string | null;
  /** The version the write produced; the page shows it once its version reaches this. */
  version: number;
}

export type PendingField = "status" | "priority" | "assignee" | "tags";

export interface Workspace {
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

export const WorkspaceContext = createContext<Workspace | null>(null);

export function useWorkspace(): Workspace {
  const workspace = useContext(WorkspaceContext);
  if (!workspace) throw new Error("useWorkspace must be used inside <TicketWorkspace>");
  return workspace;
}
