"use client";

import { useRouter } from "next/navigation";
import { useEffect, type Dispatch, type RefObject, type SetStateAction } from "react";
import { isTyping, withModifier } from "@/components/keyboard";
import { SEARCH_INPUT_ID } from "@/app/tickets/_components/list-filters";
import type { TicketListItem } from "@/server/read-models/ticket-list/item-schema";

interface Options {
  items: TicketListItem[];
  selectedId: string | null;
  setSelectedId: (id: string) => void;
  setChecked: Dispatch<SetStateAction<Set<string>>>;
  shortcutsOpen: boolean;
  openShortcuts: () => void;
  /** Each row's subject link, by ticket id: the selection moves focus there. */
  links: RefObject<Map<string, HTMLAnchorElement>>;
}

/**
 * The list's keyboard shortcuts (see ShortcutsDialog). None fires while typing in a field, with
 * a modifier held, or while the shortcuts dialog is open.
 */
export function useListShortcuts({
  items,
  selectedId,
  setSelectedId,
  setChecked,
  shortcutsOpen,
  openShortcuts,
  links,
}: Options) {
  const router = useRouter();
  useEffect(() => {
    const select = (id: string) => {
      setSelectedId(id);
      const link = links.current.get(id);
      link?.focus();
      link?.closest("li")?.scrollIntoView({ block: "nearest" });
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || withModifier(event)) return;
      if (shortcutsOpen || isTyping(event.target)) return;
      const index = items.findIndex((t) => t.ticketId === selectedId);
      switch (event.key) {
        case "j":
        case "k": {
          if (items.length === 0) return;
          event.preventDefault();
          const next =
            index === -1
              ? 0
              : Math.min(items.length - 1, Math.max(0, index + (event.key === "j" ? 1 : -1)));
          select(items[next]!.ticketId);
          return;
        }
        case "Enter": {
          // A focused link or button does its own thing on Enter.
          if (
            event.target instanceof HTMLAnchorElement ||
            event.target instanceof HTMLButtonElement
          )
            return;
          if (index === -1) return;
          event.preventDefault();
          router.push(`/tickets/${items[index]!.ticketId}`);
          return;
        }
        case "x": {
          if (index === -1) return;
          event.preventDefault();
          const id = items[index]!.ticketId;
          setChecked((set) => {
            const next = new Set(set);
            if (next.has(id)) next.delete(id);
            else next.add(id);
            return next;
          });
          return;
        }
        case "/": {
          event.preventDefault();
          const search = document.getElementById(SEARCH_INPUT_ID);
          if (search instanceof HTMLInputElement) {
            search.focus();
            search.setSelectionRange(search.value.length, search.value.length);
          }
          return;
        }
        case "c": {
          event.preventDefault();
          const subject = document.getElementById("subject");
          subject?.scrollIntoView({ block: "center" });
          subject?.focus();
          return;
        }
        case "?": {
          event.preventDefault();
          openShortcuts();
          return;
        }
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [items, selectedId, setSelectedId, setChecked, shortcutsOpen, openShortcuts, links, router]);
}
