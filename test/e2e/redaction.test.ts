import { readFileSync } from "node:fs";
import { bearerTokenAuth, type LogEvent } from "@bankkit/pc-server";
import { nodeCryptoSigner } from "@bankkit/runtime";
import { describe, expect, inject, it } from "vitest";
import { runKycFlow } from "../../examples/bank131-kyc-check/src/kyc-flow.js";
import { runDcmPaymentFlow } from "../../examples/dcm-payment/src/payment-flow.js";
import { runCreditTransferFlow } from "../../examples/kisc-credit-transfer/src/credit-transfer-flow.js";
import { runIdentityFlow } from "../../examples/kisc-identity-check/src/identity-flow.js";
import { runSigningFlow } from "../../examples/pc-signing-flow/src/signing-flow.js";
import { CertificateWorkshop } from "../../runtime/test/support/certificates.js";
import { startKiscGateway } from "../support/kisc-gateway.js";

// Every example flow, run with a logger that records everything: no secret and no personal datum of the
// run may appear in what was logged or printed.
describe("redaction over the example flows", () => {
  it("pc-signing-flow: the gateway token and the customer's name appear nowhere", async () => {
    const token = "s3cr3t-gateway-token-7f41c2";
    const customerName = "Айгерим Сапарова";
    const events: LogEvent[] = [];
    const printed: string[] = [];
    await runSigningFlow({
      baseUrl: inject("mocks")["pc-server"]!,
      systemId: "70b5fab6-d3d1-4098-aaf9-450a496855f5",
      customerName,
      print: (line) => printed.push(line),
      logger: (event) => events.push(event),
      auth: bearerTokenAuth({ issue: async () => ({ token }) }),
    });
    const everything = JSON.stringify(events) + printed.join("\n");
    expect(events.length).toBeGreaterThanOrEqual(4);
    expect(events.every((e) => e.event === "attempt" && e.requestHeaders.authorization === "[REDACTED]")).toBe(true);
    for (const needle of [token, customerName, "Сапарова"]) expect(everything).not.toContain(needle);
  });
});

describe("redaction over the KISC credit-transfer flow", () => {
  it("no password, client secret, token or counterparty name appears", async () => {
    const gateway = await startKiscGateway(inject("mocks")["kisc-etsfo"]!, "p12-Secret-91");
    const { certs } = gateway;
    const events: LogEvent[] = [];
    const printed: string[] = [];
    const secrets = { p12Password: "p12-Secret-91", clientSecret: "consumer-Secret-55", password: "portal-Passw0rd-77" };
    try {
      await runCreditTransferFlow({
        baseUrl: gateway.url,
        p12: certs.read("K0531900.p12"),
        ca: certs.read("kisc-ca.crt").toString(),
        clientId: "consumer-key",
        username: "K0531900",
        ...secrets,
        print: (line) => printed.push(line),
        logger: (event) => events.push(event),
      });
    } finally {
      gateway.close();
    }
    const everything = JSON.stringify(events) + printed.join("\n");
    expect(events.some((e) => e.event === "certificate-expiry")).toBe(true);
    const token = "1df635d7-5efd-34fc-9ea7-9b3c1483c202"; // the token the mock issues
    const personal = ["Ромашка", "Лютик", "Василёк", "Иванов", "080540001234", "850101300123", "KZ75125KZT2069100100"];
    for (const needle of [...Object.values(secrets), token, ...personal]) expect(everything).not.toContain(needle);
  });
});

describe("redaction over the Bank 131 KYC flow", () => {
  it("no name, INN, passport number, e-mail, phone or signature appears", async () => {
    const certs = new CertificateWorkshop();
    certs.selfSigned("partner", 30, "/CN=Partner KYC/O=Partner LLC");
    const events: LogEvent[] = [];
    const printed: string[] = [];
    await runKycFlow({
      baseUrl: inject("mocks")["bank131-kyc"]!,
      project: "partner-project",
      key: certs.read("partner.key").toString(),
      certificate: certs.read("partner.crt").toString(),
      print: (line) => printed.push(line),
      logger: (event) => events.push(event),
    });
    const everything = JSON.stringify(events) + printed.join("\n");
    expect(printed.join("\n")).toContain("check 7: ok (valid)");
    for (const needle of ["Иванов", "Иван", "500100732259", "4509123456", "ivan.ivanov", "999 123", "MII"])
      expect(everything).not.toContain(needle);
  });
});

describe("redaction over the KISC identity flow", () => {
  it("no IIN, consent text, phone number, photo, p12 password or signature appears", async () => {
    const gateway = await startKiscGateway(inject("mocks")["kisc-identity"]!, "p12-Secret-33");
    const { certs } = gateway;
    certs.selfSigned("bank-jws", 30, "/CN=Bank identity signer");
    const events: LogEvent[] = [];
    const printed: string[] = [];
    const sent: string[] = [];
    const iin = "850101300124";
    const consentText = "Я, Айгерим Сапарова, согласна на сбор и обработку моих персональных данных";
    const photo = Uint8Array.from(readFileSync(new URL("../../examples/kisc-identity-check/sample-photo.png", import.meta.url)));
    try {
      await runIdentityFlow({
        baseUrl: gateway.url,
        p12: certs.read("K0531900.p12"),
        p12Password: "p12-Secret-33",
        ca: certs.read("kisc-ca.crt").toString(),
        signer: nodeCryptoSigner({ key: certs.read("bank-jws.key").toString(), certificate: certs.read("bank-jws.crt") }),
        keyId: "bank-identity-1",
        iin,
        photo,
        consentText,
        threshold: 0.8,
        print: (line) => printed.push(line),
        logger: (event) => {
          events.push(event);
          if (event.event === "attempt") sent.push(JSON.stringify(event.requestHeaders));
        },
      });
    } finally {
      gateway.close();
    }
    const everything = JSON.stringify(events) + printed.join("\n");
    expect(printed.join("\n")).toContain("received 1 field(s): mobilephone (values not printed)");
    expect(sent.some((headers) => headers.includes('"x-jws-signature":"[REDACTED]"'))).toBe(true);
    const needles = [iin, consentText, "Сапарова", "+77011234567", "p12-Secret-33", Buffer.from(photo).toString("base64")];
    for (const needle of needles) expect(everything).not.toContain(needle);
  });
});

describe("redaction over the DCM payment flow", () => {
  it("no bank JWT, private key, customer name or phone appears", async () => {
    const certs = new CertificateWorkshop();
    certs.selfSigned("bank-dcm", 30, "/CN=Bank DCM signer");
    const events: LogEvent[] = [];
    const printed: string[] = [];
    const tokens: string[] = [];
    const bankKey = certs.read("bank-dcm.key").toString();
    await runDcmPaymentFlow({
      dcmUrl: inject("mocks").dcm!,
      counterpartyGuid: "5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e",
      bankKey,
      bankServerUrl: "http://127.0.0.1:9",
      awaitPayIn: async () => {},
      print: (line) => printed.push(line),
      logger: (event) => {
        events.push(event);
        if (event.event === "attempt") tokens.push(String(event.requestHeaders["cx-authorization"]));
      },
    });
    const everything = JSON.stringify(events) + printed.join("\n");
    expect(printed.join("\n")).toContain("CONFIRMED, 250.00 UAH");
    expect(new Set(tokens)).toEqual(new Set(["[REDACTED]"]));
    const keyBody = bankKey.split("\n")[1] ?? "";
    for (const needle of ["Петренко", "Іван", "+380671234567", keyBody, "eyJ"]) expect(everything).not.toContain(needle);
  });
});
