"use client";

import { useReportTyping } from "@/app/tickets/[ticketId]/_components/presence";
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { isTyping, withModifier } from "@/components/keyboard";
import { Button } from "@/components/ui/button";
import { cx } from "@/components/ui/class-names";
import { Panel } from "@/components/ui/panel";
import { SuggestionList } from "@/components/ui/suggestion-list";
import { TextAreaField } from "@/components/ui/text-area-field";
import { fillPlaceholders, type PlaceholderValues } from "@/server/saved-replies/placeholders";
import type { SavedReply } from "@/server/saved-replies/schemas";
import type { Status } from "@/server/tickets/domain/types";
import { addNoteAction, sendReplyAction } from "@/app/tickets/[ticketId]/actions";
import { FormFeedback } from "@/app/tickets/[ticketId]/_components/form-feedback";
import { useTicketAction } from "@/app/tickets/[ticketId]/_components/use-ticket-action";
import { useWorkspace } from "@/app/tickets/[ticketId]/_components/workspace-context";
import { choiceButton, hint } from "@/app/tickets/[ticketId]/_components/styles";
import {
  insertAt,
  matchingByName,
  savedReplyQuery,
} from "@/app/tickets/[ticketId]/_components/name-search";

type Mode = "reply" | "note";

interface Props {
  /** Closed tickets take notes but no replies (the customer's next message opens a follow-up). */
  status: Status;
  savedReplies: SavedReply[];
  /** What saved replies' placeholders are filled from (the agent is the one signed in). */
  fill: Omit<PlaceholderValues, "agent">;
  /** The conversation's last public message (the customer's or a reply), to notice new ones. */
  latest: { id: string; kind: "customer" | "reply"; author: string; body: string } | null;
}

const modes: { value: Mode; label: string; key: string }[] = [
  { value: "reply", label: "Reply to customer", key: "r" },
  { value: "note", label: "Internal note", key: "n" },
];

/**
 * One composer for the conversation: a public reply or an internal note. `r` and `n` choose
 * (and focus the text), Ctrl+Enter or ⌘+Enter sends. Saved replies come from the menu or by
 * typing `#` and part of a name; their placeholders are filled in before they are inserted,
 * and the text stays editable.
 */
export function Composer({ status, savedReplies, fill, latest }: Props) {
  const { me, knownVersion, pending } = useWorkspace();
  const closed = (pending("status")?.value ?? status) === "closed";
  const [chosen, setChosen] = useState<Mode>("reply");
  const mode: Mode = closed ? "note" : chosen;
  const [text, setText] = useState("");
  const [caret, setCaret] = useState(0);
  const [active, setActive] = useState(0);
  const [dismissed, setDismissed] = useState<number | null>(null);
  const area = useRef<HTMLTextAreaElement>(null);
  const form = useRef<HTMLFormElement>(null);
  const listId = useId();

  // Others see that you are writing a reply; what arrives while you write is shown before you
  // send: the last public message when you started, against the last one now.
  const reportTyping = useReportTyping();
  const writing = text.trim().length > 0;
  useEffect(() => reportTyping(writing && mode === "reply"), [reportTyping, writing, mode]);
  const [startedAt, setStartedAt] = useState<string | null | undefined>(undefined);
  if (writing && startedAt === undefined) setStartedAt(latest?.id ?? null);
  if (!writing && startedAt !== undefined) setStartedAt(undefined);
  const arrived =
    writing && startedAt !== undefined && latest && latest.id !== startedAt && latest.author !== me
      ? latest
      : null;

  const [replyState, sendReply, replying] = useTicketAction(sendReplyAction);
  const [noteState, addNote, noting] = useTicketAction(addNoteAction);
  const state = mode === "reply" ? replyState : noteState;
  const saving = replying || noting;

  // A write that saved empties the composer; a refused one keeps what was typed.
  const [seen, setSeen] = useState({ replyState, noteState });
  if (seen.replyState !== replyState || seen.noteState !== noteState) {
    setSeen({ replyState, noteState });
    if (
      (seen.replyState !== replyState && replyState.status === "saved") ||
      (seen.noteState !== noteState && noteState.status === "saved")
    ) {
      setText("");
      setCaret(0);
    }
  }

  // `r` and `n` anywhere on the page but in a field.
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (event.defaultPrevented || withModifier(event) || isTyping(event.target)) return;
      const picked = modes.find((m) => m.key === event.key);
      if (!picked || (picked.value === "reply" && closed)) return;
      event.preventDefault();
      setChosen(picked.value);
      area.current?.focus();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [closed]);

  const query = dismissed === caret ? null : savedReplyQuery(text, caret);
  const suggestions = query ? matchingByName(savedReplies, query.search) : [];
  const open = suggestions.length > 0;
  const highlighted = open ? Math.min(active, suggestions.length - 1) : -1;

  const insert = (reply: SavedReply, replace: { from: number; to: number }) => {
    const body = fillPlaceholders(reply.body, { ...fill, agent: { name: me } });
    const next = insertAt(text, replace, body);
    setText(next.text);
    setCaret(next.caret);
    setActive(0);
    requestAnimationFrame(() => {
      area.current?.focus();
      area.current?.setSelectionRange(next.caret, next.caret);
    });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      form.current?.requestSubmit();
      return;
    }
    if (!open || !query) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((highlighted + step + suggestions.length) % suggestions.length);
    } else if (event.key === "Enter" || event.key === "Tab") {
      event.preventDefault();
      insert(suggestions[highlighted]!, query);
    } else if (event.key === "Escape") {
      event.preventDefault();
      setDismissed(caret);
    }
  };

  const errors = state.status === "error" ? state.fieldErrors : {};
  const label = mode === "reply" ? "Reply" : "Note";

  return (
    <Panel aria-labelledby="composer-heading" data-testid="composer" data-mode={mode}>
      <h2 id="composer-heading" className="sr-only">
        Write
      </h2>
      <div role="group" aria-label="Write a" className="flex flex-wrap gap-2">
        {modes.map((m) => (
          <button
            key={m.value}
            type="button"
            aria-pressed={mode === m.value}
            aria-keyshortcuts={m.key}
            disabled={m.value === "reply" && closed}
            className={choiceButton}
            onClick={() => {
              setChosen(m.value);
              area.current?.focus();
            }}
          >
            {m.label} <kbd className="ml-1 text-xs opacity-80">{m.key}</kbd>
          </button>
        ))}
      </div>
      {closed ? (
        <p className={`mt-2 ${hint}`}>
          This ticket is closed: it takes internal notes, but no replies. The customer&apos;s next
          message opens a follow-up.
        </p>
      ) : null}
      <form
        ref={form}
        action={mode === "reply" ? sendReply : addNote}
        className="mt-3 grid gap-2"
        noValidate
      >
        <input type="hidden" name="expectedVersion" value={knownVersion} />
        <div className="relative">
          <TextAreaField
            ref={area}
            id="composer-body"
            name="body"
            label={label}
            rows={5}
            maxLength={10_000}
            value={text}
            errors={errors}
            aria-autocomplete="list"
            aria-controls={listId}
            aria-activedescendant={open ? `${listId}-${highlighted}` : undefined}
            aria-keyshortcuts="Control+Enter Meta+Enter"
            className={cx(
              mode === "note" && "[&_textarea]:bg-amber-50 dark:[&_textarea]:bg-amber-950",
            )}
            onChange={(event) => {
              setText(event.target.value);
              setCaret(event.target.selectionStart);
              setDismissed(null);
              setActive(0);
            }}
            onSelect={(event) => setCaret(event.currentTarget.selectionStart)}
            onKeyDown={onKeyDown}
            after={
              <p className={`mt-1 ${hint}`}>
                {mode === "reply"
                  ? "The customer receives this reply."
                  : "Internal: visible to agents only, never sent to the customer."}{" "}
                Type # and a name for a saved reply. Ctrl+Enter sends.
              </p>
            }
          />
          <SuggestionList
            id={listId}
            label="Saved replies"
            items={suggestions}
            highlighted={highlighted}
            keyOf={(reply) => reply.id}
            onPick={(reply) => query && insert(reply, query)}
            render={(reply) => (
              <>
                <span className="font-medium">{reply.name}</span>
                <span className="block truncate text-xs opacity-80">{reply.body}</span>
              </>
            )}
          />
        </div>
        {arrived ? (
          <div
            role="alert"
            data-testid="arrived-while-typing"
            className="rounded border border-violet-300 bg-violet-50 px-3 py-2 text-sm text-violet-900 dark:border-violet-800 dark:bg-violet-950 dark:text-violet-100"
          >
            <p className="font-medium">
              {arrived.author} {arrived.kind === "customer" ? "wrote" : "replied"} while you were
              typing:
            </p>
            <p className="mt-1 line-clamp-3 whitespace-pre-wrap">{arrived.body}</p>
          </div>
        ) : null}
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" disabled={saving} size="md" className="disabled:cursor-not-allowed">
            {mode === "reply"
              ? replying
                ? "Sending…"
                : "Send reply"
              : noting
                ? "Adding…"
                : "Add note"}
          </Button>
          {savedReplies.length > 0 ? (
            <select
              aria-label="Insert a saved reply"
              value=""
              className="rounded border border-slate-400 bg-white px-2 py-2 text-sm dark:border-slate-600 dark:bg-slate-900"
              onChange={(event) => {
                const reply = savedReplies.find((r) => r.id === event.target.value);
                if (reply) insert(reply, { from: caret, to: caret });
              }}
            >
              <option value="">Insert a saved reply…</option>
              {savedReplies.map((reply) => (
                <option key={reply.id} value={reply.id}>
                  {reply.name}
                </option>
              ))}
            </select>
          ) : null}
        </div>
        <FormFeedback state={state} label={mode === "reply" ? "Reply sent" : "Note added"} />
      </form>
    </Panel>
  );
}
