/** Wire fields shared by cloud-storage and streaming orders (the Living IoT documents). */
import { z } from 'zod';
import type { PaymentStatus } from '../../domain/cloud-storage-order.js';
import { LIVING_IOT_CURRENCY, type Money } from '../../domain/money.js';
import { enumFromInt, wireInt } from '../wire.js';

/** the order-query document/002 `paymentStatus`: 0 unpaid, 1 paid, 2 paying. */
const PAYMENT_STATUS: Record<number, PaymentStatus> = { 0: 'UNPAID', 1: 'PAID', 2: 'PAYING' };

export function mapPaymentStatus(value: number): PaymentStatus {
  return enumFromInt(PAYMENT_STATUS, value, 'paymentStatus');
}

/** the create document: "单位:元", i.e. yuan. */
export function livingIotMoney(amount: string): Money {
  return { amount, currency: LIVING_IOT_CURRENCY };
}

/** Local times may be text or epoch ms (docs/vendors.md#endpoints). */
export const wireTime = z.union([z.string(), z.number()]).nullish();

/** The paging frame of the list APIs (the order-query document `data`). */
export const wirePageFrame = {
  pageNo: wireInt.nullish(),
  pageSize: wireInt.nullish(),
  pageCount: wireInt.nullish(),
  total: wireInt,
};

/**
 * A list call's device and page, as the list APIs take them: the order-query document types
 * pageNo/pageSize String and shipped apps send strings (the streaming list, unpublished, is
 * assumed alike).
 */
export function listParams(p: { iotId: string; pageNo: number; pageSize: number }) {
  return { iotId: p.iotId, pageNo: String(p.pageNo), pageSize: String(p.pageSize) };
}

/** `Page.offset` from the vendor's echoed pageNo/pageSize (0-based), else the requested ones. */
export function pageOffset(
  echoed: { pageNo?: number | null; pageSize?: number | null },
  requested: { pageNo: number; pageSize: number },
): { offset: number; pageSize: number } {
  const pageNo = echoed.pageNo ?? requested.pageNo;
  const pageSize = echoed.pageSize ?? requested.pageSize;
  return { offset: pageNo * pageSize, pageSize };
}
