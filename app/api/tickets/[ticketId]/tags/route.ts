import { commandRoute } from "@/server/http/command-route";
import { changeTags, changeTagsInput } from "@/server/tickets/commands/change-tags";

export const POST = commandRoute(changeTagsInput, changeTags);
