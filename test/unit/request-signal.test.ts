import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { followRequestSignal, stopFollowing } from '../../src/server/request-signal.js';

describe('followRequestSignal', () => {
  it('is aborted at once when the request already was, with its reason', () => {
    const request = new AbortController();
    request.abort(new Error('gone'));
    const signal = followRequestSignal(request.signal);
    expect(signal.aborted).toBe(true);
    expect(signal.reason).toEqual(new Error('gone'));
  });

  it('aborts when the request does, and leaves no listener behind', () => {
    const request = new AbortController();
    const signal = followRequestSignal(request.signal);
    expect(signal.aborted).toBe(false);
    expect(signal).not.toBe(request.signal);
    request.abort(new Error('client left'));
    expect(signal.aborted).toBe(true);
    expect(signal.reason).toEqual(new Error('client left'));
    expect(getEventListeners(request.signal, 'abort')).toHaveLength(0);
  });

  it('no longer follows once stopped: its listener removed, the request’s abort not passed on', () => {
    const request = new AbortController();
    const signal = followRequestSignal(request.signal);
    stopFollowing(signal);
    expect(getEventListeners(request.signal, 'abort')).toHaveLength(0);
    request.abort(new Error('client left'));
    expect(signal.aborted).toBe(false);
  });

  it('takes a listener per waiting vendor call without Node warning of a leak', async () => {
    const warnings: Error[] = [];
    const onWarning = (w: Error) => warnings.push(w);
    process.on('warning', onWarning);
    try {
      const signal = followRequestSignal(new AbortController().signal);
      const listeners = Array.from({ length: 30 }, () => () => {});
      for (const l of listeners) signal.addEventListener('abort', l, { once: true });
      await new Promise((r) => setImmediate(r));
      expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
      for (const l of listeners) signal.removeEventListener('abort', l);
    } finally {
      process.off('warning', onWarning);
    }
  });
});
