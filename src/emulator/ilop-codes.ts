// Living IoT business codes and messages (docs/vendors.md#business-codes). localizedMsg follows
// request.language: zh-CN (the default, as in the seeds' examples) or en-US.

export type Language = 'zh-CN' | 'en-US';

export interface Localized {
  en: string;
  zh: string;
}

export const ILOP_CODES: Record<number, { message: string; zh: string }> = {
  200: { message: 'success', zh: 'success' },
  400: { message: 'request error.', zh: '请求错误' },
  401: { message: 'request auth error.', zh: '请求鉴权错误' },
  403: { message: 'request forbidden.', zh: '请求被禁止' },
  404: { message: 'service not found.', zh: '服务不存在' },
  429: { message: 'too many requests.', zh: '请求过于频繁' },
  460: { message: 'request parameter error.', zh: '请求参数错误' },
  500: { message: 'service error.', zh: '服务错误' },
  503: { message: 'service not available.', zh: '服务不可用' },
  2062: { message: 'identityId does not exist.', zh: '用户身份不存在或已过期' },
  2065: { message: 'identityId and iotId not bound', zh: '用户与设备没有绑定关系' },
  2066: { message: 'identityId is not manager', zh: '用户不是设备的管理员' },
  // A guess: no document names the code for a free plan already claimed (src/emulator/README.md).
  6451: { message: 'free cloud storage already consumed', zh: '免费云存储已领取' },
  20003: { message: 'gateway.notfoundbackendrouter', zh: '找不到该版本的后端路由' },
  20056: { message: 'gateway.hsf.invoke.timeout', zh: '后端服务调用超时' },
};

/** A business failure: becomes the envelope's code, message and localizedMsg (HTTP stays 200). */
export class IlopFailure extends Error {
  readonly code: number;
  readonly localized: Localized | undefined;

  constructor(code: number, localized?: Localized) {
    super(ILOP_CODES[code]?.message ?? `error ${code}`);
    this.code = code;
    this.localized = localized;
  }
}

/** Code 460 with a localizedMsg naming the parameter and the rule. */
export function parameterError(en: string, zh: string): IlopFailure {
  return new IlopFailure(460, { en, zh });
}

export function localizedMessage(failure: IlopFailure, language: Language): string {
  if (failure.localized) return language === 'en-US' ? failure.localized.en : failure.localized.zh;
  const entry = ILOP_CODES[failure.code];
  if (!entry) return failure.message;
  return language === 'en-US' ? entry.message : entry.zh;
}
