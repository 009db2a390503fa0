import { openApiDocument } from "@/server/http/openapi";
import { route } from "@/server/http/route";

export const GET = route(() => Promise.resolve(Response.json(openApiDocument())));
