import type { TestProject } from "vitest/node";
import { type PrismMock, startPrism } from "./prism.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** Base URL of the Prism mock of each spec, by API id. */
    mocks: Record<string, string>;
  }
}

/** The specs the contract and end-to-end tests run against, one Prism each. */
const specs: Record<string, string> = {
  "pc-server": "specs/openapi/pc-server.yaml",
  "pc-server-signer": "specs/openapi/pc-server-signer.yaml",
  "kisc-etsfo": "specs/openapi/kisc-etsfo.yaml",
  "bank131-kyc": "specs/openapi/bank131-kyc.yaml",
  "kisc-identity": "specs/openapi/kisc-identity.yaml",
  dcm: "specs/openapi/dcm.yaml",
};

let running: PrismMock[] = [];

export default async function setup(project: TestProject) {
  running = await Promise.all(Object.values(specs).map((spec) => startPrism(spec)));
  const ids = Object.keys(specs);
  project.provide("mocks", Object.fromEntries(running.map((mock, i) => [ids[i]!, mock.url])));
  return () => {
    for (const mock of running) mock.stop();
    running = [];
  };
}
