import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { createServer, type IncomingMessage, type Server } from "node:http";

/**
 * A stand-in for the bank-side APIs that honours idempotency keys the way the real ones do: PC Server
 * refuses a second create with the same transaction_id (error 271), the payments API answers a repeated
 * key with the original answer. It records how many times it *processed* each key — the business effect,
 * which must happen once per key whatever the network does.
 */
export class BankServer {
  readonly processed = new Map<string, number>();
  readonly #answers = new Map<string, string>();
  #server: Server | undefined;
  url = "";

  async start(): Promise<void> {
    this.#server = createServer((request, response) => {
      this.#handle(request)
        .then(({ status, body }) => response.writeHead(status, { "content-type": "application/json" }).end(body))
        .catch(() => response.writeHead(500).end());
    }).listen(0, "127.0.0.1");
    await once(this.#server, "listening");
    const address = this.#server.address();
    this.url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  }

  stop(): void {
    this.#server?.closeAllConnections();
    this.#server?.close();
  }

  async #handle(request: IncomingMessage): Promise<{ status: number; body: string }> {
    const chunks: Buffer[] = [];
    for await (const chunk of request as AsyncIterable<Buffer>) chunks.push(chunk);
    const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>;
    if (request.url === "/payments") return this.#payment(String(request.headers["x-idempotency-key"]));
    const match = /^\/([^/]+)\/users\/([^/]+)\/transactions$/.exec(request.url ?? "");
    if (match) return this.#transaction(match[1]!, match[2]!, String(body.transaction_id));
    return { status: 404, body: "{}" };
  }

  #transaction(system_id: string, user_id: string, transaction_id: string) {
    if (this.processed.has(transaction_id)) {
      const result = { error_code: 271, error_message: "Transaction is not unique" };
      return { status: 200, body: JSON.stringify({ answer_type: "result_only", answer: { result }, answer_version: 3 }) };
    }
    this.processed.set(transaction_id, 1);
    const created = { transaction_id, user_id, system_id, status: "initialized", confirm_code_length: 6, ttl: 0 };
    const answer = { result: { error_code: 0, error_message: "Success" }, transaction_created: created };
    return { status: 200, body: JSON.stringify({ answer_type: "transaction_created", answer, answer_version: 3 }) };
  }

  #payment(key: string) {
    const earlier = this.#answers.get(key);
    if (earlier) return { status: 201, body: earlier };
    this.processed.set(key, (this.processed.get(key) ?? 0) + 1);
    const answer = JSON.stringify({ id: randomUUID(), status: "accepted" });
    this.#answers.set(key, answer);
    return { status: 201, body: answer };
  }
}
