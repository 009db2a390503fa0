import { commandRoute } from "@/server/http/command-route";
import { sendReply, sendReplyInput } from "@/server/tickets/commands/send-reply";

export const POST = commandRoute(sendReplyInput, sendReply);
