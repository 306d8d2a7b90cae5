/** Money as the vendors send it: a decimal string, never a float (seed 000 `price`, seed 003 amounts). */
export interface Money {
  amount: string;
  currency: string;
}

/** Living IoT prices are yuan (seed 002: "单位:元"). */
export const LIVING_IOT_CURRENCY = 'CNY';
