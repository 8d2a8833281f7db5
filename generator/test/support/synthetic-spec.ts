/**
 * A large OpenAPI 3.1 document built in code: `resources` resources with five operations each (list with
 * query parameters, create, get, update, delete), schemas that reference each other, enums, formats and
 * nullable fields. Used by the generator's scale test and by the code-generation benchmark.
 */
export function syntheticSpec(resources: number): Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  const schemas: Record<string, unknown> = {};
  for (let i = 0; i < resources; i++) {
    const name = `Resource${i}`;
    const ref = { $ref: `#/components/schemas/${name}` };
    const next = { $ref: `#/components/schemas/Resource${(i + 1) % resources}` };
    schemas[name] = {
      type: "object",
      required: ["id", "name", "status"],
      properties: {
        id: { type: "string", format: "uuid" },
        name: { type: "string", minLength: 1, maxLength: 200 },
        status: { type: "string", enum: ["active", "blocked", "closed"] },
        amount: { type: "string", pattern: "^[0-9]+(\\.[0-9]{1,2})?$" },
        createdAt: { type: "string", format: "date-time" },
        note: { type: ["string", "null"] },
        tags: { type: "array", items: { type: "string" }, maxItems: 20 },
        related: next,
      },
    };
    const json = (schema: unknown) => ({ "application/json": { schema } });
    paths[`/resources${i}`] = {
      get: {
        operationId: `list${name}`,
        summary: `List ${name}`,
        parameters: [
          { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 500 } },
          { name: "status", in: "query", schema: { type: "string", enum: ["active", "blocked", "closed"] } },
        ],
        responses: { "200": { description: "A page.", content: json({ type: "array", items: ref }) } },
      },
      post: {
        operationId: `create${name}`,
        requestBody: { required: true, content: json(ref) },
        responses: { "201": { description: "Created.", content: json(ref) } },
      },
    };
    paths[`/resources${i}/{id}`] = {
      parameters: [{ name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } }],
      get: {
        operationId: `get${name}`,
        responses: { "200": { description: "One.", content: json(ref) }, "404": { description: "Not found." } },
      },
      put: {
        operationId: `update${name}`,
        requestBody: { required: true, content: json(ref) },
        responses: { "200": { description: "Updated.", content: json(ref) } },
      },
      delete: { operationId: `delete${name}`, responses: { "204": { description: "Deleted." } } },
    };
  }
  return {
    openapi: "3.1.0",
    info: { title: `Synthetic API (${resources * 5} operations)`, version: "1.0.0" },
    servers: [{ url: "https://synthetic.example.test" }],
    paths,
    components: { schemas },
  };
}
