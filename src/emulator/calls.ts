/** Calls received per API (a Living IoT path or a BSS Action), rejected ones included. */
export interface CallCounts {
  total: number;
  byApi: Record<string, number>;
}

export class CallCounter {
  #total = 0;
  #byApi = new Map<string, number>();

  record(api: string): void {
    this.#total++;
    this.#byApi.set(api, (this.#byApi.get(api) ?? 0) + 1);
  }

  snapshot(): CallCounts {
    return { total: this.#total, byApi: Object.fromEntries(this.#byApi) };
  }

  reset(): void {
    this.#total = 0;
    this.#byApi.clear();
  }
}
