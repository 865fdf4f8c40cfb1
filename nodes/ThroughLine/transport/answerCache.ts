import { ANSWER_CACHE } from './limits';

/**
 * Read answers kept between executions of one n8n process, least recently used first out.
 * Answers are stored as JSON text: nothing handed out can edit what is kept, each reader gets its
 * own copy, and the text's length is the size bound. Pure: no timers, the clock is `now`.
 */

export interface CacheBounds {
	maxEntries: number;
	maxBytes: number;
}

export interface CacheHit {
	/** A fresh copy of the answer, the reader's to edit. */
	value: unknown;
	/** How long ago ThroughLine gave this answer. */
	ageMs: number;
}

interface Entry {
	text: string;
	storedAt: number;
	/** After this, the entry is of no use to anyone (neither fresh nor stale) and goes. */
	keepUntil: number;
	size: number;
}

export class AnswerCache {
	/** A Map keeps insertion order: re-inserting on each use puts the least recently used first. */
	private readonly entries = new Map<string, Entry>();
	private totalBytes = 0;

	constructor(private readonly bounds: CacheBounds = ANSWER_CACHE) {}

	/** The clock, a method so tests can move it. */
	now(): number {
		return Date.now();
	}

	get size(): number {
		return this.entries.size;
	}

	get bytes(): number {
		return this.totalBytes;
	}

	/** Keeps a copy of `value` for `keepMs`; an answer bigger than the whole cache is not kept. */
	store(key: string, value: unknown, keepMs: number): void {
		this.storeText(key, value === undefined ? undefined : JSON.stringify(value), keepMs);
	}

	/** `store` for an answer already serialised, so a caller that needs the text too makes it once. */
	storeText(key: string, text: string | undefined, keepMs: number): void {
		this.remove(key);
		if (keepMs <= 0 || text === undefined) return;
		const size = key.length + text.length;
		if (size > this.bounds.maxBytes) return;
		const storedAt = this.now();
		this.entries.set(key, { text, storedAt, keepUntil: storedAt + keepMs, size });
		this.totalBytes += size;
		this.dropExpired();
		for (const [oldest] of this.entries) {
			if (this.entries.size <= this.bounds.maxEntries && this.totalBytes <= this.bounds.maxBytes) break;
			this.remove(oldest);
		}
	}

	/** A copy of the answer to `key` if it is at most `maxAgeMs` old, else undefined. */
	lookup(key: string, maxAgeMs: number): CacheHit | undefined {
		const entry = this.entries.get(key);
		if (!entry) return undefined;
		const now = this.now();
		if (now >= entry.keepUntil) {
			this.remove(key);
			return undefined;
		}
		const ageMs = Math.max(0, now - entry.storedAt);
		if (maxAgeMs <= 0 || ageMs >= maxAgeMs) return undefined;
		this.entries.delete(key);
		this.entries.set(key, entry);
		return { value: JSON.parse(entry.text) as unknown, ageMs };
	}

	/** The keys from least to most recently used (for tests and size reports). */
	keys(): string[] {
		return [...this.entries.keys()];
	}

	clear(): void {
		this.entries.clear();
		this.totalBytes = 0;
	}

	private remove(key: string): void {
		const entry = this.entries.get(key);
		if (!entry) return;
		this.entries.delete(key);
		this.totalBytes -= entry.size;
	}

	private dropExpired(): void {
		const now = this.now();
		for (const [key, entry] of this.entries) if (now >= entry.keepUntil) this.remove(key);
	}
}

/** The one cache of this process: every execution of the ThroughLine node reads and fills it. */
export const sharedAnswers = new AnswerCache();
