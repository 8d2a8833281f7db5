// `npm start`: runs every example flow against Prism mocks of the specs and prints what happened.
import { spawnSync } from "node:child_process";
import { startPrism } from "../test/support/prism.ts";

const flows = [{ example: "examples/pc-signing-flow", spec: "specs/openapi/pc-server.yaml", env: "PC_SERVER_URL" }];

let failed = 0;
for (const flow of flows) {
  console.log(`\n▶ ${flow.example} against a Prism mock of ${flow.spec}`);
  const mock = await startPrism(flow.spec);
  try {
    const run = spawnSync("npm", ["start", "--silent", "--prefix", flow.example], {
      stdio: "inherit",
      env: { ...process.env, [flow.env]: mock.url },
    });
    if (run.status !== 0) failed++;
  } finally {
    mock.stop();
  }
}
process.exit(failed === 0 ? 0 : 1);
