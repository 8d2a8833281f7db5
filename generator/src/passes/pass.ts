import type { ApiIR } from "../ir/types.js";

/** One transformation of the IR, in place. Passes run in the order `passes/index.ts` declares. */
export interface Pass {
  name: string;
  run(api: ApiIR): void;
}
