import type { DcmClient } from "@bankkit/dcm";
import type { CallMeta } from "@bankkit/runtime";

type NewPayment = Parameters<DcmClient["createPayment"]>[0]["body"];
type Payment = Awaited<ReturnType<DcmClient["getPayment"]>>;

/**
 * A payment from draft to settlement: draft it, confirm the draft, then read it (pausing longer each time)
 * until its status is final. The draft's guid is reported through `onDraft` before confirming, so a
 * process that dies after the draft can resume with `confirmPayment` and `waitForPayment` instead of
 * drafting a second payment.
 */
export async function pay(
  dcm: DcmClient,
  counterpartyGuid: string,
  payment: NewPayment,
  options: { receivingBankGuid?: string; onDraft?: (guid: string) => void; maxWaitMs?: number; meta?: CallMeta } = {},
): Promise<Payment> {
  const path = { counterparty_guid: counterpartyGuid };
  const { guid } = await dcm.createPayment({ path, body: payment });
  options.onDraft?.(guid);
  await dcm.confirmPayment({
    path,
    body: { payment_guid: guid, ...(options.receivingBankGuid ? { bank_guid: options.receivingBankGuid } : {}) },
  });
  return dcm.waitForPayment({ path: { ...path, payment_guid: guid } }, { maxWaitMs: options.maxWaitMs ?? 60_000 });
}
