import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { createKiscIdentityClient, type KiscIdentityClientOptions } from "@bankkit/kisc-identity";
import { type ExternalRawSignerOptions, externalRawSigner } from "@bankkit/runtime";
import { flattenedVerify, importX509 } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { CertificateWorkshop } from "../../runtime/test/support/certificates.js";

// ЦОИД's x-jws-signature is made with the bank's GOST 34.310-2004 key (seed 003: the GOST certificate signs),
// which stays in the bank's CSP: the client hands the JWS signing input to the CSP's command and puts what it
// writes into the header. Nothing on npm or in Debian makes a GOST 34.310 signature, so the command here
// stands in for the CSP: it "signs" with SHA-256 of its input, which shows it was given exactly the signing
// input; with OpenSSL as the command (RSA) the same path makes a JWS that jose verifies.
const certs = new CertificateWorkshop();
const consent = { idempotencyKey: "ce1e755f-e966-4b42-85a2-49b417016666", consentText: "Я согласен на обработку данных" };

/** A ЦОИД client whose signer runs `command` as the CSP; `last()` is the request it sent. */
function kisc(signer: Omit<ExternalRawSignerOptions, "certificate">, options: Partial<KiscIdentityClientOptions> = {}) {
  const requests: Request[] = [];
  const client = createKiscIdentityClient({
    baseUrl: "https://onlinetest.kisc.kz/identity/1.1.0",
    fetch: async (request: Request) => {
      requests.push(request.clone());
      return new Response(JSON.stringify({ mobilephone: "+77010000000" }), { headers: { "content-type": "application/json" } });
    },
    jwsSigner: externalRawSigner({ ...signer, certificate: certs.read("gost-stand-in.crt") }),
    ...options,
  });
  return { client, last: () => requests.at(-1) as Request };
}

/** The stand-in CSP: base64 of SHA-256 of its input file. */
const standInCsp = () => ({
  command: "python3",
  args: ({ input, output }: { input: string; output: string }) => [join(certs.dir, "csp.py"), input, output],
});

describe("x-jws-signature through the bank's CSP (externalRawSigner)", () => {
  beforeAll(() => {
    certs.selfSigned("gost-stand-in", 30, "/CN=Bank GOST signer");
    writeFileSync(
      join(certs.dir, "csp.py"),
      "import sys,hashlib,base64\nopen(sys.argv[2],'w').write(base64.b64encode(hashlib.sha256(open(sys.argv[1],'rb').read()).digest()).decode())\n",
    );
  });

  it("writes the assumed alg for GOST 34.310-2004 and the signature the command made over the JWS signing input", async () => {
    const { client, last } = kisc(standInCsp());
    await client.personalData(consent);
    const [header, , signature] = (last().headers.get("x-jws-signature") as string).split(".");
    expect(JSON.parse(Buffer.from(header as string, "base64url").toString())).toMatchObject({
      alg: "http://www.w3.org/2001/04/xmldsig-more#gost34310-gost34311",
      b64: false,
      crit: ["b64"],
    });
    const body = Buffer.from(await last().arrayBuffer());
    const signingInput = Buffer.concat([Buffer.from(`${header}.`), body]);
    expect(signature).toBe(createHash("sha256").update(signingInput).digest("base64url"));
  });

  it("takes jwsAlgorithm over the spec's assumption", async () => {
    const { client, last } = kisc(standInCsp(), { jwsAlgorithm: "GOST34310" });
    await client.personalData(consent);
    const [header] = (last().headers.get("x-jws-signature") as string).split(".");
    expect(JSON.parse(Buffer.from(header as string, "base64url").toString()).alg).toBe("GOST34310");
  });

  it("with OpenSSL as the command (an RSA key), makes a detached JWS that jose verifies over the body sent", async () => {
    const { client, last } = kisc({
      command: "openssl",
      args: ({ input, output }) => ["dgst", "-sha256", "-sign", certs.path("gost-stand-in.key"), "-out", output, input],
      signatureAlgorithm: { oid: "1.2.840.113549.1.1.1", nullParameters: true },
      output: "der",
    });
    await client.personalData(consent);
    const [header, , signature] = (last().headers.get("x-jws-signature") as string).split(".");
    const payload = new Uint8Array(await last().arrayBuffer());
    const key = await importX509(certs.read("gost-stand-in.crt").toString(), "RS256");
    const verified = await flattenedVerify({ protected: header as string, payload, signature: signature as string }, key);
    expect(verified.protectedHeader?.alg).toBe("RS256");
    // A changed byte of the body fails.
    payload[0] = (payload[0] as number) ^ 1;
    await expect(flattenedVerify({ protected: header as string, payload, signature: signature as string }, key)).rejects.toThrow();
  });

  it("says which command failed when the CSP writes no signature, or writes something that is not base64", async () => {
    const silent = kisc({ command: "python3", args: ({ input }) => ["-c", "pass", input] });
    await expect(silent.client.personalData(consent)).rejects.toThrow(/could not prepare the request: python3 wrote no signature/);
    const chatty = kisc({ command: "python3", args: ({ output }) => ["-c", `open(${JSON.stringify(output)},'w').write('Signed OK!')`] });
    await expect(chatty.client.personalData(consent)).rejects.toThrow(/python3 wrote no base64 signature/);
  });
});
