import { parameterError } from './ilop-codes.js';

// Parameter rules of the Living IoT documents (docs/vendors.md#endpoints); a broken rule is code 460.

export type Params = Record<string, unknown>;

export function requiredString(params: Params, name: string): string {
  const value = params[name];
  if (value === undefined || value === null || value === '') {
    throw parameterError(`${name} is required`, `参数${name}不能为空`);
  }
  if (typeof value !== 'string') {
    throw parameterError(`${name} must be a string`, `参数${name}必须是字符串`);
  }
  return value;
}

export function optionalString(params: Params, name: string): string | null {
  const value = params[name];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string')
    throw parameterError(`${name} must be a string`, `参数${name}必须是字符串`);
  return value;
}

export function optionalBoolean(params: Params, name: string): boolean | null {
  const value = params[name];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'boolean')
    throw parameterError(`${name} must be true or false`, `参数${name}必须是布尔值`);
  return value;
}

interface IntRule {
  min: number;
  max?: number;
  /** The order-query document types the param String (pageNo, pageSize): accept "20" as well as 20. */
  numericString?: boolean;
}

function rangeText(rule: IntRule): { en: string; zh: string } {
  return rule.max === undefined
    ? { en: `at least ${rule.min}`, zh: `不小于${rule.min}` }
    : { en: `between ${rule.min} and ${rule.max}`, zh: `取值范围为${rule.min}~${rule.max}` };
}

export function optionalInt(params: Params, name: string, rule: IntRule): number | null {
  const raw = params[name];
  if (raw === undefined || raw === null) return null;
  let value: number | undefined;
  if (typeof raw === 'number') value = raw;
  else if (rule.numericString && typeof raw === 'string' && /^-?\d+$/.test(raw.trim()))
    value = Number(raw);
  const range = rangeText(rule);
  if (value === undefined || !Number.isInteger(value)) {
    throw parameterError(
      `${name} must be an integer ${range.en}`,
      `参数${name}必须是整数，${range.zh}`,
    );
  }
  if (value < rule.min || (rule.max !== undefined && value > rule.max)) {
    throw parameterError(
      `${name} must be ${range.en}, got ${value}`,
      `参数${name}${range.zh}，当前值${value}`,
    );
  }
  return value;
}

export function requiredInt(params: Params, name: string, rule: IntRule): number {
  const value = optionalInt(params, name, rule);
  if (value === null) throw parameterError(`${name} is required`, `参数${name}不能为空`);
  return value;
}

/** A string that must be one of `values` when given. */
export function optionalOneOf<T extends string>(
  params: Params,
  name: string,
  values: readonly T[],
): T | null {
  const value = optionalString(params, name);
  if (value === null) return null;
  if (!(values as readonly string[]).includes(value)) {
    throw parameterError(
      `${name} must be one of ${values.join(', ')}, got ${value}`,
      `参数${name}取值为${values.join('、')}，当前值${value}`,
    );
  }
  return value as T;
}
