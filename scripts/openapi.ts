// Writes generated/openapi.json, the OpenAPI document the daemon serves, from the route table
// (test/http/api-openapi.test.ts fails when the two differ): `npm run openapi`.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { openApiText } from "../src/http/api/openapi.ts";
import { documentedApp } from "../src/http/documented-app.ts";

const path = join(import.meta.dir, "..", "generated", "openapi.json");
const text = openApiText(documentedApp().routes);
writeFileSync(path, text);
console.log(`generated/openapi.json: ${text.length} bytes`);
