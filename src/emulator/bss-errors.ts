// BSS OpenAPI error codes and their HTTP statuses (docs/vendors.md#errors).

export const BSS_ERRORS: Record<string, { status: number; message: string }> = {
  SignatureDoesNotMatch: {
    status: 400,
    message: 'Specified signature does not match our calculation.',
  },
  IncompleteSignature: {
    status: 400,
    message: 'The request signature does not conform to Aliyun standards.',
  },
  'InvalidAccessKeyId.NotFound': { status: 404, message: 'Specified access key is not found.' },
  SignatureNonceUsed: { status: 400, message: 'Specified signature nonce was used already.' },
  'InvalidTimeStamp.Expired': {
    status: 400,
    message: 'Specified time stamp or date value is expired.',
  },
  'Throttling.User': { status: 400, message: 'Request was denied due to user flow control.' },
  MissingParameter: { status: 400, message: 'A required parameter is missing.' },
  InvalidParameter: { status: 400, message: 'A parameter is not valid.' },
  InvalidOwner: { status: 400, message: "The specified owner doesn't belong to caller." },
  InternalError: {
    status: 500,
    message: 'The request processing has failed due to some unknown error.',
  },
  ServiceUnavailable: {
    status: 503,
    message: 'The request has failed due to a temporary failure of the server.',
  },
  'InvalidAction.NotFound': {
    status: 404,
    message: 'Specified api is not found, please check your url and method.',
  },
};

/** A BSS error answer: `{RequestId, HostId, Code, Message, Recommend}` with its HTTP status. */
export class BssFailure extends Error {
  readonly code: string;
  readonly status: number;

  constructor(code: string, message?: string, status?: number) {
    const known = BSS_ERRORS[code];
    super(message ?? known?.message ?? code);
    this.code = code;
    this.status = status ?? known?.status ?? 400;
  }
}

/** For failWith {httpStatus}: the error code BSS uses for that status. */
export function bssCodeForStatus(status: number): string {
  if (status === 503) return 'ServiceUnavailable';
  if (status === 404) return 'InvalidAction.NotFound';
  if (status === 400) return 'InvalidParameter';
  return 'InternalError';
}
