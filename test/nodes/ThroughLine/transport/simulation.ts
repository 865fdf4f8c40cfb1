/**
 * Guards for the pacing simulations: a pacing that never lets a request go, or a rate that never
 * grows, must fail the test at once. Without them the loop runs until jest's (or Stryker's)
 * deadline, which made a mutation run of pacing.ts take hours.
 */

/** Ten simulated minutes: each load here finishes in well under two. */
const SIMULATED_LIMIT_MS = 10 * 60_000;

/** Moves jest's fake clock `stepMs` at a time until `isDone()`. */
export async function advanceUntil(isDone: () => boolean, stepMs: number, limitMs = SIMULATED_LIMIT_MS) {
	const start = Date.now();
	while (!isDone()) {
		if (Date.now() - start > limitMs) throw new Error(`the simulation had not finished after ${limitMs / 1000} simulated seconds`);
		await jest.advanceTimersByTimeAsync(stepMs);
	}
}

/** Runs `step` (one simulated second) until `isDone()`, at most `maxSteps` times. */
export function stepUntil(isDone: () => boolean, step: () => void, maxSteps = 600) {
	for (let steps = 0; !isDone(); steps++) {
		if (steps >= maxSteps) throw new Error(`not reached after ${maxSteps} simulated seconds`);
		step();
	}
}
