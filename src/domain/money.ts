/** Money as the vendors send it: a decimal string, never a float (the order-query document `price`, the QueryOrders document amounts). */
export interface Money {
  amount: string;
  currency: string;
}

/** Living IoT prices are yuan (the create document: "单位:元"). */
export const LIVING_IOT_CURRENCY = 'CNY';
