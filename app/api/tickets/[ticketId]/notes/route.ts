import { commandRoute } from "@/server/http/command-route";
import { addNote, addNoteInput } from "@/server/tickets/commands/add-note";

export const POST = commandRoute(addNoteInput, addNote);
