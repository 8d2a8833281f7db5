/**
 * A partner checking a client through Bank 131 KYC:
 *   1. the signer: a key and certificate (here in node:crypto; production signs with CryptoPro through
 *      the external-command signer, GOST from a qualified certificate);
 *   2. the profile, validated before anything is signed (age, citizenship, INN, documents for a resident);
 *   3. createCheck: the client signs Python's exact bytes of the profile and sends it with X-PARTNER-PROJECT;
 *      `already_exists` is not a failure: it names the earlier check;
 *   4. waitForCheck: polls until the result is final — the check's id is the only state to keep.
 * Nothing personal is printed or logged: only ids, statuses and sizes.
 */
import { createHash } from "node:crypto";
import { AnswerError, apiKeyAuth, type CreateCheckInput, createBank131KycClient, type Logger } from "@bankkit/bank131-kyc";
import { canonicalPayloadBytes, nodeCryptoSigner } from "@bankkit/runtime";

/** The profile a partner sends: the check request without its signature, which the client adds. */
type CheckProfile = CreateCheckInput["body"];

export interface KycFlowOptions {
  baseUrl: string;
  project: string;
  /** PEM of the signing key and its certificate. */
  key: string;
  certificate: string;
  print: (line: string) => void;
  logger?: Logger;
}

export async function runKycFlow(options: KycFlowOptions): Promise<void> {
  const { print } = options;
  print("1. Signer");
  const signer = nodeCryptoSigner({ key: options.key, certificate: options.certificate });
  print(`   detached CMS, certificate of ${signer.certificate.length} bytes`);

  const kyc = createBank131KycClient({
    baseUrl: options.baseUrl,
    auth: apiKeyAuth({ header: "X-PARTNER-PROJECT", value: options.project }),
    signer,
    ...(options.logger ? { logger: options.logger } : {}),
  });

  print("2. A resident's profile (validated before it is signed)");
  const profile: CheckProfile = {
    type: "FL_RESIDENT",
    last_name: "Иванов",
    first_name: "Иван",
    patronymic: "Иванович",
    birthday: "01.02.1990",
    birthplace: "г. Москва",
    citizenship: "RU",
    inn: "500100732259",
    phone_number: "+7 999 123-45-67",
    email: "ivan.ivanov@example.ru",
    documents: [{ type: "PASSPORT_RF", number: "4509123456", issue_date: "15.03.2010", issuer_code: "770-001" }],
  };
  const bytes = canonicalPayloadBytes(profile);
  print(
    `   signed bytes: ${bytes.length} (Python's json.dumps, sorted keys, + CRLF), sha256 ${createHash("sha256").update(bytes).digest("hex").slice(0, 16)}…`,
  );

  print("3. Start the check");
  // Any other refusal (invalid_sign, …) is thrown as an AnswerError with its code.
  const started = await kyc.createCheck({ body: profile });
  const id = String(started.data?.id ?? "");
  if (started.error?.code === "already_exists") print(`   already checked: the earlier check is ${id}`);
  else print(`   check ${id}: ${started.status}`);

  print("4. Wait for the result (from one minute between reads up to fifteen; restartable with the id alone)");
  try {
    const result = await kyc.waitForCheck({ path: { id } }, { maxWaitMs: 2 * 24 * 60 * 60 * 1000 });
    print(`   check ${id}: ${result.status}${result.data?.description ? ` (${result.data.description})` : ""}`);
  } catch (error) {
    // A failed check (passport_validation_failure, inn_validation_failure) is an answer with a code.
    if (!(error instanceof AnswerError)) throw error;
    print(`   check ${id}: failed, ${error.code}`);
  }
}
