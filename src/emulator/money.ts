// Prices travel as decimal strings in yuan (the Living IoT documents: "1.0", "140"); arithmetic is done in integer fen.

export function toFen(decimal: string): number {
  const [whole = '0', fraction = ''] = decimal.split('.');
  return Number(whole) * 100 + Number((fraction + '00').slice(0, 2));
}

/** Living IoT style: no trailing zeros ("140", "29.7"). */
export function formatYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const whole = Math.floor(abs / 100);
  const rest = abs % 100;
  if (rest === 0) return `${sign}${whole}`;
  return `${sign}${whole}.${String(rest).padStart(2, '0').replace(/0$/, '')}`;
}

/** BSS style: two decimals ("140.00"). */
export function formatAmount(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
