import { openApiDocument } from "@/server/http/openapi";
import { route } from "@/server/http/route";

export const GET = route("public", () => Promise.resolve(Response.json(openApiDocument())));
