import { describe, expect, it } from "vitest";
import { createPayments31Client } from "./golden/payments-31/src/index.js";
import { createPetstore30Client, parseOnAdopted, RequestValidationError, ResponseValidationError } from "./golden/petstore-30/src/index.js";

/** A client of the golden petstore package whose fetch records each request and answers with `reply`. */
function petstore(reply: (request: Request) => Response) {
  const requests: Request[] = [];
  const client = createPetstore30Client({
    fetch: async (request) => {
      requests.push(request);
      return reply(request);
    },
  });
  return { client, requests };
}
const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
const cat = { id: 1, kind: "cat", name: "Tom", tag: null };

// The golden package is generated from a third-party-style 3.0 document: this checks it works, not only compiles.
describe("a client generated from a third-party OpenAPI 3.0 document", () => {
  it("uses the first server with its variables' defaults, or a named one", async () => {
    const { client, requests } = petstore(() => json(cat));
    await client.getPet({ path: { petId: 1 } });
    expect(requests[0]?.url).toBe("https://pets.example.test/v1/pets/1");
    const local = createPetstore30Client({
      server: "local",
      fetch: async (request) => {
        requests.push(request);
        return json(cat);
      },
    });
    await local.getPet({ path: { petId: 2 } });
    expect(requests[1]?.url).toBe("http://localhost:8080/v1/pets/2");
  });

  it("serializes every parameter style as declared", async () => {
    const { client, requests } = petstore((request) => (new URL(request.url).pathname.startsWith("/v1/owners") ? json([]) : json([cat])));
    await client.listPets({
      query: { limit: 5, tags: ["a", "b"], ids: [1, 2], words: ["x", "y"], filter: { kind: "cat", minAge: 2 } },
      header: { "X-Request-ID": "123e4567-e89b-12d3-a456-426614174000" },
      cookie: { session: "s1" },
    });
    const list = new URL(requests[0]!.url);
    expect(decodeURIComponent(list.search)).toBe("?limit=5&tags=a,b&ids=1|2&words=x y&filter[kind]=cat&filter[minAge]=2");
    expect(requests[0]?.headers.get("x-request-id")).toBe("123e4567-e89b-12d3-a456-426614174000");
    expect(requests[0]?.headers.get("cookie")).toBe("session=s1");
    await client.getOwners({ path: { ids: [3, 4] } });
    expect(new URL(requests[1]!.url).pathname).toBe("/v1/owners/;ids=3;ids=4");
  });

  it("sends a label-style path and multipart form data, and returns the image bytes", async () => {
    const { client, requests } = petstore(
      () => new Response(new Uint8Array([137, 80, 78, 71]), { headers: { "content-type": "image/png" } }),
    );
    const photo = await client.uploadPhoto({ path: { petId: 7 }, body: { caption: "hi", file: "raw" } });
    expect(new URL(requests[0]!.url).pathname).toBe("/v1/pets/.7/photo");
    expect(requests[0]?.headers.get("content-type")).toMatch(/^multipart\/form-data; boundary=/);
    expect((await requests[0]!.formData()).get("caption")).toBe("hi");
    expect(photo).toEqual(new Uint8Array([137, 80, 78, 71]));
  });

  it("validates requests and responses with the 3.0 rules (nullable, exclusiveMinimum, discriminator)", async () => {
    const { client } = petstore(() => json({ ...cat, weight: 0 }));
    const bad = await client.listPets({ header: { "X-Request-ID": "not-a-uuid" }, query: { limit: 0 } }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(RequestValidationError);
    expect((bad as RequestValidationError).violations).toEqual([
      { path: "/query/limit", rule: "minimum", message: "must be at least 1" },
      { path: "/header/X-Request-ID", rule: "format", message: "must be a valid uuid" },
    ]);
    const zeroWeight = await client.getPet({ path: { petId: 1 } }).catch((e: unknown) => e);
    expect(zeroWeight).toBeInstanceOf(ResponseValidationError);
    expect((zeroWeight as ResponseValidationError).violations).toContainEqual({
      path: "/body/weight",
      rule: "exclusiveMinimum",
      message: "must be greater than 0",
    });
  });

  it("parses its callback and refuses one that breaks the contract", () => {
    expect(parseOnAdopted('{"pet_id":1,"adopted_at":"2024-05-01T10:00:00Z","adopter":null}')).toEqual({
      pet_id: 1,
      adopted_at: "2024-05-01T10:00:00Z",
      adopter: null,
    });
    expect(() => parseOnAdopted('{"pet_id":1,"adopted_at":"yesterday"}')).toThrow(/\/body\/adopted_at must be a valid date-time/);
  });
});

describe("a decimal query parameter (format: decimal)", () => {
  it("is a string whose digits go into the query as written, and is checked as a decimal before sending", async () => {
    const urls: string[] = [];
    const client = createPayments31Client({
      fetch: async (request) => {
        urls.push(request.url);
        return json([]);
      },
    });
    await client.listPayments({ query: { min_amount: "12345678901234567.89" } });
    expect(new URL(urls[0]!).search).toBe("?min_amount=12345678901234567.89");
    const negative = await client.listPayments({ query: { min_amount: "-0.01" } }).catch((e: unknown) => e);
    expect((negative as RequestValidationError).violations).toEqual([
      { path: "/query/min_amount", rule: "minimum", message: "must be at least 0" },
    ]);
    expect(urls).toHaveLength(1);
  });
});
