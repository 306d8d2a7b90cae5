/**
 * Who is calling: an end user with a Living IoT token, or a trusted backend with an
 * admin key. Keys are compared in constant time; tokens are kept only in memory, never logged.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

export type Viewer =
  { kind: 'user'; iotToken: string; cacheKey: string } | { kind: 'admin'; cacheKey: string };

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Hash of a credential: a cache key that never holds the credential itself. */
export function credentialKey(prefix: string, value: string): string {
  return `${prefix}:${digest(value).toString('base64url').slice(0, 22)}`;
}

export function createViewerResolver(adminKeys: string[]) {
  const adminDigests = adminKeys.map(digest);
  const isAdminKey = (key: string): boolean => {
    const d = digest(key);
    // Check every key so timing does not tell which (or whether one) matched.
    let match = false;
    for (const a of adminDigests) match = timingSafeEqual(a, d) || match;
    return match;
  };

  /** The viewer for a request's headers, or null when it carries no usable credential. */
  return function resolveViewer(headers: Headers): Viewer | null {
    const apiKey = headers.get('x-api-key');
    if (apiKey !== null) {
      return isAdminKey(apiKey)
        ? { kind: 'admin', cacheKey: credentialKey('admin', apiKey) }
        : null;
    }
    const auth = headers.get('authorization');
    const match = auth ? /^Bearer\s+(\S+)\s*$/i.exec(auth) : null;
    if (match?.[1]) {
      return { kind: 'user', iotToken: match[1], cacheKey: credentialKey('user', match[1]) };
    }
    return null;
  };
}
