import { sharedAnswers } from './answerCache';
import { CALL_BUDGET } from './limits';

/**
 * ThroughLine allows 1,000 calls a day for a whole account. A chatbot asking many different
 * questions would spend them with any fixed cache lifetime, and then every person gets an error.
 * So the cache's refreshes are budgeted per credential: this process earns calls at the budget ÷ 25
 * an hour and saves at most an hour's earnings (fewer when answers live shorter), so that any 24
 * hours hold at most the budget. Every call that reached ThroughLine spends one, whoever made it
 * (a read, a retry, an event, a poll, n8n's token requests), once its credential has a budget. Only
 * the refresh of an answer the cache still holds waits: a question never answered has no answer to
 * give, so it is always sent, spending ahead. Pure: the clock is `now`.
 */

interface Account {
	tokens: number;
	/** When `tokens` was last brought up to date. */
	at: number;
	perMs: number;
	cap: number;
	/** Requests sent under the budget that have not spent yet: each will. */
	pending: number;
}

export class CallBudget {
	/** Map order is least recently used first. */
	private readonly accounts = new Map<string, Account>();

	constructor(
		private readonly now: () => number,
		private readonly maxIdentities = CALL_BUDGET.maxIdentities,
	) {}

	/**
	 * Whether an answer the cache holds may be asked again now, under `perDay` calls a day, for
	 * answers that live `lifetimeMs`. Opens the credential's account on first use, full.
	 */
	allowsRefresh(identity: string, perDay: number, lifetimeMs: number): boolean {
		const account = this.settle(identity, perDay, lifetimeMs);
		// Earned in steps, a whole call can add up to a hair below 1.
		return account.tokens - account.pending >= 1 - 1e-9;
	}

	/** A request under the budget starts; `done` when it has ended (its calls spent as they came). */
	begin(identity: string): () => void {
		const account = this.accounts.get(identity);
		if (!account) return () => undefined;
		account.pending++;
		let ended = false;
		return () => {
			if (ended) return;
			ended = true;
			account.pending = Math.max(0, account.pending - 1);
		};
	}

	/** One call reached ThroughLine with this credential. */
	spend(identity: string): void {
		const account = this.accounts.get(identity);
		if (!account) return;
		this.earn(account);
		account.tokens -= 1;
	}

	/** Calls that may be spent now (for tests and size reports); undefined without an account. */
	balance(identity: string): number | undefined {
		const account = this.accounts.get(identity);
		if (!account) return undefined;
		this.earn(account);
		return account.tokens;
	}

	get size(): number {
		return this.accounts.size;
	}

	clear(): void {
		this.accounts.clear();
	}

	private settle(identity: string, perDay: number, lifetimeMs: number): Account {
		const perMs = perDay / CALL_BUDGET.earnOverMs;
		// At least one call saved, or answers shorter-lived than a call's earning could never be asked again.
		const cap = Math.max(1, perMs * Math.min(Math.max(0, lifetimeMs), CALL_BUDGET.saveAtMostMs));
		let account = this.accounts.get(identity);
		if (account) {
			this.earn(account);
			this.accounts.delete(identity);
		} else {
			account = { tokens: cap, at: this.now(), perMs, cap, pending: 0 };
		}
		// The latest asker's budget applies from now on (one workflow usually sets one).
		account.perMs = perMs;
		account.cap = cap;
		account.tokens = Math.min(account.tokens, cap);
		this.accounts.set(identity, account);
		while (this.accounts.size > this.maxIdentities) this.accounts.delete(this.accounts.keys().next().value as string);
		return account;
	}

	private earn(account: Account): void {
		const now = this.now();
		const elapsed = Math.max(0, now - account.at);
		account.tokens = Math.min(account.cap, account.tokens + elapsed * account.perMs);
		account.at = now;
	}
}

/** The one budget of this process, on the answer cache's clock (so both age answers alike). */
export const processBudget = new CallBudget(() => sharedAnswers.now());
