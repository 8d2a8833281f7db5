import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  AnswerError,
  apiKeyAuth,
  Bank131KycClient,
  createBank131KycClient,
  PreparationError,
  RequestValidationError,
} from "@bankkit/bank131-kyc";
import { canonicalPayloadBytes, nodeCryptoSigner, type RawSigner } from "@bankkit/runtime";
import { describe, expect, inject, it } from "vitest";
import { CertificateWorkshop } from "../../runtime/test/support/certificates.js";
import { recordingFetch } from "../support/recording-fetch.js";

const sample = <T>(name: string): T =>
  (
    JSON.parse(readFileSync(join(import.meta.dirname, "..", "..", "specs", "samples", "bank131-kyc", `${name}.json`), "utf8")) as {
      value: T;
    }
  ).value;

type CheckRequest = Parameters<Bank131KycClient["createCheck"]>[0]["body"];

const certs = new CertificateWorkshop();
certs.selfSigned("partner", 30, "/CN=Partner KYC/O=Partner LLC");
const keySigner = nodeCryptoSigner({ key: certs.read("partner.key").toString(), certificate: certs.read("partner.crt").toString() });
let signatures = 0;
const signer: RawSigner = {
  ...keySigner,
  sign: (data) => {
    signatures++;
    return keySigner.sign(data);
  },
};

describe("Bank 131 KYC client against the Prism mock of bank131-kyc.yaml", () => {
  const recorder = recordingFetch();
  const seen: Request[] = [];
  const client = createBank131KycClient({
    strictAssumptions: true,
    baseUrl: inject("mocks")["bank131-kyc"],
    fetch: async (request) => {
      seen.push(request.clone());
      return recorder.fetch(request);
    },
    auth: apiKeyAuth({ header: "X-PARTNER-PROJECT", value: "partner-project-7" }),
    signer,
  });
  const { signature: _sample, ...resident } = sample<CheckRequest & { signature: string }>("check-resident.request");

  it("has a case for every operation of the spec (4), and waitForCheck (x-bankkit-poll, tested in test/packages)", () => {
    const methods = Object.getOwnPropertyNames(Bank131KycClient.prototype).filter((n) => n !== "constructor" && n !== "raw");
    expect(methods.sort()).toEqual(["createCheck", "createCheckV1", "getCheck", "getCheckV1", "waitForCheck"]);
  });

  it("createCheck: signs the body's exact Python bytes, sends X-PARTNER-PROJECT, returns the check's id", async () => {
    const answer = await client.createCheck({ body: resident });
    expect(recorder.last()?.violations).toEqual([]);
    expect(answer).toEqual({ status: "pending", data: { id: "7" } });
    const request = seen.at(-1) as Request;
    expect(request.headers.get("x-partner-project")).toBe("partner-project-7");
    // openssl verifies the signature that was sent over the bytes Python's json.dumps makes of the rest.
    const { signature, ...payload } = (await request.json()) as Record<string, unknown>;
    writeFileSync(certs.path("sent.p7s"), Buffer.from(String(signature), "base64"));
    writeFileSync(certs.path("sent.bin"), canonicalPayloadBytes(payload));
    const args = [
      "cms",
      "-verify",
      "-binary",
      "-inform",
      "DER",
      "-in",
      "sent.p7s",
      "-content",
      "sent.bin",
      "-noverify",
      "-out",
      "/dev/null",
    ];
    expect(spawnSync("openssl", args, { cwd: certs.dir, encoding: "utf8" }).stderr).toContain("Verification successful");
  });

  it("an error answer is a typed AnswerError; already_exists is an answer naming the earlier check", async () => {
    const refused = await client
      .getCheck({ path: { id: "7" } }, { headers: { prefer: "example=passportInvalid" } })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AnswerError);
    expect((refused as AnswerError).code).toBe("passport_validation_failure");
    expect((refused as AnswerError).serverMessage).toBe("Passport is invalid");
    const earlier = await client.createCheck({ body: resident }, { headers: { prefer: "example=alreadyExists" } });
    expect(earlier).toEqual({ status: "error", data: { id: "7" }, error: { code: "already_exists", description: "Check already exists" } });
  });

  it("createCheck without a signer fails before sending", async () => {
    const sent = recorder.exchanges.length;
    const unsigned = createBank131KycClient({ baseUrl: inject("mocks")["bank131-kyc"], fetch: recorder.fetch });
    await expect(unsigned.createCheck({ body: resident })).rejects.toBeInstanceOf(PreparationError);
    expect(recorder.exchanges.length).toBe(sent);
  });

  it("getCheck: the state of a check", async () => {
    const answer = await client.getCheck({ path: { id: "7" } });
    expect(recorder.last()?.violations).toEqual([]);
    expect(answer.status).toBe("ok");
    expect(answer.data?.description).toBe("valid");
  });

  it("createCheckV1 and getCheckV1: the deprecated flat form still works", async () => {
    const v1 = {
      first_name: "Иван",
      last_name: "Иванов",
      birthday: "01.02.1990",
      birthplace: "г. Москва",
      inn: "500100732259",
      identity_document: "Паспорт РФ",
      passport_number: "4509123456",
      issuer: "ОВД Тверского района г. Москвы",
      issuer_code: "770-001",
      issuer_date: "15.03.2010",
      citizenship: "РФ",
      postcode: "125009",
      address: "г. Москва, ул. Тверская, д. 1",
      email: "ivan.ivanov@example.ru",
      phone_number: "+79991234567",
      agent_contract_number: "A-17",
      agent_contract_date: "01.11.2026",
      beneficial_owners: "БВ отсутствует",
      public_officials: "Нет",
      migration_card: "-",
      right_to_stay_in_rf: "-",
    } as const;
    expect((await client.createCheckV1({ body: v1 })).status).toBeDefined();
    expect(recorder.last()?.violations).toEqual([]);
    expect((await client.getCheckV1({ path: { id: "7" } })).status).toBeDefined();
    expect(recorder.last()?.violations).toEqual([]);
  });

  it("refuses before signing or sending: a resident with a foreign passport, a non-resident without one, a bad citizenship", async () => {
    const sent = recorder.exchanges.length;
    const signed = signatures;
    const violations = async (body: CheckRequest) => {
      const error = await client.createCheck({ body }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RequestValidationError);
      return (error as RequestValidationError).violations.map((v) => `${v.path} ${v.rule}`);
    };
    expect(await violations({ ...resident, documents: [{ type: "FOREIGN_PASSPORT" }] })).toContain("/body/documents/0/type const");
    expect(await violations({ ...resident, type: "FL_NONRESIDENT", documents: [{ type: "RESIDENCE_PERMIT" }] })).toEqual(
      expect.arrayContaining(["/body/documents minItems", "/body/documents contains"]),
    );
    expect(await violations({ ...resident, citizenship: "rus" })).toEqual(["/body/citizenship pattern"]);
    expect(await violations({ ...resident, birthday: "31.02.1990" })).toEqual(["/body/birthday x-bankkit-date"]);
    const today = new Date();
    const yearsAgo = (years: number, days = 0) => {
      const day = new Date(today.getFullYear() - years, today.getMonth(), today.getDate() + days);
      return `${String(day.getDate()).padStart(2, "0")}.${String(day.getMonth() + 1).padStart(2, "0")}.${day.getFullYear()}`;
    };
    expect(await violations({ ...resident, birthday: yearsAgo(18, 1) })).toEqual(["/body/birthday x-bankkit-min-age"]);
    expect(recorder.exchanges.length).toBe(sent);
    expect(signatures).toBe(signed);
  });

  it("accepts a person who turns 18 today", async () => {
    const today = new Date();
    const birthday = `${String(today.getDate()).padStart(2, "0")}.${String(today.getMonth() + 1).padStart(2, "0")}.${today.getFullYear() - 18}`;
    expect((await client.createCheck({ body: { ...resident, birthday } })).status).toBe("pending");
  });
});
